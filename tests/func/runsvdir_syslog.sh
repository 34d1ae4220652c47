# tests/func/runsvdir_syslog.sh - RUNSVDIR_SYSLOG (runsvdir(8), ENVIRONMENT):
# a datagram socket whose messages go on as "TAG: message" lines on
# runsvdir's stdout, whoever sends them (util-linux logger, busybox logger,
# glibc's syslog(3), Debian's cron as a service of runsvdir as PID 1),
# malformed ones whole, long ones in marked pieces;
# none lost while stdout keeps up, the dropped ones counted when it does
# not; the socket removed at exit, a stale one replaced, anything else
# refused.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the scripts' to expand:
# shellcheck disable=SC2016

RUNSVDIR=$SV_BIN/runsvdir

# start_syslog [VAR=VALUE...]: runsvdir sd in the background with its socket at
# $PWD/log, stdout in out, stderr in err; RS its pid. Waits for the socket
start_syslog () {
  mkdir -p sd
  env RUNSVDIR_SYSLOG="$PWD/log" "$@" "$RUNSVDIR" sd > out 2> err &
  RS=$!
  wait_for 10 'test -S log' "the socket at $PWD/log"
}

# stop_syslog: SIGTERM to it; it must exit 0 and remove its socket
stop_syslog () {
  kill -TERM "$RS"
  wait "$RS"
  _rc=$?
  assert_eq 0 "$_rc" "exit code after SIGTERM: $(cat err)"
  test ! -e log || fail "the socket is still there after the exit"
}

# send BYTES...: each argument one datagram to ./log (python's escapes: \n, \x00)
send () {
  python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for a in sys.argv[1:]:
    s.sendto(a.encode("utf-8").decode("unicode_escape").encode("latin-1"), "log")
' "$@"
}

# has LINE: out holds exactly LINE
has () { grep -qxF -- "$1" out ; }

t_logger_rfc3164_and_rfc5424 () {
  start_syslog
  logger -u log "plain"
  logger -u log -t app -i "with pid"
  logger -u log --rfc3164 -t host3164 "with a host"
  logger -u log --rfc5424 -t five "rfc 5424"
  logger -u log --rfc5424 -t five --sd-id x@1 --sd-param 'k="v"' "with structured data"
  wait_for 10 'has "five: with structured data"' "the last message"
  has "$(id -un): plain" || fail "logger's default: $(cat out)"
  has "app: with pid" || fail "logger -i: $(cat out)"
  has "host3164: with a host" || fail "logger --rfc3164: $(cat out)"
  has "five: rfc 5424" || fail "logger --rfc5424: $(cat out)"
  assert_eq 5 "$(wc -l < out | tr -d ' ')" "lines: $(cat out)"
  test "$(stat -c %a log)" = 666 || fail "socket mode $(stat -c %a log), not 666"
  stop_syslog
  assert_eq "" "$(cat err)" "stderr"
}

t_priority () {
  start_syslog RUNSVDIR_SYSLOG_PRIORITY=1
  logger -u log -t a -p daemon.err "an error"
  logger -u log -t b -p local0.debug "some debug"
  logger -u log --rfc5424 -t c -p user.emerg "the end"
  send 'no priority at all'
  wait_for 10 'has "syslog: no priority at all"' "the malformed one"
  has "a: <err> an error" || fail "err: $(cat out)"
  has "b: <debug> some debug" || fail "debug: $(cat out)"
  has "c: <emerg> the end" || fail "emerg: $(cat out)"
  stop_syslog
}

t_malformed_multiline_and_long () {
  start_syslog
  send 'garbage without a priority' '<999>bad priority' '<13>1 broken 5424' '<13>Dec  7 19:20:00 two\nlines: x' \
    '<13>t: first\nsecond\n' '<13>nul: trailing\x00\x00' "<13>long: $(printf '%05000d' 7)" '<13>end: end'
  wait_for 10 'has "end: end"' "the last message"
  has "syslog: garbage without a priority" || fail "no priority: $(cat out)"
  has "syslog: <999>bad priority" || fail "bad priority: $(cat out)"
  has "syslog: <13>1 broken 5424" || fail "broken 5424: $(cat out)"
  { has "t: first" && has "t: second" ; } || fail "a newline inside: $(cat out)"
  has "nul: trailing" || fail "trailing NULs: $(cat out)"
  # the long one: pieces of at most PIPE_BUF bytes, each but the last with a backslash
  assert_eq 2 "$(grep -c '^long: ' out)" "pieces of the long message: $(cut -c1-40 out)"
  grep '^long: ' out | head -n 1 | grep -q '\\$' || fail "the first piece does not end in a backslash"
  assert_eq 5000 "$(grep '^long: ' out | sed 's/^long: //; s/\\$//' | tr -d '\n' | wc -c | tr -d ' ')" "the long message's bytes"
  awk 'length($0) >= 4096 { exit 1 }' out || fail "a line of PIPE_BUF bytes or more"
  stop_syslog
}

t_burst_none_lost () {
  start_syslog
  seq 1 100000 | logger -u log -t burst
  wait_for 60 'test "$(grep -c "^burst: " out)" -ge 100000' "100000 lines"
  assert_eq 100000 "$(grep -c '^burst: ' out)" "burst lines"
  assert_eq "burst: 1" "$(head -n 1 out)" "the first"
  assert_eq "burst: 100000" "$(tail -n 1 out)" "the last"
  ! grep -q dropped out || fail "dropped: $(grep dropped out)"
  stop_syslog
}

t_slow_writes_none_lost () {
  command -v strace > /dev/null || skip "no strace"
  command -v cc > /dev/null || skip "no cc"
  # a sender as quick as runsvdir's reads (C, blocking sends), lines of 60
  # bytes: 68 to a PIPE_BUF write, fewer than a burst of reads
  cat > q.c <<'EOC'
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
int main (void)
{
  struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = "log" } ;
  char m[128] ;
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0) ;
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) return 111 ;
  for (int i = 1 ; i <= 50000 ; i++)
    if (send(fd, m, (size_t)snprintf(m, sizeof m, "<13>Dec  7 20:00:00 quick[1]: %d %s", i, "and 50 bytes more to make a typical line ......"), 0) < 0) return 111 ;
  return 0 ;
}
EOC
  cc -o q q.c || fail "cannot compile"
  mkdir -p sd
  # strace stops runsvdir at each write and poll, not at its reads: bursts of
  # reads then outpaced one write a turn of the loop, which filled the buffer
  # and dropped lines while stdout (a file) took everything
  # (LeakSanitizer cannot run under ptrace: on the sanitized build, no leak check here)
  RUNSVDIR_SYSLOG="$PWD/log" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -o /dev/null -e trace=write,ppoll,poll "$RUNSVDIR" sd > out 2> err &
  ST=$!
  wait_for 10 'test -S log' "the socket"
  ./q || fail "the sender failed"
  wait_for 30 'grep -q dropped out || test "$(grep -c "^quick: " out)" -ge 50000' "50000 lines or a drop"
  # strace leaves its tracee running when it is killed: runsvdir itself
  kill -TERM "$(pgrep -P "$ST")" ; wait "$ST"
  ! grep -q dropped out || fail "dropped: $(grep dropped out | head -n 3)"
  assert_eq 50000 "$(grep -c '^quick: ' out)" "lines"
  assert_eq "quick: 50000 and 50 bytes more to make a typical line ......" "$(tail -n 1 out)" "the last"
}

t_full_stdout_drops_counted () {
  mkdir -p sd
  mkfifo pipe
  # a reader that opens the pipe but reads nothing until told to
  sh -c 'exec 3< pipe ; while test ! -e go ; do sleep 0.01 ; done ; exec cat <&3 > out' &
  RUNSVDIR_SYSLOG="$PWD/log" "$RUNSVDIR" sd > pipe 2> err &
  RS=$!
  wait_for 10 'test -S log' "the socket"
  seq 1 20000 | logger -u log -t flood
  # runsvdir is not stuck: it still reads (a sender would block otherwise) and answers
  touch go
  # markers until one gets through (the first ones may be dropped too, and counted)
  wait_for 20 'logger -u log -t marker x ; echo >> markers ; grep -q "^marker: x" out' "a marker line"
  wait_for 10 'grep -q "^runsvdir: warning: syslog: [0-9]* messages\{0,1\} dropped$" out' "the dropped line"
  n=$(sed -n 's/^runsvdir: warning: syslog: \([0-9]*\) messages\{0,1\} dropped$/\1/p' out | awk '{ s += $1 } END { print s }')
  got=$(grep -c '^flood: ' out)
  lost_markers=$(( $(wc -l < markers) - $(grep -c '^marker: x' out) ))
  test "$n" -gt 0 || fail "no drop counted"
  assert_eq $(( 20000 + lost_markers )) $(( n + got )) "lines passed on ($got) and dropped ($n), $lost_markers markers dropped"
  kill -TERM "$RS" ; wait "$RS"
  test ! -e log || fail "the socket is still there"
}

t_stale_socket_replaced_other_refused () {
  mkdir -p sd
  python3 -c 'import socket ; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind("log")'
  test -S log || fail "no stale socket made"
  start_syslog
  # the stale one is a socket too: wait until runsvdir's has taken its
  # place (a datagram to the stale one is refused; the inode may be reused)
  wait_for 10 "python3 -c 'import socket ; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b\"<13>probe: x\", \"log\")' 2> /dev/null" "the stale socket replaced"
  logger -u log -t again "works"
  wait_for 10 'has "again: works"'
  stop_syslog
  echo precious > log
  rc_is 100 env RUNSVDIR_SYSLOG="$PWD/log" "$RUNSVDIR" sd
  assert_eq "runsvdir sd: fatal: RUNSVDIR_SYSLOG: $PWD/log exists and is not a socket" "$(cat err)" "the refusal"
  assert_file log precious
  test ! -e sd/supervise || fail "something started"
  mkdir log2
  rc_is 100 env RUNSVDIR_SYSLOG="$PWD/log2" "$RUNSVDIR" sd
  test -d log2 || fail "the directory was removed"
}

# in_devlog CMD...: CMD in a mount namespace whose /dev/log is our socket
# (a tmpfs on /dev there: the host's /dev is left alone)
in_devlog () {
  need_root
  unshare --mount sh -c 'mount -t tmpfs tmpfs /dev && ln -s "$1" /dev/log && shift && exec "$@"' sh "$PWD/log" "$@"
}

t_busybox_logger_and_glibc_syslog () {
  need_root
  command -v cc > /dev/null || skip "no cc"
  cat > s.c <<'EOC'
#include <syslog.h>
int main (void)
{
  openlog("cprog", LOG_PID, LOG_DAEMON) ;
  syslog(LOG_WARNING, "from syslog(3): %d", 42) ;
  closelog() ;
  syslog(LOG_ERR, "without openlog") ;
  return 0 ;
}
EOC
  cc -o s s.c || fail "cannot compile"
  start_syslog RUNSVDIR_SYSLOG_PRIORITY=1
  in_devlog ./s || fail "syslog(3) program failed"
  wait_for 10 'has "cprog: <warning> from syslog(3): 42"' "glibc's syslog(3) line"
  wait_for 10 'has "s: <err> without openlog"' "syslog(3) without openlog (the program's name)"
  if command -v busybox > /dev/null && busybox logger --help > /dev/null 2>&1 ; then
    in_devlog busybox logger -t bb -p user.notice "from busybox" || fail "busybox logger failed"
    wait_for 10 'has "bb: <notice> from busybox"' "busybox logger's line"
  else note "busybox logger not installed: not tried"
  fi
  stop_syslog
}

t_pid1_stop_drains () {
  mkdir -p sd
  mksvc sd/a "trap 'logger -u $PWD/log -t svc stopping ; exit 0' TERM ; logger -u $PWD/log -t svc started ; while : ; do sleep 0.05 ; done"
  export RUNSVDIR_SYSLOG="$PWD/log"
  pid1 sd > out
  unset RUNSVDIR_SYSLOG
  test -n "$R" || fail "runsvdir ended at once: $(cat err)"
  wait_for 10 'has "svc: started"' "the service's first message"
  kill -TERM "$R"
  wait "$UNS"
  has "svc: stopping" || fail "the message sent during the stop: $(cat out)"
  test ! -e log || fail "the socket is still there after PID 1's exit"
}

# Debian's cron as a service of runsvdir as PID 1, /dev/log being
# runsvdir's socket: a real daemon that logs through syslog(3) only, from
# itself and from the children that run a job as another user (nobody,
# through PAM), and a job's output through logger. Its @reboot jobs run
# at its start, /run/crond.reboot being absent: no minute boundary to
# wait for. A mount namespace (unshare
# --mount-proc makes one) with a tmpfs on /dev (this case's, dev, so that
# the socket's removal shows from here; a /dev/null in it), on /run
# (cron's pidfile and crond.reboot, not the host's), on /etc/cron.d
# (this crontab alone, root's and 0644, as cron wants it) and on the users'
# crontabs (none of the host's)
t_pid1_debian_cron () {
  need_root
  cron=$(command -v cron 2> /dev/null || command -v /usr/sbin/cron) || skip "Debian's cron is not installed"
  getent passwd nobody > /dev/null || skip "no user nobody"
  mkdir -p sd dev
  trap 'umount -l "$T/dev" 2> /dev/null' EXIT
  mount -t tmpfs -o mode=0755 tmpfs dev || skip "cannot mount a tmpfs"
  mknod -m 666 dev/null c 1 3 || fail "cannot make dev/null"
  # -L 15: each job's start, end, failure and pid; MAILTO="": no mail of a
  # job's output; the other job sends its output through logger (to /dev/log)
  printf '%s\n' 'MAILTO=""' '@reboot nobody exit 3' '@reboot nobody echo from the job | logger -t job' > svtest
  mksvc sd/cron "exec 2>&1
exec $cron -f -L 15"
  RUNSVDIR_SYSLOG=/dev/log unshare --pid --fork --mount-proc sh -c '
    mount --bind dev /dev && mount -t tmpfs -o mode=0755 tmpfs /run &&
    mount -t tmpfs -o mode=0755 tmpfs /etc/cron.d && cp svtest /etc/cron.d/ &&
    { ! test -d /var/spool/cron/crontabs || mount -t tmpfs -o mode=1730,gid="$(stat -c %g /var/spool/cron/crontabs)" tmpfs /var/spool/cron/crontabs ; } &&
    chown root:root /etc/cron.d/svtest && chmod 0644 /etc/cron.d/svtest &&
    exec "$1/runsvdir" sd' sh "$SV_BIN" > out 2> err &
  UNS=$!
  R=
  wait_for 20 '! kill -0 $UNS 2> /dev/null || { _u=$(pgrep -P $UNS) && R=$_u && test -n "$R" && traps_term "$R" ; }' "runsvdir to start as PID 1"
  test -n "$R" || fail "runsvdir ended at once: $(cat err)"
  test -S dev/log || fail "no socket at /dev/log: $(cat err)"
  # cron's own lines (its tag: cron), its children's (CRON, the name it
  # gives them): the jobs as nobody, the one that failed and its status
  ( wait_for 20 "grep -q '^CRON: (nobody) END (\[[0-9]*\] echo from the job | logger -t job)\$' out && grep -q '^CRON: (nobody) END (\[[0-9]*\] exit 3)\$' out && test \"\$(grep -c '^CRON: pam_unix(cron:session): session closed for user nobody\$' out)\" = 2" "both jobs' ends, their sessions closed" ) || fail "cron's lines: $(cat out)"
  for l in '^cron: (CRON) INFO (pidfile fd = [0-9]*)$' \
      '^cron: (CRON) INFO (Running @reboot jobs)$' \
      "^CRON: pam_unix(cron:session): session opened for user nobody(uid=$(id -u nobody)) " \
      '^CRON: (nobody) CMD (\[[0-9]*\] echo from the job | logger -t job)$' \
      '^job: from the job$' \
      '^CRON: (nobody) CMD (\[[0-9]*\] exit 3)$' \
      '^CRON: (CRON) error (grandchild #[0-9]* failed with exit status 3)$' ; do
    grep -q "$l" out || fail "no line $l: $(cat out)"
  done
  assert_eq 1 "$(grep -c 'failed with exit status' out)" "failed jobs: $(cat out)"
  kill -TERM "$R"
  wait "$UNS"
  rc=$?
  assert_eq 0 "$rc" "PID 1's exit code: $(cat err)"
  test ! -e dev/log || fail "the socket is still there after PID 1's exit"
}
