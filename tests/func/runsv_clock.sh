# tests/func/runsv_clock.sh - runsv on a clock (runsv(8), "Liveness checks"
# and "Scheduled runs"): check-interval, check-timeout, check-failures, and
# the schedule file. What runsv did is read from what the scripts record
# (in order, in files) and from supervise/state's clock blocks, never from
# how long the shell waited; every wait has a deadline.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016
# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

# clock_at DIR: the offset of the check block in DIR/supervise/state (version 4)
clock_at () {
  # shellcheck disable=SC2046
  set -- "$1" $(od -An -tu1 -j48 -N2 "$1/supervise/state")
  _l=$(( $2 * 256 + $3 ))
  # shellcheck disable=SC2046
  set -- "$1" $(od -An -tu1 -j$(( 50 + _l )) -N2 "$1/supervise/state")
  echo $(( 50 + _l + 2 + $2 * 256 + $3 ))
}
version_of () { od -An -tu1 -N1 "$1/supervise/state" | tr -d ' ' ; }
check_failures () { state_u32 "$1" $(( $(clock_at "$1") + 4 )) ; }
check_last () { od -An -tu1 -j$(( $(clock_at "$1") + 8 )) -N1 "$1/supervise/state" | tr -d ' ' ; }
sched_flags () { od -An -tu1 -j$(( $(clock_at "$1") + 24 )) -N1 "$1/supervise/state" | tr -d ' ' ; }
sched_runs () { state_u32 "$1" $(( $(clock_at "$1") + 24 + 16 )) ; }
sched_skipped () { state_u32 "$1" $(( $(clock_at "$1") + 24 + 20 )) ; }
# sched_next DIR: the next tick as Unix seconds (0: none)
sched_next () {
  _h=$(od -An -tx1 -j$(( $(clock_at "$1") + 24 + 4 )) -N8 "$1/supervise/state" | tr -d ' \n')
  if [ "$_h" = 0000000000000000 ] ; then echo 0 ; else echo $(( 0x$_h - 0x400000000000000a )) ; fi
}
failures_of () { state_u32 "$1" 36 ; }
want_of () { od -An -c -j17 -N1 "$1/supervise/status" | tr -d ' ' ; }
lines () { grep -c "^$2\$" "$1" 2> /dev/null || true ; }

# checked DIR INTERVAL FAILURES 'check body': a service whose run notes
# each start (S in DIR/log) and whose ./check is BODY
checked () {
  mksvc "$1" 'echo S >> log ; exec sleep 600'
  mkscript "$1/check" "$4"
  echo "$2" > "$1/check-interval"
  echo "$3" > "$1/check-failures"
  # a passing check on a loaded machine must not time out (the default is the interval)
  echo 10000 > "$1/check-timeout"
}

t_check_restarts_after_exactly_n_failures () {
  checked svc 100 3 'if test -f fail ; then echo F >> log ; exit 1 ; fi ; echo P >> log'
  start_runsv svc
  wait_for 10 "test \"\$(lines svc/log P)\" -ge 2" "two passing checks"
  test "$(version_of svc)" = 4 || fail "supervise/state is version $(version_of svc), not 4"
  assert_eq 1 "$(check_last svc)" "the last check (pass)"
  assert_eq 0 "$(check_failures svc)" "failures while it passes"
  touch svc/fail
  wait_for 15 "test \"\$(lines svc/log S)\" -ge 2" "the restart"
  # the log from the first failure to the second start: exactly 3 failures
  # (a first check may come before the run's own line: the shell is slow)
  seq=$(tr -d '\n' < svc/log)
  between=$(echo "$seq" | sed 's/^[SP]*//; s/S.*//')
  assert_eq FFF "$between" "the checks between the first failure and the restart ($seq)"
  grep -q "check failed 3 times in a row: restarting" svc.log || fail "no line on runsv's stderr: $(cat svc.log)"
}

t_liveness_restart_counts_for_max_failures () {
  # max-failures 1: the first restart the check makes is a failure, so
  # runsv gives up (flag 16) and starts the run no more
  checked svc 100 1 'exit 1'
  echo '1 60' > svc/max-failures
  start_runsv svc
  wait_for 15 "gave_up svc" "runsv to give up after the liveness restart"
  still_for 1.5 "test \"\$(lines svc/log S)\" = 1" "no second start"
}

t_passing_check_never_restarts () {
  checked svc 50 1 'echo P >> log'
  start_runsv svc
  wait_for 15 "test \"\$(lines svc/log P)\" -ge 8" "eight passing checks"
  assert_eq 1 "$(lines svc/log S)" "starts"
  assert_eq 0 "$(check_failures svc)" "failures"
  assert_eq 1 "$(state_restarts svc)" "runs started"
}

t_hung_check_is_killed_with_its_group_and_counts () {
  checked svc 200 2 'sleep 600 & echo $! > child ; echo $$ > checkpid ; wait'
  echo 300 > svc/check-timeout
  start_runsv svc
  wait_for 10 "test -s svc/checkpid && test -s svc/child" "the first check"
  c=$(cat svc/checkpid) k=$(cat svc/child)
  wait_for 10 "gone $c && gone $k" "the hung check and its child killed"
  wait_for 10 "test \"\$(check_failures svc)\" -ge 1 || test \"\$(lines svc/log S)\" -ge 2" "the timeout counted"
  assert_eq 2 "$(check_last svc)" "the last check (fail)"
  wait_for 15 "test \"\$(lines svc/log S)\" -ge 2" "the restart after 2 timeouts"
}

t_checks_never_overlap () {
  checked svc 50 100 'mkdir lock 2> /dev/null || { echo OVERLAP >> log ; exit 1 ; } ; sleep 0.3 ; rmdir lock ; echo P >> log'
  echo 5000 > svc/check-timeout
  start_runsv svc
  wait_for 20 "test \"\$(lines svc/log P)\" -ge 4" "four checks"
  assert_eq 0 "$(lines svc/log OVERLAP)" "overlapping checks"
}

t_commands_are_served_during_a_long_check () {
  checked svc 100 3 'echo $$ > checkpid ; sleep 30'
  echo 60000 > svc/check-timeout
  start_runsv svc
  wait_for 10 "test -s svc/checkpid" "the check to run"
  c=$(cat svc/checkpid)
  ctl svc d
  wait_for 10 "state_is svc down" "the service down while its check runs"
  # and a check of a run that is not up any more is killed
  wait_for 10 "gone $c" "the check of the stopped run killed"
}

t_no_check_interval_no_check () {
  mksvc svc 'exec sleep 600'
  mkscript svc/check 'echo C >> checks'
  start_runsv svc
  wait_for 10 "state_is svc run" "the run"
  still_for 0.5 "test ! -e svc/checks" "no check without check-interval"
  assert_eq 2 "$(version_of svc)" "supervise/state's version without a clock"
}

# scheduled DIR 'schedule' ['run body']: a scheduled service noting its starts
scheduled () {
  mksvc "$1" "${3:-echo S >> log}"
  echo "$2" > "$1/schedule"
}

t_every_runs_on_its_interval_and_is_not_restarted () {
  scheduled svc '@every 2' 'echo S >> starts ; exit 1'
  forking_runsv svc
  wait_for 20 "test \"\$(count svc/starts)\" -ge 3" "three runs"
  # at least 2 s between runsv's forks (the runs: no ./finish, no check): a
  # run that exits 1 is not restarted, the clock starts the next
  fork_gaps svc.trace | awk '$1 < 1990 { print "gap " $1 " ms" ; bad = 1 } END { exit bad }' > gaps \
    || fail "runs closer than the schedule: $(cat gaps) (all: $(fork_gaps svc.trace | tr '\n' ' '))"
  test "$(fork_gaps svc.trace | wc -l)" -ge 2 || fail "fewer than 3 forks traced"
  assert_eq 0 "$(failures_of svc)" "failures counted for a scheduled run"
  test "$(sched_runs svc)" -ge 3 || fail "runs in state: $(sched_runs svc)"
  assert_eq 1 "$(sched_flags svc)" "the schedule's flags"
}

t_a_tick_during_a_run_is_skipped () {
  scheduled svc '@every 1' 'echo S >> log ; sleep 2.5 ; echo E >> log'
  start_runsv svc
  wait_for 20 "test \"\$(lines svc/log E)\" -ge 2" "two runs to end"
  assert_eq SESE "$(head -4 svc/log | tr -d '\n')" "runs one after the other"
  test "$(sched_skipped svc)" -ge 1 || fail "no skipped tick counted"
}

t_cron_next_tick () {
  scheduled svc '* * * * *'
  start_runsv svc
  wait_for 10 "test \"\$(sched_next svc)\" -gt 0" "the next tick"
  n=$(sched_next svc) now=$(date +%s)
  assert_eq 0 $(( n % 60 )) "the next tick is a whole minute ($n)"
  test $(( n - now )) -le 60 && test $(( n - now )) -ge -1 || fail "next tick $n, now $now"
  mkdir other
  scheduled other/daily '0 3 * * *'
  TZ=UTC runsv other/daily > other.log 2>&1 &
  wait_for 10 "alive other/daily && test \"\$(sched_next other/daily)\" -gt 0" "the daily tick"
  assert_eq $(( 3 * 3600 )) $(( $(sched_next other/daily) % 86400 )) "0 3 * * * under TZ=UTC"
  sv -j status "$T/other/daily" > json
  grep -q "\"next\":$(sched_next other/daily)\.000000000," json || fail "sv -j status's next: $(cat json)"
  grep -q '"spec":"0 3 \* \* \*"' json || fail "sv -j status's spec: $(cat json)"
  mkdir zone
  scheduled zone/daily '0 3 * * *'
  TZ=EST5 runsv zone/daily > zone.log 2>&1 &
  wait_for 10 "alive zone/daily && test \"\$(sched_next zone/daily)\" -gt 0" "the daily tick in EST5"
  assert_eq $(( 8 * 3600 )) $(( $(sched_next zone/daily) % 86400 )) "0 3 * * * under TZ=EST5"
  sv -j status "$T/zone/daily" > json
  grep -q "\"next\":$(sched_next zone/daily)\.000000000," json || fail "sv -j status's next in EST5: $(cat json)"
}

t_down_suspends_once_runs_up_resumes () {
  scheduled svc '0 0 1 1 *'
  start_runsv svc
  wait_for 10 "test \"\$(sched_next svc)\" -gt 0" "the tick"
  still_for 0.3 "test ! -e svc/log" "no run before the tick"
  assert_eq u "$(want_of svc)" "want: the schedule is on"
  ctl svc o
  wait_for 10 "test \"\$(count svc/log)\" = 1 && state_is svc down" "sv once: one run now"
  assert_eq u "$(want_of svc)" "want after once (the schedule still on)"
  ctl svc d
  wait_for 5 "test \"\$(sched_next svc)\" = 0" "down: no next tick shown"
  assert_eq d "$(want_of svc)" "want after down"
  ctl svc o
  wait_for 10 "test \"\$(count svc/log)\" = 2 && state_is svc down" "sv once while suspended"
  assert_eq d "$(want_of svc)" "want after once while suspended"
  ctl svc u
  wait_for 5 "test \"\$(sched_next svc)\" -gt 0" "up: the schedule on again"
  still_for 0.3 "test \"\$(count svc/log)\" = 2" "up does not run it now"
}

t_bad_schedule_is_one_warning_and_no_tick () {
  scheduled svc '61 * * * *'
  start_runsv svc
  wait_for 10 "test \"\$(version_of svc)\" = 4" "the state"
  assert_eq 3 "$(sched_flags svc)" "the flags (on, bad)"
  grep -q "warning: schedule: .*minute" svc.log || fail "no warning naming the file and the field: $(cat svc.log)"
  assert_eq 1 "$(grep -c warning svc.log)" "warnings"
  still_for 1.2 "test ! -e svc/log" "no run started by a bad schedule"
  ctl svc o
  wait_for 10 "test \"\$(count svc/log)\" = 1" "sv once still runs it"
}

t_idle_scheduled_service_never_wakes () {
  scheduled svc '@every 3600'
  start_runsv svc
  wait_for 10 "test \"\$(sched_next svc)\" -gt 0" "the tick"
  sleep 0.2
  a=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$RUNSV_PID/status)
  sleep 2
  b=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$RUNSV_PID/status)
  assert_eq "$a" "$b" "runsv's wake-ups in 2 s of an idle scheduled service"
}

t_real_daemon_liveness_redis () {
  # Debian's redis-server, under its own user, ready on the notify socket;
  # its check is a real client's PING. A SIGSTOP makes it hang as a
  # deadlocked daemon does: the checks time out, sv -j status says so, and
  # runsv restarts it; the new redis answers again and its checks pass
  need_root
  command -v redis-server > /dev/null && id redis > /dev/null 2>&1 || skip "redis-server (Debian's) is not installed"
  command -v redis-cli > /dev/null || skip "redis-cli is not installed"
  chmod 755 "$T"
  mkdir -p data && chown redis: data
  mksvc redis "exec chpst -u redis redis-server --supervised systemd --port 0 --unixsocket $T/data/sock --dir $T/data --save '' --appendonly no --daemonize no"
  touch redis/notify-socket
  mkscript redis/check "test \"\$(redis-cli -s $T/data/sock ping)\" = PONG"
  echo 300 > redis/check-interval
  echo 1000 > redis/check-timeout
  echo 2 > redis/check-failures
  echo 2000 > redis/timeout-kill
  start_runsv redis
  wait_for 60 "is_ready redis && test \"\$(check_last redis)\" = 1" "redis ready and a passing check"
  p=$(pid_of redis)
  kill -STOP "$p"
  wait_for 30 "sv -j status \"\$T/redis\" | grep -q '\"check\":{\"interval_ms\":300,\"failures\":1,\"last\":\"fail\"'" "sv -j status to show the failed check"
  wait_for 60 "test -n \"\$(pid_of redis)\" && test \"\$(pid_of redis)\" != $p && is_ready redis" "redis restarted and ready"
  grep -q "check failed 2 times in a row: restarting" redis.log || fail "no restart line: $(cat redis.log)"
  wait_for 30 "test \"\$(check_last redis)\" = 1" "the new redis passes its check"
  assert_eq 0 "$(check_failures redis)" "failures after the restart"
}

t_missing_check_fails_and_says_why () {
  # check-interval without a ./check that can run: each is a failed check
  # (the child says why, as runit's runsv says of a run), and the failures
  # restart the run
  mksvc svc 'echo S >> log ; exec sleep 600'
  echo 100 > svc/check-interval
  echo 2 > svc/check-failures
  start_runsv svc
  wait_for 15 "test \"\$(lines svc/log S)\" -ge 2" "the restart after 2 failed checks"
  grep -q "unable to start ./check" svc.log || fail "no line saying why: $(cat svc.log)"
  grep -q "check failed 2 times in a row" svc.log || fail "no restart line: $(cat svc.log)"
}
