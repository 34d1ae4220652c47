# tests/func/runsv_start.sh - runsv starting a service (runsv(8),
# DESCRIPTION and "Starting and restarting"): its usage, a down file, ./run
# and ./finish and ./finish's arguments, a ./run or ./finish that is missing
# or cannot be executed, the throttle (a second between quick starts), a
# fork that fails, an idle runsv.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

t_usage () {
  runsv > out 2> err ; assert_eq 1 $? "exit code without argument"
  assert_eq "usage: runsv dir" "$(head -n 1 err)"
  assert_eq 2 "$(wc -l < err | tr -d ' ')" "usage lines (text and an empty line)"
  runsv a b 2> err ; assert_eq 1 $? "exit code with two arguments"
  assert_eq "usage: runsv dir" "$(head -n 1 err)"
}

t_missing_dir () {
  runsv nosuch 2> err ; assert_eq 111 $? "exit code"
  assert_file err "runsv nosuch: fatal: unable to change to directory: file does not exist"
}

t_down_file () {
  sigsvc s
  touch s/down
  start_runsv s
  state_is s down || fail "stat: [$(stat_of s)]"
  assert_eq 100 "$(status_byte s 17)" "want byte (d)"
  assert_eq 0 "$(status_pid s)" "pid"
  assert_eq "" "$(pid_of s)" "supervise/pid is empty when down"
  still_for 0.5 "test ! -e s/runpid" "run must not start"
  ctl s u
  wait_for 5 "state_is s run" "service up after u"
}

t_finish_arguments () {
  mksvc s 'exit 3'
  # finish lasts long enough for a loaded machine to look at it twice
  mkscript s/finish 'echo "$@" >> fin ; exec sleep 1'
  touch s/down
  start_runsv s
  ctl s o
  wait_for 5 "state_is s 'finish, want down'" "finish state while ./finish runs"
  assert_eq 2 "$(status_byte s 19)" "state byte (finish)"
  fpid=$(status_pid s)
  test "$fpid" -gt 0 || fail "no pid while finishing"
  wait_for 5 "state_is s down"
  assert_eq "3 0" "$(cat s/fin)" "finish arguments for exit 3"
  mksvc s 'kill -USR1 $$'
  ctl s o
  wait_for 5 "test \"\$(count s/fin)\" = 2"
  assert_eq "-1 10" "$(tail -n 1 s/fin)" "finish arguments for SIGUSR1"
}

# warnings FILE: how many "unable to start" lines runsv wrote
warnings () { grep -c 'unable to start' "$1" ; }

t_missing_run () {
  mkdir s
  mkscript s/finish 'echo "$@" >> fin'
  start_runsv s
  wait_for 5 "test \$(warnings s.log) -ge 2" "two failed attempts"
  # runsv itself says why (a warning: it goes on), and ./finish gets runit's
  # "111 0" after each attempt (runit's child exits 111 when the exec fails)
  assert_eq "runsv s: warning: unable to start ./run: file does not exist" "$(head -n 1 s.log)" "message"
  wait_for 5 "test \"\$(count s/fin)\" -ge 2" "./finish after each failed attempt"
  assert_eq "111 0" "$(head -n 1 s/fin)" "finish arguments after a run that could not start"
  alive s || fail "runsv gave up"
  # warnings come once a second, not in a busy loop
  n1=$(warnings s.log)
  t0=$(now_ms)
  wait_for 5 "test \$(warnings s.log) -ge $((n1 + 2))"
  dt=$(( $(now_ms) - t0 ))
  test $dt -ge 900 || fail "two attempts in $dt ms: not throttled"
  # run appears: it starts within the next attempt
  rm s/finish
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  wait_for 10 "test -s s/runpid && state_is s run" "service up once run exists"
}

# never_up DIR: several attempts to start DIR/run failed, and supervise/stat
# and pid were never replaced (they are rewritten whenever their text
# changes, so one moment of "run" would have left a new inode)
never_up () {
  wait_for 5 "test \$(warnings $1.log) -ge 1" "a first failed attempt"
  i_stat=$(stat -c %i "$1/supervise/stat") ; i_pid=$(stat -c %i "$1/supervise/pid")
  n=$(warnings "$1.log")
  wait_for 5 "test \$(warnings $1.log) -ge $((n + 2))" "two more attempts"
  assert_eq down "$(stat_of "$1")" "stat"
  assert_eq 0 "$(status_byte "$1" 19)" "state byte"
  assert_eq 0 "$(status_pid "$1")" "status pid"
  assert_eq "$i_stat" "$(stat -c %i "$1/supervise/stat")" "supervise/stat was rewritten: it said something else for a while"
  assert_eq "$i_pid" "$(stat -c %i "$1/supervise/pid")" "supervise/pid was rewritten"
}

t_run_not_executable () {
  mkdir s
  printf '#!/bin/sh\nexec sleep 100\n' > s/run
  chmod 644 s/run
  start_runsv s
  never_up s
  assert_eq "runsv s: warning: unable to start ./run: access denied" "$(head -n 1 s.log)" "message"
  alive s || fail "runsv gave up"
  chmod 755 s/run
  wait_for 10 "state_is s run" "service up once run is executable"
}

t_run_interpreter_missing () {
  mksvc s 'exec sleep 100'
  printf '#!/nonexistent/sh\nexec sleep 100\n' > s/run
  start_runsv s
  never_up s
  assert_eq "runsv s: warning: unable to start ./run: its interpreter does not exist" "$(head -n 1 s.log)" "message"
}

t_sv_agrees_a_failing_run_is_down () {
  # sv (ours, from SV_BIN) waits with inotify: it must never see "run"
  mkdir s
  printf '#!/bin/sh\nexec sleep 100\n' > s/run
  chmod 644 s/run
  touch s/down
  start_runsv s
  sv -w 2 start ./s > out 2>&1 ; rc=$?
  assert_eq 1 $rc "exit code of sv -w 2 start"
  assert_match "timeout: down: ./s: [0-9]*s, want up" "$(cat out)" "sv start"
  sv -w 1 check ./s > out 2>&1 ; rc=$?
  assert_eq 1 $rc "exit code of sv -w 1 check"
  assert_match "timeout: down: ./s: [0-9]*s, want up" "$(cat out)" "sv check"
  assert_match "down: ./s: [0-9]*s, want up" "$(sv status ./s)" "sv status"
  test "$(warnings s.log)" -ge 2 || fail "runsv did not keep trying: $(cat s.log)"
}

t_finish_not_executable () {
  mksvc s 'echo $$ >> pids ; exit 0'
  printf '#!/bin/sh\necho ran > fin\n' > s/finish
  chmod 644 s/finish
  # open_read succeeds: runit's test for "there is a ./finish"
  start_runsv s
  wait_for 5 "test \$(count s/pids) -ge 2" "./run restarted"
  grep -qx 'runsv s: warning: unable to start ./finish: access denied' s.log || fail "message: $(cat s.log)"
  test ! -e s/fin || fail "finish ran"
  # and the throttle is the run's: still a second between starts
  still_for 0.5 "test \$(count s/pids) -le 3" "restarts throttled"
}

# LABEL_START: run-script lines that wait until runsv's status shows this
# process, then append that status (hex) to ./starts: each line then holds
# the TAI64N label runsv wrote for this start. What runsv did, not when a
# busy shell got round to it.
LABEL_START='me=$(printf %02x%02x%02x%02x $(($$ & 255)) $(($$ >> 8 & 255)) $(($$ >> 16 & 255)) $(($$ >> 24 & 255)))
while : ; do
  h=$(od -An -tx1 -v supervise/status | tr -d " \n")
  case $h in ????????????????????????"$me"*) break ;; esac
  sleep 0.01
done
echo "$h" >> starts'

# start_gaps FILE: the milliseconds between consecutive labels in FILE
start_gaps () {
  _prev=
  while read -r _h ; do
    # seconds: the low 32 bits of the label's 64 (8 hex digits from 9), nanoseconds after them
    _ms=$(( 0x$(echo "$_h" | cut -c9-16) * 1000 + 0x$(echo "$_h" | cut -c17-24) / 1000000 ))
    test -z "$_prev" || echo $(( _ms - _prev ))
    _prev=$_ms
  done < "$1"
}

# traced_runsv DIR CALLS: our runsv under strace -ttt -x -s 64 of CALLS, in
# DIR.trace (no leak check: LeakSanitizer cannot run under ptrace); RUNSV_PID
# is strace's
traced_runsv () {
  command -v strace > /dev/null || skip "strace is not installed"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -x -s 64 -e trace="$2" -o "$1.trace" "$SV_BIN/runsv" "$1" > "$1.log" 2>&1 &
  RUNSV_PID=$!
}

t_restart_throttle () {
  # consecutive starts of a run that exits at once are a second apart: never
  # less (runsv's labels of them). Nor more than runsv means: each pause it
  # plans (supervise/state's next start, in an strace of its writes) is a
  # second after the start it follows, to the millisecond, both runsv's own
  # labels. How late after that plan a loaded machine wakes it is a speed:
  # bench/run's figure 15, crash loop
  mksvc s "$LABEL_START
exit 0"
  if command -v strace > /dev/null ; then traced_runsv s open,openat,write ; else start_runsv s ; fi
  wait_for 10 "test \"\$(count s/starts)\" -ge 4" "four starts"
  for gap in $(start_gaps s/starts) ; do
    test "$gap" -ge 1000 || fail "throttle: gap of $gap ms between starts: $(start_gaps s/starts | tr '\n' ' ')"
  done
  test -f s.trace || { note "strace is not installed: the pauses runsv planned are not checked" ; return 0 ; }
  # (a run that took over a second under load is followed by no pause: at least one of three)
  plans=$(rs_plans s.trace | awk '{ print $2 }' | tr '\n' ' ')
  test -n "$plans" || fail "no pause planned after three quick deaths"
  for p in $plans ; do
    test "$p" -ge 999 && test "$p" -le 1001 || fail "a pause planned to end $p ms after the start it follows, not 1000: [$plans]"
  done
}

t_no_throttle_after_long_run () {
  # the first run lasts 1.2 s, past runit's second: the next starts at once,
  # not after a pause. runsv's own trace says so, whatever the load: the
  # reap of the first run and the fork of the next come in one wake-up
  # (no wait between them), and it planned no pause. How soon the start
  # follows the end is a speed: bench/run's figure 5, restart latency
  mksvc s 'echo x >> runs
test "$(wc -l < runs)" -gt 1 && exec sleep 100 ; exec sleep 1.2'
  traced_runsv s 'clone,clone3,fork,vfork,wait4,ppoll,?poll,pselect6,open,openat,write'
  wait_for 10 "test \"\$(count s/runs)\" -ge 2 && test \"\$(stat_of s)\" = run" "the second run"
  p1=$(awk '$2 ~ /^(clone|clone3|fork|vfork)\(/ && $NF ~ /^[0-9]+$/ { print $NF ; exit }' s.trace)
  grep -q "^[0-9.]* wait4(.* = $p1\$" s.trace || fail "no reap of the first run ($p1) in runsv's trace: $(cat s.trace)"
  between=$(awk -v p="$p1" '$2 ~ /^wait4\(/ && $NF == p { s = 1 ; next } s && $2 ~ /^(clone|clone3|fork|vfork)\(/ { exit } s && $2 ~ /^(ppoll|poll|pselect6)\(/ { print }' s.trace)
  test -z "$between" || fail "runsv waited between the end of the 1.2 s run and the next start: $between"
  assert_eq "" "$(rs_plans s.trace)" "pauses planned"
}

t_throttle_command_applies_at_once () {
  # runit sleeps through the throttle second; here a d during it wins at once
  mksvc s 'date +%s%N >> starts ; exit 0'
  start_runsv s
  wait_for 5 "test \"\$(count s/starts)\" -ge 1 && state_is s down"
  ctl s d
  n=$(count s/starts)
  still_for 1.5 "test \"\$(count s/starts)\" = $n" "no restart after d during the throttle"
  # and x during the throttle exits at once (runit sleeps the second out).
  # runsv's own trace says so, whatever the load: the x wakes it (the wait
  # it was in did not run out), and no wait runs out between its read of
  # the x and its exit. How soon it exits is a speed: bench/run's figure 15
  command -v strace > /dev/null || skip "strace is not installed"
  ctl s x
  wait "$RUNSV_PID"
  rm -f s/starts
  traced_runsv s 'read,clone,clone3,fork,vfork,wait4,ppoll,?poll,pselect6,exit_group'
  wait_for 5 "test \"\$(count s/starts)\" -ge 1 && state_is s down && alive s" "a run that ended, and the pause"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  grep -q '^[0-9.]* exit_group(0)' s.trace || fail "no exit in runsv's trace: $(tail -n 5 s.trace)"
  # up: a run was forked since the last reap (under load the x may come after the pause)
  got=$(awk '
    $2 ~ /^(clone|clone3|fork|vfork)\(/ && $NF ~ /^[0-9]+$/ { up = 1 ; next }
    $2 ~ /^wait4\(/ && $NF ~ /^[1-9][0-9]*$/ { up = 0 ; next }
    $2 ~ /^(ppoll|poll|pselect6)\(/ { last = $0 ; if (x && / = 0( \(Timeout\))?$/) late = late " " $1 ; next }
    !x && $2 ~ /^read\(/ && / "x", / { x = 1 ; state = up ? "up" : "down" ; woke = (last ~ / = 0( \(Timeout\))?$/) ? "timeout" : "event" }
    END { print (x ? state : "none"), woke, (late ? "late" late : "") }' s.trace)
  case "$got" in
    none*) fail "runsv never read the x: $(tail -n 5 s.trace)" ;;
    up*) note "the x came while a run ran (a loaded machine): the pause was not tested: $got" ;;
    "down event ") ;;
    *) fail "x in the pause: $got (a wait that ran out before or after runsv read the x): $(cat s.trace)" ;;
  esac
}

t_idle_makes_no_syscalls () {
  mksvc s 'exec sleep 1000'
  mksvc s/log 'exec cat > out'
  start_runsv s
  wait_for 5 "state_is s run && state_is s/log run"
  # an idle runsv sleeps in one poll: its context-switch count does not move
  cs () { grep -E '^(non)?voluntary_ctxt_switches' "/proc/$RUNSV_PID/status" | awk '{ s += $2 } END { print s }' ; }
  before=$(cs)
  still_for 2 "test \"\$(cs)\" = $before" "idle runsv woke up"
}

t_spawns_copy_nothing () {
  # runsvdir starts runsv, and runsv ./run and log/./run, with vfork: no
  # copy of the parent's memory, and no report pipe (the parent goes on
  # once the child has exec'd or failed). Measured by bench/run's figures
  # 2 and 5; this tells that the spawns are vforks at all
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir sd
  mksvc sd/a 'exec sleep 1000'
  mksvc sd/a/log 'exec cat > out'
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -qq -e trace=clone,clone3,fork,vfork,pipe,pipe2 -o tr "$SV_BIN/runsvdir" sd > sd.log 2>&1 &
  p=$!
  wait_for 10 "state_is sd/a run && state_is sd/a/log run" "a and its log running"
  # runsvdir is strace's child: HUP stops it and every runsv
  kill -HUP "$(ps -o pid= --ppid "$p")"
  wait_for 10 "gone $p" "runsvdir to stop"
  # one runsv, its ./run and its log's ./run: three vforks
  assert_eq 3 "$(grep -c ' vfork() *= [0-9]' tr)" "vforks [$(cat tr)]"
  ! grep -E ' (fork|clone|clone3)\(' tr | grep -v CLONE_VFORK || fail "a spawn copied its parent: $(grep -E ' (fork|clone|clone3)\(' tr)"
  # the log pipe is runsv's only pipe
  assert_eq 1 "$(grep -cE ' pipe2?\(' tr)" "pipes [$(grep -E ' pipe2?\(' tr)]"
}

# a fork that fails (RLIMIT_NPROC, as a non-root user) leaves no child whose
# SIGCHLD would wake runsv: the retry 5 s later is a deadline of its own
t_fork_failure_is_retried () {
  need_root
  command -v setpriv > /dev/null 2>&1 && command -v prlimit > /dev/null 2>&1 || skip "setpriv and prlimit (util-linux) are needed"
  mksvc s 'echo $$ >> pids
exec sleep 600'
  chmod 755 "$T" && chown -R 10017:10017 s
  as_user () { setpriv --reuid=10017 --regid=10017 --clear-groups "$@" ; }
  setpriv --reuid=10017 --regid=10017 --clear-groups "$SV_BIN/runsv" s > s.log 2>&1 &
  p=$!
  wait_for 5 "alive s && test \"\$(stat_of s)\" = run && test -s s/pids" "runsv as uid 10017 running s"
  hard=$(awk '/^Max processes/ { print $4 }' "/proc/$p/limits")
  as_user prlimit --pid "$p" --nproc="1:$hard" || fail "prlimit failed"
  kill -KILL "$(pid_of s)"
  wait_for 5 "grep -q '^runsv s: warning: unable to fork, retrying: temporary failure$' s.log" "the fork to fail"
  as_user prlimit --pid "$p" --nproc="$hard:$hard" || fail "prlimit failed"
  wait_for 20 "test \$(count s/pids) -eq 2 && test \"\$(stat_of s)\" = run" "the retry (5 s after the failure)"
}

t_finish_after_run_that_could_not_start () {
  # runit: ./run that cannot be executed ends like an exit 111, so ./finish
  # runs with "111 0"; the status says finish while it runs, never run, and
  # supervise/state keeps the end (exit 111)
  mkdir s
  printf '#!/bin/sh\nexec sleep 100\n' > s/run
  chmod 644 s/run
  mkscript s/finish 'echo "$@" >> fin ; exec sleep 1'
  touch s/down
  start_runsv s
  i_stat=$(stat -c %i s/supervise/stat)
  ctl s o
  wait_for 5 "state_is s 'finish, want down'" "finish state while ./finish runs"
  assert_eq 2 "$(status_byte s 19)" "state byte (finish)"
  test "$(status_pid s)" -gt 0 || fail "no pid while finishing"
  wait_for 5 "state_is s down" "down once ./finish ended"
  assert_eq "111 0" "$(cat s/fin)" "finish arguments"
  assert_eq $((111 * 256)) "$(state_wstat s)" "the end kept in supervise/state"
  assert_eq 0 "$(state_restarts s)" "a run that never started is not counted as one"
  assert_eq "runsv s: warning: unable to start ./run: access denied" "$(cat s.log)" "warnings"
  test "$i_stat" != "$(stat -c %i s/supervise/stat)" || fail "stat never said finish"
}
