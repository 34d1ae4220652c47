# tests/func/container/deps.sh - the shutdown's order (dependencies.d): a
# service gets its stop only once every service that needs it is down,
# within the one grace deadline (runsvdir(8), "The stop order").
#
# PID 1 cases run "unshare --pid --fork --mount-proc runsvdir ..." (pid1,
# lib.sh); signals come from outside, as docker stop sends them. What is
# checked is the order the services themselves recorded, never a speed.
# Whether runsv waits for dependencies at the start does not matter here:
# every case waits for all its services to run before it stops them.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# needs DIR NAME...: DIR's service needs each NAME (dependencies.d, s6-rc's form)
needs () {
  _n=$1 ; shift
  mkdir -p "$_n/dependencies.d"
  for _d ; do : > "$_n/dependencies.d/$_d" ; done
}
# dsvc DIR [PAUSE]: a service that appends start to DIR/out; on TERM it
# waits PAUSE seconds (0), then appends "stop NAME" to the case's shared
# file stops and exits 0. The pause is not timed: it only makes a wrong
# order (everything told at once) show as a wrong order in stops
dsvc () {
  mksvc "$1" 'trap "sleep '"${2:-0}"' ; echo stop ${PWD##*/} >> ../../stops ; kill \$! 2>/dev/null ; exit 0" TERM
echo start >> out
sleep 600 & wait'
}
# deaf DIR: a service that ignores TERM (so does its exec'd sleep)
deaf () {
  mksvc "$1" 'trap "" TERM
echo start >> out
exec sleep 600'
}
# meets DIR OTHER: on TERM, a service says so (DIR/term), then waits (up to
# 20 s) for OTHER's TERM: "both" in DIR/out if it came while it still ran,
# "alone" if not, then exits 0. Told one after the other, the first one
# would be alone
meets () {
  mksvc "$1" 'trap "touch term ; i=0
while ! test -e ../'"$2"'/term && test \$i -lt 400 ; do sleep 0.05 ; i=\$((i + 1)) ; done
if test -e ../'"$2"'/term ; then echo both >> out ; else echo alone >> out ; fi
kill \$! 2>/dev/null ; exit 0" TERM
echo start >> out
sleep 600 & wait'
}
started () { test -s "$1/out" ; }
all_started () {
  for _d ; do started "$_d" || return 1 ; done
}
history () { tr '\n' ' ' < "$1/out" | sed 's/ $//' ; }
stops () { tr '\n' ' ' < stops | sed 's/ $//' ; }
# ended_with CODE: PID 1 exited by itself (within 30 s) with CODE
ended_with () {
  wait_for 30 "! kill -0 $UNS 2> /dev/null" "PID 1 to exit by itself"
  wait "$UNS"
  assert_eq "$1" "$?" "PID 1's exit code: $(cat err)"
}
# stop_pid1 CODE: SIGTERM to PID 1, which must exit with CODE
stop_pid1 () {
  kill -TERM "$R"
  ended_with "$1"
}
# reported: the services of the stop report, in its order (one line each)
reported () {
  sed -n 's/^runsvdir sd: \([^:]*\): \(stopped in\|killed at\|not running\|ended\).*/\1/p' err | tr '\n' ' ' | sed 's/ $//'
}

t_a_chain_stops_in_reverse_order () {
  # app needs api needs db: app stops first, db last; the dependants take
  # their time, so that a stop of all three at once would show
  mkdir sd
  dsvc sd/app 0.4
  dsvc sd/api 0.2
  dsvc sd/db
  needs sd/app api
  needs sd/api db
  pid1 -w 30 sd
  wait_for 10 "all_started sd/app sd/api sd/db" "the three services"
  stop_pid1 0
  assert_eq "stop app stop api stop db" "$(stops)" "the order the services stopped in"
  # the report lists them in the order they stopped (not by name: api, app, db)
  assert_eq "app api db" "$(reported)" "the report's order"
  for s in app api db ; do
    assert_match "runsvdir sd: $s: stopped in *.?? s (exit 0)" "$(grep ": $s: " err)" "$s's report line"
  done
  assert_match "runsvdir sd: stopped 3 services in *.?? s" "$(tail -n 1 err)" "summary"
}

t_independent_services_still_stop_at_once () {
  # a and b need nothing: each gets TERM while the other still runs; c and d
  # both need e: they stop together, and e after both
  mkdir sd
  meets sd/a b
  meets sd/b a
  meets sd/c d
  meets sd/d c
  dsvc sd/e
  needs sd/c e
  needs sd/d e
  # a dot-name in dependencies.d is skipped: this one would hold a for b
  needs sd/a .b
  pid1 -w 60 sd
  wait_for 10 "all_started sd/a sd/b sd/c sd/d sd/e" "five services"
  stop_pid1 0
  for s in a b c d ; do assert_eq "start both" "$(history sd/$s)" "$s got TERM while its partner still ran" ; done
  assert_eq "stop e" "$(stops)" "e's stop"
  # e was told after c and d were down: it is after both of them in the
  # report (a and b, independent, may come anywhere)
  r=$(reported)
  case " $r " in *" c "*" e "*|*" d "*" e "*) ;; *) fail "e before c or d in the report [$r]" ;; esac
  case " $r " in *" e "*" c "*|*" e "*" d "*) fail "e before c or d in the report [$r]" ;; esac
}

t_deadline_kills_what_waits_for_its_turn () {
  # app ignores TERM and needs db: db is never told, its turn does not come;
  # the deadline kills both at once, and the container exits 2 in its grace
  mkdir sd
  deaf sd/app
  dsvc sd/db
  needs sd/app db
  # 3 s as PID 1: the services' deadline is at 2 s
  pid1 -w 3 sd
  wait_for 10 "all_started sd/app sd/db" "both services"
  stop_pid1 2
  test ! -e stops || fail "db got TERM, though app, which needs it, never stopped: $(cat stops)"
  # (times are taken when runsvdir woke: lower bounds only)
  l=$(grep ': db: ' err)
  assert_match "runsvdir sd: db: killed at the deadline after *.?? s, before its turn (app needs it)*" "$l" "db's report line"
  secs_at_least 2.0 "$l" "db's time"
  assert_match "runsvdir sd: app: killed at the deadline after *.?? s*" "$(grep ': app: ' err)" "app's report line"
  assert_match "runsvdir sd: stopped 2 services in *.?? s; 2 killed at the deadline" "$(tail -n 1 err)" "summary"
  # within the grace: 3 s of plan; this bound only catches a hang past it
  # (how soon, bench/run's figure 16)
  awk -v v="$(secs_of "$(tail -n 1 err)")" 'BEGIN { exit !(v < 20) }' || fail "the stop took $(tail -n 1 err)"
}

t_missing_dependency_and_cycle_do_not_block () {
  # app needs nosuch (no such service) and db; x and y need each other, and
  # z needs x; w needs itself. With a 30 s grace, a stop that waited on any
  # of these would be killed at the deadline: exit 2. It exits 0
  mkdir sd
  dsvc sd/app
  dsvc sd/db
  needs sd/app nosuch db
  dsvc sd/x 0.3
  dsvc sd/y 0.3
  dsvc sd/z 0.3
  dsvc sd/w
  needs sd/x y
  needs sd/y x
  needs sd/z x
  needs sd/w w
  # a dependencies.d entry that is a file, not a service, is no service either
  : > sd/notasvc
  needs sd/db notasvc
  pid1 -w 30 sd
  wait_for 10 "all_started sd/app sd/db sd/x sd/y sd/z sd/w" "six services"
  stop_pid1 0
  s=$(stops)
  # the edges into the cycle and out of it still count
  case "$s" in *"stop app"*"stop db"*) ;; *) fail "db stopped before app: [$s]" ;; esac
  case "$s" in *"stop z"*"stop x"*) ;; *) fail "x stopped before z: [$s]" ;; esac
  for n in app db x y z w ; do
    assert_match "runsvdir sd: $n: stopped in *.?? s (exit 0)" "$(grep ": $n: " err)" "$n's report line"
  done
  assert_eq "" "$(grep -i 'warning' err | grep -v '^runsv ')" "runsvdir's warnings"
}

t_order_holds_when_an_essential_service_ends () {
  # the container's end by an essential service: app (essential) needs api
  # needs db; app ends, then api stops, then db
  mkdir sd
  mksvc sd/app 'echo start >> out
while ! test -e die ; do sleep 0.05 ; done
exit 3'
  touch sd/app/essential
  dsvc sd/api 0.2
  dsvc sd/db
  needs sd/app api
  needs sd/api db
  dsvc sd/other 0.2
  pid1 -w 30 sd
  wait_for 10 "all_started sd/app sd/api sd/db sd/other" "four services"
  touch sd/app/die
  ended_with 3
  s=$(stops)
  case "$s" in *"stop api"*"stop db"*) ;; *) fail "db stopped before api: [$s]" ;; esac
  r=$(reported)
  assert_match "app *api*db*" "$r" "the report: the cause first, then in stop order"
  assert_match "runsvdir sd: app: ended first, the cause of the stop" "$(grep ': app: ' err)" "app's line"
}

t_order_holds_after_the_main_command () {
  # the main command's end: web needs db, both stop after the command, web first
  mkdir sd
  dsvc sd/web 0.3
  dsvc sd/db
  needs sd/web db
  pid1 -w 30 sd -- sh -c 'while ! test -s sd/web/out || ! test -s sd/db/out ; do sleep 0.02 ; done ; exit 5'
  ended_with 5
  assert_eq "stop web stop db" "$(stops)" "the order the services stopped in"
  assert_eq "web db" "$(reported)" "the report's order"
}

t_order_holds_under_g_without_pid1 () {
  # graceful mode outside a PID namespace of its own: the same order
  mkdir sd
  dsvc sd/front 0.3
  dsvc sd/back
  needs sd/front back
  runsvdir -g -w 30 sd 2> err &
  rsd=$!
  wait_for 10 "all_started sd/front sd/back" "both services"
  kill -TERM "$rsd"
  wait "$rsd"
  assert_eq 0 "$?" "runsvdir -g's exit code: $(cat err)"
  assert_eq "stop front stop back" "$(stops)" "the order the services stopped in"
}
