# tests/func/container/readonly.sh - a Kubernetes-style container (issue 16):
# runsvdir as PID 1 of its own PID namespace, as uid 10001, the service tree
# bind-mounted read-only, a tmpfs for the state (an emptyDir on /run) and
# RUNSV_STATEDIR pointing into it; runsv(8) "State directory".
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# image: the tree tree/web (a service that says "up" and "term" on its
# stdout, with an svlogd logger writing to run/log, on the tmpfs), then tree
# made read-only and run/ a tmpfs of uid 10001, in this case's own mount
# namespace (tests/func/run gives each case one)
image () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  chmod 755 "$T"
  mksvc tree/web 'exec 2>&1
trap "echo term ; exit 0" TERM
echo up
while : ; do sleep 0.1 & wait $! ; done'
  mksvc tree/web/log "mkdir -p $T/run/log && exec svlogd $T/run/log"
  mkdir run
  # the runner removes $T once the case ends: nothing may be mounted there then
  trap 'umount -l "$T/run" 2> /dev/null ; umount -l "$T/tree" 2> /dev/null' EXIT
  mount --bind tree tree 2> /dev/null && mount -o remount,ro,bind tree 2> /dev/null || skip "cannot make a read-only bind mount"
  mount -t tmpfs -o mode=0755,uid=10001,gid=10001 tmpfs run || skip "cannot mount a tmpfs"
  ! touch tree/x 2> /dev/null || fail "tree is not read-only"
}
# pid1_as UID ARGS...: runsvdir ARGS as PID 1 of a new PID namespace, as UID
# (root makes the namespace, setpriv drops root, and execs runsvdir, which
# stays PID 1); stderr in err; UNS and R as pid1's (lib.sh)
pid1_as () {
  _uid=$1 ; shift
  unshare --pid --fork --mount-proc setpriv --reuid "$_uid" --regid "$_uid" --clear-groups "$SV_BIN/runsvdir" "$@" 2> err &
  UNS=$!
  R=
  wait_for 5 'R=$(pgrep -P $UNS) && test -n "$R" && traps_term "$R"' "runsvdir to start as PID 1"
}
# as UID CMD...: CMD as an unprivileged UID
as () {
  _uid=$1 ; shift
  setpriv --reuid "$_uid" --regid "$_uid" --clear-groups "$@"
}
uid_of () { awk '/^Uid:/ { print $2 }' "/proc/$1/status" ; }

t_read_only_tree_as_uid_10001 () {
  image
  export RUNSV_STATEDIR="$T/run/service" RUNSVDIR_GRACE=5
  pid1_as 10001 tree
  wait_for 10 "alive run/service/web && alive run/service/web/log" "the runsvs to serve from the state dir"
  wait_for 10 "grep -qx up run/log/current 2> /dev/null" "the service's first line in svlogd's current"
  # nothing needed root: every process is 10001's, and so is every file
  assert_eq 10001 "$(uid_of "$R")" "runsvdir's uid"
  for p in $(pgrep -P "$R") ; do assert_eq 10001 "$(uid_of "$p")" "uid of runsv $p" ; done
  assert_eq "" "$(find run ! -user 10001)" "files not owned by 10001"
  assert_eq 700 "$(stat -c %a run/service/web/supervise)" "supervise mode"
  assert_eq 600 "$(stat -c %a run/service/web/supervise/control)" "control mode"
  # the same uid, from another process (docker exec, a probe)
  as 10001 "$SV_BIN/sv" status ./tree/web > out ; rc=$?
  assert_eq 0 "$rc" "sv status: $(cat out)"
  assert_match "run: ./tree/web: (pid *) *s; run: log: (pid *) *s" "$(cat out)" "sv status"
  as 10001 "$SV_BIN/sv" -w 5 down ./tree/web > out ; rc=$?
  assert_eq 0 "$rc" "sv down: $(cat out)"
  wait_for 5 "grep -qx term run/log/current" "the service's TERM line in the log"
  as 10001 "$SV_BIN/sv" -w 5 up ./tree/web > out ; rc=$?
  assert_eq 0 "$rc" "sv up: $(cat out)"
  # another unprivileged uid is refused, in runit's words, and changes nothing
  before=$(status_hex run/service/web)
  as 10002 "$SV_BIN/sv" down ./tree/web > out ; rc=$?
  assert_eq 1 "$rc" "another uid's sv down"
  assert_eq "warning: ./tree/web: unable to open supervise/ok: access denied" "$(cat out)" "another uid's sv down"
  as 10002 "$SV_BIN/sv" status ./tree/web > out
  assert_eq "warning: ./tree/web: unable to open supervise/ok: access denied" "$(cat out)" "another uid's sv status"
  assert_eq "$before" "$(status_hex run/service/web)" "status after another uid's sv down"
  # the tree is as it was
  assert_eq "" "$(find tree -name supervise)" "supervise in the tree"
  # docker stop: every service stops gracefully, the logger drains
  up=$(grep -c '^up$' run/log/current)
  kill -TERM "$R"
  wait "$UNS" ; rc=$?
  assert_eq 0 "$rc" "PID 1's exit code: $(cat err)"
  ! grep -q killed err || fail "something was killed: $(cat err)"
  grep -q 'web: stopped in' err || fail "no stop report for web: $(cat err)"
  assert_eq "$up" "$(grep -c '^term$' run/log/current)" "a TERM line for every start"
}

t_read_only_tree_without_state_dir () {
  image
  unset RUNSV_STATEDIR
  export RUNSVDIR_GRACE=5
  pid1_as 10001 tree
  wait_for 10 "grep -q 'runsv web: fatal' err" "runsv's error"
  assert_eq "runsv web: fatal: unable to create directory supervise: read-only file system (set RUNSV_STATEDIR to a writable directory to keep it there: see runsv(8))" \
    "$(grep -m1 'runsv web' err)" "runsv's one line"
  kill -TERM "$R"
  wait "$UNS" ; rc=$?
  assert_eq 0 "$rc" "PID 1's exit code: $(cat err)"
  assert_eq run "$(find run)" "what was written to the state tmpfs"
}
