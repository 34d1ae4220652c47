# tests/func/runsv_commands.sh - runsv's commands (runsv(8), "Commands" and
# "Control scripts"): the bytes of supervise/control and the signals they
# send, pause and cont, several bytes in one write, control/ scripts, and
# the signals that never reach ./finish.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

# proc_state PID: the one-letter state from /proc (R S T Z ...)
proc_state () { sed 's/^[0-9]* ([^)]*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null ; }

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
