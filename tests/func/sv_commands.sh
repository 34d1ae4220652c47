# tests/func/sv_commands.sh - sv's usage, options and commands (sv(8),
# COMMANDS, OPTIONS), each command seen in the service's real state: up,
# down, once, pause, cont, the signals, exit, the init-script words (start,
# stop, restart, ...) and runit's capital commands.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

t_usage () {
  usage='usage: sv [-v] [-w sec] command service ...'
  out_is 100 "" sv ; usage_is "$usage"
  # a command without a service (status lists $SVDIR instead: sv_json.sh)
  out_is 100 "" sv up ; usage_is "$usage"
  # -j is for status alone
  out_is 100 "" sv -j up a ; usage_is "$usage"
  out_is 100 "" sv -j check a ; usage_is "$usage"
  out_is 100 "" sv -v ; usage_is "$usage"
  for cmd in foo rfoo r f fx force- y Z - "" ; do
    out_is 100 "" sv "$cmd" a ; usage_is "$usage"
  done
  out_is 100 "" sv -x status a ; usage_is "sv: illegal option -- x" "$usage"
  out_is 100 "" sv -vx status a ; usage_is "sv: illegal option -- x" "$usage"
  out_is 100 "" sv -w ; usage_is "sv: option requires an argument -- w" "$usage"
  out_is 100 "" sv -V status a
  assert_match '$Id: *$' "$(head -n 1 err)" "version line"
  assert_eq "$usage" "$(sed -n 2p err)" "usage after the version"
}

t_options_and_service_words () {
  svc a
  pid=$(status_pid s/a)
  # options end at the command; later words are services, even -v
  out_is 1 "run: a: (pid $pid) Ns
fail: -v: unable to change to service directory: file does not exist" sv status a -v
  out_is 0 "run: a: (pid $pid) Ns" sv -- status a
  out_is 0 "ok: run: a: (pid $pid) Ns" sv -vw3 up a
  out_is 0 "ok: run: a: (pid $pid) Ns" sv -w3 up a
  # status is any word starting with s (but not start, stop, shutdown)
  for w in s stat sss status ; do out_is 0 "run: a: (pid $pid) Ns" sv $w a ; done
  # -v status does not wait for anything
  out_is 0 "run: a: (pid $pid) Ns" sv -v status a
}

t_up_down () {
  svc a
  old a
  out_is 0 "" sv down a
  wait_for 5 "state_is a down"
  out_is 0 "" sv up a
  wait_for 5 "state_is a run"
  old a
  out_is 0 "ok: down: a: Ns, normally up" sv -v down a
  state_is a down || fail "stat after -v down: $(stat_of s/a)"
  rc_is 0 sv -v up a
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  state_is a run || fail "stat after -v up: $(stat_of s/a)"
}

t_once () {
  svc_down o 'echo ran >> ran ; exec sleep 1'
  sv -v once o > out 2> err ; rc=$?
  assert_eq 0 $rc "once exit code"
  assert_match "ok: run: o: (pid [0-9]*) [0-9]*s, normally down, want down" "$(cat out)" "once output"
  # it runs once, and is not restarted
  wait_for 5 "state_is o down"
  still_for 1.2 "test \$(wc -l < s/o/ran) -eq 1" "o ran once"
}

t_pause_cont () {
  sigsvc p
  pid=$(cat s/p/runpid)
  out_is 0 "ok: run: p: (pid $pid) Ns, paused" sv -v pause p
  # the STOP is sent; a process in uninterruptible sleep (D) on a loaded
  # machine stops once it leaves it
  wait_for 5 "test \"\$(sed 's/^[0-9]* ([^)]*) \(.\).*/\1/' /proc/$pid/stat)\" = T" "process state T after pause"
  out_is 0 "ok: run: p: (pid $pid) Ns" sv -v cont p
  wait_for 5 "got p CONT"
}

t_signals () {
  sigsvc g
  pid=$(cat s/g/runpid)
  # first-letter dispatch: any word works, the letter is what counts
  for pair in hup:HUP hangup:HUP alarm:ALRM a:ALRM interrupt:INT quit:QUIT 1:USR1 2:USR2 ; do
    cmd=${pair%%:*} ; sig=${pair#*:}
    : > s/g/sigs
    out_is 0 "" sv "$cmd" g
    wait_for 5 "got g $sig" "$sig after sv $cmd"
  done
  : > s/g/sigs
  out_is 0 "ok: run: g: (pid $pid) Ns" sv -v hup g
  wait_for 5 "got g HUP"
  out_is 0 "ok: run: g: (pid $pid) Ns" sv -w 2 quit g
  assert_eq "$pid" "$(status_pid s/g)" "the signals did not restart it"
}

t_term_kill () {
  sigsvc t
  old t
  pid=$(cat s/t/runpid)
  # our service notes TERM and goes on; sv -v term waits for a process started since
  out_is 0 "" sv term t
  wait_for 5 "got t TERM"
  assert_eq "$pid" "$(status_pid s/t)" "TERM was caught"
  out_is 0 "" sv kill t
  wait_for 5 "gone $pid" "SIGKILL"
  wait_for 5 "state_is t run && test \"\$(status_pid s/t)\" != $pid" "restart after kill"
}

t_exit () {
  svc a
  runsv_pid=$RUNSV_PID
  # without -v: write and go
  out_is 0 "" sv exit a
  wait_for 5 "gone $runsv_pid" "runsv to exit"
  svc b
  out_is 0 "ok: b: runsv not running" sv -v e b
  gone "$RUNSV_PID" || ! alive s/b || fail "runsv still there after sv -v exit"
}

t_lsb_words () {
  svc a
  old a
  out_is 0 "ok: down: a: Ns, normally up" sv stop a
  state_is a down || fail "after stop: $(stat_of s/a)"
  rc_is 0 sv start a
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  state_is a run || fail "after start: $(stat_of s/a)"
  for cmd in restart force-restart try-restart force-reload ; do
    old a
    pid=$(status_pid s/a)
    rc_is 0 sv $cmd a
    then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
    assert_ne "$pid" "$(status_pid s/a)" "$cmd gives a new process"
  done
  out_is 0 "ok: down: a: Ns, normally up" sv force-stop a
  # try-restart on a service told to stay down: nothing to do
  out_is 0 "ok: down: a: Ns, normally up" sv try-restart a
  state_is a down || fail "try-restart started it: $(stat_of s/a)"
  out_is 0 "ok: a: runsv not running" sv shutdown a
  alive s/a && fail "runsv still there after shutdown"
  return 0
}

t_capitals () {
  # runit's undocumented forceful commands: always wait, kill at the deadline
  ignoring ig
  pid=$(cat s/ig/runpid)
  out_is 1 "kill: run: ig: (pid $pid) Ns, want down, got TERM" sv -w 1 D ig
  wait_for 5 "gone $pid && state_is ig down" "D to kill"
  svc a
  old a
  pid=$(status_pid s/a)
  rc_is 0 sv T a
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  assert_ne "$pid" "$(status_pid s/a)" "T restarts"
  out_is 0 "ok: down: a: Ns, normally up" sv Down a
  out_is 0 "ok: a: runsv not running" sv Exit a
  alive s/a && fail "runsv still there after E"
  ignoring ig2
  runsv_pid=$RUNSV_PID
  out_is 1 "kill: run: ig2: (pid $(cat s/ig2/runpid)) Ns, want down, got TERM" sv -w 1 X ig2
  wait_for 5 "gone $runsv_pid" "runsv to exit once the service is killed"
}

t_reload () {
  sigsvc r
  out_is 0 "ok: run: r: (pid $(cat s/r/runpid)) Ns" sv reload r
  wait_for 5 "got r HUP"
}

t_restart_same_second () {
  # the process starts and is restarted in the same second: the ok line is about the new one
  svc a
  pid=$(status_pid s/a)
  rc_is 0 sv -w 5 restart a
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  assert_ne "$pid" "$(status_pid s/a)" "a new process"
}
