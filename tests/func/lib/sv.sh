# tests/func/lib/sv.sh - helpers shared by the sv_*.sh test files, and their
# $SVDIR (sourced by them after lib.sh; not a test file: tests/func/run
# takes tests/func/*.sh only).
# Services live in $T/s, which is $SVDIR, so "sv status a" means $T/s/a.

SVDIR=$T/s
export SVDIR
unset SVWAIT

# masksecs: ages change from run to run: "(pid 12) 3s" -> "(pid 12) Ns"
masksecs () { sed -E 's/([:)] )[0-9]+s/\1Ns/g' ; }

# out_is RC EXPECTED CMD...: runs CMD; its exit code must be RC and its
# stdout (ages masked) EXPECTED; its stderr is left in the file err
out_is () {
  _oi_rc=$1 ; _oi_want=$2 ; shift 2
  "$@" > out 2> err
  _oi_got=$?
  test "$(masksecs < out)" = "$_oi_want" || fail "$*: stdout [$(cat out)], want [$_oi_want]; stderr [$(cat err)]"
  test "$_oi_got" = "$_oi_rc" || fail "$*: exit code $_oi_got, want $_oi_rc; stdout [$(cat out)]; stderr [$(cat err)]"
}

# err_is EXPECTED: what the last out_is left on stderr
err_is () { assert_eq "$1" "$(cat err)" "stderr" ; }

# usage_is LINE...: stderr is these lines, then runit's empty line
usage_is () {
  for _ui in "$@" ; do printf '%s\n' "$_ui" ; done > want_err
  echo >> want_err
  cmp -s want_err err || fail "stderr [$(cat err)], want [$(cat want_err)]"
}

# then_is EXPECTED: the stdout of the last command, ages masked (for lines
# naming a pid that exists only once the command ran)
then_is () { assert_eq "$1" "$(masksecs < out)" "stdout" ; }

# state_is NAME STAT: s/NAME/supervise/stat says exactly STAT
state_is () { test "$(stat_of "s/$1")" = "$2" ; }

# svc NAME [BODY]: service s/NAME running BODY (a long sleep) under our runsv, up
svc () {
  mksvc "s/$1" "${2:-exec sleep 1000}"
  start_runsv "s/$1"
  wait_for 5 "state_is $1 run" "s/$1 to run"
}

# svc_down NAME [BODY]: the same with a down file: runsv is there, the service is not
svc_down () {
  mksvc "s/$1" "${2:-exec sleep 1000}"
  touch "s/$1/down"
  start_runsv "s/$1"
}

# ignoring NAME: a service that ignores TERM (stop times out on it)
ignoring () {
  svc "$1" 'trap "" TERM
echo $$ > runpid
while : ; do sleep 0.05 ; done'
}

# sigsvc NAME: a service noting every signal it gets in s/NAME/sigs
sigsvc () {
  svc "$1" 'for s in HUP ALRM INT QUIT USR1 USR2 CONT TERM ; do trap "echo $s >> sigs" $s ; done
echo $$ > runpid
while : ; do sleep 0.05 ; done'
  wait_for 5 "test -s s/$1/runpid"
}

# got NAME SIG: the service noted SIG
got () { grep -qx "$2" "s/$1/sigs" 2>/dev/null ; }

# old NAME: wait until NAME's process is over a second old, past runsv's restart pause
old () { wait_for 5 "test \$(( \$(now_ms) - \$(status_ms s/$1) )) -ge 1100" "s/$1 to be over 1 s old" ; }

# lsb NAME: an init script for service NAME (sv under another name), as ./NAME
lsb () { ln -s "$SV_BIN/sv" "$1" ; }

# status_file DIR PID STATE WANT PAUSED TERM: writes DIR/supervise/status by
# hand, started now (STATE d, r or f; WANT u or d; PID below 256)
octal () { printf '\\%03o' "$1" ; }
status_file () {
  _sf_s=$(( $(date +%s) + 10 ))
  _sf_state=0 ; test "$3" = r && _sf_state=1 ; test "$3" = f && _sf_state=2
  printf "\\100\\0\\0\\0$(octal $((_sf_s >> 24 & 255)))$(octal $((_sf_s >> 16 & 255)))$(octal $((_sf_s >> 8 & 255)))$(octal $((_sf_s & 255)))\\0\\0\\0\\0$(octal "$2")\\0\\0\\0$(octal "$5")$4$(octal "$6")$(octal $_sf_state)" > "$1/supervise/status.new"
  mv "$1/supervise/status.new" "$1/supervise/status"
}

# fakerunsv NAME: s/NAME looks served (supervise/ok held open by this shell) with whatever status we write
fakerunsv () {
  mkdir -p "s/$1/supervise"
  mkfifo "s/$1/supervise/ok" "s/$1/supervise/control"
  exec 7<> "s/$1/supervise/ok" 8<> "s/$1/supervise/control"
}

# be32 N: N as 4 big-endian bytes, printf escapes; label SECS: runit's
# 12-byte label of Unix second SECS, or 12 zero bytes (none) for 0
be32 () { octal $(($1 >> 24 & 255)) ; octal $(($1 >> 16 & 255)) ; octal $(($1 >> 8 & 255)) ; octal $(($1 & 255)) ; }
label () {
  if test "$1" = 0 ; then printf '\\000%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 ; return ; fi
  _l=$(( 0x400000000000000a + $1 ))
  be32 $(( _l >> 32 & 0xffffffff )) ; be32 $(( _l & 0xffffffff )) ; be32 0
}
# state4_file DIR FLAGS WSTAT INTERVAL FAILS LAST CHECKAT SCHED NEXT RUNS SKIPPED SPEC:
# DIR/supervise/state by hand, version 4 (lib/superstate.h): state FLAGS
# (4: exited), WSTAT the last run's wait status (256: exit 1); the check's
# INTERVAL ms, FAILS in a row, LAST (0 none, 1 pass, 2 fail), CHECKAT (Unix
# seconds, 0 none); the schedule's flags SCHED (1 on, 3 on and not
# valid), NEXT (Unix seconds, 0 none), RUNS, SKIPPED, SPEC (ASCII)
state4_file () {
  # shellcheck disable=SC2059 # the formats are the bytes, escapes and all
  {
    printf "\\004$(octal "$2")\\000\\000$(label 0)$(be32 1)$(be32 "$3")$(label 0)$(be32 0)$(be32 0)$(be32 0)\\000\\000\\000\\000"
    printf "$(be32 "$4")$(be32 "$5")$(octal "$6")\\000\\000\\000$(label "$7")"
    printf "$(octal "$8")\\000\\000\\000$(label "$9")$(be32 "${10}")$(be32 "${11}")$(octal $((${#12} >> 8)))$(octal $((${#12} & 255)))"
    printf '%s' "${12}"
  } > "$1/supervise/state.new"
  mv "$1/supervise/state.new" "$1/supervise/state"
}
