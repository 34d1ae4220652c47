# tests/func/sv_check.sh - sv check and ./check (sv(8), WAITING, "Readiness"
# and "The ./check script"): ./check, readiness declared by notification-fd,
# a service that keeps failing or cannot start.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

# ms CMD...: runs CMD (output to out and err, exit code to rc), prints how many milliseconds it took
ms () { _ms_s=$(now_ms) ; "$@" > out 2> err ; echo $? > rc ; echo $(( $(now_ms) - _ms_s )) ; }

t_check_script () {
  svc ck
  # stdout is closed for ./check: what it prints is lost, not ours; stderr is shared
  mkscript s/ck/check 'echo out-of-check ; echo err-of-check >&2 ; test -e ready'
  t=$(ms sv -w 1 up ck) ; rc=$(cat rc)
  assert_eq 1 $rc "up with a failing check"
  assert_eq "timeout: run: ck: (pid $(status_pid s/ck)) Ns" "$(masksecs < out)"
  grep -q out-of-check out && fail "check wrote to sv's stdout"
  grep -q err-of-check err || fail "check's stderr lost"
  touch s/ck/ready
  out_is 0 "ok: run: ck: (pid $(status_pid s/ck)) Ns" sv -w 1 check ck
  out_is 0 "ok: run: ck: (pid $(status_pid s/ck)) Ns" sv start ck
  # it runs in the service dir, with sv's environment
  mkscript s/ck/check 'echo "$(pwd) $FOO" > seen ; exit 0'
  FOO=bar sv -w 1 check ck > /dev/null
  assert_eq "$T/s/ck bar" "$(cat s/ck/seen)" "how ./check was run"
  # stop does not ask ./check
  mkscript s/ck/check 'exit 1'
  old ck
  out_is 0 "ok: down: ck: Ns, normally up" sv -w 5 stop ck
}

t_check_reacts () {
  svc ck
  # ./check succeeds at its fourth run: sv must run it again, and again
  # (counted, not timed: a file made 0.5 s later came before sv's first
  # ./check on a loaded machine)
  mkscript s/ck/check 'n=$(( $(cat runs 2> /dev/null || echo 0) + 1 )) ; echo $n > runs ; test $n -ge 4'
  sv_trace "exit_group,$WAITS" -w 5 check ck
  assert_eq 0 "$TRACE_RC" "exit code"
  assert_eq 4 "$(cat s/ck/runs)" "runs of ./check"
  # re-run after 20 ms at first, backing off to 420 ms: in sv's trace, the
  # re-runs on a timer, and no wait that ran out asked for more (a look
  # only at the deadline would be one of 5 s); how soon it sees a success
  # is a speed (bench/run's figure 15, sv -w check)
  test -n "$(naps_over 0)" || fail "./check was never run again on a timer: $(cat sv.trace)"
  assert_eq "" "$(naps_over 420)" "waits that ran out between runs of ./check"
}

t_check_cannot_run () {
  svc ck
  # runit counts a ./check it cannot execute as a success, and says why
  printf 'exit 1\n' > s/ck/check
  out_is 0 "ok: run: ck: (pid $(status_pid s/ck)) Ns" sv -w 1 check ck
  err_is "warning: unable to run ck/check: access denied"
  rm s/ck/check ; mkdir s/ck/check
  out_is 0 "ok: run: ck: (pid $(status_pid s/ck)) Ns" sv -w 1 up ck
  err_is "warning: unable to run ck/check: access denied"
}

t_check_killed_or_hung () {
  svc ck
  # killed by a signal: not ready (runit 2.1.2 took it for ready)
  mkscript s/ck/check 'kill -9 $$'
  out_is 1 "timeout: run: ck: (pid $(status_pid s/ck)) Ns" sv -w 0 check ck
  # hung: killed at the deadline, so sv does not hang with it (measured on
  # sv's own trace: from its start to the KILL, and from the KILL to its exit)
  mkscript s/ck/check 'echo $$ > checkpid ; exec sleep 1000'
  sv_trace "execve,kill,exit_group,$WAITS" -w 1 check ck
  assert_eq 1 $TRACE_RC "exit code"
  assert_match "timeout: run: ck: *" "$(cat out)"
  grep -q "^[0-9.]* kill($(cat s/ck/checkpid), SIGKILL)" sv.trace || fail "no KILL of the hung check: $(cat sv.trace)"
  # at its deadline: not before (the trace's clock), and no later than
  # the deadline sv set itself (the timeouts it asked for); then it exits
  # with no more waiting (how soon is a speed: a wait4 on the killed check)
  t=$(trace_ms execve 'SIGKILL')
  test "$t" -ge 950 || fail "the KILL came $t ms after sv started, before its 1 s deadline"
  awk '/SIGKILL/ { exit } { print }' sv.trace > before.trace
  awk '/SIGKILL/ { s = 1 } s { print }' sv.trace > after.trace
  test "$(asked before.trace)" -le 1260 || fail "sv planned the KILL $(asked before.trace) ms away: $(cat sv.trace)"
  test -n "$(naps_over 0 before.trace)" || fail "the KILL came before a wait ran out: $(cat sv.trace)"
  assert_eq "" "$(waits after.trace)" "waits after the KILL"
  gone "$(cat s/ck/checkpid)" || fail "the hung ./check is still there"
}

t_check_wants () {
  # runit 2.3.0: sv check waits for the state runsv wants
  svc_down d
  out_is 0 "ok: down: d: Ns" sv -w 1 check d
  # wants up, is down: not ok (2.1.2 said ok)
  fakerunsv norun
  status_file s/norun 0 d u 0 0
  out_is 1 "timeout: down: norun: Ns, normally up, want up" sv -w 0 check norun
  # wants down, still runs (stopping): not ok either
  status_file s/norun 77 r d 0 1
  out_is 1 "timeout: run: norun: (pid 77) Ns, want down, got TERM" sv -w 0 check norun
  svc a
  out_is 0 "ok: run: a: (pid $(status_pid s/a)) Ns" sv check a
}

# just_failed NAME: s/NAME is down, wanted up, and failed less than 300 ms ago
# (so runsv restarts it no sooner than 700 ms from now)
just_failed () {
  wait_for 10 "test \"\$(status_pid s/$1)\" = 0 && test \"\$(status_byte s/$1 17)\" = 117 && test \$(( \$(now_ms) - \$(status_ms s/$1) )) -lt 300" "s/$1 to have just failed"
}

t_check_failing_service () {
  # a service runsv wants up that keeps failing is not up: each restart
  # runs for a moment, which inotify would show us, but never outlasts
  # runsv's 1 s throttle. runit 2.3.0 says "timeout" (its 420 ms looks
  # miss the moments); so do we, for check, start and an init script's start
  mksvc s/f 'exit 1'
  start_runsv s/f
  for cmd in check start ; do
    # sv finds it failing: it looks within the second runsv pauses after a failure
    just_failed f
    t=$(ms sv -w 2 $cmd f) ; rc=$(cat rc)
    assert_eq 1 "$rc" "exit code of sv -w 2 $cmd: $(cat out)"
    # the line shows whatever the state is at the deadline (down, almost always)
    assert_match "timeout: *: f: *" "$(cat out)" "sv -w 2 $cmd"
    test "$t" -ge 2000 || fail "sv -w 2 $cmd gave up after $t ms"
  done
  lsb f
  just_failed f
  rc_is 1 ./f -w 1 start
  assert_match "timeout: *: f: *" "$(cat out)" "./f start"
  # mended, it is up once its run has outlasted the throttle: a look no
  # event brings (nothing is written when a run simply goes on), timed by
  # sv for the end of the run's first second, not its deadline (in its
  # trace, no wait of over a second ran out; how soon: a speed)
  mksvc s/f 'exec sleep 1000'
  sv_trace "exit_group,$WAITS" -w 5 start f
  assert_eq 0 "$TRACE_RC" "exit code once mended: $(cat out)"
  then_is "ok: run: f: (pid $(status_pid s/f)) Ns"
  # (a loaded machine may start sv after the run's first second: then no look is timed)
  test -n "$(naps_over -1)" || note "the mended run was over a second old at sv's first look: no timed look"
  assert_eq "" "$(naps_over 1000)" "waits that ran out while the mended run was young"
  # a healthy service is not held back: up as soon as it runs, long before
  # its run is a second old: in sv's trace, nothing but events woke it
  # (no wait that ran out but 50 ms polls for a command runsv has not read)
  svc a
  old a
  sv -w 5 down a > /dev/null
  sv_trace "exit_group,$WAITS" -w 5 up a
  assert_eq 0 "$TRACE_RC" "exit code: $(cat out)"
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  assert_eq "" "$(naps_over 50)" "sv -w 5 up of a healthy service: waits that ran out"
}

t_crash_loop_caught_running () {
  # each run of a crash loop lasts 0.3 s of runsv's 1 s: sv may first look
  # while one runs. supervise/state says it follows a quick death, so that
  # run must outlast the throttle to count, and never does
  mksvc s/f 'sleep 0.3 ; exit 1'
  start_runsv s/f
  for cmd in start check ; do
    wait_for 10 "test \"\$(stat_of s/f)\" = run && test \"\$(status_pid s/f)\" != 0 && test \$(( \$(now_ms) - \$(status_ms s/f) )) -lt 200 && test \$(( \$(state_flags s/f) & 8 )) = 8" "a run after a quick death"
    rc_is 1 sv -w 2 $cmd f
    assert_match "timeout: *: f: *" "$(cat out)" "sv -w 2 $cmd"
  done
}

# ready_svc NAME: a service that declares readiness on fd 3 and is ready
# once s/NAME/go exists (then stays ready until it dies)
ready_svc () {
  mksvc "s/$1" 'while test ! -e go ; do sleep 0.05 ; done
echo >&3
exec sleep 1000'
  echo 3 > "s/$1/notification-fd"
  start_runsv "s/$1"
}

t_wait_for_ready () {
  # up is ready for a service that declares readiness: not before its newline
  ready_svc r
  wait_for 5 "test \"\$(stat_of s/r)\" = run" "the run"
  for cmd in up start check ; do
    rc_is 1 sv -w 1 $cmd r
    assert_eq "timeout: run: r: (pid $(status_pid s/r)) Ns" "$(masksecs < out)" "sv -w 1 $cmd before the newline"
  done
  # waiting costs no polling: the rename of supervise/state wakes sv
  (sleep 0.5 ; touch s/r/go) &
  sv_trace nanosleep,clock_nanosleep,exit_group -w 5 up r
  test -e s/r/go || fail "ok before the newline: $(cat out)"
  assert_eq 0 "$TRACE_RC" "exit code once ready: $(cat out)"
  assert_eq "ok: run: r: (pid $(status_pid s/r)) Ns" "$(masksecs < out)"
  ! grep -q nanosleep sv.trace || fail "sv slept on a timer: $(grep nanosleep sv.trace | head -n 1)"
  out_is 0 "ok: run: r: (pid $(status_pid s/r)) Ns" sv -w 1 check r
  # restart: the new run must be ready, not the old one
  rm s/r/go
  (sleep 0.5 ; touch s/r/go) &
  rc_is 0 sv -w 5 restart r
  test -e s/r/go || fail "restart said ok before the new run was ready"
  # a service that never gets ready: start times out
  mksvc s/n 'exec sleep 1000'
  echo 3 > s/n/notification-fd
  start_runsv s/n
  rc_is 1 sv -w 1 start n
  assert_match "timeout: run: n: *" "$(cat out)"
  # without a declaration, up is up (as runit)
  svc a
  out_is 0 "ok: run: a: (pid $(status_pid s/a)) Ns" sv -w 1 up a
}

t_ready_and_check () {
  # with a declaration and a ./check, both must agree
  ready_svc rc
  mkscript s/rc/check 'test -e checked'
  touch s/rc/go
  wait_for 5 "test \$(( \$(state_flags s/rc) & 2 )) = 2" "ready"
  rc_is 1 sv -w 1 check rc
  touch s/rc/checked
  out_is 0 "ok: run: rc: (pid $(status_pid s/rc)) Ns" sv -w 1 check rc
}

t_start_of_a_service_that_cannot_start () {
  # what runsv reports for a ./run it cannot execute: down, want up, a new
  # try (and status) every second. sv status, check and start, and an init
  # script's start, agree: it is down, and it does not come up
  fakerunsv x
  status_file s/x 0 d u 0 0
  ( while : ; do sleep 1 ; status_file s/x 0 d u 0 0 ; done ) &
  tries=$!
  out_is 0 "down: x: Ns, normally up, want up" sv status x
  out_is 1 "timeout: down: x: Ns, normally up, want up" sv -w 2 start x
  out_is 1 "timeout: down: x: Ns, normally up, want up" sv -w 2 check x
  out_is 1 "timeout: down: x: Ns, normally up, want up" sv -w 2 up x
  lsb x
  out_is 1 "timeout: down: x: Ns, normally up, want up" ./x -w 1 start
  out_is 3 "down: x: Ns, normally up, want up" ./x status
  kill "$tries"
}
