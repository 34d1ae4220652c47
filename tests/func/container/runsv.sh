# tests/func/container/runsv.sh - runsv's part of a container's shutdown:
# runsvdir as PID 1 of its own PID namespace, SIGTERM from outside (docker stop).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

t_term_stops_a_helper_holding_the_log_pipe () {
  # an ordinary run script: a helper in the background keeps the logger's
  # stdin open; the daemon's last words must reach the log, and all of it
  # must end at once, not at the grace deadline with a kill
  mkdir sd
  mkscript sd/a/helper 'trap "echo helper-term >> helper.out ; exit 0" TERM
while : ; do sleep 0.1 & wait $! ; done'
  mksvc sd/a 'exec 2>&1
./helper &
exec sh -c "trap \"echo daemon-last-line ; exit 0\" TERM ; echo daemon-up ; while : ; do sleep 0.1 & wait \$! ; done"'
  mksvc sd/a/log 'exec cat > out'
  # a grace of 30 s: "at the deadline" is far from "at once"
  pid1 -w 30 sd
  wait_for 5 "grep -qx daemon-up sd/a/log/out" "the daemon writing to its logger"
  t0=$(now_ms)
  kill -TERM "$R"
  wait "$UNS" ; rc=$?
  ms=$(( $(now_ms) - t0 ))
  assert_eq 0 "$rc" "PID 1's exit code"
  # (well under the grace's 30 s is "at once", and nothing was killed,
  # below, is the program's own word for it; how soon is a speed: bench/run's
  # figure 6b, PID 1 gets SIGTERM)
  test "$ms" -lt 15000 || fail "PID 1 took $ms ms: it waited for the 30 s grace"
  # runsv TERMs the group at the exit and again once run is gone: a helper
  # still in its trap then may see the second one too
  assert_match "helper-term*" "$(sort -u sd/a/helper.out 2>/dev/null | tr '\n' ' ')" "the helper got TERM"
  assert_eq helper-term "$(sort -u sd/a/helper.out)" "what the helper wrote"
  # (the daemon's shell may add a word about its own killed sleep)
  grep -qx daemon-last-line sd/a/log/out || fail "the daemon's last line is not in the log: $(cat sd/a/log/out)"
  ! grep -q killed err || fail "something was killed: $(cat err)"
}
