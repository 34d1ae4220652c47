# tests/func/runsvdir_secrets.sh - RUNSVDIR_SECRETS (runsvdir(8),
# ENVIRONMENT): each listed NAME from the file NAME_FILE names, read once
# before anything starts, reaching every init task, ./run, ./check,
# ./finish and the main command, and written nowhere; each refusal exit 100
# with one line naming NAME_FILE and the file, and nothing started.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the scripts' to expand:
# shellcheck disable=SC2016

RUNSVDIR=$SV_BIN/runsvdir
VALUE='hunter2-Zq8vX3pL'    # a value no other byte of the case holds by chance
TOKEN='tok-9fKd2Wm'

# seen WHO: what WHO (a script) wrote of its DB_PASSWORD, API_TOKEN and DB_PASSWORD_FILE
seen () { cat "seen/$1" 2> /dev/null ; }
# report: the line a script writes into seen/WHO (its variables, | after each)
REPORT='printf "%s|%s|%s|" "$DB_PASSWORD" "$API_TOKEN" "$DB_PASSWORD_FILE"'

# secret_files: secrets/db (VALUE and a newline) and secrets/token (TOKEN and two newlines)
secret_files () {
  mkdir -p secrets seen
  printf '%s\n' "$VALUE" > secrets/db
  printf '%s\n\n' "$TOKEN" > secrets/token
}

# refusal_tree: an init task, a service and a main command that each leave a mark if they start
refusal_tree () {
  mkdir -p sd init seen
  mkscript init/10-task "touch $PWD/seen/task"
  mksvc sd/a "touch $PWD/seen/run ; exec sleep 600"
}

# refused 'what' [VAR=VALUE...]: runsvdir -i init sd -- PROG, with the
# variables, must exit 100 at once with one line on stderr (in err), and
# nothing may have started
refused () {
  _what=$1 ; shift
  env "$@" timeout 10 "$RUNSVDIR" -i init sd -- sh -c "touch $PWD/seen/prog" 2> err < /dev/null
  _rc=$?
  assert_eq 100 "$_rc" "exit code ($_what): $(cat err)"
  assert_eq 1 "$(wc -l < err | tr -d ' ')" "lines on stderr ($_what): $(cat err)"
  for _m in task run prog ; do
    test ! -e "seen/$_m" || fail "$_what: the $_m started"
  done
  test ! -e sd/a/supervise || fail "$_what: a runsv started"
}

# no_value FILE...: none of the files holds VALUE or TOKEN
no_value () {
  for _f ; do
    ! grep -qF -e "$VALUE" -e "$TOKEN" "$_f" || fail "a secret's value in $_f: $(cat "$_f")"
  done
}

t_secret_reaches_task_run_check_finish_and_main_command () {
  secret_files
  mkdir sd init
  mkscript init/10-task "$REPORT > $PWD/seen/task"
  mksvc sd/a "$REPORT > $PWD/seen/run ; exec sleep 600"
  mkscript sd/a/finish "$REPORT > $PWD/seen/finish"
  # every 100 ms: written aside, then renamed, never seen half-written
  mkscript sd/a/check "$REPORT > $PWD/seen/check.tmp ; mv $PWD/seen/check.tmp $PWD/seen/check"
  echo 100 > sd/a/check-interval
  # a logger too: its supervise files and its run's environment
  mksvc sd/a/log "$REPORT > $PWD/seen/log ; exec cat > /dev/null"
  export RUNSVDIR_SECRETS=DB_PASSWORD,API_TOKEN DB_PASSWORD_FILE="$PWD/secrets/db" API_TOKEN_FILE="$PWD/secrets/token"
  pid1 -i init sd -- sh -c "$REPORT > $PWD/seen/prog ; exec sleep 600" > out.txt
  unset RUNSVDIR_SECRETS DB_PASSWORD_FILE API_TOKEN_FILE
  test -n "$R" || fail "runsvdir ended at once: $(cat err)"
  want="$VALUE|$TOKEN
|$PWD/secrets/db|"
  wait_for 10 'test -s seen/prog && test -s seen/check && test -s seen/log' "the main command, a check and the logger"
  for w in task run check log prog ; do
    assert_eq "$want" "$(seen $w)" "what the $w saw (one trailing newline removed, NAME_FILE kept)"
  done
  # what sv shows of it, and what runsv and sv write
  sv status sd/a > status.txt 2>&1
  sv -j status sd/a > json.txt 2>&1
  grep -q '^{' json.txt || fail "no JSON from sv -j status: $(cat json.txt)"
  kill -TERM "$R"
  wait "$UNS"
  assert_eq 0 "$?" "exit code after SIGTERM: $(cat err)"
  assert_eq "$want" "$(seen finish)" "what ./finish saw"
  grep -q 'stopped 1 service' err || fail "no stop report: $(cat err)"
  # everything the case's directory holds but the secrets and what the scripts wrote
  find . -type f ! -path './secrets/*' ! -path './seen/*' > files
  grep -q 'supervise/status' files || fail "no supervise/status in: $(cat files)"
  # shellcheck disable=SC2046
  no_value $(cat files)
}

t_refused_missing_file () {
  refusal_tree
  refused "missing file" RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/nope"
  assert_eq "runsvdir sd: fatal: unable to read DB_PASSWORD_FILE=$PWD/nope: file does not exist" "$(cat err)" "the line"
}

t_refused_unreadable_file () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  chmod 755 "$T"  # nobody may work here, not read the secret
  refusal_tree
  secret_files
  chmod 600 secrets/db
  chmod 755 secrets
  # as nobody (root reads any file); its marks in a place it may write
  chmod 777 seen
  refused "unreadable file" setpriv --reuid=65534 --regid=65534 --clear-groups env RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/db"
  assert_eq "runsvdir sd: fatal: unable to read DB_PASSWORD_FILE=$PWD/secrets/db: access denied" "$(cat err)" "the line"
}

t_refused_not_a_regular_file () {
  refusal_tree
  mkfifo fifo
  mkdir adir
  # a FIFO nobody writes: refused at once, no hang in its open
  refused "a FIFO" RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/fifo"
  assert_eq "runsvdir sd: fatal: unable to read DB_PASSWORD_FILE=$PWD/fifo: not a regular file" "$(cat err)" "the line"
  refused "a directory" RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/adir"
  assert_eq "runsvdir sd: fatal: unable to read DB_PASSWORD_FILE=$PWD/adir: not a regular file" "$(cat err)" "the line"
}

t_refused_over_64_kib_but_64_kib_is_fine () {
  refusal_tree
  secret_files
  { printf '%s' "$VALUE" ; head -c 65536 /dev/zero | tr '\0' x ; } > secrets/big
  refused "over 64 KiB" RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/big"
  assert_eq "runsvdir sd: fatal: DB_PASSWORD_FILE=$PWD/secrets/big: more than 64 KiB" "$(cat err)" "the line"
  # 64 KiB exactly, its last byte the newline removed: 65535 bytes reach the service
  { printf '%s' "$VALUE" ; head -c $(( 65535 - ${#VALUE} )) /dev/zero | tr '\0' x ; echo ; } > secrets/max
  mksvc sd/a 'printf %s "$DB_PASSWORD" | wc -c > ../../seen/len ; exec sleep 600'
  RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/max" "$RUNSVDIR" sd 2> err &
  rsd=$!
  wait_for 10 'test -s seen/len' "the service with a 64 KiB secret"
  kill -TERM $rsd ; wait $rsd
  assert_eq 65535 "$(tr -d ' ' < seen/len)" "the value's length"
  test ! -s err || fail "something said: $(cat err)"
}

t_refused_nul_byte () {
  refusal_tree
  secret_files
  printf '%s\0more\n' "$VALUE" > secrets/nul
  refused "a NUL byte" RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/nul"
  assert_eq "runsvdir sd: fatal: DB_PASSWORD_FILE=$PWD/secrets/nul: holds a NUL byte, which no environment variable can" "$(cat err)" "the line"
}

t_refused_name_already_set_to_another_value () {
  refusal_tree
  secret_files
  refused "already set" RUNSVDIR_SECRETS=API_TOKEN,DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/db" DB_PASSWORD=other-Wq3 API_TOKEN_FILE="$PWD/secrets/token"
  assert_eq "runsvdir sd: fatal: DB_PASSWORD is already set, to something other than what DB_PASSWORD_FILE=$PWD/secrets/db holds" "$(cat err)" "the line"
  no_value err
  ! grep -q other-Wq3 err || fail "the value set is in the line: $(cat err)"
}

t_refused_bad_names_in_the_list () {
  refusal_tree
  secret_files
  # before any file is opened: a good name first changes nothing
  refused "a dash" RUNSVDIR_SECRETS=API_TOKEN,DB-PASSWORD API_TOKEN_FILE="$PWD/secrets/token"
  assert_eq 'runsvdir sd: fatal: invalid RUNSVDIR_SECRETS: "DB-PASSWORD" is not a variable name (letters, digits and _, separated by commas)' "$(cat err)" "the line"
  for l in 'A,,B' 'A,' ',A' ; do
    refused "empty item in [$l]" RUNSVDIR_SECRETS="$l"
    assert_eq 'runsvdir sd: fatal: invalid RUNSVDIR_SECRETS: an empty name (a comma too many)' "$(cat err)" "the line for [$l]"
  done
  refused "a space" RUNSVDIR_SECRETS='A, B'
  assert_eq 'runsvdir sd: fatal: invalid RUNSVDIR_SECRETS: " B" is not a variable name (letters, digits and _, separated by commas)' "$(cat err)" "the line"
  refused "a digit first" RUNSVDIR_SECRETS='9A'
  refused "a newline" RUNSVDIR_SECRETS="$(printf 'A\nB')"
  assert_eq 'runsvdir sd: fatal: invalid RUNSVDIR_SECRETS: "A\nB" is not a variable name (letters, digits and _, separated by commas)' "$(cat err)" "the line: the newline escaped"
  no_value err
}

t_listed_name_without_file_is_one_warning () {
  secret_files
  mkdir sd
  mksvc sd/a "$REPORT > $PWD/seen/run ; exec sleep 600"
  RUNSVDIR_SECRETS=API_TOKEN,DB_PASSWORD API_TOKEN_FILE="$PWD/secrets/token" "$RUNSVDIR" sd 2> err &
  rsd=$!
  wait_for 10 'test -s seen/run' "the service"
  kill -TERM $rsd ; wait $rsd
  assert_eq "|$TOKEN
||" "$(seen run)" "what the service saw"
  assert_eq "runsvdir sd: warning: RUNSVDIR_SECRETS lists DB_PASSWORD but DB_PASSWORD_FILE is not set: DB_PASSWORD is left as it is" "$(cat err)" "the one warning"
}

t_unlisted_file_variables_are_never_read () {
  need_root
  secret_files
  mkdir sd
  mkfifo fifo
  printf 'unlisted-Vb7\n' > unreadable
  chmod 000 unreadable
  mksvc sd/a "$REPORT > $PWD/seen/run ; exec sleep 600"
  # SSL_CERT_FILE a FIFO nobody writes (an open would hang), OTHER_FILE missing,
  # SECRET_FILE unreadable by nobody: none is listed, none is opened
  chmod 755 "$T" secrets
  chmod 777 seen
  chown -R 65534 sd
  setpriv --reuid=65534 --regid=65534 --clear-groups env RUNSVDIR_SECRETS=DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/db" \
    SSL_CERT_FILE="$PWD/fifo" OTHER_FILE="$PWD/nope" SECRET_FILE="$PWD/unreadable" \
    "$RUNSVDIR" sd 2> err &
  rsd=$!
  wait_for 10 'test -s seen/run' "the service"
  kill -TERM $rsd ; wait $rsd
  assert_eq "$VALUE||$PWD/secrets/db|" "$(seen run)" "what the service saw"
  test ! -s err || fail "something said: $(cat err)"
}

t_name_already_set_to_the_same_value_is_fine () {
  secret_files
  mkdir sd
  mksvc sd/a "$REPORT > $PWD/seen/run ; exec sleep 600"
  # DB_PASSWORD listed twice and set as the file says; API_TOKEN from its file only
  DB_PASSWORD=$VALUE RUNSVDIR_SECRETS=DB_PASSWORD,API_TOKEN,DB_PASSWORD DB_PASSWORD_FILE="$PWD/secrets/db" API_TOKEN_FILE="$PWD/secrets/token" "$RUNSVDIR" sd 2> err &
  rsd=$!
  wait_for 10 'test -s seen/run' "the service"
  kill -TERM $rsd ; wait $rsd
  assert_eq "$VALUE|$TOKEN
|$PWD/secrets/db|" "$(seen run)" "what the service saw"
  test ! -s err || fail "something said: $(cat err)"
}
