# tests/func/container/life.sh - the container's life: essential services, a
# main command, init tasks, exit codes (runsvdir(8), "The container's life").
#
# PID 1 cases run "unshare --pid --fork --mount-proc runsvdir ..." so that
# runsvdir is the init of a namespace of its own; the others run it with -g
# (or the graceful mode a main command or -i implies) outside one; pid1
# (lib.sh) starts one as PID 1.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# ended_with CODE: PID 1 exited by itself (within 20 s) with CODE
ended_with () {
  wait_for 20 "! kill -0 $UNS 2> /dev/null" "PID 1 to exit by itself"
  wait "$UNS"
  assert_eq "$1" "$?" "PID 1's exit code: $(cat err)"
}
# graceful DIR: a service that appends start and, on TERM, term to DIR/out
graceful () {
  mksvc "$1" 'trap "echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
echo start >> out
sleep 600 & wait'
}
history () { tr '\n' ' ' < "$1/out" | sed 's/ $//' ; }
started () { test -s "$1/out" ; }
# dies_when DIR 'end': a service that appends start, waits for DIR/die, then ends with 'end'
dies_when () {
  mksvc "$1" "echo start >> out
while ! test -e die ; do sleep 0.05 ; done
$2"
}

t_essential_exit_3_stops_everything_gracefully () {
  mkdir sd
  dies_when sd/web 'exit 3'
  touch sd/web/essential
  mkscript sd/web/finish 'echo "finish $*" >> out'
  graceful sd/other
  mkscript sd/other/finish 'echo "finish $*" >> out'
  # other's logger must drain: its last words reach the file after the stop
  mksvc sd/other/log 'while read -r l ; do echo "$l" >> ../logged ; done
echo EOF >> ../logged'
  mksvc sd/other 'exec 2>&1
trap "echo last-words ; echo term >> out ; kill \$! 2>/dev/null ; exit 0" TERM
echo start >> out
echo first
sleep 600 & wait'
  pid1 sd
  wait_for 10 "started sd/web && grep -q first sd/other/logged" "both services and other's logger"
  touch sd/web/die
  ended_with 3
  assert_eq "start finish 3 0" "$(history sd/web)" "web ran once, its finish ran, no restart"
  assert_eq "start term finish 0 0" "$(history sd/other)" "other stopped gracefully"
  assert_eq "first last-words EOF" "$(tr '\n' ' ' < sd/other/logged | sed 's/ $//')" "other's logger drained"
  grep -q 'runsv web: warning: essential ./run exited 3: not restarted' err || fail "runsv did not say why: $(cat err)"
  assert_match "runsvdir sd: stopping every service: essential service web exited 3" "$(grep 'stopping every' err)" "the cause, said at once"
  assert_match "runsvdir sd: stopped 2 services in * s; because essential service web exited 3" "$(tail -n 1 err)" "the report names the cause"
  assert_match "runsvdir sd: web: ended first*" "$(grep ': web: ' err)" "web's report line"
}

t_essential_killed_by_a_signal_exits_128_plus_it () {
  mkdir sd
  dies_when sd/web 'kill -SEGV $$'
  touch sd/web/essential
  graceful sd/other
  runsvdir -g sd 2> err &
  rsd=$!
  wait_for 10 "started sd/web && started sd/other" "both services"
  touch sd/web/die
  wait_for 20 "! kill -0 $rsd 2> /dev/null" "runsvdir -g to exit by itself"
  wait "$rsd"
  assert_eq 139 "$?" "runsvdir's exit code: $(cat err)"
  assert_eq "start term" "$(history sd/other)" "other stopped gracefully"
  grep -q 'because essential service web killed by SIGSEGV' err || fail "no cause in the report: $(cat err)"
}

t_essential_without_graceful_mode_still_stops_everything () {
  # plain runsvdir (not PID 1, no -g): the essential file asks for the stop
  mkdir sd
  dies_when sd/web 'exit 4'
  touch sd/web/essential
  graceful sd/other
  runsvdir sd 2> err &
  rsd=$!
  wait_for 10 "started sd/web && started sd/other" "both services"
  touch sd/web/die
  wait_for 20 "! kill -0 $rsd 2> /dev/null" "runsvdir to exit by itself"
  wait "$rsd"
  assert_eq 4 "$?" "runsvdir's exit code: $(cat err)"
  assert_eq "start term" "$(history sd/other)" "other stopped gracefully"
}

t_essential_give_up_under_max_failures_stops () {
  # on-failure: exit 0 restarts; exiting 0 at once, twice in 60 s is a give-up,
  # which stops everything whatever the mode, with the last run's code
  mkdir sd
  # web waits for other's start, so the give-up never comes before it
  mksvc sd/web 'while test ! -s ../other/out ; do sleep 0.02 ; done
echo start >> out ; exit 0'
  echo on-failure > sd/web/essential
  echo 2 60 > sd/web/max-failures
  echo 60000 > sd/web/restart-reset  # however long the wait, each run is a quick death
  echo 0 > sd/web/restart-delay
  graceful sd/other
  pid1 sd
  ended_with 0
  assert_eq "start start" "$(history sd/web)" "two runs, then the give-up"
  assert_eq "start term" "$(history sd/other)" "other stopped gracefully"
  grep -q 'failed 2 times within 60 s (max-failures)' err || fail "no give-up warning: $(cat err)"
  grep -q 'because essential service web exited 0' err || fail "no cause in the report: $(cat err)"
}

t_on_failure_restarts_after_exit_0_and_stops_after_exit_5 () {
  mkdir sd
  # the first run exits 0 (restarted), the second 5 (the stop)
  mksvc sd/web 'echo start >> out
if test "$(wc -l < out)" -ge 2 ; then exit 5 ; fi
exit 0'
  echo on-failure > sd/web/essential
  echo 0 > sd/web/restart-delay
  graceful sd/other
  pid1 sd
  ended_with 5
  assert_eq "start start" "$(history sd/web)" "exit 0 restarted web, exit 5 did not"
  assert_eq "start term" "$(history sd/other)" "other stopped gracefully"
}

t_sv_down_and_restart_of_an_essential_service_stop_nothing () {
  mkdir sd
  graceful sd/web
  touch sd/web/essential
  graceful sd/other
  runsvdir -g sd 2> err &
  rsd=$!
  wait_for 10 "started sd/web && started sd/other" "both services"
  # sv restart: TERM from runsv itself, wanted up: restarted, nothing stops
  p=$(pid_of sd/web)
  sv restart "$T/sd/web" > /dev/null || fail "sv restart"
  wait_for 10 "test \"\$(pid_of sd/web)\" != $p && test -n \"\$(pid_of sd/web)\"" "web restarted"
  sv -w 5 down "$T/sd/web" > /dev/null || fail "sv down"
  assert_eq "start term start term" "$(history sd/web)" "web restarted, then down"
  still_for 1.5 "kill -0 $rsd" "runsvdir runs on"
  assert_eq "start" "$(history sd/other)" "other untouched"
  kill -TERM "$rsd"
  wait "$rsd"
  assert_eq 0 "$?" "runsvdir's exit code after SIGTERM"
}

t_essential_run_that_cannot_start_stops_everything () {
  # a ./run that cannot be executed ends like runit's exit 111: ./finish
  # gets "111 0", and an essential service ends the container with 111,
  # with or without max-failures
  for policy in none "3 60" ; do
    rm -rf sd err
    mkdir -p sd/web
    printf '#!/bin/sh\nexec sleep 100\n' > sd/web/run
    chmod 644 sd/web/run
    touch sd/web/essential
    test "$policy" = none || echo "$policy" > sd/web/max-failures
    mkscript sd/web/finish 'echo "finish $*" >> out'
    graceful sd/other
    pid1 sd
    ended_with 111
    assert_eq "finish 111 0" "$(history sd/web)" "web's finish ran once ($policy)"
    # (web may end before other's run even started: then it never runs)
    o=$(test -e sd/other/out && history sd/other)
    case "$o" in ""|"start term") ;; *) fail "other not stopped gracefully ($policy): [$o]" ;; esac
    grep -q 'runsv web: warning: essential ./run could not be started: not restarted, runsv exits' err || fail "runsv did not say why ($policy): $(cat err)"
  done
}

t_main_command_exit_code_is_the_containers () {
  mkdir sd
  graceful sd/a
  mkscript sd/a/finish 'echo "finish $*" >> out'
  # the command starts once the service has started; it sees its pid namespace
  pid1 sd -- sh -c 'while ! test -s sd/a/out ; do sleep 0.02 ; done ; echo "prog $$" > prog ; exit 7'
  ended_with 7
  assert_eq "start term finish 0 0" "$(history sd/a)" "a stopped gracefully, after the main command"
  assert_match "prog [0-9]*" "$(cat prog)" "the main command ran"
  grep -q 'because main command exited 7' err || fail "no cause in the report: $(cat err)"
}

t_main_command_killed_by_a_signal () {
  mkdir sd
  graceful sd/a
  runsvdir sd -- sh -c 'while ! test -s sd/a/out ; do sleep 0.02 ; done ; kill -KILL $$' 2> err
  assert_eq 137 "$?" "runsvdir's exit code: $(cat err)"
  assert_eq "start term" "$(history sd/a)" "a stopped gracefully"
}

t_main_command_that_cannot_run () {
  mkdir sd
  graceful sd/a
  runsvdir sd -- ./no-such-program 2> err
  assert_eq 127 "$?" "exit code for a command not found: $(cat err)"
  grep -q 'unable to start the main command ./no-such-program' err || fail "no reason said: $(cat err)"
  printf 'not a program\n' > noexec
  runsvdir sd -- ./noexec 2> err
  assert_eq 126 "$?" "exit code for a command not executable: $(cat err)"
}

t_term_reaches_the_main_command_first () {
  mkdir sd
  graceful sd/a
  # the command notes when it got TERM, and whether a was still running then
  pid1 sd -- sh -c 'trap "cat sd/a/out > seen ; exit 4" TERM ; echo up > prog ; while : ; do sleep 0.05 ; done'
  wait_for 10 "test -s prog && started sd/a" "the main command and a"
  kill -TERM "$R"
  wait "$UNS"
  assert_eq 0 "$?" "exit code after SIGTERM: the signal, not the command, is the cause: $(cat err)"
  assert_file seen "start"
  assert_eq "start term" "$(history sd/a)" "a stopped gracefully"
  assert_match "runsvdir sd: main command: stopped in * s (exit 4)" "$(grep 'main command' err)" "the report"
}

t_main_command_gets_the_terminal_and_its_ctrl_c () {
  command -v script > /dev/null || skip "script (bsdutils) is not installed"
  mkdir sd
  graceful sd/a
  # under script's pty: the command leads the terminal's foreground group,
  # so ^C is its SIGINT, not runsvdir's (which would stop with 0, not 9)
  cat > prog.sh <<'EOF'
trap 'echo int > got ; exit 9' INT
ps -o pgid= -p $$ | tr -d ' ' > mypgrp
ps -o tpgid= -p $$ | tr -d ' ' > fg
while : ; do sleep 0.05 ; done
EOF
  { wait_for 10 "test -s fg && started sd/a" "the command under the pty" ; printf '\003' ; wait_for 10 "test -s got" "the command's SIGINT" ; } 2> feeder.err |
    script -qec "$SV_BIN/runsvdir sd -- sh prog.sh" /dev/null > typescript 2> err
  rc=$?
  test ! -s feeder.err || fail "$(cat feeder.err)"
  assert_eq 9 "$rc" "the container's exit code is the command's: $(cat err typescript)"
  assert_eq "$(cat mypgrp)" "$(cat fg)" "the terminal's foreground group is the command's"
  assert_file got int
  assert_eq "start term" "$(history sd/a)" "a stopped gracefully"
}

t_R_waits_for_readiness () {
  mkdir sd
  # slow declares readiness (fd 3) half a second after it starts
  mksvc sd/slow 'sleep 0.5 ; echo >&3 ; exec 3>&- ; exec sleep 600'
  echo 3 > sd/slow/notification-fd
  graceful sd/plain
  pid1 -R 10 sd -- sh -c 'od -An -tu1 -j1 -N1 sd/slow/supervise/state | tr -d " " > flags ; exit 0'
  ended_with 0
  f=$(cat flags)
  test $(( f & 2 )) = 2 || fail "the main command started before slow was ready: flags $f"
}

t_R_takes_what_runsv_decided_a_service_declares () {
  # runsv decides what a service declares (supervise/state): a notification-fd
  # holding no fd number declares nothing, so -R does not wait for it
  mkdir sd
  mksvc sd/bad 'exec sleep 600'
  echo none > sd/bad/notification-fd
  pid1 -R 5 sd -- sh -c 'echo ran > prog'
  ended_with 0
  assert_file prog ran
  grep -q 'notification-fd: "none" is not an fd number' err || fail "runsv did not warn: $(cat err)"
}

t_R_does_not_wait_for_services_wanted_down () {
  mkdir sd
  # off declares readiness but has a down file: it is not to run, so not
  # to wait for (sv health counts it healthy); ready must still be waited for
  mksvc sd/off 'echo >&3 ; exec sleep 600'
  echo 3 > sd/off/notification-fd
  touch sd/off/down
  mksvc sd/ready 'sleep 0.3 ; echo >&3 ; exec 3>&- ; exec sleep 600'
  echo 3 > sd/ready/notification-fd
  pid1 -R 5 sd -- sh -c 'od -An -tu1 -j1 -N1 sd/ready/supervise/state | tr -d " " > flags ; echo ran > prog'
  ended_with 0
  assert_file prog ran
  f=$(cat flags)
  test $(( f & 2 )) = 2 || fail "the main command started before ready was ready: flags $f"
  assert_eq "down" "$(cut -d, -f1 sd/off/supervise/stat)" "off stayed down"
}

t_R_times_out_and_stops_with_1 () {
  mkdir sd
  mksvc sd/never 'exec sleep 600'
  echo 3 > sd/never/notification-fd
  pid1 -R 0.5 sd -- sh -c 'echo ran > prog'
  ended_with 1
  test ! -e prog || fail "the main command ran though never was not ready"
  grep -q 'because never not ready after -R 0.50 s' err || fail "no cause in the report: $(cat err)"
}

t_init_tasks_run_in_order_and_give_services_their_environment () {
  mkdir sd init
  mksvc sd/a 'echo "start ${GREETING:-none} ${LATER:-none} ${RUNSVDIR_ENV:-noenvfile}" >> out ; exec sleep 600'
  mkscript init/10-first 'echo "first $$" >> order ; echo "task output on stdout" ; echo GREETING=hello >> "$RUNSVDIR_ENV" ; echo "$RUNSVDIR_ENV" > envfile1'
  mkscript init/20-second 'echo "second ${GREETING:-none}" >> order ; echo "LATER=a b=c" >> "$RUNSVDIR_ENV" ; echo "$RUNSVDIR_ENV" > envfile2'
  mkscript init/.hidden 'echo hidden >> order'
  printf 'echo noexec >> order\n' > init/15-not-executable
  test ! -e sd/a/supervise || fail "setup"
  pid1 -i init sd > out.txt
  wait_for 10 "started sd/a" "the service after the tasks"
  assert_match "first [0-9]* second hello" "$(tr '\n' ' ' < order | sed 's/ $//')" "the tasks, in order, the second seeing the first's variable"
  assert_eq "start hello a b=c noenvfile" "$(cat sd/a/out)" "the service's environment"
  grep -q 'init task init/15-not-executable is not executable: skipped' err || fail "no warning for the non-executable file: $(cat err)"
  kill -TERM "$R"
  wait "$UNS"
  assert_eq 0 "$?" "exit code after SIGTERM"
  assert_eq "task output on stdout" "$(cat out.txt)" "the task's stdout is runsvdir's"
  # each task's own file (other cases' runsvdirs may have theirs in /tmp now)
  for f in envfile1 envfile2 ; do
    case "$(cat $f)" in */.runsvdir-env.??????) ;; *) fail "RUNSVDIR_ENV of $f: $(cat $f)" ;; esac
    test ! -e "$(cat $f)" || fail "RUNSVDIR_ENV file $(cat $f) left"
  done
  test "$(cat envfile1)" != "$(cat envfile2)" || fail "one file for two tasks"
}

t_a_failing_task_stops_the_boot () {
  mkdir sd init
  graceful sd/a
  mkscript init/10-ok 'echo ok >> order'
  mkscript init/20-fails 'echo fails >> order ; exit 4'
  mkscript init/30-never 'echo never >> order'
  runsvdir -i init sd 2> err
  assert_eq 4 "$?" "exit code: the task's: $(cat err)"
  assert_eq "ok fails" "$(tr '\n' ' ' < order | sed 's/ $//')" "the tasks that ran"
  test ! -e sd/a/out || fail "a service started after a failed task"
  grep -q 'init task 20-fails exited 4: no service started' err || fail "the task is not named: $(cat err)"
  mkscript init/20-fails 'kill -TERM $$'
  runsvdir -i init sd 2> err
  assert_eq 143 "$?" "exit code of a task killed by SIGTERM: $(cat err)"
}

t_a_bad_environment_line_stops_the_boot () {
  mkdir sd init
  graceful sd/a
  mkscript init/10-typo 'echo GOOD=1 >> "$RUNSVDIR_ENV" ; echo "export BAD=2" >> "$RUNSVDIR_ENV"'
  runsvdir -i init sd 2> err
  assert_eq 100 "$?" "exit code: $(cat err)"
  grep -q 'init task 10-typo: RUNSVDIR_ENV line 2 is not NAME=VALUE' err || fail "the line is not named: $(cat err)"
  test ! -e sd/a/out || fail "a service started"
}

t_term_during_a_task () {
  mkdir sd init
  graceful sd/a
  mkscript init/10-slow 'trap "echo term >> order ; exit 0" TERM ; echo start >> order ; sleep 600 & wait'
  pid1 -i init sd
  wait_for 10 "test -s order" "the task to start"
  kill -TERM "$R"
  wait "$UNS"
  assert_eq 0 "$?" "exit code: the task ended within the grace: $(cat err)"
  assert_eq "start term" "$(tr '\n' ' ' < order | sed 's/ $//')" "the task got TERM"
  test ! -e sd/a/out || fail "a service started"
  # one that ignores TERM is killed at the deadline: 2
  mkscript init/10-slow 'trap "" TERM ; echo start >> order2 ; exec sleep 600'
  pid1 -w 1 -i init sd
  wait_for 10 "test -s order2" "the stubborn task to start"
  kill -TERM "$R"
  wait "$UNS"
  assert_eq 2 "$?" "exit code: the task had to be killed: $(cat err)"
  grep -q 'init task 10-slow: killed at the deadline' err || fail "no report line for the task: $(cat err)"
}

t_exit_remap () {
  mkdir sd
  graceful sd/a
  RUNSVDIR_EXIT_REMAP="143=0 7=0" runsvdir sd -- sh -c 'exit 7' 2> err
  assert_eq 0 "$?" "7 remapped: $(cat err)"
  RUNSVDIR_EXIT_REMAP="143=0" runsvdir sd -- sh -c 'exit 7' 2> err
  assert_eq 7 "$?" "7 not remapped: $(cat err)"
  rm sd/a/out
  RUNSVDIR_EXIT_REMAP="143=0 7=x" runsvdir sd -- true 2> err
  assert_eq 100 "$?" "a bad remap"
  assert_eq 'runsvdir sd: fatal: invalid RUNSVDIR_EXIT_REMAP: "7=x" is not FROM=TO (exit codes 0 to 255, e.g. 143=0)' "$(cat err)" "its one line"
  test ! -e sd/a/out || fail "a service started with a bad remap"
}

t_usage_of_the_new_options () {
  runsvdir -R 5 sd 2> err
  assert_eq 1 "$?" "-R without a command"
  grep -q -- '-R waits for readiness before a main command' err || fail "$(cat err)"
  runsvdir sd log extra 2> err
  assert_eq 1 "$?" "a third operand that is not --"
  runsvdir sd -- 2> err
  assert_eq 1 "$?" "-- without a command"
  runsvdir -R soon sd -- true 2> err
  assert_eq 100 "$?" "a bad -R"
  mkdir sd
  runsvdir -i nowhere sd 2> err
  assert_eq 111 "$?" "an init dir that is not there"
  grep -q 'unable to open init task directory nowhere' err || fail "$(cat err)"
}
