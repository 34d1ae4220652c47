# tests/func/sv_lsb.sh - sv as an init script (sv(8), "Init-script
# commands"): ./NAME status, its usage and commands, and their exit codes.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

t_lsb_status () {
  svc a
  lsb a
  out_is 0 "run: a: (pid $(status_pid s/a)) Ns" ./a status
  # further words are ignored
  out_is 0 "run: a: (pid $(status_pid s/a)) Ns" ./a status more words
  svc_down d ; lsb d
  out_is 3 "down: d: Ns" ./d status
  mkdir s/n ; lsb n
  out_is 4 "warning: n: unable to open supervise/ok: file does not exist" ./n status
  # no service directory: status unknown, 4 (runit 2.3.0's man page; 2.1.2 exited 1)
  lsb nonexist
  out_is 4 "fail: nonexist: unable to change to service directory: file does not exist" ./nonexist status
  # a down service with a running log: 3 (runit 2.1.2 answered 0, for the log)
  svc_down dl
  mksvc s/dl/log 'exec cat > /dev/null'
  sv x dl ; wait_for 5 "! alive s/dl"
  start_runsv s/dl
  wait_for 5 "test \"\$(stat_of s/dl/log)\" = run"
  lsb dl
  out_is 3 "down: dl: Ns; run: log: (pid $(status_pid s/dl/log)) Ns" ./dl status
  sv x a ; wait_for 5 "! alive s/a"
  out_is 1 "fail: a: runsv not running" ./a status
  # a service directory that cannot be entered: unknown too
  need_root
  mkdir -p locked/p ; chmod 700 locked ; chmod 755 .
  ln -s "$SV_BIN/sv" p
  (SVDIR=$T/locked setpriv --reuid=65534 --regid=65534 --clear-groups ./p status) > out 2> err
  assert_eq 4 $? "exit code for a service directory that cannot be entered"
  assert_eq "fail: p: unable to change to service directory: access denied" "$(cat out)"
}

t_lsb_usage () {
  lsb a
  for cmd in stat s foo "" ; do
    out_is 2 "" ./a "$cmd"
    usage_is "usage: a [-w sec] command"
  done
  out_is 2 "" ./a ; usage_is "usage: a [-w sec] command"
  out_is 2 "" ./a -x status ; usage_is "a: illegal option -- x" "usage: a [-w sec] command"
  out_is 2 "" ./a -V
  assert_eq "usage: a [-w sec] command" "$(sed -n 2p err)"
  # a fatal error is 151
  need_root
  mkdir -p locked/in
  chmod 311 locked/in
  chmod 755 .
  (cd locked/in && setpriv --reuid=65534 --regid=65534 --clear-groups "$T/a" status) > out 2> err
  assert_eq 151 $? "exit code when the current directory cannot be opened"
  assert_eq "fatal: unable to open current directory: access denied" "$(cat err)"
  (cd locked/in && setpriv --reuid=65534 --regid=65534 --clear-groups "$SV_BIN/sv" status a) > out 2> err
  assert_eq 100 $? "sv's exit code for the same"
}

t_lsb_commands () {
  svc a
  old a
  lsb a
  out_is 0 "ok: down: a: Ns, normally up" ./a stop
  rc_is 0 ./a start
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  rc_is 0 ./a -w 5 restart
  then_is "ok: run: a: (pid $(status_pid s/a)) Ns"
  # any failure is 1
  ignoring ig ; lsb ig
  out_is 1 "timeout: run: ig: (pid $(cat s/ig/runpid)) Ns, want down, got TERM" ./ig -w 0 stop
  mkdir s/n ; lsb n
  out_is 1 "warning: n: unable to open supervise/ok: file does not exist" ./n start
  out_is 0 "ok: a: runsv not running" ./a shutdown
}
