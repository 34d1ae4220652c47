# tests/func/runsv_deps.sh - start order (runsv(8), "Start order"):
# dependencies.d and timeout-up, what runsv waits for before ./run and what
# supervise/state says meanwhile. Orders are read from the services' own
# records (their status labels, the ready label of supervise/state), never
# from how long the shell waited.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# label_ns HEX: a TAI64N label (24 hex digits) as nanoseconds since its origin
label_ns () { echo $(( (0x${1%????????} - 0x400000000000000a) * 1000000000 + 0x${1#????????????????} )) ; }
# started_ns DIR: when DIR's current run started (the status label)
started_ns () { label_ns "$(od -An -tx1 -N12 "$1/supervise/status" | tr -d ' \n')" ; }
# ready_ns DIR: when DIR became ready (the ready label of supervise/state)
ready_ns () { label_ns "$(od -An -tx1 -j4 -N12 "$1/supervise/state" | tr -d ' \n')" ; }
# waiting_for DIR: the names DIR's runsv says it waits for, space-separated ("" if none)
waiting_for () {
  test "$(od -An -tu1 -N1 "$1/supervise/state" | tr -d ' ')" = 3 || { echo "" ; return ; }
  _l=$(od -An -tu1 -j48 -N2 "$1/supervise/state" | awk '{ print $1 * 256 + $2 }')
  tail -c +$(( 50 + _l + 3 )) "$1/supervise/state" | tr '\n' ' ' | sed 's/ $//'
}
up () { test "$(stat_of "$1")" = run ; }
# needs DIR NAME...: DIR needs each NAME
needs () { _d=$1 ; shift ; mkdir -p "$_d/dependencies.d" ; for _n ; do touch "$_d/dependencies.d/$_n" ; done ; }
# slow_ready DIR SECS: a service that declares readiness (fd 3) SECS after it starts
slow_ready () {
  mksvc "$1" "sleep $2 ; echo >&3 ; exec 3>&- ; exec sleep 600"
  echo 3 > "$1/notification-fd"
}
plain () { mksvc "$1" 'exec sleep 600' ; }
scandir () { runsvdir sd 2> err & SCAN=$! ; }

t_waits_for_readiness_not_mere_start () {
  mkdir sd
  slow_ready sd/db 0.5
  plain sd/app
  needs sd/app db
  scandir
  wait_for 10 "up sd/app" "app up"
  r=$(ready_ns sd/db) a=$(started_ns sd/app) s=$(started_ns sd/db)
  test "$a" -ge "$r" || fail "app started $(( (r - a) / 1000000 )) ms before db was ready"
  test "$r" -gt "$s" || fail "db's ready label is not after its start"
  assert_eq "" "$(waiting_for sd/app)" "app's state once up"
  ! grep -q 'runsv app: warning' err || fail "warnings: $(cat err)"
}

t_a_chain_of_three () {
  # app needs api needs db; api declares readiness too; plain services need
  # only be up
  mkdir sd
  slow_ready sd/db 0.3
  slow_ready sd/api 0.3
  plain sd/app
  plain sd/other
  needs sd/api db
  needs sd/app api
  scandir
  wait_for 15 "up sd/app" "app up"
  test "$(started_ns sd/api)" -ge "$(ready_ns sd/db)" || fail "api before db was ready"
  test "$(started_ns sd/app)" -ge "$(ready_ns sd/api)" || fail "app before api was ready"
  # what has no dependencies does not wait: other was up before app
  test "$(started_ns sd/other)" -lt "$(started_ns sd/app)" || fail "other waited"
}

t_plain_dependency_up_is_enough () {
  mkdir sd
  plain sd/db
  plain sd/app
  needs sd/app db
  scandir
  wait_for 10 "up sd/app" "app up"
  test "$(started_ns sd/app)" -ge "$(started_ns sd/db)" || fail "app started before db"
}

t_state_says_what_it_waits_for () {
  mkdir sd
  plain sd/db
  touch sd/db/down
  plain sd/cache
  touch sd/cache/down
  plain sd/app
  needs sd/app cache db
  scandir
  wait_for 10 "test -n \"\$(waiting_for sd/app)\"" "app's state to say it waits"
  w=$(waiting_for sd/app)
  case "$w" in "cache db"|"db cache") ;; *) fail "waiting for [$w]" ;; esac
  assert_eq down "$(stat_of sd/app)" "stat while waiting"
  assert_eq 117 "$(status_byte sd/app 17)" "want up while waiting"
  # a dependency wanted down is waited for; once up, the list shrinks, then the run starts
  sv up "$T/sd/db" > /dev/null
  wait_for 10 "test \"\$(waiting_for sd/app)\" = cache" "app to wait for cache alone"
  up sd/app && fail "app started while cache is down"
  sv up "$T/sd/cache" > /dev/null
  wait_for 10 "up sd/app" "app up once both are"
  assert_eq 2 "$(od -An -tu1 -N1 sd/app/supervise/state | tr -d ' ')" "state version once nothing is waited for"
}

t_timeout_up () {
  mkdir sd
  plain sd/db
  touch sd/db/down
  plain sd/app
  needs sd/app db
  echo 700 > sd/app/timeout-up
  scandir
  wait_for 10 "up sd/app" "app up after timeout-up"
  grep -q 'runsv app: warning: timeout-up: still waiting for db: ./run starts all the same' err || fail "no warning: $(cat err)"
  assert_eq down "$(stat_of sd/db)" "db still down"
}

t_missing_dependency_is_ignored () {
  mkdir sd
  plain sd/app
  needs sd/app ghost
  scandir
  wait_for 10 "up sd/app" "app up"
  grep -q 'runsv app: warning: dependencies.d/ghost: no service of that name beside this one: not waited for' err || fail "no warning: $(cat err)"
}

t_cycle_is_ignored () {
  mkdir sd
  plain sd/a
  plain sd/b
  plain sd/c
  needs sd/a b
  needs sd/b c
  needs sd/c a
  scandir
  wait_for 10 "up sd/a && up sd/b && up sd/c" "all three up"
  grep -q 'runsv a: warning: dependencies.d/b: a cycle (a -> b -> c -> a): not waited for' err || fail "no warning naming the cycle: $(cat err)"
}

t_sv_w_up_waits_through_the_wait () {
  mkdir sd
  slow_ready sd/db 0.5
  touch sd/db/down
  plain sd/app
  needs sd/app db
  touch sd/app/down
  scandir
  wait_for 10 "alive sd/app && alive sd/db" "both runsvs"
  # app waits for db, which is down until told: sv -w up app returns once
  # both are up (the wait and the start within its seconds)
  ( sleep 0.3 ; sv up "$T/sd/db" > /dev/null ) &
  rc_is 0 sv -w 15 up "$T/sd/app"
  assert_match "ok: run: *" "$(cat out)" "sv -w up app"
  test "$(started_ns sd/app)" -ge "$(ready_ns sd/db)" || fail "app before db was ready"
}

t_every_start_waits_and_a_restart_of_a_dependency_stops_nothing () {
  mkdir sd
  plain sd/db
  mksvc sd/app 'echo x >> starts ; exec sleep 600'
  needs sd/app db
  scandir
  wait_for 10 "up sd/app" "app up"
  p=$(pid_of sd/app)
  # db restarts: app goes on
  sv restart "$T/sd/db" > /dev/null
  still_for 0.5 "test \"\$(pid_of sd/app)\" = $p" "app's run"
  # sv down then sv up: the start waits again (db down now)
  sv -w 10 down "$T/sd/db" "$T/sd/app" > /dev/null
  sv up "$T/sd/app" > /dev/null
  wait_for 10 "test \"\$(waiting_for sd/app)\" = db" "app to wait for db again"
  sv up "$T/sd/db" > /dev/null
  wait_for 10 "up sd/app" "app up again"
  assert_eq 2 "$(wc -l < sd/app/starts | tr -d ' ')" "app's starts"
}

t_a_new_directory_waits_too () {
  # a service runsvdir picks up later waits as one there from the start
  mkdir sd
  plain sd/db
  touch sd/db/down
  scandir
  wait_for 10 "alive sd/db" "db's runsv"
  plain sd/.app
  needs sd/.app db
  mv sd/.app sd/app
  wait_for 15 "test \"\$(waiting_for sd/app)\" = db" "the new app to wait for db"
  sv up "$T/sd/db" > /dev/null
  wait_for 10 "up sd/app" "app up once db is"
}

t_real_daemon_dependency_redis () {
  # the dependency is Debian's redis-server, which drops to its own user and
  # says READY=1 on the notify socket once it accepts connections
  need_root
  command -v redis-server > /dev/null && id redis > /dev/null 2>&1 || skip "redis-server (Debian's) is not installed"
  command -v redis-cli > /dev/null || skip "redis-cli is not installed"
  chmod 755 "$T"
  mkdir -p sd data && chown redis: data
  mksvc sd/redis "exec chpst -u redis redis-server --supervised systemd --port 0 --unixsocket $T/data/sock --dir $T/data --save '' --appendonly no --daemonize no"
  touch sd/redis/notify-socket
  # the app's first act is to talk to redis: it must answer
  mksvc sd/app "redis-cli -s $T/data/sock ping > pong 2>&1 ; exec sleep 600"
  needs sd/app redis
  scandir
  wait_for 60 "up sd/app && test -s sd/app/pong" "app up and its ping done"
  assert_eq PONG "$(cat sd/app/pong)" "redis answered the app's first command"
  test "$(started_ns sd/app)" -ge "$(ready_ns sd/redis)" || fail "app before redis was ready"
}

t_order_at_boot_as_pid1 () {
  # the same rules with runsvdir as PID 1 of the container: api waits for
  # db's readiness, app for api's start
  mkdir sd
  slow_ready sd/db 0.3
  plain sd/api
  plain sd/app
  needs sd/api db
  needs sd/app api
  pid1 sd
  wait_for 15 "up sd/app" "app up"
  test "$(started_ns sd/api)" -ge "$(ready_ns sd/db)" || fail "api before db was ready"
  test "$(started_ns sd/app)" -ge "$(started_ns sd/api)" || fail "app before api"
  kill -TERM "$R"
  wait_for 20 "! kill -0 $UNS 2> /dev/null" "PID 1 to exit"
  wait "$UNS"
  assert_eq 0 "$?" "PID 1's exit code"
}

t_a_long_chain_against_scan_order () {
  # each service needs the one after it in scan order, so each runsv starts
  # waiting on a dependency whose runsv is not there yet or not yet up: a
  # dependency that gets up while its dependant is between reading its
  # state and watching it must not be missed (it once was: a wait for ever).
  # Two boots of 100 links, each fully up, in order. One after the other: a
  # runsv that waits holds an inotify instance, and root's 128
  # (fs.inotify.max_user_instances) are shared with the cases beside this
  # one, whose runsvdir warns when it finds none left.
  for round in 1 2 ; do
    sd=sd$round
    mkdir $sd
    i=0
    while [ $i -lt 100 ] ; do
      n=$(printf 's%03d' $i) next=$(printf 's%03d' $((i + 1)))
      plain "$sd/$n"
      [ $i -lt 99 ] && needs "$sd/$n" "$next"
      i=$((i + 1))
    done
    runsvdir $sd 2>> err &
    wait_for 90 "up $sd/s000" "round $round: the chain's last link (s000) up"
    i=0
    while [ $i -lt 99 ] ; do
      n=$(printf 's%03d' $i) next=$(printf 's%03d' $((i + 1)))
      test "$(started_ns "$sd/$n")" -ge "$(started_ns "$sd/$next")" || fail "round $round: $n started before $next"
      i=$((i + 1))
    done
  done
}
