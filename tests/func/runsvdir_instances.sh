# tests/func/runsvdir_instances.sh - templates and their instances (nitro's
# worker@ form): runsvdir(8) "Templates", runsv(8) "State directory", sv(8).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# template DIR: a template whose run says which instance it is in
# DIR/ran.I ("$1 $SV_INSTANCE") and sleeps; TERM ends it
template () {
  mksvc "$1" 'echo "$1 $SV_INSTANCE" > "ran.$1"
exec sleep 600'
}
# inst DIR I: the directory holding instance I's supervise/ (no state dir)
inst () { echo "$1/.instances/$2" ; }
# runsvs: how many runsv processes there are (this case has its own PID namespace)
runsvs () { pgrep -x runsv | wc -l | tr -d ' ' ; }
# run_parent DIR: the parent (its runsv) of the run whose pid DIR/supervise/pid says
run_parent () { ps -o ppid= -p "$(pid_of "$1")" | tr -d ' ' ; }
all_alive () {
  for _d ; do alive "$_d" || return 1 ; done
}

t_instances_file_makes_three () {
  mkdir sd ; template sd/worker@
  echo 3 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2) $(inst $t 3)" "three instances' runsvs"
  wait_for 5 "test -s $t/ran.1 && test -s $t/ran.2 && test -s $t/ran.3" "three runs"
  for i in 1 2 3 ; do assert_file "$t/ran.$i" "$i $i" ; done
  assert_eq 3 "$(runsvs)" "runsv processes"
  # each its own runsv and run
  p1=$(run_parent "$(inst $t 1)") ; p2=$(run_parent "$(inst $t 2)") ; p3=$(run_parent "$(inst $t 3)")
  test "$p1" != "$p2" && test "$p2" != "$p3" && test "$p1" != "$p3" || fail "the runs share a runsv: $p1 $p2 $p3"
  for p in $p1 $p2 $p3 ; do assert_match "runsv worker@" "$(tr '\0' ' ' < "/proc/$p/cmdline" | sed 's/ $//')" "runsv's command line" ; done
  test "$(pid_of "$(inst $t 1)")" != "$(pid_of "$(inst $t 2)")" || fail "one pid for two instances"
  # the template itself never runs, nor has a supervise/
  test ! -e $t/supervise || fail "the template got a supervise/"
  test ! -e $t/ran. || fail "the template's run ran as the template"
  still_for 0.5 "test ! -e $t/ran. && test \$(runsvs) = 3" "no fourth runsv"
  ! alive "$(inst $t 4)" || fail "worker@4"
}

t_instances_from_a_variable () {
  mkdir sd ; template sd/worker@
  echo '$WORKERS' > sd/worker@/instances
  WORKERS=2 runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2)" "two instances"
  wait_for 5 "test -s $t/ran.2"
  assert_file "$t/ran.2" "2 2"
  still_for 0.3 "test ! -e $(inst $t 3)" "no third instance"
  assert_eq 2 "$(runsvs)" "runsv processes"
}

t_link_instance () {
  mkdir sd ; template sd/worker@
  ln -s worker@ sd/worker@x
  mksvc sd/plain 'exec sleep 600'
  runsvdir sd > rsd.log 2>&1 &
  wait_for 10 "alive $(inst sd/worker@ x) && alive sd/plain" "the link's instance and the plain service"
  wait_for 5 "test -s sd/worker@/ran.x"
  assert_file sd/worker@/ran.x "x x"
  assert_eq 2 "$(runsvs)" "runsv processes (no generated instances: no instances file)"
  test ! -e sd/worker@/supervise || fail "the template (or the link) got a supervise/"
  SVDIR=$T/sd sv status worker@x > out
  assert_match "run: worker@x: (pid $(pid_of "$(inst sd/worker@ x)")) *s" "$(cat out)" "sv status worker@x"
  # the path the man page names, for runit's sv too
  sv status ./sd/worker@/.instances/x > out
  assert_match "run: ./sd/worker@/.instances/x: (pid *) *s" "$(cat out)" "sv status of the instance's place"
}

t_sv_restarts_one_instance_by_name () {
  mkdir sd ; template sd/worker@
  echo 3 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2) $(inst $t 3)"
  wait_for 5 "test -n \"\$(pid_of $(inst $t 1))\" && test -n \"\$(pid_of $(inst $t 2))\" && test -n \"\$(pid_of $(inst $t 3))\""
  a=$(pid_of "$(inst $t 1)") ; b=$(pid_of "$(inst $t 2)") ; c=$(pid_of "$(inst $t 3)")
  SVDIR=$T/sd rc_is 0 sv -w 5 restart worker@2
  b2=$(pid_of "$(inst $t 2)")
  assert_match "ok: run: worker@2: (pid $b2) *s" "$(cat out)" "sv restart worker@2"
  assert_ne "$b" "$b2" "worker@2's pid after the restart"
  assert_eq "$a $c" "$(pid_of "$(inst $t 1)") $(pid_of "$(inst $t 3)")" "the others' pids"
  SVDIR=$T/sd rc_is 0 sv -w 5 down worker@3
  assert_match "ok: down: worker@3: *" "$(cat out)" "sv down worker@3"
  assert_eq down "$(stat_of "$(inst $t 3)")" "worker@3's stat"
  assert_eq run "$(stat_of "$(inst $t 1)")" "worker@1's stat"
  # an instance that runs nowhere
  SVDIR=$T/sd rc_is 1 sv status worker@9
  assert_eq "warning: worker@9: unable to open supervise/ok: file does not exist" "$(cat out)" "sv status worker@9"
}

t_sv_lists_instances_not_the_template () {
  mkdir sd ; template sd/worker@
  echo 3 > sd/worker@/instances
  ln -s worker@ sd/worker@x
  ln -s worker@ sd/worker@2  # a link to a generated name: one service
  mksvc sd/web 'exec sleep 600'
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2) $(inst $t 3) $(inst $t x) sd/web"
  wait_for 5 "test -n \"\$(pid_of $(inst $t 3))\" && test -n \"\$(pid_of $(inst $t x))\""
  still_for 0.3 "test \$(runsvs) = 5" "five runsvs"
  SVDIR=$T/sd rc_is 0 sv status
  assert_eq "web worker@1 worker@2 worker@3 worker@x" "$(sed 's/^run: \([^:]*\):.*/\1/' out | tr '\n' ' ' | sed 's/ $//')" "sv status's names"
  SVDIR=$T/sd rc_is 0 sv -j status
  assert_eq '"web" "worker@1" "worker@2" "worker@3" "worker@x"' "$(grep -o '^{"name":"[^"]*"' out | sed 's/{"name"://' | tr '\n' ' ' | sed 's/ $//')" "sv -j status's names"
  SVDIR=$T/sd rc_is 0 sv -v health
  assert_match "*worker@1*worker@2*worker@3*worker@x*" "$(tr '\n' ' ' < out)" "sv -v health"
  case "$(cat out)" in *'worker@:'*|*'"worker@"'*) fail "the template is listed: $(cat out)" ;; esac
}

t_log_per_instance () {
  mkdir sd
  mksvc sd/worker@ 'echo "hello $1"
exec sleep 600'
  mksvc sd/worker@/log 'mkdir -p "./main/$1" && exec svlogd "./main/$1"'
  echo 3 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1)/log $(inst $t 2)/log $(inst $t 3)/log" "one logger per instance"
  for i in 1 2 3 ; do
    wait_for 5 "grep -qx 'hello $i' $t/log/main/$i/current 2> /dev/null" "instance $i's line in its own log"
    assert_eq "hello $i" "$(cat $t/log/main/$i/current)" "log $i"
  done
  test ! -e $t/log/supervise || fail "the template's log got a supervise/"
  # six runsv-supervised processes: three runs, three loggers
  assert_eq 3 "$(pgrep -x svlogd | wc -l | tr -d ' ')" "svloggers"
  SVDIR=$T/sd rc_is 0 sv status worker@2
  assert_match "run: worker@2: (pid *) *s; run: log: (pid $(pid_of "$(inst $t 2)/log")) *s" "$(cat out)" "sv status worker@2 and its log"
}

t_readiness_per_instance () {
  mkdir sd
  mksvc sd/worker@ 'if test "$1" = 2 ; then while test ! -e go ; do sleep 0.05 ; done ; fi
echo >&3
exec sleep 600'
  echo 3 > sd/worker@/notification-fd
  echo 2 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2)"
  SVDIR=$T/sd rc_is 0 sv -w 5 check worker@1
  SVDIR=$T/sd rc_is 0 sv -j status worker@1
  assert_match '*"name":"worker@1"*"state":"run"*"ready":true*' "$(cat out)" "worker@1 ready"
  SVDIR=$T/sd rc_is 0 sv -j status worker@2
  assert_match '*"name":"worker@2"*"state":"run"*"ready":false*' "$(cat out)" "worker@2 not ready"
  touch $t/go
  SVDIR=$T/sd rc_is 0 sv -w 5 check worker@2
  SVDIR=$T/sd rc_is 0 sv -j status worker@2
  assert_match '*"ready":true*' "$(cat out)" "worker@2 ready once told"
}

t_check_gets_the_instance () {
  mkdir sd ; template sd/worker@
  mkscript sd/worker@/check 'echo "$1 $SV_INSTANCE" >> "checked.$1" ; exit 0'
  echo 200 > sd/worker@/check-interval
  echo 2 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "test -s $t/checked.1 && test -s $t/checked.2" "runsv's liveness checks of each instance"
  assert_eq "2 2" "$(head -n 1 $t/checked.2)" "./check's \$1 and SV_INSTANCE from runsv"
  rm -f $t/checked.*
  # sv's own ./check (sv check)
  SVDIR=$T/sd rc_is 0 sv -w 5 check worker@1
  wait_for 5 "test -s $t/checked.1"
  assert_eq "1 1" "$(head -n 1 $t/checked.1)" "./check's \$1 and SV_INSTANCE from sv"
  test ! -e $t/checked. || fail "a ./check ran without an instance"
}

t_bad_count_is_fatal_at_boot () {
  mkdir sd ; template sd/worker@
  mksvc sd/web 'touch ran ; exec sleep 600'
  echo abc > sd/worker@/instances
  rc_is 100 runsvdir sd
  assert_eq 'runsvdir sd: fatal: worker@/instances: "abc" is not a number of instances (0 to 1000, or $VAR)' "$(cat err)" "the one line"
  assert_eq "" "$(cat out)" "stdout"
  test ! -e sd/web/ran && test ! -e sd/web/supervise || fail "a service started"
  echo '$NOPE' > sd/worker@/instances
  rc_is 100 env -u NOPE runsvdir sd
  assert_eq 'runsvdir sd: fatal: worker@/instances: "$NOPE" is not a number of instances (0 to 1000, or $VAR)' "$(cat err)" "an unset variable"
  echo 1001 > sd/worker@/instances
  rc_is 100 runsvdir sd
  assert_match '*"1001" is not a number of instances*' "$(cat err)" "1001"
}

t_bad_count_at_a_rescan_keeps_them () {
  mkdir sd ; template sd/worker@
  echo 2 > sd/worker@/instances
  runsvdir sd > rsd.log 2>&1 &
  RP=$!
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2)"
  echo nope > $t/instances
  mkdir sd/.x && rmdir sd/.x  # an event on the scan dir: a rescan
  kill -ALRM $RP
  wait_for 5 "grep -q 'nope' rsd.log" "the warning"
  assert_match '*runsvdir sd: warning: worker@/instances: "nope" is not a number of instances*kept*' "$(cat rsd.log)" "the warning"
  still_for 0.5 "all_alive $(inst $t 1) $(inst $t 2) && kill -0 $RP" "the instances kept"
  # and a good value again takes effect at the next scan
  echo 1 > $t/instances
  kill -ALRM $RP
  wait_for 5 "! alive $(inst $t 2)" "worker@2's runsv to exit"
  alive "$(inst $t 1)" || fail "worker@1 went too"
}

t_lower_count_at_the_next_boot_runs_fewer () {
  mkdir sd ; template sd/worker@
  echo 3 > sd/worker@/instances
  runsvdir -g sd > rsd.log 2>&1 &
  RP=$!
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2) $(inst $t 3)"
  kill -TERM $RP ; wait $RP
  wait_for 5 "test \$(runsvs) = 0" "every runsv gone"
  echo 1 > $t/instances
  runsvdir sd > rsd2.log 2>&1 &
  wait_for 10 "alive $(inst $t 1)"
  still_for 0.5 "test \$(runsvs) = 1 && ! alive $(inst $t 2) && ! alive $(inst $t 3)" "one instance only"
  SVDIR=$T/sd rc_is 0 sv status
  assert_match "run: worker@1: (pid *) *s" "$(cat out)" "sv status lists the one that runs"
}

t_read_only_tree_with_a_state_dir () {
  need_root
  mksvc tree/worker@ 'exec sleep 600'
  mksvc tree/worker@/log 'exec cat > /dev/null'
  echo 2 > tree/worker@/instances
  ln -s worker@ tree/worker@x
  # the runner removes $T once the case ends: nothing may be mounted there then
  trap 'umount -l "$T/tree" 2> /dev/null' EXIT
  mount --bind tree tree 2> /dev/null && mount -o remount,ro,bind tree 2> /dev/null || skip "cannot make a read-only bind mount"
  ! touch tree/x 2> /dev/null || fail "tree is not read-only"
  export RUNSV_STATEDIR="$T/state"
  runsvdir tree > rsd.log 2>&1 &
  # every log too: sv status fails on a log whose runsv has not opened supervise/ok yet
  wait_for 10 "all_alive state/worker@1 state/worker@1/log state/worker@2 state/worker@2/log state/worker@x state/worker@x/log" \
    "the instances' runsvs in the state dir"
  test ! -e state/worker@ || fail "the template got a place in the state dir"
  SVDIR=$T/tree rc_is 0 sv status
  assert_match "run: worker@1: *; run: log: *
run: worker@2: *; run: log: *
run: worker@x: *; run: log: *" "$(cat out)" "sv status"
  SVDIR=$T/tree rc_is 0 sv -w 5 restart worker@2
  # runit's sv, by the path runsv(8) names
  if test -x "$RUNIT/sv" ; then
    "$RUNIT/sv" status ./state/worker@1 > out 2>&1
    assert_match "run: ./state/worker@1: (pid *) *s; run: log: *" "$(cat out)" "runit's sv"
  fi
}

t_fifty_instances_stop_gracefully_as_pid1 () {
  mkdir sd
  mksvc sd/worker@ 'trap "echo term > term.\$1 ; kill \$! 2> /dev/null ; exit 0" TERM
echo up > "up.$1"
sleep 600 & wait'
  echo 50 > sd/worker@/instances
  RUNSVDIR_GRACE=8 pid1 sd
  wait_for 30 "test \$(ls sd/worker@/up.* 2> /dev/null | wc -l) = 50" "fifty runs up"
  assert_eq 50 "$(pgrep -P "$R" -x runsv | wc -l | tr -d ' ')" "PID 1's runsvs"
  kill -TERM "$R"
  wait "$UNS"
  rc=$?
  assert_eq 0 "$rc" "exit code ($(cat err))"
  assert_eq 50 "$(ls sd/worker@/term.* | wc -l | tr -d ' ')" "TERM markers"
  assert_eq "term" "$(cat sd/worker@/term.37)" "worker@37's marker"
}

t_prefixed_output_names_the_instance () {
  mkdir sd
  mksvc sd/worker@ 'echo "hi $1"
exec sleep 600'
  echo 2 > sd/worker@/instances
  runsvdir -p sd > rsd.out 2> rsd.log &
  wait_for 10 "grep -qx 'worker@2: hi 2' rsd.out && grep -qx 'worker@1: hi 1' rsd.out" "each instance's line under its name"
}

t_dependencies_on_and_of_instances () {
  mkdir sd
  # worker@2 gets ready only once told; web needs it, and each worker needs db
  mksvc sd/worker@ 'if test "$1" = 2 ; then while test ! -e go ; do sleep 0.05 ; done ; fi
echo >&3
exec sleep 600'
  echo 3 > sd/worker@/notification-fd
  echo 2 > sd/worker@/instances
  mkdir -p sd/worker@/dependencies.d sd/web/dependencies.d
  touch sd/worker@/dependencies.d/db sd/web/dependencies.d/worker@2
  mksvc sd/web 'touch ran ; exec sleep 600'
  mksvc sd/db 'while test ! -e go ; do sleep 0.05 ; done ; echo >&3 ; exec sleep 600'
  echo 3 > sd/db/notification-fd
  runsvdir sd > rsd.log 2>&1 &
  t=sd/worker@
  wait_for 10 "all_alive $(inst $t 1) $(inst $t 2) sd/web sd/db"
  still_for 0.5 "test ! -s $t/.instances/1/supervise/pid || test \"\$(cat $t/.instances/1/supervise/pid)\" = 0" "worker@1 waits for db"
  touch sd/db/go
  SVDIR=$T/sd rc_is 0 sv -w 5 check worker@1
  still_for 0.3 "test ! -e sd/web/ran" "web waits for worker@2"
  SVDIR=$T/sd rc_is 0 sv status web
  assert_match "*waiting for worker@2*" "$(cat out)" "sv status web"
  touch $t/go
  wait_for 5 "test -e sd/web/ran" "web to start once worker@2 is ready"
  grep -q 'no service of that name' rsd.log && fail "a dependency was not found: $(cat rsd.log)"
  true
}
