# tests/func/sv_wait.sh - sv's waiting (sv(8), WAITING): -w and $SVWAIT, the
# timeout, several services, a runsv that is not there yet.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

t_wait_is_fast () {
  svc a
  old a
  # runit's sv sleeps 420 ms before its first look; we see the change as
  # runsv writes it: in sv's own trace, no sleep (sv_wait) and no wait that
  # ran out but the 50 ms polls for a command runsv has not read yet (how
  # soon it sees it is a speed: bench/run's figure 4, sv -w down and up)
  sv_wait -w 5 down a
  assert_eq 0 "$WAIT_RC" "down exit code"
  assert_eq "ok: down: a: Ns, normally up" "$(masksecs < out)" "down output"
  assert_eq "" "$(naps_over 50)" "sv -w 5 down: waits that ran out"
  sv_wait -w 5 up a
  assert_eq 0 "$WAIT_RC" "up exit code"
  assert_eq "ok: run: a: (pid $(status_pid s/a)) Ns" "$(masksecs < out)" "up output"
  assert_eq "" "$(naps_over 50)" "sv -w 5 up: waits that ran out"
}

t_wait_sleeps () {
  ignoring ig
  # waiting is woken by inotify, not by a timer: a sv waiting out a timeout
  # on a service that does not change sleeps through it (a 50 ms poll would
  # wake about 30 times in 1.5 s, runit's 420 ms naps 4 times); -w 4
  # leaves a loaded machine 2.7 s to get to the 1.5 s of watching
  sv -w 4 down ig > out &
  p=$!
  wait_for 5 "state_is ig 'run, got TERM, want down'"
  wait_for 5 "test -r /proc/$p/status"
  n0=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$p/status)
  still_for 1.5 "is_running $p" "sv to keep waiting"
  n1=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$p/status)
  test $(( n1 - n0 )) -le 3 || fail "sv woke $(( n1 - n0 )) times in 1.5 s while nothing changed"
  wait $p
  assert_eq 1 $? "timeout exit code"
}

t_timeout () {
  ignoring ig
  pid=$(cat s/ig/runpid)
  # runit gives up at its first 420 ms look past the wait: 1.26 s for -w 1
  # (timed on sv's own trace, from its write to its exit: not before; and
  # the deadline sv set itself, its longest timeout, is no later)
  sv_wait -w 1 down ig
  assert_eq "timeout: run: ig: (pid $pid) Ns, want down, got TERM" "$(masksecs < out)" "timeout line"
  test "$WAIT_MS" -ge 1150 || fail "sv -w 1 down gave up after $WAIT_MS ms"
  test "$WAIT_ASKED" -le 1260 || fail "sv -w 1 down set itself a deadline $WAIT_ASKED ms away"
  sv -w 1 down ig > /dev/null ; assert_eq 1 $? "exit code of a timeout"
  is_running "$pid" || fail "a plain timeout must not kill"
  # force-stop kills at the deadline
  out_is 1 "kill: run: ig: (pid $pid) Ns, want down, got TERM" sv -w 1 force-stop ig
  wait_for 5 "gone $pid" "the service killed"
  wait_for 5 "state_is ig down"
}

t_wait_zero_and_garbage () {
  ignoring ig
  # -w 0 and nonsense both mean 0 (runit), which still gives runsv 420 ms
  for w in 0 abc -1 ' 3' ; do
    sv_wait -w "$w" down ig
    assert_eq 1 "$WAIT_RC" "exit code of -w [$w]"
    assert_match "timeout: run: ig: (pid *) *s, want down, got TERM" "$(cat out)" "-w [$w]"
    test "$WAIT_MS" -ge 350 || fail "sv -w [$w] down gave up after $WAIT_MS ms"
    test "$WAIT_ASKED" -le 420 || fail "sv -w [$w] down set itself a deadline $WAIT_ASKED ms away"
  done
  svc a
  out_is 0 "ok: run: a: (pid $(status_pid s/a)) Ns" sv -w 0 up a
}

t_svwait () {
  ignoring ig
  # $SVWAIT is the default wait; -w beats it
  # (timed on sv's own trace, from its write to its exit; the deadline is
  # the longest timeout sv asked for: see sv_wait)
  export SVWAIT=1
  sv_wait -v down ig
  assert_eq 1 "$WAIT_RC" "timeout exit code"
  test "$WAIT_MS" -ge 1150 || fail "SVWAIT=1 gave up after $WAIT_MS ms"
  test "$WAIT_ASKED" -le 1260 || fail "SVWAIT=1: a deadline $WAIT_ASKED ms away"
  SVWAIT=30
  sv_wait -w 1 down ig
  test "$WAIT_ASKED" -le 1260 || fail "-w 1 with SVWAIT=30: a deadline $WAIT_ASKED ms away"
  SVWAIT=x
  sv_wait -v down ig
  test "$WAIT_ASKED" -le 420 || fail "SVWAIT=x (0): a deadline $WAIT_ASKED ms away"
  unset SVWAIT
  # unset: 7 s; a service that stops in time is fine
  svc a
  old a
  out_is 0 "ok: down: a: Ns, normally up" sv -v down a
}

t_several_services () {
  svc a ; svc b ; svc c
  old a ; old b ; old c
  sv -w 5 down a b c > out ; rc=$?
  assert_eq 0 $rc "exit code"
  # lines come in the order services get there
  assert_eq "ok: down: a: Ns, normally up
ok: down: b: Ns, normally up
ok: down: c: Ns, normally up" "$(masksecs < out | sort)" "down a b c"
  for x in a b c ; do state_is $x down || fail "$x: $(stat_of s/$x)" ; done
  # failures are reported first, while sending; each counts
  sv -w 5 up a nope b nope2 c > out ; rc=$?
  assert_eq 2 $rc "exit code with two missing"
  assert_eq "fail: nope: unable to change to service directory: file does not exist" "$(sed -n 1p out)"
  assert_eq "fail: nope2: unable to change to service directory: file does not exist" "$(sed -n 2p out)"
  assert_eq 5 "$(wc -l < out | tr -d ' ')" "lines"
  for x in a b c ; do state_is $x run || fail "$x: $(stat_of s/$x)" ; done
  # one that times out does not hold the others back
  ignoring ig
  sv -w 1 down a ig b > out ; rc=$?
  assert_eq 1 $rc "exit code with one timeout"
  grep -q "^timeout: run: ig: " out || fail "no timeout line: $(cat out)"
  assert_eq 3 "$(wc -l < out | tr -d ' ')" "lines"
}

t_boot_wait () {
  # -w: a runsv that is not there yet is waited for within the deadline:
  # seen as it comes (inotify), not at a look at the deadline (no wait of
  # sv that ran out but 50 ms polls); how soon is a speed (bench/run's figure 15)
  mksvc s/late 'exec sleep 1000'
  (sleep 0.5 ; exec runsv s/late > s/late.log 2>&1) &
  sv_trace "open,openat,exit_group,$WAITS" -w 5 up late
  assert_eq 0 "$TRACE_RC" "exit code: $(cat out)"
  assert_eq "ok: run: late: (pid $(status_pid s/late)) Ns" "$(masksecs < out)"
  assert_eq "" "$(naps_over 50)" "waits that ran out"
  # without -w, runit's instant answer
  mksvc s/never 'exec sleep 1000'
  out_is 1 "warning: never: unable to open supervise/ok: file does not exist" sv up never
  out_is 1 "warning: never: unable to open supervise/ok: file does not exist" sv start never
  # with -w, the same answer at the deadline: not before (the trace's
  # clock), and no later than sv planned (the longest timeout it asked for)
  sv_trace "execve,exit_group,$WAITS" -w 1 up never
  assert_eq 1 "$TRACE_RC" "exit code"
  assert_eq "warning: never: unable to open supervise/ok: file does not exist" "$(cat out)"
  t=$(trace_ms execve exit_group)
  test "$t" -ge 1000 || fail "gave up after $t ms"
  test "$(asked sv.trace)" -le 1260 || fail "a deadline $(asked sv.trace) ms away"
  # a runsv that was there and left (supervise/ok without a reader): still
  # waited for, then runit's answer at the deadline
  mkdir -p s/never/supervise ; mkfifo s/never/supervise/ok
  sv_trace "execve,exit_group,$WAITS" -w 1 up never
  assert_eq 1 "$TRACE_RC" "exit code"
  assert_eq "fail: never: runsv not running" "$(cat out)"
  t=$(trace_ms execve exit_group)
  test "$t" -ge 1000 || fail "gave up after $t ms"
  test "$(asked sv.trace)" -le 1260 || fail "a deadline $(asked sv.trace) ms away"
  # sv check waits for a starting runsv too
  mksvc s/late2 'exec sleep 1000'
  (sleep 0.3 ; exec runsv s/late2 > s/late2.log 2>&1) &
  sv -w 5 check late2 > out ; rc=$?
  assert_eq 0 $rc "check exit code: $(cat out)"
  assert_match "ok: run: late2: (pid *) *s" "$(cat out)"
}

t_boot_wait_dangling_supervise () {
  # supervise/ is a link to a directory runsv creates: inotify cannot watch
  # it yet, so sv looks every 50 ms until it can (in its trace: no wait
  # that ran out asked for more; how soon is a speed, bench/run's figure 15)
  mksvc s/late 'exec sleep 1000'
  mkdir state
  ln -s "$T/state/late" s/late/supervise
  (sleep 0.5 ; exec runsv s/late > s/late.log 2>&1) &
  sv_trace "open,openat,exit_group,$WAITS" -w 5 up late
  assert_eq 0 "$TRACE_RC" "exit code: $(cat out)"
  assert_eq "ok: run: late: (pid $(status_pid s/late)) Ns" "$(masksecs < out)"
  assert_eq "" "$(naps_over 50)" "waits that ran out"
}
