# tests/func/examples.sh - the demo tree of examples/ works as its comments
# and examples/Dockerfile's HEALTHCHECK say. Sourced by tests/func/run after lib.sh.

t_example_tree_is_healthy () {
  cp -R "$(dirname "$SV_TESTFILE")/../../examples/service" svc
  SVDIR=$T/svc ; export SVDIR
  # as examples/demo runs it: legacy's syslog socket in the temp dir
  RUNSVDIR_SYSLOG=$T/syslog runsvdir "$T/svc" > runsvdir.log 2>&1 &
  # the HEALTHCHECK: ticker up and ready (declared on fd 3), spare down on purpose
  "$SV_BIN/sv" -w 10 health ticker spare > out 2>&1 || fail "sv health: $(cat out)"
  _f=$(od -An -tu1 -j1 -N1 svc/ticker/supervise/state | tr -d ' ')
  test $(( _f & 3 )) = 3 || fail "ticker is not declared ready: flags $_f"
  "$SV_BIN/sv" -j status ticker > out
  grep -q '"ready":true' out || fail "sv -j status: $(cat out)"
  wait_for 5 "grep -q 'tick 1' svc/ticker/log/main/current" "the ticker's first line in its log"
  # spare comes up when asked, and is still healthy
  "$SV_BIN/sv" -w 5 up spare > out || fail "sv up spare: $(cat out)"
  "$SV_BIN/sv" health ticker spare > out || fail "sv health after up: $(cat out)"
  # the template's two instances run, each with its name; the template does not
  "$SV_BIN/sv" -w 10 up consumer@1 consumer@2 > out || fail "the instances: $(cat out)"
  test ! -e svc/consumer@/supervise || fail "the template itself was run"
  # the cleanup job's schedule is on, and it is healthy between its runs
  "$SV_BIN/sv" -j status cleanup > out
  grep -q '"spec":"@every 20"' out || fail "cleanup's schedule: $(cat out)"
  "$SV_BIN/sv" health cleanup > out || fail "sv health cleanup: $(cat out)"
  # run now, its summary comes through syslog as a cron job's would
  "$SV_BIN/sv" once cleanup > out || fail "sv once cleanup: $(cat out)"
  wait_for 10 "grep -q '^cleanup: done, [0-9]* files removed (through syslog)\$' runsvdir.log" "cleanup's summary through the syslog socket"
  # legacy logs through syslog only: runsvdir passes its message on as a line
  wait_for 10 "grep -q '^legacy: still here (1)\$' runsvdir.log" "legacy's first message through the syslog socket"
  "$SV_BIN/sv" status legacy > out
  assert_match 'run: legacy: *' "$(cat out)" "sv status legacy"
}

# examples/Dockerfile and examples/kubernetes.yaml: the demo tree read-only,
# its state under RUNSV_STATEDIR, as uid 10001, runsvdir as PID 1; the Pod's
# probe (sv health ticker spare) passes, and what the yaml says agrees
t_example_tree_read_only_as_the_pod_runs_it () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  ex=$(cd "$(dirname "$SV_TESTFILE")/../../examples" && pwd)
  y=$ex/kubernetes.yaml
  grep -q 'readOnlyRootFilesystem: true' "$y" || fail "kubernetes.yaml: no readOnlyRootFilesystem"
  grep -q 'runAsUser: 10001' "$y" || fail "kubernetes.yaml: no runAsUser 10001"
  grep -q 'runAsNonRoot: true' "$y" || fail "kubernetes.yaml: no runAsNonRoot"
  grace=$(awk '/name: RUNSVDIR_GRACE/ { getline ; gsub(/[^0-9]/, "") ; print }' "$y")
  period=$(awk '/terminationGracePeriodSeconds:/ { print $2 }' "$y")
  test -n "$grace" && test -n "$period" && test "$grace" -lt "$period" || fail "kubernetes.yaml: RUNSVDIR_GRACE [$grace] must be under terminationGracePeriodSeconds [$period]"
  state=$(awk '/name: RUNSV_STATEDIR/ { getline ; print $2 }' "$y")
  assert_eq /run/service "$state" "kubernetes.yaml's RUNSV_STATEDIR"
  grep -q '^ENV .*RUNSV_STATEDIR=/run/service' "$ex/Dockerfile" || fail "Dockerfile: no ENV RUNSV_STATEDIR"
  grep -q '^USER 10001' "$ex/Dockerfile" || fail "Dockerfile: no USER 10001"
  chmod 755 "$T"
  cp -R "$ex/service" svc
  mkdir run
  trap 'umount -l "$T/run" 2> /dev/null ; umount -l "$T/svc" 2> /dev/null' EXIT
  mount --bind svc svc 2> /dev/null && mount -o remount,ro,bind svc 2> /dev/null || skip "cannot make a read-only bind mount"
  mount -t tmpfs -o mode=0777 tmpfs run || skip "cannot mount a tmpfs"
  RUNSV_STATEDIR=$T/run/service RUNSVDIR_GRACE=$grace SVDIR=$T/svc
  export RUNSV_STATEDIR RUNSVDIR_GRACE SVDIR
  unshare --pid --fork --mount-proc setpriv --reuid 10001 --regid 10001 --clear-groups "$SV_BIN/runsvdir" "$T/svc" 2> err &
  uns=$!
  setpriv --reuid 10001 --regid 10001 --clear-groups "$SV_BIN/sv" -w 10 health ticker spare > out 2>&1 || fail "sv health: $(cat out); runsvdir: $(cat err)"
  wait_for 5 "grep -q 'tick 1' run/service/ticker/log/main/current" "the ticker's first line in its log under the state dir"
  assert_eq "" "$(find svc -name supervise)" "supervise in the tree"
  r=$(pgrep -P "$uns")
  kill -TERM "$r"
  wait "$uns" ; rc=$?
  assert_eq 0 "$rc" "PID 1's exit code: $(cat err)"
}
