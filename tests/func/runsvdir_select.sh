# tests/func/runsvdir_select.sh - RUNSVDIR_ONLY and RUNSVDIR_SKIP
# (runsvdir(8) ENVIRONMENT): a deselected service is supervised but starts
# down, as with a down file, through RUNSV_DOWN=1 in its runsv's
# environment and SUPERSTATE_SELECTED_DOWN in supervise/state (runsv(8));
# sv status, sv -j status, sv health and sv up; a read-only tree; the
# warning for an entry that matches no service.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/sv.sh.
# Services live in $T/s, which is $SVDIR (set in lib/sv.sh), so "sv status a"
# means $T/s/a; runsvdir scans s.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

# marksvc NAME [BASE]: the service BASE/NAME (s/NAME): its run writes
# "[$RUNSV_DOWN]" to marks/NAME (outside the tree, which may be
# read-only), then sleeps
marksvc () {
  mkdir -p marks
  mksvc "${2:-s}/$1" "printf '[%s]\\n' \"\${RUNSV_DOWN-unset}\" >> $T/marks/$1
exec sleep 600"
}
# addsvc NAME: marksvc NAME made aside, then moved into s/ whole (a scan
# never sees it half made)
addsvc () {
  marksvc "$1" new && mv "new/$1" s/
}
# ran NAME: the run of s/NAME has started at least once
ran () { test -s "marks/$1" ; }
# four: web, worker1, worker2, db
four () { for _s in web worker1 worker2 db ; do marksvc "$_s" ; done ; }

# rsd ARGS...: our runsvdir in the background, its stderr in rsd.err; RSD is its pid
rsd () {
  "$SV_BIN/runsvdir" "$@" 2> rsd.err &
  RSD=$!
}
# said: runsvdir's stderr, but for the inotify fallback (a loaded machine
# may be out of inotify instances: not this file's subject)
said () { grep -v ': warning: unable to use inotify, checking ' rsd.err ; }
# served NAME...: a runsv serves each s/NAME (under $RUNSV_STATEDIR when set)
served () {
  for _n in "$@" ; do
    wait_for 10 "sv status $_n > /dev/null 2>&1" "a runsv for s/$_n"
  done
}
# down_for NAME: s/NAME stays down, its run never started, for a while
down_for () {
  still_for 1 "! ran $1" "s/$1's run did not start"
}
# selected_down NAME: the state's flag 64 (runsv(8): SUPERSTATE_SELECTED_DOWN)
selected_down () {
  _f=$(state_flags "${RUNSV_STATEDIR:-$T/s}/$1")
  test "$_f" != none && test $(( _f & 64 )) -ne 0
}

t_only_with_a_glob () {
  four
  RUNSVDIR_ONLY='web,worker*' rsd s
  wait_for 10 "ran web && ran worker1 && ran worker2" "web, worker1 and worker2 to run"
  served db
  down_for db
  # as a down file: down is normal for it, and it is wanted down
  out_is 0 "down: db: Ns" sv status db
  selected_down db || fail "db's supervise/state lacks flag 64: $(state_flags s/db)"
  ! selected_down web || fail "web's supervise/state has flag 64"
  sv -j status db > out
  assert_match '*"want":"down"*"normally":"down"*' "$(cat out)" "sv -j status db"
  sv -j status web > out
  assert_match '*"normally":"up"*' "$(cat out)" "sv -j status web"
  rc_is 0 sv health web worker1 worker2 db
  rc_is 0 sv health
  # sv up is all it takes: a service run by hand that is normally down
  rc_is 0 sv -w 5 up db
  wait_for 5 "ran db" "db's run after sv up"
  out_is 0 "run: db: (pid $(pid_of s/db)) Ns, normally down" sv status db
  selected_down db || fail "flag 64 lost after sv up"
  rc_is 0 sv health db
  assert_eq "" "$(said)" "runsvdir's stderr"
  test ! -e s/db/down || fail "a down file in the tree"
}

t_skip_wins_over_only () {
  four
  RUNSVDIR_ONLY='web,worker*' RUNSVDIR_SKIP='worker2' rsd s
  wait_for 10 "ran web && ran worker1" "web and worker1 to run"
  served worker2 db
  down_for worker2
  ! ran db || fail "db ran"
  out_is 0 "down: worker2: Ns" sv status worker2
  out_is 0 "down: db: Ns" sv status db
  rc_is 0 sv health
  assert_eq "" "$(said)" "runsvdir's stderr"
}

t_skip_alone () {
  four
  RUNSVDIR_SKIP='db' rsd s
  wait_for 10 "ran web && ran worker1 && ran worker2" "every service but db to run"
  served db
  down_for db
  out_is 0 "down: db: Ns" sv status db
  out_is 0 "run: web: (pid $(pid_of s/web)) Ns" sv status web
  rc_is 0 sv health
  # the one skipped is started by hand, and stopped the same way
  rc_is 0 sv -w 5 up db
  wait_for 5 "ran db" "db's run after sv up"
  rc_is 0 sv -w 5 down db
  out_is 0 "down: db: Ns" sv status db
}

t_later_service_judged_alike () {
  marksvc web
  RUNSVDIR_ONLY='web,worker*' rsd s
  wait_for 10 "ran web" "web to run"
  # picked up by a later scan: the same rule, and no warning now
  addsvc worker3
  addsvc db
  wait_for 10 "ran worker3" "worker3 to run"
  served db
  down_for db
  out_is 0 "down: db: Ns" sv status db
  # worker* matched nothing at the first scan: said then, and only then
  assert_eq "runsvdir s: warning: RUNSVDIR_ONLY: worker*: matches no service" "$(said)" "runsvdir's stderr"
}

t_unmatched_entry_warns_once () {
  marksvc web
  marksvc db
  RUNSVDIR_ONLY=' web , web2 ,' RUNSVDIR_SKIP='nothing*' rsd s
  wait_for 10 "ran web" "web to run"
  served db
  # later scans say nothing more
  addsvc late
  kill -ALRM "$RSD"
  served late
  touch s
  kill -ALRM "$RSD"
  still_for 0.5 "kill -0 $RSD"
  printf '%s\n' "runsvdir s: warning: RUNSVDIR_ONLY: web2: matches no service" \
    "runsvdir s: warning: RUNSVDIR_SKIP: nothing*: matches no service" > want
  said > got
  diff want got > /dev/null || fail "runsvdir's stderr [$(cat rsd.err)], want [$(cat want)]"
}

t_runsv_down_reaches_no_run () {
  marksvc web
  marksvc db
  mkscript s/db/finish "printf '[%s]\\n' \"\${RUNSV_DOWN-unset}\" >> $T/marks/db.finish"
  mkscript s/db/check "printf '[%s]\\n' \"\${RUNSV_DOWN-unset}\" >> $T/marks/db.check ; exit 0"
  echo 0.1 > s/db/check-interval  # runsv's liveness check: ./check is runsv's child
  mksvc s/db/log "printf '[%s]\\n' \"\${RUNSV_DOWN-unset}\" >> $T/marks/db.log
exec cat > /dev/null"
  RUNSV_DOWN=1 RUNSVDIR_SKIP=db rsd s
  wait_for 10 "ran web && test -s marks/db.log" "web and db's logger to run"
  # the logger follows no selection: it runs, with nothing to log
  assert_eq "[unset]" "$(cat marks/db.log)" "RUNSV_DOWN in db/log/run"
  # runsvdir's own RUNSV_DOWN is not passed on: web runs, without it
  assert_eq "[unset]" "$(cat marks/web)" "RUNSV_DOWN in web's run"
  down_for db
  test ! -e marks/db.check || fail "db was checked while down"
  rc_is 0 sv -w 5 up db
  wait_for 5 "ran db" "db's run after sv up"
  assert_eq "[unset]" "$(cat marks/db)" "RUNSV_DOWN in db's run"
  wait_for 5 "test -s marks/db.check" "runsv's first check of db"
  assert_eq "[unset]" "$(sort -u marks/db.check)" "RUNSV_DOWN in db's check"
  rc_is 0 sv -w 5 down db
  wait_for 5 "test -s marks/db.finish" "db's finish"
  assert_eq "[unset]" "$(cat marks/db.finish)" "RUNSV_DOWN in db's finish"
}

t_runsv_alone () {
  # runsv reads RUNSV_DOWN whoever starts it; 1 only
  marksvc a
  mksvc s/a/log 'exec cat > /dev/null'
  RUNSV_DOWN=1 runsv s/a > a.log 2>&1 &
  wait_for 5 "alive s/a && alive s/a/log" "runsv for s/a"
  wait_for 5 "sv status a | grep -q '; run: log: '" "a's logger to run"
  out_is 0 "down: a: Ns; run: log: (pid $(pid_of s/a/log)) Ns" sv status a
  down_for a
  selected_down a || fail "flag 64 missing: $(state_flags s/a)"
  _f=$(state_flags s/a/log)
  test $(( _f & 64 )) = 0 || fail "the logger's state has flag 64"
  marksvc b
  RUNSV_DOWN=yes runsv s/b > b.log 2>&1 &
  wait_for 5 "ran b" "b to run (RUNSV_DOWN=yes is not 1)"
  ! selected_down b || fail "b's state has flag 64"
}

t_read_only_tree () {
  need_root
  four
  chmod 755 "$T"
  # the runner removes $T once the case ends: nothing may be mounted there then
  trap 'umount -l "$T/s" 2> /dev/null' EXIT
  mount --bind s s 2> /dev/null && mount -o remount,ro,bind s 2> /dev/null || skip "cannot make a read-only bind mount"
  ! touch s/x 2> /dev/null || fail "s is not read-only"
  export RUNSV_STATEDIR="$T/state"
  RUNSVDIR_ONLY='web' RUNSVDIR_SKIP='worker2' rsd s
  wait_for 10 "ran web" "web to run"
  served worker1 worker2 db
  down_for db
  ! ran worker1 || fail "worker1 ran"
  ! ran worker2 || fail "worker2 ran"
  out_is 0 "down: db: Ns" sv status db
  selected_down db || fail "db's state under \$RUNSV_STATEDIR lacks flag 64"
  rc_is 0 sv health
  rc_is 0 sv -w 5 up db
  wait_for 5 "ran db" "db's run after sv up"
  out_is 0 "run: db: (pid $(pid_of state/db)) Ns, normally down" sv status db
  assert_eq "" "$(said)" "runsvdir's stderr"
  assert_eq "" "$(find s -name supervise -o -name down)" "supervise or down in the tree"
}
