# tests/func/runsv.sh - black-box tests of runsv: real processes, real service dirs.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

# sigsvc DIR: a service whose run notes every signal it gets in DIR/sigs, keeps
# running, and exits 0 on TERM (after a moment, to see the CONT that follows);
# its pid goes to DIR/runpid; it leaves no child behind holding its stdout
sigsvc () {
  mksvc "$1" 'for s in HUP ALRM INT QUIT USR1 USR2 CONT ; do trap "echo $s >> sigs" $s ; done
trap "echo TERM >> sigs ; stop=1" TERM
echo $$ > runpid
stop=
while test -z "$stop" ; do sleep 100 & wait $! ; kill $! 2>/dev/null ; done
sleep 0.2 & wait $!
exit 0'
}
# state_is DIR STAT: supervise/stat says exactly STAT
state_is () { test "$(stat_of "$1")" = "$2" ; }
# proc_state PID: the one-letter state from /proc (R S T Z ...)
proc_state () { sed 's/^[0-9]* ([^)]*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null ; }
# start_count FILE: lines in a file a run script appends to at every start
count () { if test -f "$1" ; then wc -l < "$1" | tr -d ' ' ; else echo 0 ; fi ; }

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

t_run_and_files () {
  sigsvc s
  start_runsv s
  wait_for 5 "state_is s run"
  wait_for 5 "test -s s/runpid"
  pid=$(cat s/runpid)
  assert_eq "$pid" "$(pid_of s)" "supervise/pid"
  assert_eq "$pid" "$(status_pid s)" "pid in supervise/status"
  assert_eq 20 "$(status_size s)" "status size"
  assert_eq 117 "$(status_byte s 17)" "want byte (u)"
  assert_eq 1 "$(status_byte s 19)" "state byte (run)"
  assert_eq 0 "$(status_byte s 16)" "paused byte"
  assert_eq 0 "$(status_byte s 18)" "got-TERM byte"
  # the label is runit's clock (no leap seconds): within a few seconds of date +%s
  d=$(( $(date +%s) - $(status_secs s) ))
  test $d -ge 0 && test $d -le 5 || fail "status label is $d s away from now"
  # nanoseconds: runit writes usec * 1000 + 500
  nano=$(od -An -tu1 -j8 -N4 s/supervise/status | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
  assert_eq 500 $(( nano % 1000 )) "nanoseconds mod 1000"
  # modes (umask 022): supervise 0700, fifos and lock 0600, the rest 0644
  assert_eq "700" "$(stat -c %a s/supervise)" "supervise mode"
  for f in lock control ok ; do assert_eq "600" "$(stat -c %a s/supervise/$f)" "$f mode" ; done
  test -p s/supervise/control && test -p s/supervise/ok || fail "control and ok must be fifos"
  for f in status stat pid ; do assert_eq "644" "$(stat -c %a s/supervise/$f)" "$f mode" ; done
  test ! -e s/supervise/status.new || fail "status.new left behind"
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

t_command_down_up () {
  sigsvc s
  mkscript s/finish 'echo "$@" >> fin'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid1=$(cat s/runpid)
  ctl s d
  wait_for 5 "state_is s down" "down after d"
  grep -qx TERM s/sigs || fail "no TERM: $(cat s/sigs)"
  grep -qx CONT s/sigs || fail "no CONT after TERM: $(cat s/sigs)"
  assert_eq "0 0" "$(cat s/fin)" "finish arguments after a clean exit"
  assert_eq 100 "$(status_byte s 17)" "want byte after d"
  gone "$pid1" || fail "old run still there"
  rm s/runpid
  ctl s u
  wait_for 5 "test -s s/runpid" "run restarted by u"
  assert_ne "$pid1" "$(cat s/runpid)" "new pid"
  wait_for 2 "state_is s run"
}

t_command_once () {
  mksvc s 'echo start >> starts ; exec sleep 0.3'
  touch s/down
  start_runsv s
  ctl s o
  wait_for 5 "test \"\$(count s/starts)\" = 1" "one start after o"
  state_is s "run, want down" || state_is s down || fail "stat while once: [$(stat_of s)]"
  wait_for 5 "state_is s down" "down after the once run exits"
  still_for 1.5 "test \"\$(count s/starts)\" = 1" "no restart after o"
}

t_command_term () {
  sigsvc s
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid1=$(cat s/runpid) ; rm s/runpid
  ctl s t
  wait_for 5 "test -s s/runpid" "restarted after t"
  assert_ne "$pid1" "$(cat s/runpid)" "new pid after t"
  grep -qx TERM s/sigs || fail "no TERM"
  # want up: t does not add CONT (only d and x do)
  ! grep -qx CONT s/sigs || fail "CONT sent by t with want up"
}

t_command_kill () {
  mksvc s 'trap "" TERM ; echo $$ > runpid ; exec sleep 100'
  mkscript s/finish 'echo "$@" >> fin'
  touch s/down
  start_runsv s
  ctl s o
  wait_for 5 "test -s s/runpid && state_is s 'run, want down'"
  pid=$(cat s/runpid)
  ctl s k
  wait_for 5 "gone $pid" "run killed by k"
  wait_for 5 "test -s s/fin"
  assert_eq "-1 9" "$(cat s/fin)" "finish arguments after SIGKILL"
  # want was down (down file), so the service stays down; finish ran once only
  wait_for 5 "state_is s down"
  still_for 1.2 "test \"\$(count s/fin)\" = 1" "finish must run exactly once after k"
  assert_eq 0 "$(status_pid s)" "status pid after k"
}

t_kill_writes_status () {
  # k on a service that runs again at once: the status moves on (runit left it stale)
  mksvc s 'echo $$ >> pids ; exec sleep 100'
  start_runsv s
  wait_for 5 "test \"\$(count s/pids)\" = 1 && state_is s run"
  before=$(status_hex s)
  ctl s k
  wait_for 5 "test \"\$(status_hex s)\" != '$before'" "status rewritten after k"
}

t_signal_commands () {
  sigsvc s
  start_runsv s
  wait_for 5 "test -s s/runpid"
  for pair in h:HUP a:ALRM i:INT q:QUIT 1:USR1 2:USR2 ; do
    ctl s "${pair%%:*}"
    wait_for 5 "grep -qx ${pair#*:} s/sigs" "${pair#*:} after ${pair%%:*}"
  done
  assert_eq "$(cat s/runpid)" "$(pid_of s)" "still the same process"
  state_is s run || fail "stat after signals: [$(stat_of s)]"
}

t_pause_cont () {
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid=$(cat s/runpid)
  ctl s p
  wait_for 5 "state_is s 'run, paused'"
  wait_for 5 "test \"\$(proc_state $pid)\" = T" "process stopped"
  assert_eq 1 "$(status_byte s 16)" "paused byte"
  ctl s c
  wait_for 5 "state_is s run"
  wait_for 5 "test \"\$(proc_state $pid)\" != T" "process continued"
  assert_eq 0 "$(status_byte s 16)" "paused byte after c"
}

t_pause_while_down () {
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  touch s/down
  start_runsv s
  ctl s p
  wait_for 5 "state_is s 'down, paused'"
  assert_eq 1 "$(status_byte s 16)" "paused byte while down"
  ctl s u
  wait_for 5 "state_is s run" "a start clears the paused flag"
  assert_eq 0 "$(status_byte s 16)" "paused byte after start"
}

t_several_bytes_one_write () {
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid=$(cat s/runpid)
  # unknown bytes are ignored; p then c in one write leaves it running, unpaused
  ctl s "zZ?pc"
  wait_for 5 "test \"\$(status_byte s 16)\" = 0 && state_is s run"
  is_running "$pid" || fail "service died"
  test "$(proc_state "$pid")" != T || fail "service left stopped"
}

t_finish_arguments () {
  mksvc s 'exit 3'
  mkscript s/finish 'echo "$@" >> fin ; exec sleep 0.3'
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

t_missing_run () {
  mkdir s
  mkscript s/finish 'echo "$@" >> fin'
  start_runsv s
  wait_for 5 "test \"\$(count s/fin)\" -ge 2" "two failed attempts"
  assert_eq "111 0" "$(head -n 1 s/fin)" "finish arguments when run cannot be executed"
  grep -q '^runsv s: fatal: unable to start ./run: file does not exist$' s.log || fail "message: $(cat s.log)"
  alive s || fail "runsv gave up"
  # warnings come once a second, not in a busy loop
  n1=$(grep -c 'unable to start' s.log)
  t0=$(now_ms)
  wait_for 5 "test \$(grep -c 'unable to start' s.log) -ge $((n1 + 2))"
  dt=$(( $(now_ms) - t0 ))
  test $dt -ge 900 || fail "two attempts in $dt ms: not throttled"
  # run appears: it starts within the next attempt
  rm s/finish
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  wait_for 3 "test -s s/runpid && state_is s run" "service up once run exists"
}

t_run_not_executable () {
  mkdir s
  printf '#!/bin/sh\nexec sleep 100\n' > s/run
  chmod 644 s/run
  start_runsv s
  wait_for 5 "grep -q 'unable to start ./run: access denied' s.log" "access denied message"
  alive s || fail "runsv gave up"
  chmod 755 s/run
  wait_for 3 "state_is s run" "service up once run is executable"
}

t_second_runsv_refused () {
  sigsvc s
  start_runsv s
  wait_for 5 "state_is s run && test -s s/runpid"
  before=$(status_hex s)
  runsv s 2> err ; assert_eq 111 $? "exit code of a second runsv"
  grep -q '^runsv s: fatal: unable to lock supervise/lock: temporary failure' err || fail "message: $(cat err)"
  assert_eq "$before" "$(status_hex s)" "running instance's status untouched"
  alive s || fail "first runsv gone"
}

t_dangling_supervise_link () {
  sigsvc s
  ln -s ../state/deep/s s/supervise
  start_runsv s
  wait_for 5 "state_is s run"
  test -d state/deep/s || fail "link target not created"
  assert_eq 700 "$(stat -c %a state/deep/s)" "target mode"
  test -p state/deep/s/control || fail "no control fifo in the target"
}

t_unwritable_supervise () {
  need_root
  sigsvc s
  mount --bind s s 2>/dev/null && mount -o remount,ro,bind s 2>/dev/null || skip "cannot make a read-only bind mount"
  runsv s 2> err ; rc=$?
  umount s
  assert_eq 111 $rc "exit code"
  assert_file err "runsv s: fatal: unable to create directory supervise: read-only file system"
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
  # 100000 numbered lines; the logger is TERMed 20 times while they flow. The
  # logger takes only what it writes (one byte at a time, perl from perl-base),
  # so whatever is lost would be lost by the pipe, which runsv must keep open.
  mksvc s 'seq 1 100000 ; exec sleep 1000'
  mksvc s/log 'exec perl -e '"'"'$SIG{TERM} = sub { $stop = 1 } ; $| = 1 ; open(O, ">>", "out") or die ; select O ; $| = 1 ;
while (sysread(STDIN, $c, 1)) { print O $c ; exit 0 if $stop && $c eq "\n" }'"'"
  start_runsv s
  kills=0
  while test $kills -lt 20 ; do
    wait_for 10 "test \"\$(status_pid s/log)\" -gt 0 2>/dev/null" "logger running"
    lp=$(status_pid s/log)
    kill -TERM "$lp"
    kills=$((kills + 1))
    wait_for 10 "gone $lp" "logger $lp to exit"
  done
  wait_for 60 "test \"\$(count s/log/out)\" -ge 100000" "all 100000 lines"
  seq 1 100000 | cmp -s - s/log/out || fail "lines lost or reordered: $(seq 1 100000 | cmp - s/log/out 2>&1)"
}

t_exit_command () {
  sigsvc s
  mkscript s/finish 'echo "$@" > fin ; echo finish-out'
  mksvc s/log 'while IFS= read -r l ; do echo "$l" >> out ; done ; echo eof >> out'
  start_runsv s
  wait_for 5 "state_is s run && test -s s/runpid"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "runsv exit code after x"
  grep -qx TERM s/sigs && grep -qx CONT s/sigs || fail "signals: $(cat s/sigs)"
  assert_eq "0 0" "$(cat s/fin)" "finish ran"
  # the logger got finish's output, then EOF, after the service was down
  assert_eq "finish-out
eof" "$(cat s/log/out)" "log output"
  assert_eq down "$(stat_of s)" "final stat"
  assert_eq "" "$(pid_of s)" "final pid file"
  assert_eq down "$(stat_of s/log)" "final log stat"
}

t_sigterm_is_exit () {
  sigsvc s
  mkscript s/finish 'echo ran > fin'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  kill -TERM "$RUNSV_PID"
  wait "$RUNSV_PID" ; assert_eq 0 $? "runsv exit code after SIGTERM"
  grep -qx TERM s/sigs || fail "service got no TERM"
  assert_eq ran "$(cat s/fin)" "finish after SIGTERM"
}

t_exit_when_down () {
  mksvc s 'exec sleep 100'
  touch s/down
  start_runsv s
  ctl s x
  t0=$(now_ms)
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  test $(( $(now_ms) - t0 )) -lt 1000 || fail "x on a down service took too long"
}

t_restart_throttle () {
  mksvc s 'date +%s%N >> starts ; exit 0'
  start_runsv s
  wait_for 10 "test \"\$(count s/starts)\" -ge 4" "four starts"
  # consecutive starts of a run that exits at once are about a second apart
  awk 'NR > 1 { d = ($1 - p) / 1e6 ; if (d < 900 || d > 1600) { print "gap " d " ms" ; bad = 1 } } { p = $1 } END { exit bad }' s/starts || fail "throttle: $(cat s/starts)"
}

t_no_throttle_after_long_run () {
  mksvc s 'date +%s%N >> starts ; test "$(wc -l < starts)" -gt 1 && exec sleep 100 ; sleep 1.2 ; exit 0'
  start_runsv s
  wait_for 10 "test \"\$(count s/starts)\" -ge 2"
  gap=$(awk 'NR == 1 { p = $1 } NR == 2 { print int(($1 - p) / 1e6) }' s/starts)
  test "$gap" -lt 1600 || fail "restart after a 1.2 s run waited: gap $gap ms"
}

t_throttle_command_applies_at_once () {
  # runit sleeps through the throttle second; here a d during it wins at once
  mksvc s 'date +%s%N >> starts ; exit 0'
  start_runsv s
  wait_for 5 "test \"\$(count s/starts)\" -ge 1 && state_is s down"
  ctl s d
  n=$(count s/starts)
  still_for 1.5 "test \"\$(count s/starts)\" = $n" "no restart after d during the throttle"
  # and x during the throttle exits at once
  ctl s u
  wait_for 5 "test \"\$(count s/starts)\" -gt $n && state_is s down"
  t0=$(now_ms)
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  test $(( $(now_ms) - t0 )) -lt 800 || fail "x waited for the throttle"
}

t_control_scripts () {
  sigsvc s
  mksvc s/log 'exec cat > out'
  mkscript s/control/h 'echo control-h ; exit 1'
  mkscript s/control/1 'echo control-1 ; exit 0'
  mkscript s/control/t 'echo control-t ; exit 1'
  mkscript s/control/d 'echo control-d'
  mkscript s/control/u 'echo control-u'
  start_runsv s
  wait_for 5 "test -s s/runpid && grep -qx control-u s/log/out" "control/u before run"
  ctl s h
  wait_for 5 "grep -qx HUP s/sigs" "HUP sent after control/h exited 1"
  ctl s 1
  wait_for 5 "grep -qx control-1 s/log/out"
  ctl s 2
  wait_for 5 "grep -qx USR2 s/sigs"
  ! grep -qx USR1 s/sigs || fail "USR1 sent although control/1 exited 0"
  ctl s d
  wait_for 5 "state_is s down"
  wait_for 5 "grep -qx control-d s/log/out"
  # order in the log: control/t ran, then control/d after the TERM
  assert_eq "control-u control-h control-1 control-t control-d" "$(tr '\n' ' ' < s/log/out | sed 's/ $//')" "control script order"
}

t_control_t_vetoes_term () {
  sigsvc s
  mkscript s/control/t 'exit 0'
  mkscript s/control/x 'echo x-ran > xran'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  ctl s d
  wait_for 5 "state_is s 'run, want down'" "still running, want down"
  ! grep -qx TERM s/sigs 2>/dev/null || fail "TERM sent although control/t exited 0"
  wait_for 5 "grep -qx CONT s/sigs" "CONT is sent anyway"
  ctl s x
  wait_for 5 "test -s s/xran" "control/x runs on x"
}

t_non_executable_control_is_ignored () {
  sigsvc s
  mkscript s/control/h 'exit 0'
  chmod 644 s/control/h
  start_runsv s
  wait_for 5 "test -s s/runpid"
  ctl s h
  wait_for 5 "grep -qx HUP s/sigs" "HUP sent: control/h is not owner-executable"
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

t_pid1_reaps_orphans () {
  need_root
  # runsv as PID 1 of a PID namespace reaps orphans of its service at once
  mksvc s 'for i in 1 2 3 4 5 ; do sh -c "sleep 0.1 &" ; done ; exec sleep 100'
  unshare --pid --fork --kill-child --mount-proc sh -c 'exec runsv s' > s.log 2>&1 &
  wait_for 5 "state_is s run"
  # once the five orphans have exited, none stays a zombie
  wait_for 5 "! ps -eo args | grep -q '^sleep 0.1'" "orphans to exit"
  wait_for 0.5 "test -z \"\$(ps -eo stat | grep '^Z')\"" "orphans reaped"
}

t_status_written_before_ok () {
  # whoever finds a runsv (supervise/ok served) finds its status, with the first pid
  mksvc s 'exec sleep 100'
  runsv s > s.log 2>&1 &
  wait_for 5 "alive s" "runsv to serve supervise/ok"
  assert_eq 20 "$(status_size s)" "status size at first sight"
  test "$(status_pid s)" -gt 0 || fail "no pid in the first status seen"
  assert_eq "$(status_pid s)" "$(pid_of s)" "supervise/pid at first sight"
  assert_eq run "$(stat_of s)" "stat at first sight"
}

t_restart_rewrites_status_once () {
  # a restart goes from down to run in one wake-up: status and pid are
  # replaced, stat (still "run") is left alone
  mksvc s 'echo $$ >> pids ; exec sleep 1.1'
  start_runsv s
  wait_for 5 "test \"\$(count s/pids)\" = 1 && state_is s run"
  ino=$(stat -c %i s/supervise/stat)
  wait_for 5 "test \"\$(count s/pids)\" = 2" "the restart"
  wait_for 2 "test \"\$(status_pid s)\" = \"\$(tail -n 1 s/pids)\""
  assert_eq "$(tail -n 1 s/pids)" "$(pid_of s)" "pid file after the restart"
  assert_eq "$ino" "$(stat -c %i s/supervise/stat)" "stat must not be rewritten"
}

t_stop_of_a_quick_service_is_one_write () {
  command -v strace > /dev/null || skip "strace is not installed"
  # TERM sent, then the end at once: status goes from run to down in one write
  mksvc s 'trap "exit 0" TERM ; echo $$ > runpid ; while : ; do sleep 100 & wait $! ; done'
  touch s/down
  start_runsv s
  ctl s u
  wait_for 5 "state_is s run && test -s s/runpid"
  strace -e trace=rename -o tr -p "$RUNSV_PID" 2> /dev/null &
  st=$!
  wait_for 5 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$RUNSV_PID/status" "strace to attach"
  ctl s d
  wait_for 5 "state_is s down"
  kill "$st" ; wait "$st"
  assert_eq 1 "$(grep -c '"supervise/status.new"' tr)" "status writes for d on a service that ends at once"
}

t_got_term_shows_when_the_end_waits () {
  # a service that ignores TERM: its "got TERM" status is written shortly after
  mksvc s 'trap "" TERM ; exec sleep 100'
  start_runsv s
  wait_for 5 "state_is s run"
  ctl s d
  wait_for 1 "state_is s 'run, got TERM, want down'" "got TERM in the status"
  assert_eq 1 "$(status_byte s 18)" "got-TERM byte"
  assert_eq 100 "$(status_byte s 17)" "want byte"
}
