# tests/func/svlogd_signals.sh - svlogd's signals (svlogd(8), SIGNALS):
# SIGHUP (a new config), SIGALRM (a rotation) and SIGTERM (the line being
# read is finished).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_sighup_new_config () {
  mkdir d
  sl_start d
  sl_send "before"
  wait_for 5 "grep -q before d/current"
  printf 'pNEW:\n-*skip*\n' > d/config
  kill -HUP "$SL_PID"
  # a HUP closes current cleanly and reopens it: wait for the new config to act
  wait_for 5 "sl_send probe ; grep -q '^NEW:probe' d/current" "the new config"
  sl_send "skip me" "after"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "before" "$(head -n 1 d/current)"
  assert_eq "NEW:after" "$(tail -n 1 d/current)"
  grep -q "skip me" d/current && fail "deselected line logged"
  # a HUP when no directory can be reopened: exit 111
  mkdir e
  sl_start e
  sl_send "x"
  wait_for 5 "test -s e/current"
  mv e gone
  kill -HUP "$SL_PID"
  sl_wait
  assert_eq 111 "$SL_RC" "exit code without a usable directory"
  grep -q "^svlogd: fatal: no functional log directories.$" err || fail "no fatal message: $(cat err)"
  assert_file gone/current "x"
}

t_sigalrm () {
  mkdir d e
  sl_start -v d e
  sl_send "one"
  wait_for 5 "test -s d/current && test -s e/current"
  assert_eq 644 "$(stat -c %a d/current)" "mode of current while in use"
  kill -ALRM "$SL_PID"
  wait_rotated d 1
  wait_rotated e 1
  assert_file "d/$(old d)" "one"
  # an empty current is not rotated
  kill -ALRM "$SL_PID"
  wait_for 5 "test \$(grep -c 'sigalarm received' err) -eq 2" "the second SIGALRM"
  sl_send "two"
  wait_for 5 "test -s d/current"
  assert_eq 1 "$(nold d)" "rotations"
  sl_stop
  assert_file d/current "two"
  assert_eq 744 "$(stat -c %a d/current)" "mode of current after a clean exit"
}

t_sigterm_finishes_line () {
  mkdir d
  sl_start -v d
  printf 'full\npart' >&3
  wait_for 5 "grep -q full d/current"
  kill -TERM "$SL_PID"
  wait_for 5 "grep -q 'sigterm received' err" "svlogd to see SIGTERM"
  printf 'ial\nnext\n' >&3
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "full|partial" "$(tr '\n' '|' < d/current | sed 's/|$//')" "the line being read is finished"
  assert_eq 744 "$(stat -c %a d/current)" "mode after TERM"
  # and the rest is left in the pipe for the next reader
  timeout 5 head -n 1 < in > rest &
  exec 3>&-
  wait $!
  assert_file rest "next"
}

t_sigterm_idle_and_partial () {
  mkdir d e
  sl_start d
  sl_send "a"
  wait_for 5 "test -s d/current"
  kill -TERM "$SL_PID"
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_file d/current "a"
  # a partial line that never ends is written after a second
  sl_start e
  printf 'x\nnever ends' >&3
  wait_for 5 "test -s e/current"
  kill -TERM "$SL_PID"
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "x|never ends" "$(tr '\n' '|' < e/current | sed 's/|$//')"
}
