# tests/func/sv_status.sh - sv status (sv(8), OUTPUT, EXIT STATUS): the line
# for each state, the log's part, service names and $SVDIR, warnings and
# failures, a status file that is bad, no runsv, no service.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

t_status_states () {
  svc a
  svc_down d
  pa=$(status_pid s/a)
  out_is 0 "run: a: (pid $pa) Ns" sv status a
  out_is 0 "down: d: Ns" sv status d
  out_is 0 "run: a: (pid $pa) Ns
down: d: Ns" sv status a d
  # normally down, but running (once)
  sv once d
  wait_for 5 "state_is d 'run, want down'"
  out_is 0 "run: d: (pid $(status_pid s/d)) Ns, normally down, want down" sv status d
  # paused
  sv pause a
  wait_for 5 "state_is a 'run, paused'"
  out_is 0 "run: a: (pid $pa) Ns, paused" sv status a
  sv cont a
  wait_for 5 "state_is a run"
  # down, wanted up (a ./run that cannot start flaps: a status written by hand)
  fakerunsv norun
  status_file s/norun 0 d u 0 0
  out_is 0 "down: norun: Ns, normally up, want up" sv status norun
}

t_status_finish_and_term () {
  ignoring ig
  out_is 0 "run: ig: (pid $(cat s/ig/runpid)) Ns" sv status ig
  sv down ig
  wait_for 5 "state_is ig 'run, got TERM, want down'"
  out_is 0 "run: ig: (pid $(cat s/ig/runpid)) Ns, want down, got TERM" sv status ig
  # a finish script that takes its time
  svc f 'exec sleep 1000'
  mkscript s/f/finish 'exec sleep 1000'
  sv term f
  wait_for 5 "state_is f finish"
  out_is 0 "finish: f: (pid $(status_pid s/f)) Ns" sv status f
}

t_status_log () {
  svc l
  mksvc s/l/log 'exec cat > /dev/null'
  sv x l ; wait_for 5 "! alive s/l" "runsv to exit"
  start_runsv s/l
  wait_for 5 "state_is l run && test \"\$(stat_of s/l/log)\" = run"
  out_is 0 "run: l: (pid $(status_pid s/l)) Ns; run: log: (pid $(status_pid s/l/log)) Ns" sv status l
  # the log alone, by its path
  out_is 0 "run: s/l/log/: (pid $(status_pid s/l/log)) Ns" sv status s/l/log/
  sv down l/log
  wait_for 5 "test \"\$(stat_of s/l/log)\" = down"
  out_is 0 "run: l: (pid $(status_pid s/l)) Ns; down: log: Ns, normally up" sv status l
}

t_status_log_problems () {
  svc a
  pa=$(status_pid s/a)
  # a log that is no directory
  touch s/a/log
  out_is 1 "run: a: (pid $pa) Ns; warning: a/log: unable to change directory: not a directory" sv status a
  # a log directory no runsv looks after (runit then also printed a second, stale line: not us)
  rm s/a/log ; mkdir s/a/log
  out_is 1 "run: a: (pid $pa) Ns; warning: a/log: unable to open supervise/ok: file does not exist" sv status a
  # a log whose runsv is gone
  mkdir s/a/log/supervise ; mkfifo s/a/log/supervise/ok
  out_is 1 "run: a: (pid $pa) Ns; fail: a/log: runsv not running" sv status a
  # as an init script, the answer is the service's, not the log's
  lsb a
  out_is 0 "run: a: (pid $pa) Ns; fail: a/log: runsv not running" ./a status
}

t_status_down_unreadable () {
  svc a
  # ./down cannot be looked at: runit printed an empty line; we print the
  # line without the "normally" flag, and warn on stderr as runit does
  ln -s down s/a/down
  out_is 0 "run: a: (pid $(status_pid s/a)) Ns" sv status a
  err_is "warning: unable to stat a/down: symbolic link loop"
  lsb a
  out_is 4 "run: a: (pid $(status_pid s/a)) Ns" ./a status
}

t_status_one_write_in_order () {
  svc a
  svc b
  svc c
  ln -s down s/b/down
  pa=$(status_pid s/a) ; pb=$(status_pid s/b) ; pc=$(status_pid s/c)
  # stdout and stderr into one file: the warning about b comes between a and b
  sv status a b c > both 2>&1
  assert_eq "run: a: (pid $pa) Ns
warning: unable to stat b/down: symbolic link loop
run: b: (pid $pb) Ns
run: c: (pid $pc) Ns" "$(masksecs < both)" "merged output"
}

t_status_state_warning_keeps_lines_whole () {
  svc a
  svc c
  fakerunsv x
  status_file s/x 0 d u 0 0
  # a state that cannot be read (too short): its warning comes before x's
  # line, which is whole (it used to be cut in two by the warning)
  printf '\003\000' > s/x/supervise/state
  pa=$(status_pid s/a) ; pc=$(status_pid s/c)
  sv status a x c > both 2>&1
  assert_eq "run: a: (pid $pa) Ns
warning: x: unable to read supervise/state: protocol error
down: x: Ns, normally up, want up
run: c: (pid $pc) Ns" "$(masksecs < both)" "merged output"
}

t_status_of_one_service_system_calls () {
  command -v strace > /dev/null || skip "strace is not installed"
  svc a
  # the status of one service by its path (a probe's): no way back to
  # sv's directory, and only the header of supervise/state (the flags: was
  # it left down by runsvdir's selection?), not the whole file
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=chdir,fchdir,openat,open,read -o tr sv status "$T/s/a" > out
  assert_eq "run: $T/s/a: (pid $(status_pid s/a)) Ns" "$(masksecs < out)" "stdout"
  assert_eq 0 "$(grep -c 'fchdir(' tr)" "fchdirs [$(grep fchdir tr)]"
  fd=$(sed -n 's/.*open.*"supervise\/state".* = \([0-9]*\)$/\1/p' tr)
  test -n "$fd" || fail "supervise/state not opened [$(cat tr)]"
  n=$(sed -n "s/.* read($fd, .*, \([0-9]*\)) = .*/\1/p" tr | head -1)
  test -n "$n" && test "$n" -le 26 || fail "read of supervise/state asked for ${n:-nothing}, not at most 26 bytes"
}

t_status_lines_in_one_write () {
  command -v strace > /dev/null || skip "strace is not installed"
  svc a
  svc b
  svc c
  # the status lines of several services leave in one write
  # (LeakSanitizer, in the sanitized build, cannot work under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -s 4096 -e trace=write,writev -o tr sv status a b c > /dev/null
  assert_eq 1 "$(grep -c '^[0-9]* *writev*(1,' tr)" "writes to stdout"
  assert_eq 3 "$(grep -o 'run: [abc]: ' tr | wc -l | tr -d ' ')" "status lines in the traced writes"
}

t_status_relative_svdir_after_a_path () {
  # a plain name after a path is still looked up in $SVDIR, relative to where sv started
  svc a
  mkdir -p other/s
  pa=$(status_pid s/a)
  cd other
  SVDIR=../s out_is 0 "run: ../s/a: (pid $pa) Ns
run: a: (pid $pa) Ns
run: a: (pid $pa) Ns" sv status ../s/a a a
}

t_status_names () {
  svc a
  pa=$(status_pid s/a)
  mkdir -p s/grp
  svc grp/b
  # a plain name is under $SVDIR; ./x, /x and x/ are paths; the name is echoed as typed
  out_is 0 "run: a: (pid $pa) Ns
run: ./s/a: (pid $pa) Ns
run: $T/s/a: (pid $pa) Ns
run: s/a/: (pid $pa) Ns
run: grp/b: (pid $(status_pid s/grp/b)) Ns" sv status a ./s/a "$T/s/a" s/a/ grp/b
  out_is 1 "fail: s/a: unable to change to service directory: file does not exist" sv status s/a
  out_is 1 "fail: a/: unable to change to service directory: file does not exist" sv status a/
  out_is 1 "fail: : unable to change to service directory: file does not exist" sv status ''
  # $SVDIR relative to where sv runs; empty $SVDIR is no directory
  SVDIR=s out_is 0 "run: a: (pid $pa) Ns" sv status a
  SVDIR=s/ out_is 0 "run: a: (pid $pa) Ns" sv status a
  SVDIR= out_is 1 "fail: a: unable to change to service directory: file does not exist" sv status a
}

t_default_svdir () {
  need_root
  svc a
  mkdir etcsvc
  ln -s "$T/s/a" etcsvc/a
  # /etc/service is the default: mount our dir over it, in a mount namespace of our own
  unshare --mount --propagation private sh -c 'mount --bind "$1/etcsvc" /etc/service && cd "$1" && env -u SVDIR sv status a > out 2> err' sh "$T" \
    || skip "cannot bind-mount over /etc/service here"
  assert_eq "run: a: (pid $(status_pid s/a)) Ns" "$(masksecs < out)" "status through /etc/service"
}

t_status_exit_codes () {
  svc a
  mkdir s/notsvc
  touch s/file
  # every failing service counts one; failures go to stdout, not stderr
  out_is 3 "run: a: (pid $(status_pid s/a)) Ns
warning: notsvc: unable to open supervise/ok: file does not exist
fail: nonexist: unable to change to service directory: file does not exist
fail: file: unable to change to service directory: not a directory" sv status a notsvc nonexist file
  err_is ""
  # capped at 99
  mkdir many
  i=0 ; while test $i -lt 105 ; do i=$((i + 1)) ; mkdir many/s$i ; done
  (cd many && sv status s*) > /dev/null 2>&1
  assert_eq 99 $? "exit code of 105 failures"
}

t_no_runsv () {
  svc a
  sv exit a
  wait_for 5 "! alive s/a" "runsv to exit"
  out_is 1 "fail: a: runsv not running" sv status a
  out_is 1 "fail: a: runsv not running" sv up a
  out_is 1 "fail: a: runsv not running" sv -v down a
  out_is 1 "fail: a: runsv not running" sv start a
  # exit wants runsv gone: it is
  out_is 0 "ok: a: runsv not running" sv exit a
  out_is 0 "ok: a: runsv not running" sv shutdown a
  out_is 0 "ok: a: runsv not running" sv force-shutdown a
  out_is 0 "ok: a: runsv not running" sv -w 1 X a
}

t_bad_status_file () {
  fakerunsv x
  # truncated, empty, too long: runit-style line, no crash
  for n in 0 19 21 ; do
    head -c $n /dev/zero > s/x/supervise/status
    out_is 1 "warning: x: unable to read supervise/status: bad format" sv status x
    out_is 1 "warning: x: unable to read supervise/status: bad format" sv up x
  done
  rm s/x/supervise/status
  out_is 1 "warning: x: unable to open supervise/status: file does not exist" sv status x
  mkdir s/x/supervise/status
  out_is 1 "warning: x: unable to read supervise/status: is a directory" sv status x
  rmdir s/x/supervise/status
  # 20 bytes of nonsense are a status; an unknown state byte prints no state word
  printf '\100\0\0\0\0\0\0\012\0\0\0\0\014\0\0\0\0u\0\007' > s/x/supervise/status
  out_is 0 "x: (pid 12) Ns" sv status x
  # as an init script: status unknown
  lsb x
  head -c 19 /dev/zero > s/x/supervise/status
  out_is 4 "warning: x: unable to read supervise/status: bad format" ./x status
}

t_not_a_service () {
  mkdir -p s/plain
  out_is 1 "warning: plain: unable to open supervise/ok: file does not exist" sv status plain
  out_is 1 "warning: plain: unable to open supervise/ok: file does not exist" sv up plain
  out_is 2 "fail: nope: unable to change to service directory: file does not exist
warning: plain: unable to open supervise/ok: file does not exist" sv -v down nope plain
  # supervise/ok that is no fifo: runsv was never there
  mkdir s/plain/supervise ; touch s/plain/supervise/control
  ln -s nowhere s/plain/supervise/ok
  out_is 1 "warning: plain: unable to open supervise/ok: file does not exist" sv status plain
}
