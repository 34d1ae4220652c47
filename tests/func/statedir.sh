# tests/func/statedir.sh - RUNSV_STATEDIR (issue 16): supervise/ outside the
# service tree, for runsv, its log, sv and runsvdir; runsv(8) "State directory".
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# upsvc DIR: a service that writes its pid to DIR/runpid and sleeps; TERM ends it
upsvc () {
  mksvc "$1" 'echo $$ > runpid
exec sleep 600'
}
# logsvc DIR: DIR/log, a logger that copies its input to DIR/log/out
logsvc () {
  mksvc "$1/log" 'exec cat > out'
}
# sv_as UID ARGS...: our sv as an unprivileged user (no groups)
sv_as () {
  _u=$1 ; shift
  setpriv --reuid "$_u" --regid "$_u" --clear-groups "$SV_BIN/sv" "$@"
}
need_setpriv () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
}

t_state_goes_to_the_state_dir () {
  upsvc s ; logsvc s
  RUNSV_STATEDIR=$T/state runsv s > s.log 2>&1 &
  wait_for 5 "alive state/s && alive state/s/log" "runsv to serve from state/s"
  test ! -e s/supervise || fail "s/supervise was made in the service dir"
  test ! -e s/log/supervise || fail "s/log/supervise was made in the service dir"
  # runit's modes, and the dirs above are ordinary ones
  assert_eq 700 "$(stat -c %a state/s/supervise)" "supervise mode"
  assert_eq 700 "$(stat -c %a state/s/log/supervise)" "log/supervise mode"
  assert_eq 755 "$(stat -c %a state/s)" "state/s mode"
  for f in lock control ok ; do assert_eq 600 "$(stat -c %a state/s/supervise/$f)" "$f mode" ; done
  for f in status stat pid ; do assert_eq 644 "$(stat -c %a state/s/supervise/$f)" "$f mode" ; done
  wait_for 5 "test -s s/runpid" "the service to start"
  assert_eq "$(cat s/runpid)" "$(pid_of state/s)" "pid"
  # sv finds it the same way, by any name of the service
  RUNSV_STATEDIR=$T/state sv status ./s > out
  assert_match "run: ./s: (pid $(cat s/runpid)) *s; run: log: (pid *) *s" "$(cat out)" "sv status ./s"
  RUNSV_STATEDIR=$T/state/ SVDIR=$T sv status s > out
  assert_match "run: s: (pid *) *s; run: log: *" "$(cat out)" "sv status s in \$SVDIR"
  (cd s && RUNSV_STATEDIR=$T/state sv status .) > out
  assert_match "run: .: (pid *) *s; run: log: *" "$(cat out)" "sv status . from the service dir"
  # without the variable sv looks in the service dir, as runit's does
  rc_is 1 sv status ./s
  assert_eq "warning: ./s: unable to open supervise/ok: file does not exist" "$(cat out)" "sv without the variable"
  RUNSV_STATEDIR=$T/state sv -w 5 exit ./s > out
  wait_for 5 "! alive state/s" "runsv to exit"
}

t_state_dir_serves_sv_commands () {
  upsvc s ; logsvc s
  mkscript s/check 'test -s runpid'
  export RUNSV_STATEDIR="$T/state"
  runsv s > s.log 2>&1 &
  wait_for 5 "alive state/s" "runsv"
  rc_is 0 sv -w 5 down ./s
  assert_match "ok: down: ./s: *" "$(cat out)" "sv -w down"
  assert_eq down "$(stat_of state/s)" "stat"
  rm -f s/runpid
  rc_is 0 sv -w 5 up ./s
  assert_match "ok: run: ./s: *" "$(cat out)" "sv -w up (./check passes once runpid is there)"
  rc_is 0 sv -w 5 health ./s
  assert_eq "" "$(cat out)" "sv health says nothing when healthy"
  rc_is 0 sv -w 5 restart ./s
  rc_is 0 sv -j status ./s
  assert_match '*"name":"./s"*"state":"run"*"log":{"name":"log"*"state":"run"*' "$(cat out)" "sv -j status"
  rc_is 0 sv -w 5 down ./s/log
  assert_eq down "$(stat_of state/s/log)" "the log, named as a service"
  rc_is 0 sv -w 5 exit ./s
}

t_state_dir_own_supervise_wins () {
  # runit's trees keep working: a supervise dir, or a symlink (here dangling),
  # in the service dir is used whatever the variable says
  upsvc s ; logsvc s
  mkdir s/supervise
  ln -s "$T/elsewhere/log-supervise" s/log/supervise
  RUNSV_STATEDIR=$T/state runsv s > s.log 2>&1 &
  wait_for 5 "alive s && test -p elsewhere/log-supervise/ok" "runsv to serve from s/supervise"
  test ! -e state || fail "the state dir was made: $(find state)"
  RUNSV_STATEDIR=$T/state sv status ./s > out
  assert_match "run: ./s: *; run: log: *" "$(cat out)" "sv status"
}

t_state_dir_for_the_log_alone () {
  # the choice is made for each of the two: the service has a supervise of
  # its own, the log not
  upsvc s ; logsvc s
  mkdir s/supervise
  RUNSV_STATEDIR=$T/state runsv s > s.log 2>&1 &
  wait_for 5 "alive s && alive state/s/log" "runsv"
  test ! -e state/s/supervise || fail "the service's supervise went to the state dir"
  RUNSV_STATEDIR=$T/state sv status ./s > out
  assert_match "run: ./s: *; run: log: *" "$(cat out)" "sv status"
}

t_state_dir_under_runsvdir () {
  mkdir sd ; upsvc sd/a ; upsvc sd/b ; logsvc sd/b
  export RUNSV_STATEDIR="$T/run/service"
  runsvdir sd > rsd.log 2>&1 &
  wait_for 10 "alive run/service/a && alive run/service/b && alive run/service/b/log" "runsvdir's runsvs"
  SVDIR=$T/sd sv status > out
  assert_match "run: a: (pid *) *s
run: b: (pid *) *s; run: log: (pid *) *s" "$(cat out)" "sv status of \$SVDIR"
  test ! -e sd/a/supervise || fail "sd/a/supervise was made"
}

t_state_dir_sv_waits_for_a_runsv_to_come () {
  # sv -w waits for a runsv that is not there yet, even before runsv made
  # its DIR/NAME
  upsvc s
  export RUNSV_STATEDIR="$T/state"
  sv -w 10 up ./s > out 2>&1 &
  svp=$!
  wait_for 5 "pgrep -x sv > /dev/null" "sv to start"
  runsv s > s.log 2>&1 &
  wait "$svp" ; assert_eq 0 $? "sv's exit code: $(cat out)"
  assert_match "ok: run: ./s: *" "$(cat out)" "sv -w up"
  test -p state/s/supervise/ok && test ! -e s/supervise || fail "the state is not in the state dir"
}

t_state_dir_name_collision_refused () {
  # two scanned dirs sharing one state dir, each with a service "web": the
  # second runsv finds the first one's lock (runsv.8 "State directory")
  mkdir a b ; upsvc a/web ; upsvc b/web
  export RUNSV_STATEDIR="$T/state"
  (cd a && exec runsv web > ../a.log 2>&1) &
  wait_for 5 "alive state/web" "the first runsv"
  (cd b && timeout 20 runsv web) 2> err ; rc=$?
  assert_eq 111 "$rc" "exit code of the second"
  assert_file err "runsv web: fatal: unable to lock $T/state/web/supervise/lock: temporary failure (another runsv is supervising a service of this name with this RUNSV_STATEDIR)"
  wait_for 5 "test -s a/web/runpid" "the first one's service"
  test ! -e b/web/runpid || fail "the second one's service was started"
}

t_state_dir_must_be_absolute () {
  upsvc s
  RUNSV_STATEDIR=state timeout 20 runsv s 2> err ; rc=$?
  assert_eq 100 "$rc" "exit code"
  assert_file err "runsv s: fatal: RUNSV_STATEDIR=state: not an absolute path"
  test ! -e s/supervise || fail "s/supervise made"
  RUNSV_STATEDIR=state rc_is 1 sv status ./s
  assert_eq 'fail: ./s: unable to use $RUNSV_STATEDIR: invalid argument' "$(cat out)" "sv"
  # empty is unset
  RUNSV_STATEDIR= runsv s > s.log 2>&1 &
  wait_for 5 "alive s" "runsv with an empty RUNSV_STATEDIR, in the service dir"
}

t_state_dir_too_long () {
  upsvc s
  long=$T/$(printf '%0200d' 0)
  RUNSV_STATEDIR=$long timeout 20 runsv s 2> err ; rc=$?
  assert_eq 100 "$rc" "exit code"
  assert_file err "runsv s: fatal: unable to use RUNSV_STATEDIR=$long: file name too long"
}

t_state_dir_not_creatable () {
  upsvc s
  echo file > f
  RUNSV_STATEDIR=$T/f/state timeout 20 runsv s 2> err ; rc=$?
  assert_eq 111 "$rc" "exit code"
  # the directory that could not be made is named, not the service's below it
  assert_file err "runsv s: fatal: unable to create directory $T/f/state: not a directory"
}

t_state_dir_notify_socket () {
  # nothing to find under the state dir: the socket has an abstract name,
  # which a run that changed its user reaches too (runsv(8), Readiness)
  need_root
  test -x /usr/bin/perl || skip "perl is not installed"
  mksvc s 'printf %s "$NOTIFY_SOCKET" > ns ; exec chpst -u nobody /usr/bin/perl -MSocket -e '"'"'
my $a = $ENV{NOTIFY_SOCKET} ; $a =~ s/^@/\0/ ;
socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or die "socket: $!\n" ;
send($s, "READY=1", 0, pack_sockaddr_un($a)) or die "send to $ENV{NOTIFY_SOCKET}: $!\n" ;
exec "sleep", "600"'"'"
  touch s/notify-socket
  export RUNSV_STATEDIR="$T/state"
  runsv s > s.log 2>&1 &
  wait_for 10 "test -s s/ns" "the service"
  assert_match "@?*" "$(cat s/ns)" "NOTIFY_SOCKET"
  rc_is 0 sv -w 10 up ./s
  rc_is 0 sv health ./s
  test ! -e state/s/supervise/notify || fail "a socket file"
  assert_eq "" "$(cat s.log)" "runsv's warnings"
}

t_another_users_service_dir () {
  # an unprivileged runsv on a service dir it may not write: one line naming
  # the way out, and with the variable it works
  need_setpriv
  chmod 755 "$T"
  upsvc s
  timeout 20 setpriv --reuid 10001 --regid 10001 --clear-groups "$SV_BIN/runsv" s 2> err ; rc=$?
  assert_eq 111 "$rc" "exit code"
  assert_file err "runsv s: fatal: unable to create directory supervise: access denied (set RUNSV_STATEDIR to a writable directory to keep it there: see runsv(8))"
  mkdir state && chown 10001:10001 state
  RUNSV_STATEDIR=$T/state setpriv --reuid 10001 --regid 10001 --clear-groups "$SV_BIN/runsv" s > s.log 2>&1 &
  wait_for 5 "alive state/s" "the unprivileged runsv"
  assert_eq 10001 "$(stat -c %u state/s/supervise/status)" "owner of status"
  # another unprivileged user is refused, in runit's words
  RUNSV_STATEDIR=$T/state sv_as 10002 down ./s > out ; rc=$?
  assert_eq 1 "$rc" "exit code of another user's sv down"
  assert_eq "warning: ./s: unable to open supervise/ok: access denied" "$(cat out)" "another user's sv down"
  RUNSV_STATEDIR=$T/state sv_as 10001 -w 5 down ./s > out ; rc=$?
  assert_eq 0 "$rc" "exit code of the owner's sv down: $(cat out)"
}
