# tests/func/chpst_env.sh - chpst -b and -e (chpst(8), OPTIONS, ENVIRONMENT
# DIRECTORIES): argv[0], an env dir's values, and the files it refuses.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_argv0 () {
  chpst -b myname sh -c 'echo "$0"' > out || fail "chpst -b failed"
  assert_eq myname "$(cat out)" "argv[0]"
  # the program is still found by its own name, and the last -b wins
  chpst -b one -b two sh -c 'echo "$0"' > out
  assert_eq two "$(cat out)" "argv[0]"
}

t_envdir_values () {
  mkdir e
  printf 'bar  \t\nsecond line\n' > e/FOO
  printf 'a\0b\n' > e/NUL
  : > e/HOME
  printf '\n' > e/EMPTY
  printf 'cr\r\n' > e/CR
  printf ' lead' > e/LEAD
  printf 'x \0 ' > e/SPNUL
  printf 'hidden' > e/.DOT
  printf 'new' > e/OLD
  OLD=old HOME=/h chpst -e e sh -c '
    printf "[%s]" "$FOO" "$NUL" "${HOME-unset}" "${EMPTY-unset}" "$CR" "$LEAD" "$SPNUL" "$OLD"' > out || fail "chpst -e failed"
  assert_eq "$(printf '[bar][a\nb][unset][][cr\r][ lead][x \n][new]')" "$(cat out)" "values from the env dir"
  chpst -e e env > env.out
  grep -q '^\.DOT=' env.out && fail "a dot-file was used"
  # a long first line is used whole
  awk 'BEGIN { while (i++ < 5000) printf "v" ; print "" ; print "second" }' > e/LONG
  chpst -e e sh -c 'printf %s "$LONG"' > out
  assert_eq 5000 "$(wc -c < out | tr -d ' ')" "length of a 5000-byte value"
}

t_envdir_subdir () {
  persona envdir
  mkdir -p e/SUB
  echo 1 > e/A
  # chpst -e skips a subdirectory; -v says so
  chpst -e e sh -c 'echo $A' > out 2> err || fail "chpst -e with a subdirectory failed"
  assert_eq 1 "$(cat out)"
  assert_eq "" "$(cat err)" "stderr without -v"
  chpst -v -e e sh -c 'echo $A' > out 2> err || fail "chpst -v -e failed"
  assert_eq "chpst: warning: unable to read e/SUB: is a directory" "$(errline)"
  # the envdir personality refuses it, as daemontools' envdir
  assert_rc 111 ./envdir e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/SUB: is a directory" "$(errline)"
  assert_not_ran
}

t_envdir_errors () {
  assert_rc 111 chpst -e nodir sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: nodir: file does not exist" "$(errline)"
  echo x > file
  assert_rc 111 chpst -e file sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: file: not a directory" "$(errline)"
  mkdir e
  ln -s nowhere e/LINK
  assert_rc 111 chpst -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/LINK: file does not exist" "$(errline)"
  rm e/LINK
  # a name with "=" would make a malformed variable (runit lets it through)
  echo v > 'e/A=B'
  assert_rc 111 chpst -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: invalid environment variable name (contains =): e/A=B" "$(errline)"
  assert_not_ran
}

t_envdir_not_regular () {
  persona envdir
  mkdir e
  echo 1 > e/A
  mkfifo e/FIFO
  # a FIFO is refused, not opened: opening it would block until a writer came
  # (timeout: a chpst that blocks must fail the case, not hang it)
  assert_rc 111 timeout 10 "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/FIFO: not a regular file" "$(errline)"
  assert_rc 111 timeout 10 ./envdir e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/FIFO: not a regular file" "$(errline)"
  rm e/FIFO
  # a device, even one that reads as empty, is not a variable
  ln -s /dev/null e/NULL
  assert_rc 111 timeout 10 "$CHPST" -v -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/NULL: not a regular file" "$(errline)"
  assert_not_ran
}

t_envdir_long_line () {
  mkdir e
  # a first line of up to 131072 bytes is read (this one passes through exec)
  awk 'BEGIN { while (i++ < 100000) printf "v" }' > e/LONG
  chpst -e e sh -c 'printf %s "$LONG"' > out || fail "chpst -e with a 100000-byte value failed"
  assert_eq 100000 "$(wc -c < out | tr -d ' ')" "length of a 100000-byte value"
  # a longer one is refused before the program runs, not cut
  awk 'BEGIN { while (i++ < 131073) printf "v" ; print "" }' > e/LONG
  assert_rc 111 timeout 10 "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/LONG: first line longer than 131072 bytes" "$(errline)"
  assert_not_ran
}

t_envdir_unreadable () {
  need_nobody
  mkdir e
  echo 1 > e/A
  echo 2 > e/SECRET
  chmod 0 e/SECRET
  assert_rc 111 nobody "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/SECRET: access denied" "$(errline)"
  chmod 700 e
  chmod 644 e/SECRET
  assert_rc 111 nobody "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: e: access denied" "$(errline)"
  assert_not_ran
}

t_envdir_path_lookup () {
  mkdir e
  echo /nonexistent > e/PATH
  # the program is found through chpst's own PATH; it then sees the new one
  chpst -e e sh -c 'echo "$PATH"' > out || fail "chpst -e with PATH failed"
  assert_eq /nonexistent "$(cat out)"
}

t_envdir_before_user () {
  need_root
  # a root-only env dir: read before the uid switch
  mkdir -m 700 e
  echo secret > e/S
  chmod 600 e/S
  chpst -e e -u nobody sh -c 'echo "$S"; id -u' > out || fail "chpst -e e -u nobody failed"
  assert_eq "secret
65534" "$(cat out)"
}
