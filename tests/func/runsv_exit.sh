# tests/func/runsv_exit.sh - runsv's exit (runsv(8), "Commands",
# "Leftovers", SIGNALS, EXIT STATUS): x and SIGTERM, what ends in which
# order (./run, ./finish, the logger), an exit that nothing cancels, ./run's
# process group and what it left behind, a SIGTERM pending at birth, orphans
# reaped as PID 1.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

t_exit_command () {
  sigsvc s
  mkscript s/finish 'echo "$@" > fin ; echo finish-out'
  mksvc s/log 'while IFS= read -r l ; do echo "$l" >> out ; done ; echo eof >> out'
  start_runsv s
  wait_for 5 "state_is s run && test -s s/runpid"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "runsv exit code after x"
  grep -qx TERM s/sigs && grep -qx CONT s/sigs || fail "signals: $(cat s/sigs)"
  assert_eq "0 0" "$(cat s/fin)" "finish ran"
  # the logger got finish's output, then EOF, after the service was down
  assert_eq "finish-out
eof" "$(cat s/log/out)" "log output"
  assert_eq down "$(stat_of s)" "final stat"
  assert_eq "" "$(pid_of s)" "final pid file"
  assert_eq down "$(stat_of s/log)" "final log stat"
}

t_sigterm_is_exit () {
  sigsvc s
  mkscript s/finish 'echo ran > fin'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  kill -TERM "$RUNSV_PID"
  wait "$RUNSV_PID" ; assert_eq 0 $? "runsv exit code after SIGTERM"
  grep -qx TERM s/sigs || fail "service got no TERM"
  assert_eq ran "$(cat s/fin)" "finish after SIGTERM"
}

t_exit_when_down () {
  mksvc s 'exec sleep 100'
  touch s/down
  start_runsv s
  ctl s x
  # (how soon: bench/run's figure 15; the deadline only catches a runsv that stays)
  wait_for 10 "gone $RUNSV_PID" "runsv to exit on x"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
}

t_pid1_reaps_orphans () {
  need_root
  # runsv as PID 1 of a PID namespace reaps orphans of its service at once
  mksvc s 'for i in 1 2 3 4 5 ; do sh -c "sleep 0.1 &" ; done ; exec sleep 100'
  unshare --pid --fork --kill-child --mount-proc sh -c 'exec runsv s' > s.log 2>&1 &
  wait_for 5 "state_is s run"
  # once the five orphans have exited, none stays a zombie
  wait_for 5 "! ps -eo args | grep -q '^sleep 0.1'" "orphans to exit"
  # (a runsv that does not reap leaves them for ever: the deadline only
  # catches that; how soon is bench/run's figure 15, an orphan's reap)
  wait_for 5 "test -z \"\$(ps -eo stat | grep '^Z')\"" "orphans reaped"
}

t_exit_stops_what_run_left_behind () {
  # run = helper & exec daemon: the helper holds the log pipe; on x the
  # whole group gets TERM, so the logger sees EOF and runsv exits at once
  command -v strace > /dev/null || skip "strace is not installed"
  mkscript s/helper 'trap "echo helper-term >> helper.out ; exit 0" TERM
while : ; do sleep 0.1 & wait $! ; done'
  mksvc s 'exec 2>&1
./helper &
echo $! > helper.pid
exec sh -c "trap \"echo daemon-last-line ; exit 0\" TERM ; echo daemon-up ; while : ; do sleep 0.1 & wait \$! ; done"'
  mksvc s/log 'exec cat > out'
  # (no leak check: LeakSanitizer cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -e trace=kill -o rs.trace "$SV_BIN/runsv" s > s.log 2>&1 &
  RUNSV_PID=$!
  # runsv opens supervise/ok after the first start: the daemon may be up before it
  wait_for 5 "grep -qx daemon-up s/log/out && test -s s/helper.pid && alive s" "the daemon and its helper up, runsv there"
  pgrp=$(status_pid s)
  ctl s x
  # without the group TERM runsv never exits: the deadline only has to tell
  # that apart (how soon it exits is bench/run's figure 15, x on a running service)
  wait_for 10 "gone $RUNSV_PID" "runsv to exit"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  grep -qx helper-term s/helper.out || fail "the helper got no TERM: $(cat s/helper.out)"
  # once: the sweep after the daemon's end does not TERM the group again
  assert_eq 1 "$(grep -c "^kill(-$pgrp, SIGTERM)" rs.trace)" "TERMs to the run's group: $(cat rs.trace)"
  # (the daemon's shell may add a word about its own killed sleep)
  grep -qx daemon-last-line s/log/out || fail "the daemon's last line is not in the log: $(cat s/log/out)"
}

t_sv_down_does_not_stop_the_group () {
  # only an exit signals the group: d keeps runit's TERM to ./run alone
  mkscript s/helper 'trap "echo helper-term >> helper.out ; exit 0" TERM
while : ; do sleep 0.1 & wait $! ; done'
  mksvc s './helper < /dev/null > /dev/null &
echo $! > helper.pid
exec sleep 100'
  start_runsv s
  wait_for 5 "test -s s/helper.pid && state_is s run"
  assert_eq "$(status_pid s)" "$(ps -o pgid= -p "$(status_pid s)" | tr -d ' ')" "./run leads its process group"
  ctl s d
  wait_for 5 "state_is s down"
  still_for 0.3 "is_running $(cat s/helper.pid)" "the helper stays after d"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  # leftovers of the last ./run get TERM at the exit
  wait_for 5 "test -s s/helper.out" "the helper got TERM at the exit"
}

t_exit_is_final () {
  # a ./finish saying sv down . (or up) must not cancel an exit
  sigsvc s
  mkscript s/finish 'printf d > supervise/control ; printf u > supervise/control ; printf o > supervise/control ; echo ran >> fin'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid=$(cat s/runpid)
  ctl s x
  wait_for 5 "gone $RUNSV_PID" "runsv to exit although finish wrote d, u and o"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  assert_eq ran "$(cat s/fin)" "finish ran once"
  assert_eq "$pid" "$(cat s/runpid)" "no new ./run"
}

t_exit_is_final_but_signals_pass () {
  mksvc s 'trap "" TERM ; trap "echo hup >> sigs" HUP ; echo $$ > runpid ; while : ; do sleep 0.1 & wait $! ; done'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  ctl s x
  wait_for 5 "state_is s 'run, got TERM, want exit'"
  ctl s u
  still_for 0.3 "state_is s 'run, got TERM, want exit'" "u after x"
  ctl s h
  wait_for 5 "grep -qx hup s/sigs" "h still passes after x"
  ctl s k
  wait_for 5 "gone $RUNSV_PID" "runsv to exit after k"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code after k"
}

t_sigterm_pending_at_birth () {
  # started with SIGTERM blocked and pending (as by a supervisor that exec'd
  # it in the middle of a shutdown): nothing starts, runsv exits 0
  mksvc s 'echo ran > ran ; exec sleep 100'
  mksvc s/log 'echo ran > ran ; exec cat'
  perl -e 'use POSIX ; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGTERM)) or die ; kill "TERM", $$ ; exec "runsv", "s" or die' > s.log 2>&1 &
  p=$!
  wait_for 5 "gone $p" "runsv to exit"
  wait "$p" ; assert_eq 0 $? "exit code"
  test ! -e s/ran || fail "./run was started"
  test ! -e s/log/ran || fail "log/run was started"
  assert_eq down "$(stat_of s)" "stat"
}
