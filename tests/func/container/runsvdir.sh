# tests/func/container/runsvdir.sh - runsvdir as a container's PID 1.
#
# Each case runs "unshare --pid --fork --mount-proc runsvdir ..." inside its
# own PID namespace, so runsvdir is PID 1 of a namespace of its own, and sends
# signals to it from outside, as docker stop / docker kill do.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

RUNSVDIR=$SV_BIN/runsvdir

# pid1_traced ARGS...: pid1, with strace recording in wait.trace when unshare,
# runsvdir's waiting parent, sees it exit (strace traces unshare alone).
# A sanitizer build's leak check runs after main returns and takes up to a
# second on a loaded machine: it is off here (every other case has it), so
# the time measured is runsvdir's own
pid1_traced () {
  need_root
  command -v strace > /dev/null || skip "strace is not installed"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -qq -ttt -T -e trace=wait4 -o wait.trace unshare --pid --fork --mount-proc "$RUNSVDIR" "$@" 2> err &
  UNS=$!
  R=
  wait_for 5 '_u=$(pgrep -P $UNS) && R=$(pgrep -P "$_u") && test -n "$R" && traps_term "$R"' "runsvdir to start as PID 1"
}
# signal_traced SIG: send SIG to PID 1 from a traced kill (kill.trace), wait for
# it; RC is its exit code, MS the kernel's time from the kill(2) to the return
# of unshare's wait4(2): no shell or date(1) start-up time in it
signal_traced () {
  strace -qq -ttt -e trace=kill -o kill.trace kill -"$1" "$R"
  wait "$UNS"
  RC=$?
  MS=$(awk '$2 ~ /^kill\(/ { k = $1 } $2 ~ /^wait4\(/ && $NF ~ /^<[0-9.]*>$/ { w = $1 + substr($NF, 2) }
    END { if (k && w) printf "%d\n", (w - k) * 1000 ; else print "none" }' kill.trace wait.trace)
  test "$MS" != none || fail "no kill or wait4 in the traces: $(cat kill.trace wait.trace)"
}

# stop_with SIG: send SIG to PID 1, wait for it; RC is its exit code, MS how long it took
stop_with () {
  _t0=$(now_ms)
  kill -"$1" "$R"
  wait "$UNS"
  RC=$?
  MS=$(( $(now_ms) - _t0 ))
}

# tsvc DIR: a service that appends "start" to DIR/out, and "term" on SIGTERM,
# then exits 0 (its trap is set before it says it started)
tsvc () {
  # "start" only once the sleep is there to be killed: a TERM between the
  # fork and $! would leave it behind, and PID 1's report would name it
  mksvc "$1" 'trap "echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
sleep 600 &
echo start >> out
wait'
}
# stubborn DIR: a service that ignores SIGTERM (so does its exec'd sleep)
stubborn () {
  mksvc "$1" 'trap "" TERM
echo start >> out
exec sleep 600'
}
started () { test -s "$1/out" ; }
all_started () {
  for _d ; do started "$_d" || return 1 ; done
}
history () { tr '\n' ' ' < "$1/out" | sed 's/ $//' ; }
count () { if test -f "$1" ; then wc -l < "$1" | tr -d ' ' ; else echo 0 ; fi ; }

t_is_pid1_and_runsv_leads_its_group () {
  mkdir sd && tsvc sd/a
  pid1 sd
  wait_for 5 "started sd/a"
  assert_match "*	1" "$(grep '^NSpid:' "/proc/$R/status")" "runsvdir's pid in its namespace"
  p=$(pgrep -P "$R" -x runsv)
  assert_eq "$p $p" "$(ps -o pgid=,sid= -p "$p" | awk '{ print $1, $2 }')" "runsv's process group and session"
  stop_with TERM
  assert_eq 0 "$RC" "exit code"
}

t_term_stops_ten_services_gracefully () {
  mkdir sd
  for n in 0 1 2 3 4 5 6 7 8 ; do tsvc sd/s$n ; done
  for n in 0 1 2 3 ; do mkscript sd/s$n/finish 'echo "finish $*" >> out' ; done
  # s9 writes to a shell logger, which must get its last line on disk and then EOF
  # (its sleeps in the foreground: a TERM waits for the one going, at most
  # 0.1 s, and none is left behind as a sleep forked in the background could be)
  mksvc sd/s9 'exec 2>&1
trap "echo last-words ; echo term >> out ; exit 0" TERM
echo start >> out
while : ; do echo tick ; sleep 0.1 ; done'
  mkscript sd/s9/finish 'echo "finish $*" >> out ; echo from-finish'
  mkscript sd/s9/log/run 'while read -r l ; do echo "$l" >> ../logged ; done
echo EOF >> ../logged'
  # a grace of 30 s: "at the deadline" is far from "at once"
  pid1 -w 30 sd
  wait_for 5 "all_started sd/s0 sd/s1 sd/s2 sd/s3 sd/s4 sd/s5 sd/s6 sd/s7 sd/s8 sd/s9" "ten services running"
  wait_for 10 "grep -q tick sd/s9/logged" "the logger working"
  stop_with TERM
  assert_eq 0 "$RC" "PID 1's exit code"
  # (everything stops in well under a second: how soon is bench/run's figure 6b)
  test "$MS" -lt 15000 || fail "PID 1 took $MS ms: it waited for the 30 s grace"
  for n in 0 1 2 3 ; do assert_eq "start term finish 0 0" "$(history sd/s$n)" "s$n" ; done
  for n in 4 5 6 7 8 ; do assert_eq "start term" "$(history sd/s$n)" "s$n" ; done
  assert_eq "start term finish 0 0" "$(history sd/s9)" "s9"
  assert_eq "last-words from-finish EOF" "$(tail -n 3 sd/s9/logged | tr '\n' ' ' | sed 's/ $//')" "the logger's last lines"
  # the report: one line per service, then the summary
  for n in 0 1 2 3 4 5 6 7 8 9 ; do
    assert_match "runsvdir sd: s$n: stopped in [0-9]*.[0-9][0-9] s (exit 0)" "$(grep ": s$n: " err)" "report line of s$n"
  done
  assert_match "runsvdir sd: stopped 10 services in [0-9]*.[0-9][0-9] s" "$(tail -n 1 err)" "summary"
  assert_eq 11 "$(count err)" "report lines ($(tr "\n" "|" < err))"
}

t_report_says_how_each_run_ended () {
  mkdir sd
  # cron: killed by the TERM it does not handle; app: exits 3 on TERM;
  # good: exits 0 on TERM; off: never runs (a down file)
  mksvc sd/cron 'echo start >> out
exec sleep 600'
  mksvc sd/app 'trap "kill \$! 2>/dev/null ; exit 3" TERM
echo start >> out
sleep 600 & wait'
  tsvc sd/good
  tsvc sd/off
  touch sd/off/down
  pid1 sd
  wait_for 5 "all_started sd/cron sd/app sd/good && alive sd/off" "three services running, off's runsv"
  stop_with TERM
  assert_eq 0 "$RC" "exit code"
  # what supervise/state says of the last run, not runsv's own exit 0
  assert_match "runsvdir sd: cron: stopped in [0-9]*.[0-9][0-9] s (signal TERM)" "$(grep ': cron: ' err)" "cron's report"
  assert_match "runsvdir sd: app: stopped in [0-9]*.[0-9][0-9] s (exit 3)" "$(grep ': app: ' err)" "app's report"
  assert_match "runsvdir sd: good: stopped in [0-9]*.[0-9][0-9] s (exit 0)" "$(grep ': good: ' err)" "good's report"
  assert_match "runsvdir sd: off: stopped in [0-9]*.[0-9][0-9] s (never started)" "$(grep ': off: ' err)" "off's report"
  assert_match "runsvdir sd: stopped 4 services in *" "$(tail -n 1 err)" "summary"
}

t_term_kills_what_ignores_it_at_the_deadline () {
  mkdir sd && tsvc sd/good && stubborn sd/stubborn
  # 3 s: runit's runsv waits a second after a service that ran less than one;
  # as PID 1 the last second of the grace is the strays', so runsv's get 2 s
  pid1 -w 3 sd
  wait_for 5 "started sd/good && started sd/stubborn"
  stop_with TERM
  assert_eq 2 "$RC" "exit code when something had to be killed"
  # not before the services' 2 s deadline; the upper bound only catches a
  # hang (the deadline's share of the grace: t_grace_is_the_whole_stop)
  test "$MS" -ge 1900 || fail "PID 1 took $MS ms with its services' 2 s deadline and no stray"
  test "$MS" -lt 20000 || fail "PID 1 took $MS ms with a grace of 3 s"
  assert_eq "start term" "$(history sd/good)" "the good service stopped gracefully"
  # the times are measured when runsvdir woke: a loaded machine may wake it late
  assert_match "runsvdir sd: stubborn: killed at the deadline after *.?? s" "$(grep ': stubborn: ' err)" "report"
  secs_at_least 2.0 "$(grep ': stubborn: ' err)" "the stubborn one's time"
  assert_match "runsvdir sd: good: stopped in *.?? s (exit 0)" "$(grep ': good: ' err)" "report"
  assert_match "runsvdir sd: stopped 2 services in *.?? s; 1 killed at the deadline" "$(tail -n 1 err)" "summary"
  secs_at_least 2.0 "$(tail -n 1 err)" "the summary's time"
}

# the worst case of the budget: a service and a stray that both ignore TERM
t_grace_is_the_whole_stop () {
  mkdir sd
  mkscript sd/s/stray 'trap "" TERM
echo $$ > stray.pid
exec sleep 600'
  mksvc sd/s 'trap "" TERM
setsid ./stray < /dev/null > /dev/null 2>&1 &
echo start >> out
exec sleep 600'
  pid1_traced -w 2 sd
  wait_for 5 "started sd/s && test -s sd/s/stray.pid"
  # runsvdir's own plan, in an strace of it: its timed waits and kills
  strace -qq -ttt -e 'trace=kill,ppoll,?poll,pselect6' -p "$R" -o pid1.trace 2> /dev/null &
  wait_for 10 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$R/status" "strace to attach to PID 1"
  signal_traced TERM
  note "PID 1 exited $MS ms after SIGTERM; $(tail -n 1 err)"
  assert_eq 2 "$RC" "exit code: both had to be killed"
  # the stray's SIGKILL waits for the end of the grace
  test "$MS" -ge 1950 || fail "PID 1 exited after $MS ms, before the end of the 2 s grace time"
  # and no later: the grace is the whole stop (the old sum was grace + 1 s
  # of sweep): the services' deadline is 1 s away, and so is the strays'
  # once the services were killed: no wait of the stop asked for more. How
  # soon PID 1 exits after its last KILL is a speed (bench/run's figure 15, the grace as PID 1)
  awk '$2 ~ /^kill\(/ { s = 1 } s { print }' pid1.trace > stop.trace
  test -s stop.trace || fail "no kill by PID 1 in its trace: $(cat pid1.trace)"
  test "$(asked stop.trace)" -le 1000 || fail "PID 1 planned a wait of $(asked stop.trace) ms in a stop with a 2 s grace: $(cat stop.trace)"
  assert_eq "" "$(waits stop.trace | awk '$3 == "inf"')" "waits without a deadline during the stop"
  # (the times are measured when runsvdir woke: lower bounds only)
  assert_match "runsvdir sd: s: killed at the deadline after *.?? s" "$(grep ': s: ' err)" "report"
  secs_at_least 1.0 "$(grep ': s: ' err)" "the service's time"
  assert_match "runsvdir sd: other processes: killed after *.?? s" "$(grep ': other processes: ' err)" "report"
  assert_match "runsvdir sd: stopped 1 service in *.?? s; 1 killed at the deadline; other processes killed" "$(tail -n 1 err)" "summary"
  secs_at_least 1.0 "$(tail -n 1 err)" "the summary's time"
}

t_sigint_does_what_sigterm_does () {
  mkdir sd && tsvc sd/a
  mkscript sd/a/finish 'echo "finish $*" >> out'
  # a grace of 30 s: "at the deadline" is far from "at once"
  pid1 -w 30 sd
  wait_for 5 "started sd/a"
  stop_with INT
  assert_eq 0 "$RC" "exit code"
  assert_eq "start term finish 0 0" "$(history sd/a)" "service"
  test "$MS" -lt 15000 || fail "PID 1 took $MS ms: it waited for the 30 s grace"
}

t_sighup_stops_gracefully_exits_111 () {
  mkdir sd && tsvc sd/a
  pid1 sd
  wait_for 5 "started sd/a"
  stop_with HUP
  assert_eq 111 "$RC" "exit code (runit's code for SIGHUP)"
  assert_eq "start term" "$(history sd/a)" "service"
}

t_grace_time_from_env_and_option () {
  mkdir sd && stubborn sd/s
  export RUNSVDIR_GRACE=0.5
  pid1 sd
  wait_for 5 "started sd/s"
  stop_with TERM
  assert_eq 2 "$RC" "exit code"
  # (the shell's time can only be longer than the program's: the report
  # below has the program's own, and shows the variable was read; this
  # upper bound only catches a hang)
  { test "$MS" -ge 200 && test "$MS" -lt 20000 ; } || fail "took $MS ms with RUNSVDIR_GRACE=0.5"
  # as PID 1 the last half of a grace under 2 s is the strays'; the killed
  # group gets half of that to be reaped, which a sanitizer build on a very
  # loaded machine may overrun: then the report says so
  l=$(grep ': s: ' err)
  case "$l" in *" (and still not reaped)") l=${l% (and still not reaped)} ;; esac
  # (the time is measured when runsvdir woke: at 0.25 s, later under load;
  # the default grace would be 6 s: 3 s tells them apart with a wide margin)
  assert_match "runsvdir sd: s: killed at the deadline after *.?? s" "$l" "report"
  secs_at_least 0.25 "$l" "the time of the kill"
  awk -v v="$(secs_of "$l")" 'BEGIN { exit !(v < 3) }' || fail "killed after $(secs_of "$l") s: not RUNSVDIR_GRACE's 0.5 s"
  # -w wins over the environment
  pid1 -w 1.5 sd
  wait_for 5 "test \$(count sd/s/out) -eq 2"
  stop_with TERM
  assert_eq 2 "$RC" "exit code"
  l=$(grep ': s: ' err)
  assert_match "runsvdir sd: s: killed at the deadline after *.?? s" "$l" "report"
  secs_at_least 0.75 "$l" "the time of the kill (-w 1.5, not RUNSVDIR_GRACE's 0.5)"
  awk -v v="$(secs_of "$l")" 'BEGIN { exit !(v < 3) }' || fail "killed after $(secs_of "$l") s with -w 1.5"
}

t_second_term_does_not_wait_for_the_deadline () {
  mkdir sd && stubborn sd/s
  pid1 -w 30 sd
  wait_for 5 "started sd/s"
  kill -TERM "$R"
  still_for 0.3 "is_running $R" "PID 1 waits for the stubborn service"
  stop_with TERM
  assert_eq 2 "$RC" "exit code"
  test "$MS" -lt 10000 || fail "a second SIGTERM must end the wait (took $MS ms)"
}

t_reaps_fifty_orphans_at_once () {
  mkdir sd
  # fifty children that the run script's subshells leave behind, alive 5 s (the loop that makes them can take seconds under load):
  # runsv (their subreaper) has them until it is killed, then PID 1 does;
  # each in a session of its own (a daemon's double fork), since what is
  # left in the killed runsv's session gets TERM (t_killed_runsv_leaves_no_second_service)
  mksvc sd/orphans 'i=0
while test $i -lt 50 ; do sh -c "setsid sleep 5 &" ; i=$((i + 1)) ; done
echo start >> out
exec sleep 600'
  command -v strace > /dev/null || skip "strace is not installed"
  # PID 1 is traced below: LeakSanitizer cannot run under ptrace (the
  # sanitized build), so this case checks no leaks; the others do
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  export ASAN_OPTIONS
  pid1 sd
  wait_for 5 "started sd/orphans"
  # PID 1's reaps and timed waits, in an strace of it
  strace -qq -ttt -e 'trace=wait4,ppoll,?poll,pselect6' -p "$R" -o pid1.trace 2> /dev/null &
  wait_for 10 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$R/status" "strace to attach to PID 1"
  kill -KILL $(pgrep -P "$R" -x runsv) || fail "no runsv to kill"
  # they were re-parented to PID 1 ...
  wait_for 5 "test \"\$(pgrep -c -P $R -f '^sleep 5\$')\" -ge 1" "orphans re-parented to PID 1"
  # (their pids in PID 1's namespace: what its wait4 returns)
  orphans=$(for o in $(pgrep -P "$R" -f '^sleep 5$') ; do awk '/^NSpid:/ { print $NF }' "/proc/$o/status" 2> /dev/null ; done | tr '\n' ' ')
  # ... and each is reaped as it dies: none is left (nor a zombie) 8 s later
  wait_for 8 "test \"\$(pgrep -c -P $R -f '^sleep 5\$')\" -eq 0" "orphans (or zombies) to be gone 8 s after they were made"
  # reaped in the wake-up its SIGCHLD brought (runit looks every 5 s): in
  # PID 1's trace, each wait4 that returned one of them follows a wait
  # that an event ended, not one that ran out (how soon is a speed:
  # bench/run's figure 15, an orphan's reap)
  bad=$(awk -v o=" $orphans" '
    $2 ~ /^(ppoll|poll|pselect6)\(/ { timer = / = 0( \(Timeout\))?$/ ; next }
    $2 ~ /^wait4\(/ && $NF ~ /^[1-9][0-9]*$/ && index(o " ", " " $NF " ") { n++ ; if (timer) print $NF }
    END { if (!n) print "none reaped" }' pid1.trace | tr '\n' ' ')
  assert_eq "" "$bad" "orphans PID 1 reaped after a wait that ran out: $(cat pid1.trace)"
  stop_with TERM
  assert_eq 0 "$RC" "exit code"
}

t_sweeps_strays_after_the_services () {
  mkdir sd && tsvc sd/a
  # a daemon that left the service's process group and session
  mkscript sd/a/stray 'trap "echo stray-term >> stray.out ; exit 0" TERM
echo $$ > stray.pid
while : ; do sleep 0.1 & wait $! ; done'
  mksvc sd/a 'trap "echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
setsid ./stray < /dev/null > /dev/null 2>&1 &
echo start >> out
sleep 600 & wait'
  # a grace of 30 s: "at the deadline" is far from "at once"
  pid1 -w 30 sd
  wait_for 5 "started sd/a && test -s sd/a/stray.pid"
  stop_with TERM
  assert_eq 0 "$RC" "exit code: the stray ended on SIGTERM"
  assert_eq "stray-term" "$(cat sd/a/stray.out)" "the stray got SIGTERM"
  assert_match "runsvdir sd: other processes: gone in [0-9]*.[0-9][0-9] s after SIGTERM" "$(grep ': other processes: ' err)" "report"
  assert_match "runsvdir sd: stopped 1 service in [0-9]*.[0-9][0-9] s" "$(tail -n 1 err)" "summary"
  test "$MS" -lt 15000 || fail "took $MS ms: the stray's TERM waited for the 30 s grace"
}

t_stray_ignoring_term_is_killed () {
  mkdir sd && tsvc sd/a
  mkscript sd/a/stray 'trap "" TERM
echo $$ > stray.pid
exec sleep 600'
  mksvc sd/a 'trap "echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
setsid ./stray < /dev/null > /dev/null 2>&1 &
echo start >> out
sleep 600 & wait'
  # (2.5 s: a has 1.5 s to run its trap before the services' deadline,
  # the strays the last second)
  pid1 -w 2.5 sd
  wait_for 5 "started sd/a && test -s sd/a/stray.pid"
  stop_with TERM
  assert_eq 2 "$RC" "exit code: the stray had to be killed"
  # (the time is measured when runsvdir woke, at the grace's end or later:
  # at least its last second; the default grace would be 7 s, 5 s tells
  # them apart)
  l=$(grep ': other processes: ' err)
  assert_match "runsvdir sd: other processes: killed after *.?? s" "$l" "report"
  secs_at_least 1.0 "$l" "the strays' time"
  awk -v v="$(secs_of "$l")" 'BEGIN { exit !(v < 5) }' || fail "the stray killed after $(secs_of "$l") s with -w 2.5"
  assert_match "runsvdir sd: stopped 1 service in [0-9]*.[0-9][0-9] s; other processes killed" "$(tail -n 1 err)" "summary"
  assert_match "runsvdir sd: a: stopped in [0-9]*.[0-9][0-9] s (exit 0)" "$(grep ': a: ' err)" "report"
  test "$MS" -lt 20000 || fail "took $MS ms with a grace of 2.5 s"
}

t_term_while_services_start_is_honoured () {
  mkdir sd
  i=0
  while test $i -lt 100 ; do tsvc sd/s$i ; i=$((i + 1)) ; done
  pid1 sd
  # freeze PID 1 as soon as it holds its signals, most services not started
  # yet (SIGSTOP from outside its namespace always gets through); the TERM
  # waits for it, and what it had started by then is counted before it goes on
  kill -STOP "$R"
  wait_for 5 "grep -q '^State:[[:space:]]*T' /proc/$R/status" "PID 1 to be stopped"
  kill -TERM "$R"
  n=$(pgrep -c -P "$R")
  kill -CONT "$R"
  wait "$UNS"
  RC=$?
  note "$n of 100 runsv's started before the TERM"
  assert_eq 0 "$RC" "exit code"
  assert_eq 0 "$(grep -c 'killed' err)" "nothing was killed"
  # every service is in the report: stopped if its runsv had started (its
  # run's exit 0, or TERM for one caught before its trap was set; never
  # started, for a runsv told to exit before it started its service; runsv
  # signal TERM, for a child that had not yet run runsv), else not running
  assert_eq 100 "$(grep -c -E '^runsvdir sd: s[0-9]+: (stopped in [0-9]+[.][0-9][0-9] s [(](exit 0|signal TERM|never started|runsv signal TERM)[)]|not running)$' err)" "report lines"
  assert_match "runsvdir sd: stopped 100 services in [0-9]*.[0-9][0-9] s" "$(tail -n 1 err)" "summary"
  # no runsv started after the TERM, but the one being started when it came
  stopped=$(grep -c ': stopped in ' err)
  { test "$stopped" -ge "$n" && test "$stopped" -le $((n + 1)) ; } || fail "$stopped runsv's stopped, $n started before the TERM"
  # a service not running never had a runsv; every one that started was stopped gracefully
  for s in $(sed -n 's/^runsvdir sd: \(s[0-9]*\): not running$/\1/p' err) ; do
    test ! -e "sd/$s/supervise" || fail "$s is reported not running, but a runsv ran in it"
  done
  # "term" alone: the TERM came after the trap was set, before "start"
  for f in sd/*/out ; do
    test -e "$f" || continue
    h=$(tr '\n' ' ' < "$f" | sed 's/ $//')
    case $h in "start term"|term) ;; *) fail "$f: expected [start term] or [term], got [$h]" ;; esac
  done
}

t_bad_grace_env_refused () {
  mkdir sd && tsvc sd/a
  need_root
  RUNSVDIR_GRACE=-3 unshare --pid --fork --mount-proc "$RUNSVDIR" sd 2> err
  assert_eq 100 $? "exit code"
  assert_file err "runsvdir sd: fatal: invalid RUNSVDIR_GRACE: -3 (seconds, e.g. 7 or 2.5)"
  test ! -e sd/a/out || fail "nothing may start"
}

# a runsv SIGKILLed cannot stop its service: runsvdir stops what it left
# (not its logger, which drains the pipe to its end) before the next runsv,
# so the service never runs twice and no line is lost
t_killed_runsv_leaves_no_second_service () {
  mkdir sd
  mksvc sd/a 'exec 2>&1
echo $$ >> pids
n=0 ; while : ; do n=$((n + 1)) ; echo "$$ $n" ; sleep 0.02 ; done'
  # a logger that says whether it got a TERM: the killed runsv's logger is
  # spared, so that it reads what is left in its pipe to the end
  mkscript sd/a/log/run 'trap "echo \$\$ >> ../logger.terms" TERM
while IFS= read -r l ; do printf "%s\n" "$l" >> ../logged ; done'
  pid1 sd
  wait_for 5 "test -s sd/a/logged" "the service logging"
  old=$(pgrep -P "$R" -x runsv)
  p1=$(head -n 1 sd/a/pids)
  kill -KILL "$old"
  wait_for 5 "test \$(count sd/a/pids) -eq 2" "a second run"
  # (the pids in pids are the inner namespace's: count the runs from here)
  runs=0
  for p in $(pgrep -x -f '/bin/sh ./run') ; do
    test "$(readlink "/proc/$p/cwd")" = "$T/sd/a" && runs=$((runs + 1))
  done
  assert_eq 1 "$runs" "runs of the service's ./run (not its logger's)"
  grep -q "^runsvdir sd: warning: runsv a killed by SIGKILL: stopping the processes it left$" err || fail "no warning: $(cat err)"
  p2=$(tail -n 1 sd/a/pids)
  wait_for 5 "grep -q '^$p2 ' sd/a/logged" "the second run's lines logged"
  assert_eq 1 "$(pgrep -P "$R" -x runsv | wc -l | tr -d ' ')" "runsv's"
  test ! -e sd/a/logger.terms || fail "the killed runsv's logger got a TERM: $(cat sd/a/logger.terms)"
  # every line of the first run is logged once, in order, without a gap
  last=$(grep "^$p1 " sd/a/logged | tail -n 1 | cut -d' ' -f2)
  assert_eq "$(seq 1 "$last" | tr '\n' ' ')" "$(grep "^$p1 " sd/a/logged | cut -d' ' -f2 | tr '\n' ' ')" "the first run's lines"
  stop_with TERM
  assert_eq 0 "$RC" "exit code"
}
