# tests/func/runsv_log.sh - runsv's log service (runsv(8), DESCRIPTION and
# "Leftovers"): log/ and the pipe from ./run's stdout, a log/run that cannot
# start, a log that is no directory, a logger restarted while lines flow, o
# on the logger, and the pipe's last bytes when runsv exits.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

t_log_run_fails () {
  mksvc s 'echo $$ > runpid ; echo line ; exec sleep 100'
  mkdir s/log
  printf '#!/bin/sh\nexec cat > out\n' > s/log/run
  chmod 644 s/log/run
  start_runsv s
  wait_for 5 "test \$(grep -c '^runsv s: warning: unable to start log/./run: access denied$' s.log) -ge 2" "log/run retried once a second"
  assert_eq down "$(stat_of s/log)" "log stat"
  chmod 755 s/log/run
  wait_for 5 "test -s s/log/out" "the logger gets what was written meanwhile"
  assert_eq line "$(cat s/log/out)" "log"
}

t_log_not_a_directory () {
  sigsvc s
  echo nope > s/log
  start_runsv s
  wait_for 5 "state_is s run"
  grep -qx 'runsv s: warning: ./log: not a directory.' s.log || fail "warning: $(cat s.log)"
}

t_log_pipe () {
  mksvc s 'echo $$ > runpid ; echo to-log ; echo to-stderr >&2 ; exec sleep 100'
  mksvc s/log 'echo $$ > logpid ; exec cat > out'
  start_runsv s
  wait_for 5 "test -s s/log/out && test -s s/runpid && test -s s/log/logpid"
  assert_eq to-log "$(cat s/log/out)" "log got run's stdout"
  grep -qx to-stderr s.log || fail "stderr must not go to the log"
  # the logger starts first (fresh PID namespace: pids are in start order)
  test "$(cat s/log/logpid)" -lt "$(cat s/runpid)" || fail "log started after run"
  state_is s/log run || fail "log stat: [$(stat_of s/log)]"
  assert_eq "$(cat s/log/logpid)" "$(status_pid s/log)" "log pid in log/supervise/status"
  # x on the log's control fifo is ignored
  printf x > s/log/supervise/control
  still_for 0.5 "is_running $(cat s/log/logpid)" "logger must ignore x"
}

t_log_restart_loses_nothing () {
  # 20000 numbered lines in 50 bursts over about 10 s; the logger is TERMed
  # 10 times while they flow. The logger takes only what it writes (one byte
  # at a time, perl from perl-base), so whatever is lost would be lost by the
  # pipe, which runsv must keep open. (100000 lines at once cost the test
  # run 1.2 million system calls, and the flow ended before the kills did.)
  mksvc s 'i=0 ; while test $i -lt 50 ; do seq $((i * 400 + 1)) $((i * 400 + 400)) ; i=$((i + 1)) ; sleep 0.2 ; done ; exec sleep 1000'
  mksvc s/log 'exec perl -e '"'"'$SIG{TERM} = sub { $stop = 1 } ; $| = 1 ; open(O, ">>", "out") or die ; select O ; $| = 1 ;
while (sysread(STDIN, $c, 1)) { print O $c ; exit 0 if $stop && $c eq "\n" }'"'"
  start_runsv s
  kills=0 lp=0
  while test $kills -lt 10 ; do
    # one read of the status, a new pid, alive: a status still naming the
    # last logger, or saying down (pid 0: kill 0 is our own group), is not it
    prev=$lp
    wait_for 10 'lp=$(status_pid s/log) && test "${lp:-0}" -gt 0 2> /dev/null && test "$lp" != "$prev" && is_running "$lp"' "a new logger running"
    kill -TERM "$lp"
    kills=$((kills + 1))
    wait_for 10 "gone $lp" "logger $lp to exit"
  done
  note "$(count s/log/out) of 20000 lines logged after the last kill"
  wait_for 60 "test \"\$(count s/log/out)\" -ge 20000" "all 20000 lines"
  seq 1 20000 | cmp -s - s/log/out || fail "lines lost or reordered: $(seq 1 20000 | cmp - s/log/out 2>&1)"
}

t_once_starts_the_logger () {
  mksvc s 'echo line ; exec sleep 100'
  mksvc s/log 'echo start >> starts ; exec cat > out'
  touch s/log/down
  start_runsv s
  still_for 0.3 "test ! -e s/log/starts" "log/down keeps the logger down"
  ctl s/log o
  wait_for 5 "test -s s/log/out" "o starts the logger"
  assert_eq line "$(cat s/log/out)" "log"
  assert_eq "run, want down" "$(stat_of s/log)" "log stat"
}

t_exit_gives_a_down_logger_the_pipe () {
  # the logger reads one line and exits: it is in its throttle second when
  # the x comes, and the service's last words are in the pipe
  mksvc s 'trap "echo last ; exit 0" TERM ; echo first ; while : ; do sleep 0.1 & wait $! ; done'
  mksvc s/log 'read -r l ; echo "$l" >> out ; echo start >> starts'
  start_runsv s
  # x at once: the logger is down for most of the second that follows (and
  # if it is up again by then, it reads the last words itself)
  wait_for 5 "test -s s/log/out" "the logger read a line"
  ctl s x
  wait_for 5 "gone $RUNSV_PID" "runsv to exit"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  assert_eq "first last" "$(tr '\n' ' ' < s/log/out | sed 's/ $//')" "the log"
}

t_exit_says_what_a_down_logger_loses () {
  mksvc s 'trap "echo last-words ; exit 0" TERM ; echo $$ > runpid ; while : ; do sleep 0.1 & wait $! ; done'
  mksvc s/log 'exec cat > out'
  start_runsv s
  wait_for 5 "test -s s/runpid && state_is s/log run"
  ctl s/log d
  wait_for 5 "state_is s/log down"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  grep -qx 'runsv s: warning: log/run is down: 11 bytes in the log pipe are lost' s.log || fail "no word of the loss: $(cat s.log)"
}
