# tests/func/sv_health.sh - sv health (sv(8), "Health (ours)"): its rules,
# -w, the ./check it runs without -w, every service of $SVDIR, the word
# itself.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

t_health_rules () {
  # up, wanted down (sv down, a down file): healthy, and nothing is printed
  svc up
  svc_down off
  svc stopped
  sv -w 5 down stopped > /dev/null
  out_is 0 "" sv health up off stopped
  out_is 0 "healthy: run: up: (pid $(status_pid s/up)) Ns
healthy: down: off: Ns
healthy: down: stopped: Ns, normally up" sv -v health up off stopped
  # wanted up and failing, not ready, ./check failing, no runsv: one line each, exit 1
  mksvc s/crash 'exit 1'
  start_runsv s/crash
  # (until its first run has died, crash is a service that is up)
  wait_for 5 "_f=\$(state_flags s/crash) && test \$_f != none && test \$(( _f & 8 )) = 8" "a quick death of crash"
  mksvc s/waits 'exec sleep 1000'
  echo 3 > s/waits/notification-fd
  start_runsv s/waits
  wait_for 5 "test \"\$(stat_of s/waits)\" = run"
  svc checked
  mkscript s/checked/check 'exit 1'
  mkdir s/norunsv
  rc_is 1 sv health up crash waits checked norunsv off
  # (crash is down, or restarting when caught in one of its moments of run)
  assert_match "unhealthy: crash: down, want up
unhealthy: waits: not ready
unhealthy: checked: not ready: ./check failed
unhealthy: norunsv: unable to open supervise/ok: file does not exist" "$(sed 's/restarting, want up/down, want up/' out)"
  # runsv gone: unhealthy in runit's words
  sv x up > /dev/null ; wait_for 5 "! alive s/up"
  out_is 1 "unhealthy: up: runsv not running" sv health up
  # never 0 when nothing could be read
  out_is 1 "unhealthy: nonexist: unable to change to service directory: file does not exist" sv health nonexist
}

t_health_waits () {
  # -w SEC: a startup probe, waiting for health (readiness here) up to SEC
  mksvc s/r 'while test ! -e go ; do sleep 0.05 ; done
echo >&3
exec sleep 1000'
  echo 3 > s/r/notification-fd
  start_runsv s/r
  (sleep 0.5 ; touch s/r/go) &
  sv_trace nanosleep,clock_nanosleep,exit_group -w 5 health r
  test -e s/r/go || fail "healthy before ready"
  assert_eq 0 "$TRACE_RC" "exit code: $(cat out)"
  assert_eq "" "$(cat out)" "stdout"
  ! grep -q nanosleep sv.trace || fail "sv slept on a timer"
  # one that never gets healthy: exit 1 at the deadline, not before
  mksvc s/n 'exec sleep 1000'
  echo 3 > s/n/notification-fd
  start_runsv s/n
  sv_trace execve,exit_group -w 1 health n
  assert_eq 1 "$TRACE_RC" "exit code"
  assert_eq "unhealthy: n: not ready" "$(cat out)"
  t=$(trace_ms execve exit_group)
  test "$t" -ge 950 || fail "gave up after $t ms, before its 1 s"
  # without -w: at once, $SVWAIT or not: no timed wait at all in its trace
  SVWAIT=5 ; export SVWAIT
  sv_trace "execve,exit_group,$WAITS" health n
  unset SVWAIT
  assert_eq 1 "$TRACE_RC" "exit code"
  assert_eq "" "$(waits sv.trace)" "health without -w: its waits"
  # a runsv that starts late is waited for
  mksvc s/late 'exec sleep 1000'
  (sleep 0.3 ; exec runsv s/late > s/late.log 2>&1) &
  out_is 0 "" sv -w 5 health late
}

t_health_checks_without_w () {
  # without -w, each ./check gets 7 s (runit's default wait) to answer: a
  # passing one is healthy (it was killed at its fork, so a service with a
  # ./check was never healthy under a probe's plain sv health)
  svc good
  mkscript s/good/check 'sleep 0.2 ; exit 0'
  out_is 0 "" sv health good
  out_is 0 "healthy: run: good: (pid $(status_pid s/good)) Ns" sv -v health good
  # a failing one is unhealthy
  svc bad
  mkscript s/bad/check 'exit 1'
  out_is 1 "unhealthy: bad: not ready: ./check failed" sv health good bad
  # a hanging one is killed at the limit: unhealthy, not a hung probe
  svc hangs
  mkscript s/hangs/check 'echo $$ > checkpid ; exec sleep 1000'
  _t0=$(now_ms)
  out_is 1 "unhealthy: hangs: not ready: ./check failed" sv health hangs
  _t=$(( $(now_ms) - _t0 ))
  test "$_t" -ge 7000 || fail "the hanging ./check was given up after $_t ms, before its 7 s"
  gone "$(cat s/hangs/checkpid)" || fail "the hanging ./check still runs"
  # each ./check has its own 7 s: one after a hanging one is not cut short
  out_is 1 "unhealthy: hangs: not ready: ./check failed" sv health hangs good
}

t_health_lists_svdir () {
  # no service: every one in $SVDIR, in name order
  svc b
  svc_down a
  out_is 0 "" sv health
  mksvc s/c 'exit 1'
  start_runsv s/c
  # (until its first run has died, c is a service that is up)
  wait_for 5 "_f=\$(state_flags s/c) && test \$_f != none && test \$(( _f & 8 )) = 8" "a quick death of c"
  mkdir s/.hidden
  rc_is 1 sv health
  assert_match "unhealthy: c: *, want up" "$(cat out)"
  assert_eq 1 "$(wc -l < out | tr -d ' ')" "one line"
  # nothing to vouch for is not healthy; a $SVDIR that cannot be read is a system error
  mkdir empty
  SVDIR=$T/empty out_is 1 "unhealthy: $T/empty: no services" sv health
  SVDIR=$T/nonexist rc_is 111 sv health
  assert_match "sv: fatal: unable to list services in $T/nonexist: file does not exist" "$(cat err)"
}

t_health_words () {
  # only the exact word is ours: "h", "hup", "healthy" send HUP as in runit
  sigsvc h
  out_is 0 "" sv healthy h
  wait_for 5 "got h HUP" "HUP from sv healthy"
  # an init script has no health: it is HUP there too (runit)
  lsb h
  rm -f s/h/sigs
  rc_is 0 ./h health
  wait_for 5 "got h HUP" "HUP from ./h health"
  # usage errors: 100
  rc_is 100 sv -x health h
}
