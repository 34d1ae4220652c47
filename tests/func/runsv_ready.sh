# tests/func/runsv_ready.sh - readiness (runsv(8), "Readiness"):
# notification-fd and notify-socket, as supervise/state's flags, label and
# text show them.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/runsv.sh.

# shellcheck source=tests/func/lib/runsv.sh
. "$(dirname "$SV_TESTFILE")/lib/runsv.sh"

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
