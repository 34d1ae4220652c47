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
# supervise/state (runsv(8)): the flags byte, big-endian numbers, the label, the text
state_restarts () { state_u32 "$1" 16 ; }
state_wstat () { state_u32 "$1" 20 ; }
state_label () { od -An -tx1 -j4 -N12 "$1/supervise/state" | tr -d ' \n' ; }
state_text () { tail -c +51 "$1/supervise/state" ; }
# declares DIR / is_ready DIR: flag bits 0 and 1
declares () { _f=$(state_flags "$1") ; test "$_f" != none && test $(( _f & 1 )) -ne 0 ; }
is_ready () { _f=$(state_flags "$1") ; test "$_f" != none && test $(( _f & 2 )) -ne 0 ; }
# notify_send SOCKET TEXT: one datagram from this shell's python3, as sd_notify sends it
notify_send () {
  "${PY:-python3}" -c 'import socket, sys
a = sys.argv[1]
a = "\0" + a[1:] if a.startswith("@") else a
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(sys.argv[2].encode(), a)' "$1" "$2"
}
# need_python3: PY is the interpreter itself (a pyenv shim costs seconds on a loaded machine)
need_python3 () {
  command -v python3 > /dev/null || skip "python3 is not installed"
  PY=$(python3 -c 'import sys ; print(sys.executable)') && test -x "$PY" || PY=python3
}
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
  before=$(date +%s)
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
  # the label is runit's clock (no leap seconds: TAI's 37 s would show):
  # between date +%s before runsv started and after the status was read
  secs=$(status_secs s) after=$(date +%s)
  test "$secs" -ge "$before" && test "$secs" -le "$after" || fail "status label $secs s not within [$before, $after]"
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
  wait_for 5 "state_is s run"
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
  # (stat is written before status, runit's order: wait for both)
  wait_for 5 "state_is s 'run, paused' && test \"\$(status_byte s 16)\" = 1" "run, paused, and the paused byte"
  wait_for 5 "test \"\$(proc_state $pid)\" = T" "process stopped"
  ctl s c
  wait_for 5 "state_is s run && test \"\$(status_byte s 16)\" = 0" "run, and the paused byte cleared by c"
  wait_for 5 "test \"\$(proc_state $pid)\" != T" "process continued"
}

t_pause_while_down () {
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  touch s/down
  start_runsv s
  ctl s p
  wait_for 5 "state_is s 'down, paused' && test \"\$(status_byte s 16)\" = 1" "down, paused, and the paused byte"
  ctl s u
  wait_for 5 "state_is s run && test \"\$(status_byte s 16)\" = 0" "a start clears the paused flag"
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

t_log_run_fails () {
  mksvc s 'echo $$ > runpid ; echo line ; exec sleep 100'
  mkdir s/log
  printf '#!/bin/sh\nexec cat > out\n' > s/log/run
  chmod 644 s/log/run
  start_runsv s
  wait_for 5 "test \$(grep -c '^runsv s: warning: unable to start log/./run: access denied$' s.log) -ge 2" "log/run retried once a second"
  assert_eq down "$(stat_of s/log)" "log stat"
  chmod 755 s/log/run
  wait_for 5 "test -s s/log/out" "the logger gets what was written meanwhile"
  assert_eq line "$(cat s/log/out)" "log"
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
  # one line, and it names the way out (issue 16)
  assert_file err "runsv s: fatal: unable to create directory supervise: read-only file system (set RUNSV_STATEDIR to a writable directory to keep it there: see runsv(8))"
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
  kills=0 lp=0
  while test $kills -lt 20 ; do
    # one read of the status, a new pid, alive: a status still naming the
    # last logger, or saying down (pid 0: kill 0 is our own group), is not it
    prev=$lp
    wait_for 10 'lp=$(status_pid s/log) && test "${lp:-0}" -gt 0 2> /dev/null && test "$lp" != "$prev" && is_running "$lp"' "a new logger running"
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
  # (how soon: bench/run's figure 15; the deadline only catches a runsv that stays)
  wait_for 10 "gone $RUNSV_PID" "runsv to exit on x"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
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
  # (a runsv that does not reap leaves them for ever: the deadline only
  # catches that; how soon is bench/run's figure 15, an orphan's reap)
  wait_for 5 "test -z \"\$(ps -eo stat | grep '^Z')\"" "orphans reaped"
}

t_status_written_before_ok () {
  # whoever finds a runsv (supervise/ok served) finds its status, with the first pid
  mksvc s 'exec sleep 100'
  runsv s > s.log 2>&1 &
  wait_for 15 "alive s" "runsv to serve supervise/ok"
  assert_eq 20 "$(status_size s)" "status size at first sight"
  test "$(status_pid s)" -gt 0 || fail "no pid in the first status seen"
  assert_eq "$(status_pid s)" "$(pid_of s)" "supervise/pid at first sight"
  assert_eq run "$(stat_of s)" "stat at first sight"
}

t_restart_rewrites_status_once () {
  # a restart goes from down to run in one wake-up: status and pid are
  # replaced, stat (still "run") is left alone
  # (the second run stays, so the pid the files should hold does not move on)
  mksvc s 'echo $$ >> pids ; test $(wc -l < pids) -gt 1 && exec sleep 100 ; exec sleep 1.1'
  start_runsv s
  wait_for 5 "test \"\$(count s/pids)\" = 1 && state_is s run"
  ino=$(stat -c %i s/supervise/stat)
  wait_for 5 "test \"\$(count s/pids)\" = 2" "the restart"
  wait_for 5 "test \"\$(status_pid s)\" = \"\$(tail -n 1 s/pids)\""
  assert_eq "$(tail -n 1 s/pids)" "$(pid_of s)" "pid file after the restart"
  assert_eq "$ino" "$(stat -c %i s/supervise/stat)" "stat must not be rewritten"
}

t_stop_of_a_quick_service_is_one_write () {
  command -v strace > /dev/null || skip "strace is not installed"
  # TERM sent, then the end at once: status goes from run to down in one write
  # (the status waits 25 ms for the end: on a loaded machine one stop may
  # take longer than that, so up to five stops are tried; runsv without the
  # wait writes twice every time)
  mksvc s 'trap "exit 0" TERM ; echo $$ > runpid ; while : ; do sleep 100 & wait $! ; done'
  touch s/down
  start_runsv s
  strace -e trace=rename -o tr -p "$RUNSV_PID" 2> /dev/null &
  st=$!
  wait_for 5 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$RUNSV_PID/status" "strace to attach"
  writes=
  for try in 1 2 3 4 5 ; do
    rm -f s/runpid
    ctl s u
    wait_for 5 "state_is s run && test -s s/runpid"
    still_for 0.2 true
    before=$(grep -c '"supervise/status.new"' tr)
    ctl s d
    wait_for 5 "state_is s down"
    still_for 0.1 true
    n=$(( $(grep -c '"supervise/status.new"' tr) - before ))
    writes="$writes $n"
    test "$n" = 1 && break
  done
  kill "$st" ; wait "$st"
  test "$n" = 1 || fail "status writes for d on a service that ends at once, in each of five stops:$writes"
}

t_got_term_shows_when_the_end_waits () {
  # a service that ignores TERM: its "got TERM" status is written shortly
  # after (25 ms), while it still runs; runsv without the write would show
  # it only at the end, which never comes (the deadline only catches that)
  mksvc s 'trap "" TERM ; exec sleep 100'
  start_runsv s
  wait_for 5 "state_is s run"
  ctl s d
  wait_for 5 "state_is s 'run, got TERM, want down'" "got TERM in the status"
  assert_eq 1 "$(status_byte s 18)" "got-TERM byte"
  assert_eq 100 "$(status_byte s 17)" "want byte"
}

t_exit_stops_what_run_left_behind () {
  # run = helper & exec daemon: the helper holds the log pipe; on x the
  # whole group gets TERM, so the logger sees EOF and runsv exits at once
  command -v strace > /dev/null || skip "strace is not installed"
  mkscript s/helper 'trap "echo helper-term >> helper.out ; exit 0" TERM
while : ; do sleep 0.1 & wait $! ; done'
  mksvc s 'exec 2>&1
./helper &
echo $! > helper.pid
exec sh -c "trap \"echo daemon-last-line ; exit 0\" TERM ; echo daemon-up ; while : ; do sleep 0.1 & wait \$! ; done"'
  mksvc s/log 'exec cat > out'
  # (no leak check: LeakSanitizer cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -e trace=kill -o rs.trace "$SV_BIN/runsv" s > s.log 2>&1 &
  RUNSV_PID=$!
  # runsv opens supervise/ok after the first start: the daemon may be up before it
  wait_for 5 "grep -qx daemon-up s/log/out && test -s s/helper.pid && alive s" "the daemon and its helper up, runsv there"
  pgrp=$(status_pid s)
  ctl s x
  # without the group TERM runsv never exits: the deadline only has to tell
  # that apart (how soon it exits is bench/run's figure 15, x on a running service)
  wait_for 10 "gone $RUNSV_PID" "runsv to exit"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  grep -qx helper-term s/helper.out || fail "the helper got no TERM: $(cat s/helper.out)"
  # once: the sweep after the daemon's end does not TERM the group again
  assert_eq 1 "$(grep -c "^kill(-$pgrp, SIGTERM)" rs.trace)" "TERMs to the run's group: $(cat rs.trace)"
  # (the daemon's shell may add a word about its own killed sleep)
  grep -qx daemon-last-line s/log/out || fail "the daemon's last line is not in the log: $(cat s/log/out)"
}

t_sv_down_does_not_stop_the_group () {
  # only an exit signals the group: d keeps runit's TERM to ./run alone
  mkscript s/helper 'trap "echo helper-term >> helper.out ; exit 0" TERM
while : ; do sleep 0.1 & wait $! ; done'
  mksvc s './helper < /dev/null > /dev/null &
echo $! > helper.pid
exec sleep 100'
  start_runsv s
  wait_for 5 "test -s s/helper.pid && state_is s run"
  assert_eq "$(status_pid s)" "$(ps -o pgid= -p "$(status_pid s)" | tr -d ' ')" "./run leads its process group"
  ctl s d
  wait_for 5 "state_is s down"
  still_for 0.3 "is_running $(cat s/helper.pid)" "the helper stays after d"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  # leftovers of the last ./run get TERM at the exit
  wait_for 5 "test -s s/helper.out" "the helper got TERM at the exit"
}

t_exit_is_final () {
  # a ./finish saying sv down . (or up) must not cancel an exit
  sigsvc s
  mkscript s/finish 'printf d > supervise/control ; printf u > supervise/control ; printf o > supervise/control ; echo ran >> fin'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  pid=$(cat s/runpid)
  ctl s x
  wait_for 5 "gone $RUNSV_PID" "runsv to exit although finish wrote d, u and o"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  assert_eq ran "$(cat s/fin)" "finish ran once"
  assert_eq "$pid" "$(cat s/runpid)" "no new ./run"
}

t_exit_is_final_but_signals_pass () {
  mksvc s 'trap "" TERM ; trap "echo hup >> sigs" HUP ; echo $$ > runpid ; while : ; do sleep 0.1 & wait $! ; done'
  start_runsv s
  wait_for 5 "test -s s/runpid"
  ctl s x
  wait_for 5 "state_is s 'run, got TERM, want exit'"
  ctl s u
  still_for 0.3 "state_is s 'run, got TERM, want exit'" "u after x"
  ctl s h
  wait_for 5 "grep -qx hup s/sigs" "h still passes after x"
  ctl s k
  wait_for 5 "gone $RUNSV_PID" "runsv to exit after k"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code after k"
}

t_once_starts_the_logger () {
  mksvc s 'echo line ; exec sleep 100'
  mksvc s/log 'echo start >> starts ; exec cat > out'
  touch s/log/down
  start_runsv s
  still_for 0.3 "test ! -e s/log/starts" "log/down keeps the logger down"
  ctl s/log o
  wait_for 5 "test -s s/log/out" "o starts the logger"
  assert_eq line "$(cat s/log/out)" "log"
  assert_eq "run, want down" "$(stat_of s/log)" "log stat"
}

t_exit_gives_a_down_logger_the_pipe () {
  # the logger reads one line and exits: it is in its throttle second when
  # the x comes, and the service's last words are in the pipe
  mksvc s 'trap "echo last ; exit 0" TERM ; echo first ; while : ; do sleep 0.1 & wait $! ; done'
  mksvc s/log 'read -r l ; echo "$l" >> out ; echo start >> starts'
  start_runsv s
  # x at once: the logger is down for most of the second that follows (and
  # if it is up again by then, it reads the last words itself)
  wait_for 5 "test -s s/log/out" "the logger read a line"
  ctl s x
  wait_for 5 "gone $RUNSV_PID" "runsv to exit"
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  assert_eq "first last" "$(tr '\n' ' ' < s/log/out | sed 's/ $//')" "the log"
}

t_exit_says_what_a_down_logger_loses () {
  mksvc s 'trap "echo last-words ; exit 0" TERM ; echo $$ > runpid ; while : ; do sleep 0.1 & wait $! ; done'
  mksvc s/log 'exec cat > out'
  start_runsv s
  wait_for 5 "test -s s/runpid && state_is s/log run"
  ctl s/log d
  wait_for 5 "state_is s/log down"
  ctl s x
  wait "$RUNSV_PID" ; assert_eq 0 $? "exit code"
  grep -qx 'runsv s: warning: log/run is down: 11 bytes in the log pipe are lost' s.log || fail "no word of the loss: $(cat s.log)"
}

t_sigterm_pending_at_birth () {
  # started with SIGTERM blocked and pending (as by a supervisor that exec'd
  # it in the middle of a shutdown): nothing starts, runsv exits 0
  mksvc s 'echo ran > ran ; exec sleep 100'
  mksvc s/log 'echo ran > ran ; exec cat'
  perl -e 'use POSIX ; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGTERM)) or die ; kill "TERM", $$ ; exec "runsv", "s" or die' > s.log 2>&1 &
  p=$!
  wait_for 5 "gone $p" "runsv to exit"
  wait "$p" ; assert_eq 0 $? "exit code"
  test ! -e s/ran || fail "./run was started"
  test ! -e s/log/ran || fail "log/run was started"
  assert_eq down "$(stat_of s)" "stat"
}

t_pid_and_stat_before_status () {
  command -v strace > /dev/null || skip "strace is not installed"
  mksvc s 'exec sleep 100'
  touch s/down
  start_runsv s
  strace -e trace=rename -o tr -p "$RUNSV_PID" 2> /dev/null &
  st=$!
  wait_for 5 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$RUNSV_PID/status" "strace to attach"
  ctl s u
  wait_for 5 "state_is s run"
  kill "$st" ; wait "$st"
  # supervise/state first (it changed too: restarts, ready), then runit's order
  assert_eq 'state pid stat status' "$(sed -n 's/.*"supervise\/\([a-z]*\)\.new".*/\1/p' tr | tr '\n' ' ' | sed 's/ $//')" "order of the renames"
}

t_state_without_declaration () {
  # no readiness file: ready exactly while up; restarts and the last exit
  mksvc s 'exec sleep 100'
  start_runsv s
  wait_for 5 "state_is s run && is_ready s" "ready while up"
  assert_eq 50 "$(wc -c < s/supervise/state | tr -d ' ')" "state size"
  assert_eq 2 "$(od -An -tu1 -N1 s/supervise/state | tr -d ' ')" "version"
  assert_eq 2 "$(state_flags s)" "flags: ready, no declaration, no exit yet"
  assert_eq 1 "$(state_restarts s)" "restarts"
  # the ready label is the start's, the status label
  assert_eq "$(od -An -tx1 -N12 s/supervise/status | tr -d ' \n')" "$(state_label s)" "ready label"
  assert_eq "644" "$(stat -c %a s/supervise/state)" "state mode"
  ctl s d
  wait_for 5 "state_is s down"
  # (8, a quick death, depends on how soon the d came: t_state_quick_death)
  wait_for 5 "test \$(( \$(state_flags s) & 7 )) = 4" "flags after d: exited, not ready"
  assert_eq 15 "$(state_wstat s)" "last wait status (TERM)"
  ctl s u
  wait_for 5 "state_is s run && test \"\$(state_restarts s)\" = 2 && is_ready s" "second start"
  assert_eq 6 $(( $(state_flags s) & 7 )) "flags after the second start"
  test ! -e s/supervise/state.new || fail "state.new left behind"
}

t_state_quick_death () {
  # flag 8: the last run died within a second of its start (runsv pauses
  # before the next), so sv can tell a crash loop's moment of "run" from up
  mksvc s 'echo x >> runs
test "$(wc -l < runs)" -ge 2 && exec sleep 1000
exit 1'
  start_runsv s
  wait_for 5 "test \"\$(state_restarts s)\" = 2 && state_is s run" "the second run"
  assert_eq 14 "$(state_flags s)" "flags: ready, exited, quickly"
  # a run that outlasted the second: the flag goes with its end
  wait_for 5 "test \$(( \$(now_ms) - \$(status_ms s) )) -gt 1100" "the run to be over a second old"
  ctl s d
  wait_for 5 "state_is s down"
  wait_for 5 "test \"\$(state_flags s)\" = 4" "flags after a long run: exited, not quickly"
}

t_state_written_before_ok () {
  # the first state, before supervise/ok: what a down service declares, nothing else
  mksvc s 'exec sleep 100'
  echo 3 > s/notification-fd
  touch s/down
  runsv s > s.log 2>&1 &
  wait_for 15 "alive s" "runsv to serve supervise/ok"
  assert_eq 1 "$(state_flags s)" "flags: declares, not ready"
  assert_eq 0 "$(state_restarts s)" "restarts"
  assert_eq 000000000000000000000000 "$(state_label s)" "ready label: never"
  assert_eq "" "$(cat s.log)" "no warning before a start"
}

t_notification_fd_ready_after_newline () {
  # bytes before the newline do not count; the newline does, at once
  mksvc s 'printf "almost" >&3
while test ! -e go ; do sleep 0.05 ; done
echo >&3
exec sleep 100'
  echo 3 > s/notification-fd
  start_runsv s
  wait_for 5 "state_is s run"
  declares s || fail "flags $(state_flags s): no declaration"
  still_for 0.5 "! is_ready s" "ready before the newline"
  touch s/go
  wait_for 5 "is_ready s" "ready after the newline"
  assert_eq 3 "$(state_flags s)" "flags"
  test "$(state_label s)" != 000000000000000000000000 || fail "no ready label"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_notification_fd_any_number () {
  # any number from 3 up (spaces and newlines around it are fine)
  mksvc s 'ls -l /proc/$$/fd > fds
echo >&7
exec sleep 100'
  printf ' 7\n\n' > s/notification-fd
  start_runsv s
  wait_for 5 "is_ready s" "ready through fd 7"
  grep -q ' 7 -> pipe:' s/fds || fail "fd 7 is not a pipe: $(cat s/fds)"
}

t_notification_fd_closed_without_newline () {
  mksvc s 'exec 3>&-
exec sleep 100'
  echo 3 > s/notification-fd
  start_runsv s
  wait_for 5 "grep -q notification-fd s.log" "the warning"
  assert_eq "runsv s: warning: notification-fd: closed without a newline: ./run is not ready until it restarts" "$(cat s.log)" "warning"
  still_for 0.3 "state_is s run && ! is_ready s && declares s" "up, not ready"
}

t_notification_fd_service_dies_before_ready () {
  # ready, then it dies: ready cleared with a label of its own, kept while down
  mksvc s 'echo >&3
while test ! -e die ; do sleep 0.05 ; done
exit 3'
  mkscript s/finish 'printf d > supervise/control'
  echo 3 > s/notification-fd
  start_runsv s
  wait_for 5 "is_ready s"
  l1=$(state_label s)
  touch s/die
  wait_for 5 "state_is s down"
  wait_for 5 "! is_ready s" "ready cleared"
  assert_eq 5 $(( $(state_flags s) & 7 )) "flags: declares, exited"
  assert_eq 768 "$(state_wstat s)" "last wait status (exit 3)"
  l2=$(state_label s)
  assert_ne "$l1" "$l2" "the label of the clearing"
  test "$l2" \> "$l1" || fail "cleared at $l2, before ready at $l1"
  still_for 0.3 "test \"\$(state_label s)\" = $l2 && ! is_ready s" "label kept while down"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_notification_fd_dies_without_notifying () {
  # a run that dies before its newline: never ready, and no warning about its pipe
  mksvc s 'echo $$ >> pids ; sleep 0.2 ; exit 1'
  echo 3 > s/notification-fd
  start_runsv s
  wait_for 10 "test \"\$(count s/pids)\" -ge 2 && test \"\$(state_restarts s)\" -ge 2" "two runs"
  still_for 0.3 "! is_ready s" "ready without a newline"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_notification_fd_bad_values () {
  # 0, 1, 2, garbage, past the fd limit: one warning, treated as no declaration
  mksvc s 'exec sleep 100'
  for v in 0 1 2 x3 '3 4' 99999999 '' ; do
    printf '%s\n' "$v" > s/notification-fd
    start_runsv s
    wait_for 5 "state_is s run && is_ready s" "ready when up with [$v]"
    ! declares s || fail "[$v] declares readiness"
    wait_for 5 "test -s s.log" "a warning for [$v]"
    assert_match "runsv s: warning: notification-fd: \"$v\" is not an fd number from 3 to [1-9]*: no readiness declared" "$(cat s.log)" "warning for [$v]"
    assert_eq 1 "$(wc -l < s.log | tr -d ' ')" "warning lines for [$v]"
    ctl s x
    wait "$RUNSV_PID"
  done
}

t_notification_fd_twice () {
  mksvc s 'echo >&3 ; echo >&3 ; echo >&3
while test ! -e again ; do sleep 0.05 ; done
echo >&3
exec sleep 100'
  echo 3 > s/notification-fd
  start_runsv s
  wait_for 5 "is_ready s && test -s s.log"
  touch s/again
  still_for 0.5 "is_ready s" "still ready"
  assert_eq "runsv s: warning: notification-fd: ./run notified readiness twice" "$(cat s.log)" "one warning"
}

t_notification_fd_read_at_each_start () {
  # the file is read at each start: edited, it counts from the next one
  mksvc s 'test -e notify && echo >&3
exec sleep 100'
  start_runsv s
  wait_for 5 "state_is s run && is_ready s"
  echo 3 > s/notification-fd
  ctl s t
  wait_for 5 "test \"\$(state_restarts s)\" = 2 && state_is s run" "the restart"
  declares s || fail "no declaration after the edit"
  still_for 0.3 "! is_ready s" "ready without a newline"
  touch s/notify
  ctl s t
  wait_for 5 "test \"\$(state_restarts s)\" = 3 && is_ready s" "ready at the third start"
}

t_restart_clears_ready () {
  mksvc s 'while test ! -e go ; do sleep 0.05 ; done
rm -f go
echo >&3
exec sleep 100'
  echo 3 > s/notification-fd
  touch s/go
  start_runsv s
  wait_for 5 "is_ready s"
  assert_eq 1 "$(state_restarts s)" "restarts"
  ctl s t
  wait_for 5 "test \"\$(state_restarts s)\" = 2 && state_is s run" "the restart"
  still_for 0.3 "! is_ready s" "ready after the restart, before the newline"
  assert_eq 15 "$(state_wstat s)" "the first run's end"
  touch s/go
  wait_for 5 "is_ready s" "ready again"
}

t_log_declares_readiness () {
  mksvc s 'exec sleep 100'
  mksvc s/log 'echo >&4
exec cat > /dev/null'
  echo 4 > s/log/notification-fd
  start_runsv s
  wait_for 5 "is_ready s/log && state_is s run" "the logger ready"
  assert_eq 3 "$(state_flags s/log)" "logger flags"
  assert_eq 2 "$(state_flags s)" "service flags"
}

t_notify_socket_ready () {
  need_python3
  # the daemon itself sends (as sd_notify does); STATUS= kept, cut at 256 bytes
  mkdir s
  cat > s/notify.py <<'PYEOF'
import os, socket, time
n = os.environ["NOTIFY_SOCKET"]
open("ns", "w").write(n)
a = "\0" + n[1:] if n.startswith("@") else n
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"STATUS=starting\n", a)
while not os.path.exists("go"): time.sleep(0.05)
s.sendto(b"MAINPID=1\nREADY=1\nSTATUS=serving \xc3\xa9 " + b"x" * 300, a)
time.sleep(1000)
PYEOF
  mksvc s "exec $PY notify.py"
  touch s/notify-socket
  start_runsv s
  wait_for 20 "test \"\$(state_text s)\" = starting" "STATUS=starting"
  # an abstract name: no socket file, supervise/ holds runit's files and state
  assert_match "@?*" "$(cat s/ns)" "NOTIFY_SOCKET"
  assert_eq "control lock ok pid stat state status" "$(ls s/supervise | tr '\n' ' ' | sed 's/ $//')" "supervise/"
  declares s || fail "no declaration"
  still_for 0.3 "! is_ready s" "ready before READY=1"
  touch s/go
  wait_for 5 "is_ready s" "READY=1"
  assert_eq 256 $(( $(wc -c < s/supervise/state) - 50 )) "text cut at 256 bytes"
  assert_match "serving é xxxx*" "$(state_text s)" "text"
  assert_eq "" "$(cat s.log)" "warnings"
  ctl s x
  wait "$RUNSV_PID"
}

# dropped_sender: a service whose run becomes nobody and then notifies
# (perl from Debian: a path nobody may run), as a daemon started as root
# that changes its user before it is ready; the notifier execs into a sleep,
# so the sender lives on as ./run itself
dropped_sender () {
  mksvc "$1" 'exec chpst -u nobody /usr/bin/perl -MSocket -e '"'"'
my $a = $ENV{NOTIFY_SOCKET} ; $a =~ s/^@/\0/ ;
socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or die "socket: $!\n" ;
send($s, "READY=1\nSTATUS=as nobody", 0, pack_sockaddr_un($a)) or die "send to $ENV{NOTIFY_SOCKET}: $!\n" ;
exec "sleep", "600"'"'"
  touch "$1/notify-socket"
}

t_notify_socket_ready_after_dropping_privileges () {
  need_root
  test -x /usr/bin/perl || skip "perl is not installed"
  dropped_sender s
  start_runsv s
  rc_is 0 sv -w 20 up ./s
  assert_match "ok: run: ./s: (pid *) *s" "$(cat out)" "sv -w up"
  rc_is 0 sv health ./s
  assert_eq "as nobody" "$(state_text s)" "the status text"
  assert_eq 65534 "$(awk '/^Uid:/ { print $2 }' "/proc/$(pid_of s)/status")" "the uid of the run that notified"
  assert_eq "" "$(cat s.log)" "warnings"
}

# a real daemon from Debian that speaks sd_notify (libsystemd) and changes
# its user before it is ready: redis-server as redis, through chpst
t_notify_socket_redis_as_its_own_user () {
  need_root
  command -v redis-server > /dev/null && id redis > /dev/null 2>&1 || skip "redis-server (Debian's) is not installed"
  chmod 755 "$T"
  mkdir data && chown redis: data
  # no TCP port (cases run in parallel): a unix socket in data/
  mksvc s "exec chpst -u redis redis-server --supervised systemd --port 0 --unixsocket $T/data/sock --dir $T/data --save '' --appendonly no --daemonize no"
  touch s/notify-socket
  start_runsv s
  rc_is 0 sv -w 60 up ./s
  assert_match "ok: run: ./s: (pid *) *s" "$(cat out)" "sv -w up"
  rc_is 0 sv health ./s
  assert_eq "$(id -u redis)" "$(awk '/^Uid:/ { print $2 }' "/proc/$(pid_of s)/status")" "redis-server's uid"
  if command -v redis-cli > /dev/null ; then
    assert_eq PONG "$(redis-cli -s data/sock ping)" "redis-cli ping"
  fi
  assert_eq "Ready to accept connections" "$(state_text s)" "redis-server's STATUS="
  ! grep -q 'runsv s: warning' s.log || fail "runsv warned: $(grep 'runsv s' s.log)"
}

t_notify_socket_from_a_descendant () {
  need_python3
  # a child of ./run's child sends, and stays (runsv checks the sender's ancestry)
  mkdir s
  cat > s/notify.py <<'PYEOF'
import os, socket, time
n = os.environ["NOTIFY_SOCKET"]
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b"READY=1", "\0" + n[1:] if n.startswith("@") else n)
time.sleep(1000)
PYEOF
  mksvc s "sh -c '$PY notify.py' &
exec sleep 100"
  touch s/notify-socket
  start_runsv s
  wait_for 20 "is_ready s" "ready from a descendant"
  assert_eq "" "$(cat s.log)" "warnings"
}

t_notify_socket_outsider_ignored () {
  need_python3
  mksvc s 'echo "$NOTIFY_SOCKET" > ns
exec sleep 100'
  mkscript s/finish 'echo "${NOTIFY_SOCKET:-unset}" > finish-ns'
  touch s/notify-socket
  start_runsv s
  wait_for 5 "test -s s/ns && state_is s run"
  notify_send "$(cat s/ns)" "READY=1
STATUS=forged"
  wait_for 5 "test -s s.log" "a warning"
  notify_send "$(cat s/ns)" "READY=1"
  still_for 0.5 "! is_ready s && test -z \"\$(state_text s)\"" "a stranger's READY=1 ignored"
  assert_match "runsv s: warning: notify-socket: ignored a datagram from pid [1-9]*: not a process of ./run" "$(cat s.log)" "one warning"
  # NOTIFY_SOCKET is for ./run alone
  ctl s d
  wait_for 5 "test -s s/finish-ns"
  assert_eq unset "$(cat s/finish-ns)" "NOTIFY_SOCKET in ./finish"
}

t_notify_socket_abstract_when_too_long () {
  need_python3
  # a service dir whose socket path would not fit sun_path: an abstract name
  d=$(printf 'd%.0s' $(seq 1 120))
  mkdir "$d"
  cat > notify.py <<'PYEOF'
import os, socket, time
a = os.environ["NOTIFY_SOCKET"]
open("ns", "w").write(a)
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b"READY=1", "\0" + a[1:])
time.sleep(1000)
PYEOF
  mkdir "$d/s"
  mv notify.py "$d/s/"
  mksvc "$d/s" "exec $PY notify.py"
  touch "$d/s/notify-socket"
  (cd "$d" && exec runsv s > ../s.log 2>&1) &
  wait_for 20 "is_ready $d/s" "READY=1 on the abstract socket"
  assert_match "@?*" "$(cat "$d/s/ns")" "an abstract name"
  test ! -e "$d/s/supervise/notify" || fail "a socket file"
  assert_eq "" "$(cat s.log)" "warnings"
}

# a supervise/ that turns unwritable (chmod 500 as its owner, not root) is
# warned about once; the service is still restarted; once writable again the
# status is written within a second, though nothing else happens meanwhile
t_status_written_again_once_supervise_is_writable () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  mksvc s 'echo $$ >> pids
exec sleep 600'
  chmod 755 "$T" && chown -R 10001:10001 s
  setpriv --reuid=10001 --regid=10001 --clear-groups "$SV_BIN/runsv" s > s.log 2>&1 &
  wait_for 5 "alive s && test \"\$(stat_of s)\" = run && test -s s/pids" "runsv as uid 10001 running s"
  p1=$(pid_of s)
  chmod 500 s/supervise
  kill -KILL "$p1"
  wait_for 5 "test \$(count s/pids) -eq 2" "the restart with supervise/ unwritable"
  p2=$(tail -n 1 s/pids)
  wait_for 5 "grep -q '^runsv s: warning: unable to write supervise/status: access denied$' s.log" "the warning"
  # past the first second of the new run (whose end wakes runsv anyway):
  # from then on nothing but the retry would
  still_for 1.5 "test \"\$(pid_of s)\" = $p1 && is_running $p2" "supervise/pid as it was, the run going on"
  chmod 700 s/supervise
  # (retried every second: without the retry it is never written, which the
  # deadline only has to tell apart)
  wait_for 10 "test \"\$(pid_of s)\" = $p2 && test \"\$(stat_of s)\" = run" "supervise/pid written again"
  grep -q '^runsv s: warning: wrote supervise/status again$' s.log || fail "no word of the recovery: $(cat s.log)"
  assert_eq 1 "$(grep -c 'unable to write supervise/status' s.log)" "warnings (once per episode)"
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

t_signals_never_reach_finish () {
  # runit signals a running ./run only: during ./finish, h a i q 1 2 p c k
  # reach nobody (and control/C is not asked)
  mksvc s 'exit 0'
  mkscript s/finish 'for sig in HUP ALRM INT QUIT USR1 USR2 CONT ; do trap "echo $sig >> sigs" $sig ; done
echo $$ > finpid
while test ! -e go ; do sleep 0.05 ; done'
  mkscript s/control/h 'echo h >> ctlran ; exit 1'
  touch s/down
  start_runsv s
  ctl s o
  wait_for 5 "test -s s/finpid && state_is s 'finish, want down'" "./finish running"
  fpid=$(cat s/finpid)
  ctl s haiq12pck
  # the k comes last: once runsv read it, it read all the rest
  wait_for 5 "test \"\$(status_byte s 16)\" = 0" "p and c read"
  still_for 0.5 "is_running $fpid" "./finish got no KILL"
  test ! -e s/sigs || fail "./finish got signals: $(tr '\n' ' ' < s/sigs)"
  test ! -e s/ctlran || fail "control/h ran for a ./finish"
  touch s/go
  wait_for 5 "state_is s down" "down once ./finish ended"
}

t_fifo_knob_files_are_refused () {
  # a FIFO (or any non-regular file) as a one-value file never hangs runsv:
  # one warning each, the knob ignored, and runsv still obeys
  mksvc s 'echo $$ > runpid ; exec sleep 100'
  for f in timeout-kill down-signal notification-fd essential restart-delay max-failures ; do
    mkfifo "s/$f"
  done
  mkdir s/timeout-finish
  start_runsv s
  wait_for 10 "test -s s/runpid && state_is s run" "the run started"
  for f in timeout-kill down-signal notification-fd essential restart-delay max-failures timeout-finish ; do
    grep -q "^runsv s: warning: $f: not a regular file: " s.log || fail "no warning for $f: $(cat s.log)"
  done
  ctl s x
  wait_for 10 "! kill -0 $RUNSV_PID 2> /dev/null" "runsv to obey x"
  wait "$RUNSV_PID"
  assert_eq 0 "$?" "runsv's exit code (essential ignored)"
}
