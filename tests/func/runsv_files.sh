# tests/func/runsv_files.sh - runsv's files (runsv(8), "The supervise
# directory" and "The service directory"): supervise/status, stat, pid and
# state, their content, modes, order and number of writes, the lock a second
# runsv meets, a dangling supervise link, an unwritable supervise/, and
# one-value files that are no regular files.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

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
  strace -e trace=rename,renameat2 -o tr -p "$RUNSV_PID" 2> /dev/null &
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

t_pid_and_stat_before_status () {
  command -v strace > /dev/null || skip "strace is not installed"
  mksvc s 'exec sleep 100'
  touch s/down
  start_runsv s
  strace -e trace=rename,renameat2 -o tr -p "$RUNSV_PID" 2> /dev/null &
  st=$!
  wait_for 5 "grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/$RUNSV_PID/status" "strace to attach"
  ctl s u
  wait_for 5 "state_is s run"
  kill "$st" ; wait "$st"
  # supervise/state first (it changed too: restarts, ready), then runit's order
  assert_eq 'state pid stat status' "$(sed -n 's/.*"supervise\/\([a-z]*\)\.new".*/\1/p' tr | tr '\n' ' ' | sed 's/ $//')" "order of the renames"
  # each file swapped in (the old one then unlinked), not renamed over:
  # ext4 writes a file renamed over another to disk at once
  assert_eq 4 "$(grep -c 'renameat2(.*RENAME_EXCHANGE) = 0' tr)" "exchanges [$(cat tr)]"
  assert_eq 0 "$(grep -c '^rename(' tr)" "renames over a file [$(cat tr)]"
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
