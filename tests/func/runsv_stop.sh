# tests/func/runsv_stop.sh - runsv's stop knobs (runsv(8), "Stopping"):
# down-signal, timeout-kill, timeout-finish, reload-signal, kill-group.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Times are measured on an strace -ttt of runsv (its kill and wait4 calls),
# never in the shell: their lower bounds. What bounds them from above is
# runsv's own plan, the timeouts of its waits in the same trace (waits in
# lib.sh): how late a loaded machine wakes it is a speed, not asserted
# (bench/run's figure 15, timeout-kill).

# stopsvc DIR: a run that notes in DIR/sigs every signal it gets (TERM and
# QUIT, INT make it exit, after a moment to see the CONT that follows); its
# pid in DIR/runpid; no child of it outlives it for long
stopsvc () {
  mksvc "$1" 'for s in HUP USR1 USR2 CONT ; do trap "echo $s >> sigs" $s ; done
for s in TERM QUIT INT ; do trap "echo $s >> sigs ; stop=1" $s ; done
echo $$ > runpid
stop=
while test -z "$stop" ; do sleep 0.05 ; done
sleep 0.2
exit 0'
}
# deafsvc DIR: a run that notes TERM in DIR/sigs and keeps running
deafsvc () {
  mksvc "$1" 'trap "echo TERM >> sigs" TERM
echo $$ > runpid
while : ; do sleep 0.05 ; done'
}
# traced_runsv DIR: our runsv under strace -ttt, its kill, wait4 and timed
# wait calls in DIR.trace (the leak check off: ptrace hides nothing from it,
# see sv_trace)
traced_runsv () {
  command -v strace > /dev/null || skip "strace is not installed"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -e 'trace=kill,wait4,ppoll,?poll,pselect6' -o "$1.trace" "$SV_BIN/runsv" "$1" > "$1.log" 2>&1 &
  RUNSV_PID=$!
  wait_for 10 "alive '$1'" "runsv $1 to open supervise/ok"
}
# trace_gap FILE FROM TO: milliseconds in FILE from the first line matching
# the awk pattern FROM to the first matching TO after it; empty if missing
trace_gap () {
  awk -v from="$2" -v to="$3" '!s && $0 ~ from { s = $1 ; next } s && $0 ~ to { printf "%d\n", ($1 - s) * 1000 ; exit }' "$1"
}
# planned_within FILE FROM TO MS WHAT: in FILE, from the first line matching
# the awk pattern FROM to the first matching TO after it, every wait runsv
# started asked for at most MS (none without a timeout), and the last one
# ran out: TO came at runsv's own deadline, never planned for later
planned_within () {
  awk -v from="$2" -v to="$3" '!s && $0 ~ from { s = 1 ; next } s && $0 ~ to { exit } s { print }' "$1" > within.trace
  _pw=$(waits within.trace | awk -v max="$4" '{ n++ ; last = $4 } $3 == "inf" || $3 > max { bad = bad " " $3 } END { if (!n) print "no wait" ; else if (bad != "") print "waits of" bad " ms" ; else if (last != "timeout") print "the last wait did not run out" }')
  test -z "$_pw" || fail "$5: $_pw, for a deadline of $4 ms: $(cat within.trace)"
}
# sigs_are DIR 'LIST': the signals the run noted, one line each, are exactly LIST
sigs_are () { test "$(tr '\n' ' ' < "$1/sigs" 2>/dev/null)" = "$2" ; }

t_down_signal_by_name_or_number () {
  # each spelling of QUIT, then CONT; never TERM
  for v in QUIT SIGQUIT sigquit 3 ; do
    rm -rf s s.log
    stopsvc s
    echo "$v" > s/down-signal
    start_runsv s
    wait_for 5 "test -s s/runpid" "the run to start"
    ctl s d
    wait_for 5 "test \"\$(stat_of s)\" = down" "the service to stop on $v"
    sigs_are s "QUIT CONT " || fail "down-signal $v: the run got [$(cat s/sigs)]"
    assert_eq "" "$(cat s.log)" "no warning for $v"
    kill "$RUNSV_PID" ; wait "$RUNSV_PID"
  done
}

t_down_signal_read_at_start () {
  # a file written while ./run runs counts from the next start
  stopsvc s
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  echo INT > s/down-signal
  ctl s d
  wait_for 5 "test \"\$(stat_of s)\" = down" "the first stop"
  sigs_are s "TERM CONT " || fail "first stop: [$(cat s/sigs)]"
  rm s/sigs s/runpid
  ctl s u
  wait_for 5 "test -s s/runpid" "the run to start again"
  ctl s d
  wait_for 5 "test \"\$(stat_of s)\" = down" "the second stop"
  sigs_are s "INT CONT " || fail "second stop: [$(cat s/sigs)]"
}

t_down_signal_control_t_wins () {
  # runit's control/t replaces the stop signal, down-signal or not
  stopsvc s
  echo QUIT > s/down-signal
  mkscript s/control/t 'kill -INT $(cat runpid)'
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  ctl s d
  wait_for 5 "test \"\$(stat_of s)\" = down" "the service to stop"
  sigs_are s "INT CONT " || fail "the run got [$(cat s/sigs)]"
}

t_timeout_kill () {
  # a run deaf to TERM gets KILL 300 ms after it, not before, not much later
  deafsvc s
  echo 300 > s/timeout-kill
  traced_runsv s
  wait_for 10 "test -s s/runpid" "the run to start"
  pid=$(cat s/runpid)
  ctl s d
  wait_for 10 "test \"\$(stat_of s)\" = down" "the KILL to end the run"
  # (the TERM is in runsv's trace: the run's own note of it may come after
  # the KILL on a loaded machine, which the trace is not)
  gap=$(trace_gap s.trace "kill\\($pid, SIGTERM\\)" "kill\\($pid, SIGKILL\\)")
  test -n "$gap" || fail "no TERM then KILL to $pid in the trace: $(cat s.trace)"
  test "$gap" -ge 300 || fail "KILL $gap ms after TERM, before timeout-kill's 300"
  planned_within s.trace "kill\\($pid, SIGTERM\\)" "kill\\($pid, SIGKILL\\)" 300 "from the TERM to the KILL"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_timeout_kill_absent_or_zero () {
  # without it (or with 0, as s6), runit's way: TERM only, no KILL ever
  for v in none 0 ; do
    rm -rf s s.log
    deafsvc s
    test "$v" = none || echo "$v" > s/timeout-kill
    start_runsv s
    wait_for 5 "test -s s/runpid" "the run to start"
    pid=$(cat s/runpid)
    ctl s d
    wait_for 5 "grep -q TERM s/sigs" "the TERM"
    still_for 0.6 "is_running $pid" "the run (timeout-kill $v) still running"
    kill -9 "$pid"
    wait_for 5 "test \"\$(stat_of s)\" = down" "the run to end"
    kill "$RUNSV_PID" ; wait "$RUNSV_PID"
  done
}

t_timeout_finish () {
  # ./finish is killed 300 ms after it started; the run starts again after it
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  mkscript s/finish 'echo $$ > finishpid ; exec sleep 100'
  echo 300 > s/timeout-finish
  traced_runsv s
  wait_for 10 "test -s s/runpid" "the run to start"
  pid=$(cat s/runpid)
  rm s/runpid
  kill "$pid"
  wait_for 10 "test -s s/finishpid" "./finish to start"
  fpid=$(cat s/finishpid)
  wait_for 10 "test -s s/runpid" "the run to start again after the KILL"
  gone "$fpid" || fail "./finish still there"
  gap=$(trace_gap s.trace "wait4\\(.*= $pid\$" "kill\\($fpid, SIGKILL\\)")
  test -n "$gap" || fail "no reap of $pid then KILL of $fpid in the trace: $(cat s.trace)"
  test "$gap" -ge 300 || fail "KILL $gap ms after ./run ended, before timeout-finish's 300"
  planned_within s.trace "wait4\\(.*= $pid\$" "kill\\($fpid, SIGKILL\\)" 300 "from the end of ./run to the KILL of ./finish"
}

t_timeout_finish_absent () {
  # runit's way: ./finish runs as long as it likes
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  mkscript s/finish 'echo $$ > finishpid ; exec sleep 100'
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  kill "$(cat s/runpid)"
  wait_for 5 "test -s s/finishpid" "./finish to start"
  still_for 0.6 "is_running $(cat s/finishpid) && test \"\$(stat_of s)\" = finish" "./finish running"
}

t_reload_signal () {
  # sv reload sends reload-signal; sv hup stays HUP
  stopsvc s
  echo USR1 > s/reload-signal
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  sv reload ./s > /dev/null || fail "sv reload"
  wait_for 5 "sigs_are s 'USR1 '" "USR1 from sv reload"
  sv hup ./s > /dev/null || fail "sv hup"
  wait_for 5 "sigs_are s 'USR1 HUP '" "HUP from sv hup"
  # a lone h (runit's sv reload, or sv hup) is HUP; r then h is reload
  ctl s h
  wait_for 5 "sigs_are s 'USR1 HUP HUP '" "HUP from a lone h"
  ctl s rh
  wait_for 5 "sigs_are s 'USR1 HUP HUP USR1 '" "USR1 from rh"
}

t_reload_signal_absent () {
  stopsvc s
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  sv reload ./s > /dev/null || fail "sv reload"
  wait_for 5 "sigs_are s 'HUP '" "HUP from sv reload"
}

# groupsvc DIR: a run leading 10 children that ignore TERM (their pids in
# DIR/kids) and one that notes USR1 in DIR/got, as the run itself does
groupsvc () {
  mksvc "$1" 'trap "" TERM
trap "echo run >> got" USR1
for i in 1 2 3 4 5 6 7 8 9 10 ; do sh -c "trap \"\" TERM ; exec sleep 100" & echo $! >> kids.new ; done
sh -c "trap \"echo child >> got\" USR1 ; while : ; do sleep 0.05 ; done" &
echo $! >> kids.new
mv kids.new kids
echo $$ > runpid
while : ; do sleep 0.05 ; done'
}

t_kill_group_with_timeout_kill () {
  # TERM to the group (ignored by all), then KILL to the group: all gone
  groupsvc s
  touch s/kill-group
  echo 300 > s/timeout-kill
  traced_runsv s
  wait_for 10 "test -s s/runpid && test -s s/kids" "the run and its children"
  pid=$(cat s/runpid)
  assert_eq 11 "$(wc -l < s/kids | tr -d ' ')" "children"
  ctl s d
  wait_for 10 "test \"\$(stat_of s)\" = down" "the service to stop"
  for k in $(cat s/kids) ; do wait_for 5 "gone $k" "child $k to be gone" ; done
  gap=$(trace_gap s.trace "kill\\(-$pid, SIGTERM\\)" "kill\\(-$pid, SIGKILL\\)")
  test -n "$gap" || fail "no TERM then KILL to group $pid in the trace: $(cat s.trace)"
  test "$gap" -ge 300 || fail "KILL $gap ms after TERM, before timeout-kill's 300"
}

t_kill_group_signals () {
  # with kill-group, sv's signals reach the whole group; without, ./run alone
  for g in yes no ; do
    rm -rf s s.log
    groupsvc s
    test "$g" = no || touch s/kill-group
    start_runsv s
    wait_for 5 "test -s s/runpid && test -s s/kids" "the run and its children"
    ctl s 1
    if test "$g" = yes ; then
      wait_for 5 "test \"\$(sort s/got | tr '\n' ' ')\" = 'child run '" "USR1 to both"
    else
      wait_for 5 "test -s s/got" "USR1 to the run"
      still_for 0.3 "test \"\$(cat s/got)\" = run" "USR1 to the run only"
    fi
    # it is deaf to TERM: down, then KILL by hand
    ctl s d
    kill -9 "-$(cat s/runpid)"
    wait_for 5 "test \"\$(stat_of s)\" = down" "the run to end"
    kill "$RUNSV_PID" ; wait "$RUNSV_PID"
  done
}

t_bad_values () {
  # one warning per bad file, naming it, at each start; the knob is ignored
  while read -r sig ms ; do
    rm -rf s s.log
    stopsvc s
    for f in down-signal reload-signal ; do printf '%s\n' "$sig" > "s/$f" ; done
    for f in timeout-kill timeout-finish ; do printf '%s\n' "$ms" > "s/$f" ; done
    start_runsv s
    wait_for 5 "test -s s/runpid" "the run to start"
    wait_for 5 "test \$(wc -l < s.log) -ge 4" "four warnings"
    assert_eq "runsv s: warning: down-signal: \"$sig\" is not a signal name or number: TERM is sent
runsv s: warning: reload-signal: \"$sig\" is not a signal name or number: HUP is sent
runsv s: warning: timeout-kill: \"$ms\" is not a number of milliseconds: no limit
runsv s: warning: timeout-finish: \"$ms\" is not a number of milliseconds: no limit" "$(cat s.log)" "warnings for $sig / $ms"
    sv reload ./s > /dev/null
    wait_for 5 "sigs_are s 'HUP '" "HUP for a bad reload-signal $sig"
    ctl s d
    wait_for 5 "test \"\$(stat_of s)\" = down" "the stop"
    sigs_are s "HUP TERM CONT " || fail "bad down-signal $sig: the run got [$(cat s/sigs)]"
    kill "$RUNSV_PID" ; wait "$RUNSV_PID"
  done <<EOF
FOO soon
SIGFOO -1
0 99999999999999999999
99 1.5
-3 +300
EOF
}

t_interop_runit_sv () {
  # runit's sv drives our runsv with every stop knob present
  need_runit
  stopsvc s
  echo QUIT > s/down-signal
  echo USR1 > s/reload-signal
  # (3 s: the run must note the QUIT and exit before a KILL, however loaded the machine)
  echo 3000 > s/timeout-kill
  echo 1000 > s/timeout-finish
  touch s/kill-group
  start_runsv s
  wait_for 5 "test -s s/runpid" "the run to start"
  assert_match "run: ./s: (pid $(cat s/runpid)) *s*" "$("$RUNIT/sv" status ./s)" "runit's sv status"
  # runit's sv reload writes a lone h: HUP, as runit
  "$RUNIT/sv" reload ./s > /dev/null || fail "runit's sv reload"
  wait_for 5 "sigs_are s 'HUP '" "HUP from runit's sv reload"
  "$RUNIT/sv" -v down ./s > out || fail "runit's sv down: $(cat out)"
  assert_match "ok: down: ./s: *" "$(cat out)" "runit's sv down"
  sigs_are s "HUP QUIT CONT " || fail "the run got [$(cat s/sigs)]"
  rm s/runpid
  "$RUNIT/sv" up ./s > /dev/null || fail "runit's sv up"
  wait_for 5 "test -s s/runpid" "the run to start again"
  # the shell says which signal ended its sleep, as runsv is silent
  ! grep -q runsv s.log || fail "runsv warned: $(cat s.log)"
}

t_subreaper_counts_what_a_daemon_left () {
  # the first run daemonizes (setsid, double fork) and exits: the daemon
  # comes back to runsv, is counted in supervise/state, never killed
  # without kill-group, and reaped when it ends
  mksvc s 'echo x >> runs
test "$(wc -l < runs)" -gt 1 && exec sleep 100
setsid sh -c "sleep 600 & echo \$! > daemon.pid" < /dev/null > /dev/null 2>&1
exit 0'
  start_runsv s
  wait_for 5 "test -s s/daemon.pid && test \"\$(wc -l < s/runs)\" -ge 2 && test \"\$(stat_of s)\" = run" "the daemon, and the second run"
  d=$(cat s/daemon.pid)
  assert_eq "$RUNSV_PID" "$(ps -o ppid= -p "$d" | tr -d ' ')" "the daemon's parent"
  wait_for 5 "test \"\$(state_u32 s 40)\" = 1" "one leftover in supervise/state"
  still_for 0.5 "is_running $d" "the daemon left alone without kill-group"
  kill "$d"
  wait_for 5 "test ! -e /proc/$d" "the daemon reaped by runsv, not a zombie"
  wait_for 5 "test \"\$(state_u32 s 40)\" = 0" "no leftover once it ended"
}

t_kill_group_sweeps_leftovers_before_down () {
  # kill-group: a run that exits leaving a helper in its group (TERM ends it)
  # and a setsid daemon that ignores TERM: both get TERM at the run's end,
  # the deaf one KILL after timeout-kill, and only then is the service down
  # and started again
  command -v strace > /dev/null || skip "strace is not installed"
  mksvc s 'echo x >> runs
test "$(wc -l < runs)" -gt 1 && exec sleep 100
sh -c "trap \"echo helper-term >> helper.out ; exit 0\" TERM ; echo \$\$ > helper.pid ; while : ; do sleep 0.05 ; done" < /dev/null > /dev/null 2>&1 &
setsid sh -c "trap \"echo deaf-term >> deaf.out\" TERM ; echo \$\$ > deaf.pid ; while : ; do sleep 0.05 ; done" < /dev/null > /dev/null 2>&1 &
while test ! -s helper.pid || test ! -s deaf.pid ; do sleep 0.05 ; done
exit 1'
  touch s/kill-group
  # (3 s: the helper's and the daemon's shells must run their traps before
  # the KILL, which on a loaded machine can take more than a second)
  echo 3000 > s/timeout-kill
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -e trace=kill,clone,clone3,fork,vfork -o s.trace "$SV_BIN/runsv" s > s.log 2>&1 &
  RUNSV_PID=$!
  wait_for 20 "test \"\$(wc -l < s/runs 2> /dev/null)\" = 2 && test \"\$(stat_of s)\" = run" "the second run, after the sweep"
  h=$(cat s/helper.pid) d=$(cat s/deaf.pid)
  gone "$h" || fail "the helper still runs"
  gone "$d" || fail "the deaf daemon still runs"
  assert_eq helper-term "$(cat s/helper.out)" "the helper's TERM"
  grep -qx deaf-term s/deaf.out || fail "the deaf daemon got no TERM"
  # in runsv's own trace: TERM to both, KILL to the deaf one a timeout-kill later, then the next fork
  t_term=$(awk -v p="$d" '$2 ~ "^kill\\(" p "," && /SIGTERM/ { print $1 ; exit }' s.trace)
  t_kill=$(awk -v p="$d" '$2 ~ "^kill\\(" p "," && /SIGKILL/ { print $1 ; exit }' s.trace)
  t_fork=$(awk '/(clone|fork)/ && / = [0-9]+$/ { t = $1 } END { print t }' s.trace)
  test -n "$t_term" && test -n "$t_kill" || fail "no TERM or no KILL to the deaf daemon: $(cat s.trace)"
  ms=$(awk -v a="$t_term" -v b="$t_kill" 'BEGIN { printf "%d", (b - a) * 1000 }')
  test "$ms" -ge 2990 || fail "KILL $ms ms after TERM, before timeout-kill's 3000"
  awk -v k="$t_kill" -v f="$t_fork" 'BEGIN { exit !(f > k) }' || fail "the next run started before the KILL"
  grep -q "^[0-9.]* kill(-[0-9]*, SIGTERM)" s.trace || fail "no TERM to the run's group: $(cat s.trace)"
  # the helper, still in the run's group, gets the group's TERM only
  ! grep -q "^[0-9.]* kill($h, SIGTERM)" s.trace || fail "a second TERM to the helper, by its pid: $(cat s.trace)"
}

t_kill_group_sweep_status_keeps_pid_and_want () {
  # while the sweep waits for what the run left, sv status says finish with
  # a leftover's pid and the want (never "(pid 0) ..., normally up")
  mksvc s 'setsid sh -c "trap \"\" TERM ; echo \$\$ > deaf.pid ; while : ; do sleep 0.05 ; done" < /dev/null > /dev/null 2>&1 &
echo $$ > runpid
exec sleep 100'
  touch s/kill-group
  echo 3000 > s/timeout-kill
  start_runsv s
  wait_for 10 "test -s s/deaf.pid && test \"\$(stat_of s)\" = run" "the run and its deaf daemon"
  d=$(cat s/deaf.pid)
  ctl s d
  wait_for 5 "test \"\$(stat_of s)\" = 'finish, want down'" "finish while the sweep waits"
  assert_eq "$d" "$(status_pid s)" "the status pid: the leftover"
  assert_eq "$d" "$(pid_of s)" "supervise/pid"
  assert_match "finish: ./s: (pid $d) *s, want down" "$(sv status ./s)" "sv status"
  wait_for 10 "test \"\$(stat_of s)\" = down" "down once the deaf one was killed"
  gone "$d" || fail "the deaf daemon still runs"
  assert_eq 0 "$(status_pid s)" "no pid once down"
}
