# tests/func/runsv_restart.sh - runsv's restart policy (runsv(8), "Starting
# and restarting"): restart-delay, restart-delay-max, restart-reset,
# max-failures, and what supervise/state and sv -j status say of it.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# The pauses are measured between the forks in an strace -ttt of runsv,
# never in the shell: on a loaded machine only their lower bounds are
# exact. What bounds them from above is runsv's own plan: the label of the
# next start it writes into supervise/state for each pause, against the
# label of the start it follows (rs_plans, from the same trace). How late
# after its plan a loaded machine wakes runsv is a speed (bench/run's
# figure 15), never asserted here.
# Shared helpers (forking_runsv, fork_gaps): tests/func/lib/runsv.sh.
# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

# plans_are FILE WHAT 'N:MS ...' [log]: each pause runsv planned (rs_plans)
# after run N is MS, to the millisecond; a run not listed has none (runs
# after the last listed are not looked at: runsv goes on while the case
# ends). Under load a run may outlast its pause, and then has none either:
# any N listed may be missing, not all
plans_are () {
  _pa=$(rs_plans "$1" ${4:-} | tr '\n' ',')
  test -n "$_pa" || fail "$2: no pause planned"
  echo "$_pa" | tr ',' '\n' | awk -v want=" $3 " -v what="$2" -v all="$_pa" '
    BEGIN { n = split(want, l, /[ :]+/) ; for (i = 1 ; i <= n ; i++) if (i % 2 == 0 && l[i] + 0 > max) max = l[i] + 0 }
    NF != 2 || $1 > max { next }
    { m = index(want, " " $1 ":") ; if (!m) { print what ": a pause after run " $1 " (" $2 " ms), none expected: " all ; exit 1 }
      w = substr(want, m + length($1) + 2) + 0
      if ($2 < w - 1 || $2 > w + 1) { print what ": the pause after run " $1 " planned " $2 " ms, not " w ": " all ; exit 1 } }' > plans.err \
    || fail "$(cat plans.err)"
}
# gap N FILE: the Nth of those gaps (from 1)
gap () { fork_gaps "$2" | sed -n "${1}p" ; }
# counted_run DIR SCRIPT: a run that adds a line to DIR/runs, then runs SCRIPT ($n: its number)
counted_run () {
  mksvc "$1" "echo x >> runs
n=\$(wc -l < runs)
$2"
}
runs_of () { wc -l < "$1/runs" 2> /dev/null | tr -d ' ' ; }
state_failures () { state_u32 "$1" 36 ; }

t_defaults_are_runits_second () {
  # no knob file: a run that dies at once is restarted a second after its start, for ever
  counted_run s 'exit 1'
  forking_runsv s
  wait_for 10 "test \"\$(runs_of s)\" -ge 4" "four runs"
  for i in 1 2 3 ; do
    g=$(gap "$i" s.trace)
    test "$g" -ge 700 || fail "start $i to $((i + 1)): $g ms, under the second"
  done
  # and no more: runit's second after each start, no growth by default
  plans_are s.trace "defaults" "1:1000 2:1000 3:1000 4:1000 5:1000 6:1000 7:1000 8:1000"
  test "$(state_failures s)" -ge 3 || fail "failures: $(state_failures s)"
  gave_up s && fail "gave up without max-failures"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_delay_doubles_to_the_cap_then_resets () {
  # restart-delay 300, cap 1200: pauses 300, 600, 1200, 1200; the 5th run
  # lasts past restart-reset, so the pause after the 6th is 300 again
  counted_run s 'test "$n" = 5 && sleep 1.5
exit 1'
  echo 300 > s/restart-delay
  echo 1200 > s/restart-delay-max
  echo 1000 > s/restart-reset
  forking_runsv s
  wait_for 20 "test \"\$(runs_of s)\" -ge 7" "seven runs"
  g1=$(gap 1 s.trace) g2=$(gap 2 s.trace) g3=$(gap 3 s.trace) g4=$(gap 4 s.trace) g6=$(gap 6 s.trace)
  # (a pause counts from runsv's clock read before the fork: strace, ASan
  # and the load may make one fork come up to 150 ms later than the next;
  # each lower bound still tells the pause from the one before it)
  test "$g1" -ge 150 || fail "first pause $g1 ms, not 300"
  test "$g2" -ge 450 || fail "second pause $g2 ms, not doubled"
  test "$g3" -ge 900 || fail "third pause $g3 ms, not 1200"
  test "$g4" -ge 900 || fail "fourth pause $g4 ms, not the cap of 1200"
  test "$g6" -ge 150 || fail "pause after a run that lasted: $g6 ms, not back to 300"
  # and no longer: runsv's plans double to the cap, none after the run that
  # lasted, 300 again after the next death
  plans_are s.trace "restart-delay 300, cap 1200" "1:300 2:600 3:1200 4:1200 6:300 7:600"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_never_ready_is_a_failure () {
  # a run that declares readiness and dies unready after restart-reset still counts
  counted_run s 'sleep 1.2
exit 1'
  echo 3 > s/notification-fd
  echo 500 > s/restart-reset
  start_runsv s
  wait_for 10 "test \"\$(runs_of s)\" -ge 2" "a second run"
  assert_eq 1 "$(state_failures s)" "failures after an unready run of 1.2 s"
  test $(( $(state_flags s) & 8 )) -eq 8 || fail "flags $(state_flags s): no quick death"
}

t_a_run_stopped_by_sv_restart_is_no_quick_death () {
  # (found by tests/stress/soak) a run that runsv stopped for sv restart, however
  # young, did not die by itself: flag 8 stays clear, so the next sv -w
  # restart and sv health do not wait for the new run to outlast a second
  # as for a crash loop's. restart-reset 60 s makes every run young
  counted_run s 'exec sleep 100'
  echo 0 > s/restart-delay
  echo 60000 > s/restart-reset
  start_runsv s
  wait_for 10 "test \"\$(stat_of s)\" = run" "the first run"
  for i in 1 2 3 ; do
    rc_is 0 sv -w 5 restart ./s
    # (sv is done when runsv says the new run runs: its shell may not have
    # written its line yet on a loaded machine)
    wait_for 10 "test \"\$(runs_of s)\" = $(( i + 1 ))" "runs after $i sv restart: $(( i + 1 ))"
    test $(( $(state_flags s) & 8 )) -eq 0 || fail "flags $(state_flags s) after sv restart $i: a quick death"
    # healthy at once, not "restarting, want up" for a second
    rc_is 0 sv health ./s
  done
  # sv kill is no stop runsv made: that young run's death is a quick one
  p=$(pid_of s)
  sv kill ./s > /dev/null
  wait_for 10 "test \"\$(runs_of s)\" = 5 && test \"\$(stat_of s)\" = run && test \"\$(pid_of s)\" != $p" "the run after sv kill"
  test $(( $(state_flags s) & 8 )) -eq 8 || fail "flags $(state_flags s) after sv kill: no quick death"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_failures_end_while_the_run_lasts () {
  # two quick deaths, then a run that stays: once it has lasted restart-reset
  # the state says no failures, while it still runs
  counted_run s 'test "$n" -ge 3 && exec sleep 100
exit 1'
  echo 100 > s/restart-delay
  echo 3000 > s/restart-reset
  start_runsv s
  wait_for 10 "test \"\$(runs_of s)\" -ge 3 && test \"\$(stat_of s)\" = run" "the third run"
  assert_eq 2 "$(state_failures s)" "failures while the third run is young"
  wait_for 8 "test \"\$(state_failures s)\" = 0" "failures cleared once it lasted"
  assert_eq run "$(stat_of s)" "still running"
}

t_max_failures_gives_up_then_sv_up () {
  # three quick deaths within 60 s: down, want up, no more starts; ./finish ran each time
  counted_run s 'exit 1'
  mkscript s/finish 'echo f >> finished'
  echo 100 > s/restart-delay
  echo "3 60" > s/max-failures
  start_runsv s
  wait_for 10 "gave_up s" "the give-up"
  assert_eq 3 "$(runs_of s)" "runs"
  wait_for 5 "test \"\$(stat_of s)\" = down" "down"
  assert_eq 3 "$(wc -l < s/finished | tr -d ' ')" "./finish runs"
  still_for 1 "test \"\$(runs_of s)\" = 3" "no start after the give-up"
  assert_eq "down: ./s: Ns, normally up, want up" "$(sv status ./s | sed 's/[0-9][0-9]*s,/Ns,/')" "sv status"
  assert_eq "runsv s: warning: ./run failed 3 times within 60 s (max-failures): not restarted until sv up" "$(cat s.log)" "the one warning"
  assert_eq 3 "$(state_failures s)" "failures"
  # sv up clears it and starts at once
  sv up ./s
  wait_for 5 "test \"\$(runs_of s)\" -ge 4" "a start after sv up"
  wait_for 10 "gave_up s && test \"\$(runs_of s)\" = 6" "three more runs, and the next give-up"
  still_for 0.5 "test \"\$(runs_of s)\" = 6" "no start after the second give-up"
  # and so does sv restart (t, c, u)
  sv restart ./s > /dev/null
  wait_for 5 "test \"\$(runs_of s)\" -ge 7" "a start after sv restart"
}

t_give_up_window_closes () {
  # 2 deaths within 1 s give up; deaths 1.5 s apart never do
  counted_run s 'exit 1'
  echo 1500 > s/restart-delay
  echo "2 1" > s/max-failures
  start_runsv s
  wait_for 10 "test \"\$(runs_of s)\" -ge 3" "three runs"
  gave_up s && fail "gave up with one death per window"
  assert_eq 1 "$(state_failures s)" "failures in the window"
}

t_json_members () {
  command -v python3 > /dev/null || skip "python3 is not installed"
  counted_run s 'exit 1'
  # a pause long enough that a loaded machine reads it before it ends
  echo 60000 > s/restart-delay
  start_runsv s
  wait_for 5 "test \"\$(runs_of s)\" = 1 && test \"\$(stat_of s)\" = down" "the first death"
  sv -j status ./s > out || fail "sv -j status: $(cat out)"
  python3 -c 'import json, sys
d = json.load(open("out"))[0]
assert 1000 < d["backoff"] <= 60000, d["backoff"]
assert d["failed"] is False and d["failed_reason"] is None, d
assert d["failures"] == 1 and d["leftovers"] == 0, d' || fail "members: $(cat out)"
  kill "$RUNSV_PID" ; wait "$RUNSV_PID"
  echo "1 60" > s/max-failures
  rm -f s/runs
  start_runsv s
  wait_for 5 "gave_up s" "the give-up"
  sv -j status ./s > out
  python3 -c 'import json
d = json.load(open("out"))[0]
assert d["backoff"] is None and d["failed"] is True, d
assert d["failed_reason"] == "1 quick deaths within 60 s (max-failures)", d' || fail "members after the give-up: $(cat out)"
}

t_bad_values () {
  # one warning per bad file, naming it; the knob is ignored (runit's second, no give-up)
  counted_run s 'exit 1'
  echo soon > s/restart-delay
  echo -5 > s/restart-delay-max
  echo 99999999999 > s/restart-reset
  echo "3" > s/max-failures
  forking_runsv s
  wait_for 10 "test \"\$(runs_of s)\" -ge 2" "two runs"
  g=$(gap 1 s.trace)
  test "$g" -ge 600 || fail "pause $g ms, not the second (a bad value taken)"
  plans_are s.trace "bad values" "1:1000 2:1000 3:1000"
  assert_eq 'runsv s: warning: restart-delay: "soon" is not a number of milliseconds: 1000 ms
runsv s: warning: restart-delay-max: "-5" is not a number of milliseconds: no growth
runsv s: warning: restart-reset: "99999999999" is not a number of milliseconds: 1000 ms
runsv s: warning: max-failures: "3" is not N SECONDS (two numbers from 1): runsv never gives up' "$(sed -n 1,4p s.log)" "warnings"
}

t_logger_has_its_own_policy () {
  # log/restart-delay is the logger's: its second start 2.5 s after its first
  counted_run s 'exec sleep 100'
  mksvc s/log 'echo x >> runs
exit 1'
  echo 2500 > s/log/restart-delay
  forking_runsv s
  wait_for 10 "test \"\$(runs_of s/log)\" = 2" "the logger's second run"
  # forks: the logger, the service, the logger again
  g=$(( $(gap 1 s.trace) + $(gap 2 s.trace) ))
  test "$g" -ge 2000 || fail "the logger restarted after $g ms, not 2500"
  plans_are s.trace "log/restart-delay" "1:2500 2:2500 3:2500" log
  assert_eq 1 "$(runs_of s)" "the service's runs"
}

t_interop_runit_sv () {
  # runit's sv drives a runsv with every restart file; its sv up writes
  # nothing to a service wanted up, its sv restart (t, c) ends a give-up
  need_runit
  counted_run s 'exit 1'
  echo 100 > s/restart-delay
  echo 400 > s/restart-delay-max
  echo 1000 > s/restart-reset
  echo "2 60" > s/max-failures
  start_runsv s
  # (supervise/state is written before status: wait for the status of the give-up too)
  wait_for 10 "gave_up s && test \"\$(stat_of s)\" = down" "the give-up"
  assert_match "down: ./s: *s, normally up, want up" "$("$RUNIT/sv" status ./s)" "runit's sv status"
  "$RUNIT/sv" restart ./s > /dev/null
  wait_for 5 "test \"\$(runs_of s)\" -ge 3" "a start after runit's sv restart"
}

t_operator_restarts_are_no_failures () {
  # sv restart, sv term and sv down stop the run themselves: never counted,
  # never a give-up under max-failures, the pause never grown
  counted_run s 'exec sleep 100'
  echo 2 60 > s/max-failures
  echo 60000 > s/restart-reset  # however long a run lasts on a loaded machine, a death is quick
  echo 100 > s/restart-delay
  echo 10000 > s/restart-delay-max
  start_runsv s
  wait_for 10 "test \"\$(runs_of s)\" = 1" "the first run"
  for i in 2 3 4 ; do
    sv -w 10 restart ./s > /dev/null || fail "sv restart $i: $(sv status ./s)"
    wait_for 10 "test \"\$(runs_of s)\" = $i" "run $i"
  done
  ctl s t
  wait_for 10 "test \"\$(runs_of s)\" = 5" "run 5, after sv term"
  sv -w 10 down ./s > /dev/null || fail "sv down"
  sv -w 10 up ./s > /dev/null || fail "sv up"
  wait_for 10 "test \"\$(runs_of s)\" = 6" "run 6"
  assert_eq 0 "$(state_failures s)" "failures"
  gave_up s && fail "gave up after operator restarts"
  test $(( $(state_flags s) & 8 )) -eq 0 || fail "flags $(state_flags s): a quick death"
  assert_eq "" "$(cat s.log)" "warnings"
  # a real death still counts, after all that
  kill "$(pid_of s)"
  wait_for 10 "test \"\$(runs_of s)\" = 7" "run 7, after a death"
  assert_eq 1 "$(state_failures s)" "failures after a death"
}
