# tests/func/runsvdir.sh - black-box tests of runsvdir when it is not PID 1:
# scanning (inotify pick-up, removal, dot-names, symlinks, the fallback
# check, SIGALRM), restarting runsv's, runit's signal semantics, -P, -g, -s,
# the LOG argument and bad input. PID 1 behaviour is in container/runsvdir.sh.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

RUNSVDIR=$SV_BIN/runsvdir

# rsd ARGS...: our runsvdir in the background, its stderr in err; RSD is its pid
rsd () {
  "$RUNSVDIR" "$@" 2> err &
  RSD=$!
}

# tsvc DIR: a service that appends "start" to DIR/out, and "term" on SIGTERM,
# then exits 0; it leaves no child behind
tsvc () {
  mksvc "$1" 'echo start >> out
trap "echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
sleep 600 & wait'
}

# rsd_one: runsvdir on sd/ holding one service, a, once that has started
rsd_one () {
  mkdir sd && tsvc sd/a
  rsd sd
  wait_for 5 "started sd/a"
}

# runsv_pid NAME: the pid of the runsv supervising NAME (empty if none)
runsv_pid () { pgrep -f "^runsv $1\$" | head -n 1 ; }
# nrunsv: how many runsv processes there are
nrunsv () { pgrep -c -x runsv ; }
# count FILE: lines in FILE (0 if missing)
count () { if test -f "$1" ; then wc -l < "$1" | tr -d ' ' ; else echo 0 ; fi ; }
# lines PATTERN: how many lines of err match the grep pattern
lines () { grep -c -- "$1" err ; }
# started DIR: the service in DIR has written its start line
started () { test "$(count "$1/out")" -ge 1 ; }
# stop_rsd: SIGTERM to runsvdir (runit: it exits 0 at once), checked
stop_rsd () {
  kill -TERM "$RSD"
  wait "${TRACER:-$RSD}"
  assert_eq 0 $? "runsvdir's exit code after SIGTERM"
}

# rsd_traced ARGS...: rsd under strace -ttt of its forks, reaps and timed
# waits, in rsd.trace; RSD is runsvdir's pid, TRACER strace's (stop_rsd
# waits for it). What woke runsvdir for a fork is then its own record, not
# a time taken by the shell (the leak check off: ptrace hides nothing from it)
rsd_traced () {
  command -v strace > /dev/null || skip "strace is not installed"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -e 'trace=clone,clone3,fork,vfork,wait4,ppoll,?poll,pselect6' -o rsd.trace "$RUNSVDIR" "$@" 2> err &
  TRACER=$!
  # by name: strace's child is runsvdir once it has exec'd (before that, or
  # a helper strace forks, is a pid a signal may no longer find)
  wait_for 10 'RSD=$(pgrep -P $TRACER -x runsvdir) && test -n "$RSD"' "runsvdir under strace"
}
# kill_traced SIG: SIG to runsvdir from a traced kill; KILL_AT is the time of
# its kill(2) on the clock of rsd.trace
kill_traced () {
  strace -qq -ttt -e trace=kill -o kill.trace kill -"$1" "$RSD"
  KILL_AT=$(awk '$2 ~ /^kill\(/ { print $1 ; exit }' kill.trace)
  test -n "$KILL_AT" || fail "no kill in kill.trace: $(cat kill.trace)"
}
# woke_for PID [T]: what woke runsvdir for its fork of PID, in rsd.trace:
# "event" when the wait before the fork ended for one (inotify, a signal),
# "timer" when it ran out; "timer-first" when it ran out at a time planned
# for no later than T (a kill's: that timer came first, and says nothing of
# the signal); "none" when runsvdir forked no PID
woke_for () {
  awk -v p="$1" -v t="${2:-0}" '
    $2 ~ /^(ppoll|poll|pselect6)\(/ {
      last = $0 ; ends = "inf"
      if ($2 ~ /^poll\(/) { a = $0 ; sub(/\) += .*/, "", a) ; n = split(a, f, ", ") ; if (f[n] + 0 >= 0) ends = $1 + f[n] / 1000 }
      else if (match($0, /\{tv_sec=[0-9]+, tv_nsec=[0-9]+\}/)) { x = substr($0, RSTART + 8, RLENGTH - 9) ; split(x, g, /, tv_nsec=/) ; ends = $1 + g[1] + g[2] / 1e9 }
      next
    }
    $2 ~ /^(clone|clone3|fork|vfork)\(/ && $NF == p { found = 1 ; exit }
    END {
      if (!found || last == "") print "none"
      else if (last !~ / = 0( \(Timeout\))?$/) print "event"
      else if (t && ends != "inf" && ends <= t) print "timer-first"
      else print "timer"
    }' rsd.trace
}

# --------------------------------------------------------------- usage and bad input

t_usage () {
  "$RUNSVDIR" 2> err ; assert_eq 1 $? "exit code without dir"
  assert_eq "usage: runsvdir [-P] [-g] [-s] [-p] [-w sec] [-i initdir] [-R sec] dir [log] [-- prog args...]" "$(head -n 1 err)"
  assert_eq 2 "$(count err)" "usage lines (text and an empty line)"
  "$RUNSVDIR" -x sd 2> err ; assert_eq 1 $? "exit code for an unknown option"
  assert_eq "runsvdir: fatal: unknown option -x" "$(head -n 1 err)"
  "$RUNSVDIR" -w 2> err ; assert_eq 1 $? "exit code for -w without a value"
  assert_eq "runsvdir: fatal: option -w needs a number of seconds" "$(head -n 1 err)"
  "$RUNSVDIR" -w 7x sd 2> err ; assert_eq 100 $? "exit code for a bad -w"
  assert_file err "runsvdir: fatal: invalid grace time for -w: 7x (seconds, e.g. 7 or 2.5)"
  RUNSVDIR_GRACE=soon "$RUNSVDIR" -g sd 2> err ; assert_eq 100 $? "exit code for a bad RUNSVDIR_GRACE"
  assert_file err "runsvdir sd: fatal: invalid RUNSVDIR_GRACE: soon (seconds, e.g. 7 or 2.5)"
  "$RUNSVDIR" "" 2> err ; assert_eq 1 $? "exit code for an empty dir"
}

t_double_dash_and_dash_dir () {
  # runit accepts "--"; a directory whose name starts with a dash needs it here
  mkdir ./-sd
  tsvc ./-sd/a
  rsd -- -sd
  wait_for 5 "started ./-sd/a" "service in -sd"
  stop_rsd
}

t_dir_missing_warned_once_then_used () {
  rsd nosuch
  wait_for 10 "test -s err" "a warning"
  assert_eq "runsvdir nosuch: warning: unable to stat nosuch: file does not exist" "$(head -n 1 err)"
  # retried every second, said once; no busy loop (runsvdir sleeps between tries)
  still_for 2.5 "test \$(count err) -eq 1" "one warning only"
  ticks=$(awk '{ print $14 + $15 }' "/proc/$RSD/stat")
  test "$ticks" -le 50 || fail "runsvdir used $ticks clock ticks of CPU while waiting for its directory"
  # once it exists, it is used
  mkdir tmp && tsvc tmp/a && mv tmp nosuch
  wait_for 10 "started nosuch/a" "service once the directory exists"
  stop_rsd
}

t_dir_not_a_directory () {
  echo x > file
  rsd file
  wait_for 10 "test -s err" "a warning"
  still_for 1.5 "test \$(count err) -eq 1" "one warning only"
  assert_file err "runsvdir file: warning: unable to change directory to file: not a directory"
  alive_pid=$RSD
  is_running "$alive_pid" || fail "runsvdir must keep running"
  stop_rsd
}

t_dir_unreadable () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  chmod 755 "$T"
  mkdir sd && tsvc sd/a && chmod 000 sd
  setpriv --reuid=65534 --regid=65534 --clear-groups "$RUNSVDIR" sd 2> err &
  RSD=$!
  wait_for 10 "test -s err" "a warning"
  still_for 1.5 "test \$(count err) -eq 1" "one warning only"
  assert_file err "runsvdir sd: warning: unable to read directory sd: access denied"
  test ! -e sd/a/out || fail "nothing may start from an unreadable directory"
  stop_rsd
}

t_runsv_not_in_path () {
  mkdir sd && tsvc sd/a
  # only a directory without runsv in PATH: runit's message, exit 100 from the child, retried slowly
  PATH=$T/nobin "$RUNSVDIR" sd 2> err &
  RSD=$!
  wait_for 10 "test -s err" "a message"
  assert_eq "runsvdir sd: fatal: unable to start runsv a: file does not exist" "$(head -n 1 err)"
  # throttled: once a second at first, then every five seconds; never a busy loop
  still_for 3 "test \$(count err) -le 4" "at most one try a second"
  n=$(count err)
  test "$n" -ge 2 || fail "runsv must be tried again (tries: $n)"
  is_running "$RSD" || fail "runsvdir must keep running"
  stop_rsd
}

t_dangling_symlink_warned_once () {
  mkdir sd && tsvc sd/a
  ln -s ../nowhere sd/dangle
  echo x > sd/file
  rsd sd
  wait_for 5 "started sd/a"
  # more scans: entries come and go, and SIGALRM forces one
  tsvc b && mv b sd/b
  wait_for 10 "started sd/b"
  kill -ALRM "$RSD"
  mkdir sd/.c
  rmdir sd/.c
  kill -ALRM "$RSD"
  still_for 0.5 "true"
  assert_eq 1 "$(lines 'unable to stat dangle')" "warnings about the dangling symlink"
  assert_eq "runsvdir sd: warning: unable to stat dangle: file does not exist" "$(grep dangle err)"
  assert_eq 2 "$(nrunsv)" "runsv's (files and dangling links get none)"
  # fixed, it becomes a service at the next scan
  tsvc nowhere
  kill -ALRM "$RSD"
  wait_for 10 "started nowhere" "service behind the repaired symlink"
  stop_rsd
}

# --------------------------------------------------------------- scanning

t_starts_dirs_and_symlinks_skips_dots () {
  mkdir sd
  tsvc sd/a
  tsvc sd/b
  tsvc elsewhere
  ln -s ../elsewhere sd/link
  tsvc sd/.disabled
  ln -s ../elsewhere sd/.dotlink
  echo x > sd/plainfile
  rsd sd
  wait_for 5 "started sd/a && started sd/b && started elsewhere" "three services"
  wait_for 10 "test \$(nrunsv) -eq 3" "three runsv's"
  still_for 1 "test \$(nrunsv) -eq 3 && test ! -e sd/.disabled/out" "dot-names stay disabled"
  test ! -e sd/.disabled/supervise || fail "a dot-dir must not be supervised"
  assert_eq 1 "$(count elsewhere/out)" "the linked service started once"
  assert_eq "" "$(cat err)" "stderr"
  stop_rsd
}

t_two_names_one_runsv () {
  mkdir sd && tsvc sd/a
  ln -s a sd/alias
  rsd sd
  wait_for 5 "started sd/a"
  still_for 1 "test \$(nrunsv) -eq 1" "one runsv for one directory"
  stop_rsd
}

# idle_past_runit_cadence: runit checks every second just after starting
# services and every 5 s once idle; wait until it would be idle
idle_past_runit_cadence () { still_for 2.5 "is_running $RSD" "runsvdir running" ; }

# picked_up_by_event NAME: NAME's runsv was forked in a wake-up brought by
# an event (inotify), not by a timer (runit's 5 s look); how soon is a
# speed: bench/run's figure 3, pick-up of a new service dir
picked_up_by_event () {
  _p=$(runsv_pid "$1")
  assert_eq event "$(woke_for "$_p")" "what woke runsvdir for $1's runsv ($_p): $(cat rsd.trace)"
}

t_new_dir_picked_up_at_once () {
  mkdir sd && tsvc sd/a
  rsd_traced sd
  wait_for 5 "started sd/a"
  # runit looks every 5 s when idle; inotify wakes us as the dir arrives
  for n in b c ; do
    idle_past_runit_cadence
    tsvc tmp.$n
    mv tmp.$n sd/$n
    wait_for 10 "started sd/$n" "new service $n picked up"
    picked_up_by_event "$n"
  done
  stop_rsd
}

t_new_symlink_picked_up_at_once () {
  mkdir sd && tsvc sd/a
  tsvc real
  rsd_traced sd
  wait_for 5 "started sd/a"
  idle_past_runit_cadence
  ln -s ../real sd/link
  wait_for 10 "started real" "service behind a new symlink"
  picked_up_by_event link
  stop_rsd
}

t_removed_dir_gets_term_and_stays_down () {
  mkdir sd && tsvc sd/a && tsvc sd/b
  rsd sd
  wait_for 5 "started sd/a && started sd/b"
  p=$(runsv_pid b)
  test -n "$p" || fail "no runsv for b"
  mv sd/b gone
  wait_for 10 "grep -q term gone/out" "the removed service got TERM"
  wait_for 10 "gone $p" "its runsv exited"
  still_for 1.5 "test -z \"\$(runsv_pid b)\" && test \$(count gone/out) -eq 2" "not restarted"
  # renamed to a dot-name: the same
  mv sd/a sd/.a
  wait_for 10 "grep -q term sd/.a/out" "the disabled service got TERM"
  wait_for 10 "test \$(nrunsv) -eq 0" "no runsv left"
  stop_rsd
}

t_disable_enable_quickly () {
  # back before the old runsv has finished: the new one waits for it, no lock errors
  mkdir sd
  mksvc sd/a 'echo start >> out
trap "sleep 0.5 ; echo term >> out ; kill \$! ; exit 0" TERM
sleep 600 & wait'
  rsd sd
  wait_for 5 "started sd/a"
  mv sd/a sd/.a
  wait_for 10 "stat_of sd/.a | grep -q 'got TERM'" "TERM sent"
  mv sd/.a sd/a
  wait_for 10 "test \$(count sd/a/out) -eq 3" "stopped once, started again"
  assert_eq "start term start" "$(tr '\n' ' ' < sd/a/out | sed 's/ $//')" "history"
  still_for 0.5 "true"
  assert_eq 0 "$(lines 'unable to lock')" "lock errors"
  stop_rsd
}

t_renamed_dir_keeps_runsv () {
  rsd_one
  p=$(runsv_pid a)
  mv sd/a sd/renamed
  kill -ALRM "$RSD"
  still_for 1.5 "is_running $p && test \$(count sd/renamed/out) -eq 1" "same runsv, no restart"
  assert_eq 1 "$(nrunsv)" "runsv's"
  stop_rsd
}

t_repointed_symlink_is_a_new_service () {
  mkdir sd && tsvc one && tsvc two
  ln -s ../one sd/x
  rsd sd
  wait_for 5 "started one"
  ln -s ../two sd/x.new && mv -T sd/x.new sd/x
  wait_for 10 "grep -q term one/out" "the old target got TERM"
  wait_for 10 "started two" "the new target started"
  stop_rsd
}

t_many_services () {
  # runit stops at 1000 ("too many services"); we do not
  mkdir sd
  i=0
  while test $i -lt 1010 ; do
    mkdir sd/s$i
    printf '#!/bin/sh\nexec sleep 600\n' > sd/s$i/run
    chmod 755 sd/s$i/run
    touch sd/s$i/down
    i=$((i + 1))
  done
  rsd sd
  # (a bound, not a speed: 1010 runsv's of the sanitized build on a loaded
  # machine take minutes; how fast they start is bench/run's figure 2)
  wait_for 300 "test \$(ls sd/*/supervise/ok 2>/dev/null | wc -l) -eq 1010" "1010 runsv's"
  assert_eq 0 "$(lines 'too many')" "table full warnings"
  # we must still see changes
  tsvc sd/last
  wait_for 10 "started sd/last" "service 1011"
  stop_rsd
}

t_symlinked_dir_falls_back_to_5s_check () {
  # DIR reached through a symlink that is re-pointed (runsvchdir does that):
  # inotify on the old target sees nothing; runit's 5 s check notices
  mkdir one two && tsvc one/a && tsvc two/b
  ln -s one current
  rsd current
  wait_for 5 "started one/a"
  # past the one-second recheck after the first scan
  still_for 1.5 "test ! -e two/b/out"
  ln -s two current.new && mv -T current.new current
  still_for 1 "test ! -e two/b/out" "no event can tell: only the periodic check sees it"
  # (no event tells: a runsvdir without the check never sees it, which the
  # deadline only has to tell apart)
  wait_for 15 "started two/b" "service of the new target (5 s check)"
  wait_for 10 "grep -q term one/a/out" "the old target's service got TERM"
  stop_rsd
}

t_alarm_rescans_now () {
  mkdir one two && tsvc one/a && tsvc two/b
  ln -s one current
  rsd_traced current
  wait_for 5 "started one/a"
  # past the one-second recheck after the first scan; then a change only a scan sees
  still_for 1.5 "test ! -e two/b/out"
  ln -s two current.new && mv -T current.new current
  kill_traced ALRM
  # (the 5 s check would find it too: the signal must be what woke runsvdir)
  wait_for 10 "started two/b" "SIGALRM: rescan"
  alarm_woke b "the rescan"
  test ! -e current/.forced-rescan || fail "no .forced-rescan file is written"
  stop_rsd
}

# alarm_woke NAME WHAT: runsvdir forked NAME's runsv in the wake-up the
# SIGALRM sent at KILL_AT brought, not at a timer (the 5 s check, the
# restart throttle) that ran out after it; a timer due before the kill came
# first and tells nothing (noted); how soon is a speed (bench/run's
# figure 15: a re-pointed scan dir)
alarm_woke () {
  _w=$(woke_for "$(runsv_pid "$1")" "$KILL_AT")
  case "$_w" in
    event) ;;
    timer-first) note "$2: a timer due before the SIGALRM came first: not a test of the signal" ;;
    *) fail "$2: what woke runsvdir for $1's runsv after the SIGALRM: $_w: $(cat rsd.trace)" ;;
  esac
}

# --------------------------------------------------------------- runsv's life

t_killed_runsv_restarted_at_once () {
  mkdir sd && tsvc sd/a
  rsd_traced sd
  wait_for 5 "started sd/a"
  p=$(runsv_pid a)
  still_for 1 "is_running $p"  # past the 1-second restart throttle
  kill -KILL "$p"
  # runit notices at its next 5 s scan; SIGCHLD wakes us (how soon is a
  # speed: bench/run's figure 15, a killed supervisor replaced)
  wait_for 10 "q=\$(runsv_pid a) && test -n \"\$q\" && test \"\$q\" != $p" "a new runsv"
  assert_eq event "$(woke_for "$(runsv_pid a)")" "what woke runsvdir for the new runsv: $(cat rsd.trace)"
  stop_rsd
}

t_fast_dying_runsv_throttled () {
  mkdir sd && tsvc sd/a
  # supervise is a plain file: runsv dies at once, every time
  echo x > sd/a/supervise
  rsd_traced sd
  wait_for 10 "test -s err"
  still_for 3 "test \$(grep -c 'runsv a' err) -le 4" "at most one runsv a second"
  n=$(grep -c 'runsv a' err)
  test "$n" -ge 2 || fail "runsv must be retried (tries: $n)"
  # SIGALRM restarts a waiting runsv at once: in the wake-up it brings, not
  # at the end of the throttle's pause
  rm sd/a/supervise
  kill_traced ALRM
  wait_for 10 "started sd/a" "restart after SIGALRM"
  alarm_woke a "the restart"
  stop_rsd
}

# --------------------------------------------------------------- signals, runit semantics

t_sigterm_exits_at_once_runsv_stays () {
  rsd_one
  p=$(runsv_pid a)
  kill -TERM "$RSD"
  wait "$RSD"
  assert_eq 0 $? "exit code"
  still_for 0.5 "is_running $p && alive sd/a" "runsv keeps running (runit's semantics)"
  test ! -e sd/a/out || ! grep -q term sd/a/out || fail "the service must not get TERM"
}

t_sighup_terms_every_runsv_exits_111 () {
  mkdir sd && tsvc sd/a && tsvc sd/b
  rsd sd
  wait_for 5 "started sd/a && started sd/b"
  kill -HUP "$RSD"
  wait "$RSD"
  assert_eq 111 $? "exit code"
  wait_for 10 "grep -q term sd/a/out && grep -q term sd/b/out" "every service got TERM"
  wait_for 10 "test \$(nrunsv) -eq 0" "every runsv exited"
}

t_P_runsv_in_own_session () {
  mkdir sd && tsvc sd/a
  rsd -P sd
  wait_for 5 "started sd/a"
  p=$(runsv_pid a)
  assert_eq "$p $p" "$(ps -o pgid=,sid= -p "$p" | awk '{ print $1, $2 }')" "runsv's pgid and sid"
  stop_rsd
}

t_without_P_runsv_shares_session () {
  rsd_one
  p=$(runsv_pid a)
  assert_eq "$(ps -o pgid=,sid= -p "$RSD" | awk '{ print $1, $2 }')" "$(ps -o pgid=,sid= -p "$p" | awk '{ print $1, $2 }')" "runsv's pgid and sid"
  stop_rsd
}

t_g_graceful_stop_when_not_pid1 () {
  mkdir sd && tsvc sd/a && tsvc sd/b
  mkscript sd/b/finish 'echo "finish $*" >> out'
  rsd -g -w 5 sd
  wait_for 5 "started sd/a && started sd/b"
  p=$(runsv_pid a)
  assert_eq "$p $p" "$(ps -o pgid=,sid= -p "$p" | awk '{ print $1, $2 }')" "graceful mode: runsv leads its group"
  kill -TERM "$RSD"
  wait "$RSD"
  assert_eq 0 $? "exit code"
  assert_eq "start term" "$(tr '\n' ' ' < sd/a/out | sed 's/ $//')" "a"
  assert_eq "start term finish 0 0" "$(tr '\n' ' ' < sd/b/out | sed 's/ $//')" "b"
  assert_eq 0 "$(nrunsv)" "runsv's left"
  assert_match "runsvdir sd: a: stopped in [0-9]*.[0-9][0-9] s (exit 0)" "$(grep ': a: ' err)" "report for a"
  assert_match "runsvdir sd: b: stopped in [0-9]*.[0-9][0-9] s (exit 0)" "$(grep ': b: ' err)" "report for b"
  assert_match "runsvdir sd: stopped 2 services in *" "$(tail -n 1 err)" "summary"
}

t_g_services_get_the_whole_grace () {
  # not PID 1 there is no sweep, so no share of the grace is kept for strays
  mkdir sd
  mksvc sd/s 'trap "" TERM
echo start >> out
exec sleep 600'
  rsd -g -w 1.5 sd
  wait_for 5 "started sd/s"
  kill -TERM "$RSD"
  wait "$RSD"
  assert_eq 2 $? "exit code when something had to be killed"
  # (the times are runsvdir's, taken when it woke: at the deadline or later
  # on a loaded machine, so only their lower bound is asserted)
  assert_match "runsvdir sd: s: killed at the deadline after *.?? s" "$(grep ': s: ' err)" "report"
  secs_at_least 1.5 "$(grep ': s: ' err)" "the report's time"
  assert_match "runsvdir sd: stopped 1 service in *.?? s; 1 killed at the deadline" "$(tail -n 1 err)" "summary"
  secs_at_least 1.5 "$(tail -n 1 err)" "the summary's time"
}

t_g_sigint_and_hup () {
  mkdir sd && tsvc sd/a
  # a background job of sh starts with SIGINT ignored: runsvdir -g must catch it anyway
  rsd -g sd
  wait_for 5 "started sd/a"
  kill -INT "$RSD"
  wait "$RSD"
  assert_eq 0 $? "exit code after SIGINT"
  grep -q term sd/a/out || fail "SIGINT must stop the service"
  rsd -g sd
  wait_for 5 "test \$(count sd/a/out) -eq 3"
  kill -HUP "$RSD"
  wait "$RSD"
  assert_eq 111 $? "exit code after SIGHUP (graceful, runit's code)"
  assert_eq 4 "$(count sd/a/out)" "the service got TERM"
}

t_s_subreaper_reaps_orphans () {
  mkdir sd
  # the run script leaves a process behind; once its runsv is gone too (a
  # runsv is a subreaper of its own), it is runsvdir's to reap
  mksvc sd/a 'sh -c "sleep 600 & echo \$! > orphan"
echo $PPID > runsv.pid
exec sleep 600'
  rsd -s sd
  wait_for 5 "test -s sd/a/orphan && test -s sd/a/runsv.pid"
  o=$(cat sd/a/orphan)
  kill -KILL "$(cat sd/a/runsv.pid)"
  wait_for 5 "test \"\$(ps -o ppid= -p $o | tr -d ' ')\" = $RSD" "the orphan comes back to runsvdir"
  kill "$o"
  wait_for 5 "test ! -e /proc/$o" "the orphan is reaped, not a zombie"
  stop_rsd
}

t_idle_does_not_wake_up () {
  rsd_one
  still_for 0.3 "true"
  before=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$RSD/status")
  still_for 5.5 "true"
  after=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$RSD/status")
  # runit wakes every 5 s; with inotify on a local directory we do not wake at all
  assert_eq 0 $((after - before)) "wake-ups in 5.5 s of idleness"
  stop_rsd
}

# --------------------------------------------------------------- the LOG argument

t_log_shows_stderr_in_argv () {
  mkdir sd
  mksvc sd/a 'echo hello-from-a >&2
exec sleep 600'
  "$RUNSVDIR" sd "log: ..................................................." 2> err &
  RSD=$!
  wait_for 5 "tr '\\0' ' ' < /proc/$RSD/cmdline | grep -q 'hello-from-a'" "the message in argv"
  cmd=$(tr '\0' '|' < "/proc/$RSD/cmdline")
  assert_match "*|sd|log: .*hello-from-a?|" "$cmd" "argv: the first six characters kept, the tail shifted in"
  assert_eq "" "$(cat err)" "nothing on the original stderr"
  stop_rsd
}

t_log_too_short () {
  mkdir sd && tsvc sd/a
  "$RUNSVDIR" sd short 2> err &
  RSD=$!
  wait_for 5 "started sd/a"
  assert_eq "runsvdir sd: warning: log must have at least seven characters.
runsvdir sd: warning: log service disabled." "$(cat err)" "warnings"
  stop_rsd
}

# a runsv that cannot be forked (RLIMIT_NPROC, as a non-root user) is tried
# again 5 s later on a deadline of its own: no child's SIGCHLD would wake us
t_fork_failure_is_retried () {
  need_root
  command -v setpriv > /dev/null 2>&1 && command -v prlimit > /dev/null 2>&1 || skip "setpriv and prlimit (util-linux) are needed"
  mkdir sd && mksvc sd/a 'exec sleep 600'
  chmod 755 "$T" && chown -R 10018:10018 sd
  as_user () { setpriv --reuid=10018 --regid=10018 --clear-groups "$@" ; }
  setpriv --reuid=10018 --regid=10018 --clear-groups "$RUNSVDIR" sd 2> err &
  RSD=$!
  wait_for 5 "alive sd/a && test -n \"\$(runsv_pid a)\"" "runsv a"
  hard=$(awk '/^Max processes/ { print $4 }' "/proc/$RSD/limits")
  as_user prlimit --pid "$RSD" --nproc="1:$hard" || fail "prlimit failed"
  old=$(runsv_pid a)
  kill -TERM "$old"
  wait_for 5 "grep -q '^runsvdir sd: warning: unable to fork for a: temporary failure$' err" "the fork to fail"
  as_user prlimit --pid "$RSD" --nproc="$hard:$hard" || fail "prlimit failed"
  wait_for 20 "test -n \"\$(runsv_pid a)\" && test \"\$(runsv_pid a)\" != $old" "the retry (5 s after the failure)"
}
