# tests/func/security.sh - what another user cannot do to a root service
# (issue 17): control it, make runsv run anything, read runit's private
# files, or make a root program write through a symlink planted where it
# keeps its files; chpst's order of dropping privileges. runsv(8) "The
# supervise directory", sv(8), chpst(8), svlogd(8).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# The attacker is nobody (65534, no groups), by setpriv; the victims are
# root's files, which must come out of each case untouched.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

need_nobody () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  chmod 755 "$T"   # so nobody can reach the case's directory, as any /etc/service
}
# nobody CMD...: CMD as uid/gid 65534 with no supplementary groups
nobody () {
  setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
# victim NAME: a file of root's, mode 0755 (a script: appending to it would
# be running code as root), with a known content
victim () {
  printf '#!/bin/sh\necho victim\n' > "$1"
  chmod 755 "$1"
  chown root:root "$1"
}
# untouched NAME: the victim's content, mode and owner are as victim made them
untouched () {
  assert_eq "$(printf '#!/bin/sh\necho victim\n')" "$(cat "$1")" "content of the victim $1"
  assert_eq "755 root" "$(stat -c '%a %U' "$1")" "mode and owner of the victim $1"
}
# traced CMD...: CMD (strace and what it runs) without the leak check, which
# cannot run under ptrace (sanitized builds)
traced () {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"
}
# upsvc DIR: a service that sleeps; TERM ends it
upsvc () {
  mksvc "$1" 'exec sleep 600'
}
# files_modes DIR: "name type mode owner" of DIR/supervise and the files
# both runits make there, one a line
files_modes () {
  stat -c '%n %F %a %U' "$1/supervise" | sed "s|^$1/||"
  for f in control ok lock status pid stat ; do
    stat -c '%n %F %a %U' "$1/supervise/$f" | sed "s|^$1/||"
  done
}

# ------------------------------------------------ another user, a root service

t_nobody_cannot_control_a_root_service () {
  need_nobody
  upsvc s
  start_runsv s
  wait_for 5 'test "$(stat_of s)" = run' "s to run"
  pid=$(pid_of s)
  before=$(status_hex s)
  # sv, in runit's words, with a non-zero exit, for every command
  for cmd in down up stop term kill exit once pause status ; do
    nobody "$SV_BIN/sv" "$cmd" ./s > out 2> err ; rc=$?
    assert_eq 1 "$rc" "nobody's sv $cmd: exit code; [$(cat out)] [$(cat err)]"
    assert_eq "warning: ./s: unable to open supervise/ok: access denied" "$(cat out)" "nobody's sv $cmd"
  done
  # the same with a wait, and with runit's own sv, when there
  nobody "$SV_BIN/sv" -w 1 down ./s > out ; rc=$?
  assert_eq 1 "$rc" "nobody's sv -w 1 down: $(cat out)"
  assert_eq "warning: ./s: unable to open supervise/ok: access denied" "$(cat out)" "nobody's sv -w 1 down"
  if test -x "$RUNIT/sv" ; then
    nobody "$RUNIT/sv" down ./s > out.runit ; rc=$?
    assert_eq 1 "$rc" "nobody's runit sv down"
    nobody "$SV_BIN/sv" down ./s > out
    assert_eq "$(cat out.runit)" "$(cat out)" "our sv's words against runit's"
  fi
  # by hand: neither fifo opens, so no byte reaches runsv
  ! nobody dd of=s/supervise/control oflag=nonblock conv=notrunc status=none < /dev/null 2> /dev/null || fail "nobody opened supervise/control for writing"
  ! nobody dd of=s/supervise/ok oflag=nonblock conv=notrunc status=none < /dev/null 2> /dev/null || fail "nobody opened supervise/ok"
  ! nobody sh -c 'printf d > s/supervise/control' 2> /dev/null || fail "nobody wrote to supervise/control"
  # nothing changed: the same status, the same process
  assert_eq "$before" "$(status_hex s)" "status after nobody's attempts"
  assert_eq "$pid" "$(pid_of s)" "pid after nobody's attempts"
  is_running "$pid" || fail "the service died"
  # root still can
  rc_is 0 sv -w 5 down ./s
  assert_eq down "$(stat_of s)" "stat after root's sv down"
}

t_nobody_cannot_make_runsv_run_anything () {
  need_nobody
  upsvc s
  start_runsv s
  wait_for 5 'test "$(stat_of s)" = run' "s to run"
  # every way to have root's runsv run a script of nobody's is closed:
  # a control/ script, a finish, a check, a new run, a log/run, a file in supervise/
  for f in s/control s/control/d s/finish s/check s/log s/log/run s/supervise/x s/down ; do
    ! nobody sh -c "mkdir -p '$(dirname "$f")' && printf '#!/bin/sh\ntouch $T/pwned\n' > '$f'" 2> /dev/null || fail "nobody wrote $f"
  done
  ! nobody sh -c 'printf "#!/bin/sh\ntouch $1/pwned\n" >> s/run' sh "$T" 2> /dev/null || fail "nobody appended to s/run"
  ! nobody mkdir s/control 2> /dev/null || fail "nobody made s/control/"
  ! nobody ln -s /bin/true s/finish 2> /dev/null || fail "nobody linked s/finish"
  ! nobody ln -s "$T/x" s/supervise/status.new 2> /dev/null || fail "nobody planted a link in supervise/"
  ! nobody mv s/supervise s/supervise.old 2> /dev/null || fail "nobody moved supervise/ away"
  ! nobody ls s/supervise > /dev/null 2>&1 || fail "nobody listed supervise/"
  # what the commands root sends then run is root's alone
  rc_is 0 sv -w 5 down ./s
  rc_is 0 sv -w 5 up ./s
  test ! -e pwned || fail "a script of nobody's ran"
  assert_eq "" "$(find s -mindepth 1 -newer s/run ! -path 's/supervise*')" "files in s that are not runsv's"
}

t_private_files_have_runits_modes () {
  need_nobody
  upsvc s
  start_runsv s
  wait_for 5 'test "$(stat_of s)" = run' "s to run"
  files_modes s > ours
  assert_eq "supervise directory 700 root
supervise/control fifo 600 root
supervise/ok fifo 600 root
supervise/lock regular empty file 600 root
supervise/status regular file 644 root
supervise/pid regular file 644 root
supervise/stat regular file 644 root" "$(cat ours)" "our supervise/"
  # the same as runit's runsv makes them (same umask, 022)
  if test -x "$RUNIT/runsv" ; then
    upsvc r
    "$RUNIT/runsv" r > r.log 2>&1 &
    wait_for 10 "alive r && test -s r/supervise/pid" "runit's runsv to serve r"
    files_modes r > runit
    assert_eq "$(cat runit)" "$(cat ours)" "supervise/ by runit's runsv and by ours"
  fi
  # nothing in supervise/ can be read, listed or opened by nobody
  for f in status pid stat state lock ; do
    ! nobody cat "s/supervise/$f" > /dev/null 2>&1 || fail "nobody read supervise/$f"
  done
  ! nobody ls s/supervise > /dev/null 2>&1 || fail "nobody listed supervise/"
  ! nobody stat s/supervise/status > /dev/null 2>&1 || fail "nobody could stat supervise/status"
}

# ----------------------------------------------------------------- chpst

t_chpst_drops_groups_then_gid_then_uid () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  # root with supplementary groups of its own: every one of them goes
  setpriv --groups 4,24,27 "$SV_BIN/chpst" -u nobody:nogroup cat /proc/self/status > st || fail "chpst -u nobody:nogroup failed"
  assert_eq "65534	65534	65534	65534" "$(sed -n 's/^Uid:[[:space:]]*//p' st)" "uids"
  assert_eq "65534	65534	65534	65534" "$(sed -n 's/^Gid:[[:space:]]*//p' st)" "gids"
  assert_eq "65534" "$(sed -n 's/^Groups:[[:space:]]*//p' st | tr -d ' \t')" "groups"
  # the order, as the kernel saw it: setgroups, setgid, setuid, then the exec
  command -v strace > /dev/null || skip "strace is not installed"
  traced setpriv --groups 4,24,27 strace -qq -e trace=setgroups,setgid,setuid,setresuid,setresgid,setreuid,setregid,setfsuid,setfsgid,execve \
    -o tr "$SV_BIN/chpst" -u nobody:nogroup /bin/true || fail "chpst under strace failed: $(cat tr)"
  calls=$(sed -n 's/^\([a-z]*\)(.*/\1/p' tr | tr '\n' ' ')
  assert_eq "execve setgroups setgid setuid execve " "$calls" "privilege calls in order"
  grep -q '^setgroups(1, \[65534\]) *= 0' tr || fail "setgroups: $(grep setgroups tr)"
  grep -q '^setgid(65534) *= 0' tr || fail "setgid: $(grep setgid tr)"
  grep -q '^setuid(65534) *= 0' tr || fail "setuid: $(grep setuid tr)"
  grep -q '^execve("/bin/true"' tr || fail "the second exec: $(tail -n 1 tr)"
}

t_chpst_failed_user_runs_nothing () {
  need_root
  command -v strace > /dev/null || skip "strace is not installed"
  # a group, a user that does not exist; a group list with one missing
  for spec in nobody:nosuchgroup17 nosuchuser17 nosuchuser17:nogroup nobody:nogroup:nosuchgroup17 ; do
    rm -f marker
    traced strace -f -qq -e trace=setgroups,setgid,setuid,setresuid,setresgid,setreuid,setregid,execve,clone,fork,vfork,clone3 \
      -o tr "$SV_BIN/chpst" -u "$spec" sh -c 'touch marker' 2> err ; rc=$?
    assert_eq 111 "$rc" "chpst -u $spec: exit code"
    assert_eq "chpst: fatal: unknown user/group: $spec" "$(grep -v '^+++' err)" "chpst -u $spec: message"
    test ! -e marker || fail "chpst -u $spec ran its program"
    # nothing changed in between, nothing was started: chpst's own exec only
    calls=$(sed -n 's/^[0-9]* *\([a-z0-9]*\)(.*/\1/p' tr | tr '\n' ' ')
    assert_eq "execve " "$calls" "chpst -u $spec: calls"
  done
  # a user that does exist but whose group does not (uid and gid only from
  # the password file): chpst sets what it says, and nothing of root's stays
  chpst -u :65534:4242 cat /proc/self/status > st || fail "chpst -u :65534:4242 failed"
  assert_eq "65534	65534	65534	65534" "$(sed -n 's/^Uid:[[:space:]]*//p' st)" "uids"
  assert_eq "4242	4242	4242	4242" "$(sed -n 's/^Gid:[[:space:]]*//p' st)" "gids"
  assert_eq "4242" "$(sed -n 's/^Groups:[[:space:]]*//p' st | tr -d ' \t')" "groups"
}

# ------------------------------------------ symlinks planted in supervise/

# owned_supervise DIR: DIR (a service of nobody's) with a supervise/ nobody
# made before any runsv ran (or a supervise symlink into nobody's space):
# root's runsv reuses it, as runit's does
owned_supervise () {
  need_nobody
  upsvc "$1"
  chown -R nobody "$1"
  nobody mkdir "$1/supervise"
}

t_runsv_writes_no_planted_new_file () {
  owned_supervise s
  # every file runsv replaces through NAME.new; pid.new dangling: the file
  # it names must not be created
  for f in status pid stat state ; do
    victim "v.$f"
    nobody ln -s "$T/v.$f" "s/supervise/$f.new"
  done
  nobody ln -sf "$T/made" s/supervise/pid.new
  start_runsv s
  wait_for 5 'test "$(stat_of s)" = run' "s to run"
  # once running: planted again, then every file is written again
  for f in status pid stat state ; do
    nobody ln -s "$T/v.$f" "s/supervise/$f.new"
  done
  ctl s d
  wait_for 5 'test "$(stat_of s)" = down' "s to stop"
  ctl s u
  wait_for 5 'test "$(stat_of s)" = run' "s to run again"
  for f in status pid stat state ; do
    untouched "v.$f"
    { test -f "s/supervise/$f" && test ! -L "s/supervise/$f" ; } || fail "supervise/$f is not a plain file: $(ls -l "s/supervise/$f")"
    # written again since the link was planted: it is gone
    test ! -L "s/supervise/$f.new" || fail "supervise/$f.new was not written again"
  done
  test ! -e made || fail "a file was made through a dangling link"
  assert_eq 20 "$(status_size s)" "status size"
  alive s || fail "runsv is gone: $(cat s.log)"
}

# runsv_refuses WHAT MESSAGE: runsv s exits 111 at once with MESSAGE, its one line
runsv_refuses () {
  runsv s > s.log 2>&1 & _rr=$!
  wait_for 5 '! kill -0 $_rr 2> /dev/null' "runsv to refuse $1"
  wait $_rr
  assert_eq 111 "$?" "runsv's exit code: $(cat s.log)"
  assert_eq "$2" "$(cat s.log)" "runsv's message"
}

t_runsv_lock_is_not_followed () {
  owned_supervise s
  nobody ln -s "$T/made" s/supervise/lock
  runsv_refuses "the lock" "runsv s: fatal: unable to open supervise/lock: symbolic link loop"
  test ! -e made || fail "runsv made the file its lock links to"
  # a victim that exists: neither created, nor locked, nor changed
  victim v
  nobody ln -sf "$T/v" s/supervise/lock
  runsv_refuses "the lock" "runsv s: fatal: unable to open supervise/lock: symbolic link loop"
  untouched v
}

t_runsv_fifos_are_not_followed_to_files () {
  owned_supervise s
  victim v
  nobody ln -s "$T/v" s/supervise/control
  runsv_refuses "the control fifo" "runsv s: fatal: supervise/control exists but is not a fifo"
  untouched v
  # a link to a fifo is not opened either: what it names could be swapped
  # for anything (a device) between runsv's look and its open
  nobody mkfifo fifo.nobody 2> /dev/null || { mkfifo fifo.nobody ; chown nobody fifo.nobody ; }
  nobody ln -sf "$T/fifo.nobody" s/supervise/control
  runsv_refuses "the control link" "runsv s: fatal: unable to open supervise/control: symbolic link loop"
  nobody rm s/supervise/control
  nobody ln -s "$T/fifo.nobody" s/supervise/ok
  runsv_refuses "the ok link" "runsv s: fatal: unable to open supervise/ok: symbolic link loop"
}

t_root_sv_writes_no_planted_control () {
  owned_supervise s
  victim v
  # no runsv at all: nobody's supervise/ holds a status (run, want up,
  # pid 1) and links to root's file
  nobody sh -c "printf '\\100\\000\\000\\000\\140\\000\\000\\000\\000\\000\\000\\000\\001\\000\\000\\000\\000u\\000\\001' > s/supervise/status"
  assert_eq 20 "$(status_size s)" "the planted status"
  nobody ln -s "$T/v" s/supervise/ok
  nobody ln -s "$T/v" s/supervise/control
  for cmd in down up exit kill ; do
    sv "$cmd" ./s > out 2>&1 ; rc=$?
    assert_ne 0 "$rc" "root's sv $cmd: $(cat out)"
    untouched v
  done
  assert_eq "warning: ./s: unable to open supervise/ok: symbolic link loop" "$(cat out)" "root's sv"
  # a plain file in place of the fifos: no runsv reads it, nothing is written
  nobody rm s/supervise/ok s/supervise/control
  nobody cp "$T/v" s/supervise/ok
  nobody cp "$T/v" s/supervise/control
  sv down ./s > out 2>&1 ; rc=$?
  assert_eq 1 "$rc" "root's sv down: $(cat out)"
  assert_eq "fail: ./s: runsv not running" "$(cat out)" "root's sv down"
  assert_eq "$(cat v)" "$(cat s/supervise/control)" "the planted control"
}

# ------------------------------------------ symlinks planted in a log dir

# logdir: a log dir anyone may write (mode 0777, no sticky bit, so the
# kernel's protected_symlinks does not hide the problem)
logdir () {
  need_nobody
  mkdir log
  chmod 777 log
}

t_svlogd_current_is_not_followed () {
  logdir
  victim v
  nobody ln -s "$T/v" log/current
  printf 'a line\n' | svlogd log 2> err ; rc=$?
  untouched v
  assert_eq 111 "$rc" "svlogd's exit code: $(cat err)"
  assert_eq "svlogd: warning: unable to open current: log: symbolic link loop
svlogd: fatal: no functional log directories." "$(cat err)" "svlogd's words"
}

t_svlogd_recovery_sets_no_mode_through_a_link () {
  # with no processor, svlogd makes a crash's .u, and an unclean current (no
  # execute bit), complete .s files with mode 0744: never a link's target
  # (a secret of root's, 0600, would become readable by everyone)
  logdir
  for f in current @400000006b0ad05a00000000.u ; do
    rm -rf log/* secret
    printf 'root only\n' > secret
    chmod 600 secret
    nobody ln -s "$T/secret" "log/$f"
    printf 'a line\n' | svlogd log 2> err
    assert_eq "600 root" "$(stat -c '%a %U' secret)" "mode of the secret behind log/$f: $(cat err)"
  done
}

t_svlogd_lock_is_not_followed () {
  logdir
  nobody ln -s "$T/made" log/lock
  printf 'a line\n' | svlogd log 2> err ; rc=$?
  test ! -e made || fail "svlogd made the file its lock links to"
  assert_eq 111 "$rc" "svlogd's exit code: $(cat err)"
  assert_match "svlogd: warning: unable to lock directory: log: symbolic link loop*" "$(cat err)" "svlogd's words"
  victim v
  nobody ln -sf "$T/v" log/lock
  printf 'a line\n' | svlogd log 2> /dev/null
  untouched v
}

t_svlogd_processor_state_is_not_followed () {
  logdir
  # newstate alone, then state alone (it is opened first)
  for f in newstate state ; do
    rm -rf log/* err
    victim "v.$f"
    # a processor on every rotation (s100: a few lines fill current)
    printf 's100\n!cat\n' > log/config
    nobody ln -s "$T/v.$f" "log/$f"
    # lines enough for one rotation, then svlogd waits on its input until told
    rm -f in ; mkfifo in
    svlogd log < in 2> err & p=$!
    exec 3> in
    for i in 1 2 3 4 5 6 7 8 9 10 ; do printf 'line %s of a log\n' "$i" >&3 ; done
    wait_for 10 'ls log/@*.s > /dev/null 2>&1 || grep -q "for processor" err' "the processor to run, or to be refused its $f"
    exec 3>&-
    wait $p
    untouched "v.$f"
    if test $f = state ; then
      assert_eq "svlogd: fatal: unable to open $f for processor: symbolic link loop" "$(grep -m1 'for processor' err)" "svlogd's words"
    else
      # newstate is made anew (a killed svlogd's processor may hold the old
      # one): the link is removed, not followed, and the processor runs
      test ! -L log/newstate || fail "the planted newstate is still a link"
      ls log/@*.s > /dev/null 2>&1 || fail "no processed file: $(cat err)"
    fi
  done
}

t_nobody_cannot_make_a_root_service_ready () {
  # the notify socket has an abstract name, which any process may reach:
  # nobody's datagram arrives, and counts for nothing (not a process of ./run)
  need_nobody
  test -x /usr/bin/perl || skip "perl is not installed"
  mksvc s 'echo "$NOTIFY_SOCKET" > ns
exec sleep 600'
  touch s/notify-socket
  start_runsv s
  wait_for 5 'test -s s/ns && test "$(stat_of s)" = run' "s to run"
  nobody /usr/bin/perl -MSocket -e '
my $a = $ARGV[0] ; $a =~ s/^@/\0/ ;
socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or die "socket: $!\n" ;
send($s, "READY=1\nSTATUS=forged", 0, pack_sockaddr_un($a)) or die "send: $!\n" ;
sleep 600' "$(cat s/ns)" &
  sender=$!
  wait_for 5 "grep -q 'ignored a datagram' s.log" "runsv to get nobody's datagram"
  assert_match "runsv s: warning: notify-socket: ignored a datagram from pid [1-9]*: not a process of ./run" "$(cat s.log)" "runsv's warning"
  is_running "$sender" || fail "the sender is gone: the check could not have been made"
  rc_is 1 sv health ./s
  assert_eq "unhealthy: ./s: not ready" "$(cat out)" "sv health"
  assert_eq 1 "$(state_flags s)" "flags: declares, not ready"
}

t_svlogd_processor_input_is_not_followed () {
  logdir
  # root's secret, and a pending .u that nobody made a link to it
  printf 'root secret\n' > secret
  chmod 600 secret
  printf '!cat\n' > log/config
  nobody ln -s "$T/secret" log/@400000005000000000000000.u
  printf 'a line\n' | svlogd log 2> err
  assert_eq "" "$(find log -type f -exec grep -l 'root secret' {} +)" "log files holding the secret; stderr: $(cat err)"
  assert_eq "600 root secret" "$(stat -c '%a %U' secret) $(cut -d' ' -f2 secret)" "the secret"
  grep -q 'unable to open @400000005000000000000000.u for processor: symbolic link loop' err || fail "svlogd's words: $(cat err)"
}

t_svlogd_processor_output_mode_is_not_followed () {
  logdir
  victim v
  chmod 600 v
  # whoever may write the directory swaps the output for a link to root's
  # file as the processor ends (the processor plays the attacker here)
  printf '!cat ; for f in @*.t ; do rm -f "$f" ; ln -s %s/v "$f" ; done\n' "$T" > log/config
  printf 'x\n' > log/@400000005000000000000000.u
  printf 'a line\n' | svlogd log 2> err
  assert_eq "600 root" "$(stat -c '%a %U' v)" "the victim's mode after the processor: $(cat err)"
  test -n "$(ls log/@*.s 2> /dev/null)" || fail "the processor's output was not booked: $(ls log) $(cat err)"
}

# ------------------------------------------ a RUNSV_STATEDIR another user may write

# rootdir: a directory of root's holding a victim named as a supervise/
# file (as /var/lib/dpkg holds a status): where a planted link would lead
rootdir () {
  mkdir rootdir
  victim rootdir/status
}
# rootdir_untouched: the victim as it was, and nothing made beside it
rootdir_untouched () {
  untouched rootdir/status
  assert_eq "status" "$(ls -A rootdir | tr '\n' ' ' | sed 's/ $//')" "what rootdir holds"
}

t_runsv_state_dir_of_another_user () {
  # RUNSV_STATEDIR that another user may write (their own, or root's with
  # mode 0777): they could rename what runsv makes there and put a link in
  # its place at any time, so it is refused, before anything is made in it
  need_nobody
  upsvc s
  rootdir
  export RUNSV_STATEDIR="$T/state"
  for how in owner 0777 ; do
    rm -rf state && mkdir state
    if test $how = owner ; then chown nobody state ; else chmod 0777 state ; fi
    nobody mkdir state/s
    nobody ln -s "$T/rootdir" state/s/supervise
    runsv_refuses "a state dir another user may write ($how)" "runsv s: fatal: unable to use RUNSV_STATEDIR=$T/state: another user may write $T/state"
    rootdir_untouched
  done
  # sticky, as /tmp or docker's --tmpfs: what runsv makes there stays its own
  rm -rf state && mkdir state && chmod 1777 state
  start_runsv_in state/s
  rootdir_untouched
}

# start_runsv_in DIR: runsv s serves from DIR (its state dir's s), then exits
start_runsv_in () {
  runsv s > s.log 2>&1 &
  _p=$!
  wait_for 5 "alive $1" "runsv to serve from $1"
  ctl "$1" x
  wait_for 5 '! kill -0 $_p 2> /dev/null' "runsv to exit"
}

t_runsv_state_dir_link_planted_below_it () {
  # a sticky state dir anyone may write in (/tmp, a docker --tmpfs): a link
  # planted where runsv would make the service's dir is not followed
  need_nobody
  upsvc s
  mksvc s/log 'exec cat > /dev/null'
  rootdir
  mkdir -p rootdir/supervise
  victim rootdir/supervise/status
  export RUNSV_STATEDIR="$T/state"
  mkdir state && chmod 1777 state
  nobody ln -s "$T/rootdir" state/s
  runsv_refuses "a link in the state dir" "runsv s: fatal: unable to create directory $T/state/s: symbolic link loop"
  untouched rootdir/supervise/status
  assert_eq "status" "$(ls -A rootdir/supervise)" "what rootdir/supervise holds"
  # a directory of another user's there is theirs to swap: refused too
  nobody rm state/s
  nobody mkdir state/s
  nobody ln -s "$T/rootdir" state/s/log
  runsv_refuses "another user's dir in the state dir" "runsv s: fatal: unable to use RUNSV_STATEDIR=$T/state: another user may write $T/state/s"
  untouched rootdir/supervise/status
  test ! -e rootdir/log || fail "something was made through the link"
  # and once gone, runsv makes its own
  nobody rm -r state/s
  start_runsv_in state/s
  assert_eq "root 755" "$(stat -c '%U %a' state/s)" "the service's dir in the state dir"
}

t_runsvdir_env_file_not_in_a_state_dir_another_user_may_write () {
  # RUNSVDIR_ENV's file is read back by name and goes into every service's
  # environment: not in a state dir whose entries another user may swap
  need_nobody
  mkdir sd init state
  chmod 0777 state
  mksvc sd/a 'echo started > out ; exec sleep 600'
  mkscript init/10-task 'echo ran > "$0.ran"'
  RUNSV_STATEDIR=$T/state runsvdir -i init sd 2> err &
  p=$!
  wait_for 10 '! kill -0 $p 2> /dev/null' "runsvdir to stop the boot"
  wait $p
  assert_eq 111 "$?" "exit code: $(cat err)"
  grep -q "warning: unable to use RUNSV_STATEDIR=$T/state for RUNSVDIR_ENV: another user may write $T/state\$" err || fail "no word of the state dir: $(cat err)"
  test ! -e init/10-task.ran || fail "the task ran"
  test ! -e sd/a/out || fail "a service started"
  assert_eq "" "$(ls -A state)" "what the state dir holds"
}
