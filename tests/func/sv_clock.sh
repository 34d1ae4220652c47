# tests/func/sv_clock.sh - what sv says of runsv's clock: a service's
# liveness check and its schedule (supervise/state version 4): sv -j
# status's check and schedule members, sv health's reasons, sv -w up on a
# scheduled service, the status line's "; next run in Ns". The supervise
# files are written by hand (a status, a version 4 state, supervise/ok held
# open by the case's shell), as the runsv that keeps the clock would.
# Services live in $T/s, which is $SVDIR.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"
mkdir -p "$T/s"

# need_python3: PY is the interpreter itself (a pyenv shim costs seconds on a loaded machine)
need_python3 () {
  command -v python3 > /dev/null || skip "python3 is not installed"
  PY=$(python3 -c 'import sys ; print(sys.executable)') && test -x "$PY" || PY=python3
}

# json_ok 'python statements': sv -j status's document in out, read as d;
# the statements (asserts) run with eq(got, want)
json_ok () {
  "$PY" - "$1" > pyerr 2>&1 <<'PYEOF' || fail "JSON check: $(cat pyerr)
document: $(cat out)"
import json, sys
d = json.loads(open("out", "rb").read().decode("utf-8"))
def eq(got, want):
    assert got == want, "got %r, want %r" % (got, want)
exec(sys.argv[1])
PYEOF
}

# served NAME: s/NAME looks served: a process in the background holds
# supervise/ok open (runsv's sign of life to sv) and supervise/control,
# whose bytes it leaves there for the case to read (lib/sv.sh's fakerunsv
# holds them in this shell, one service at a time). It ends with the case
served () {
  mkdir -p "s/$1/supervise"
  mkfifo "s/$1/supervise/ok" "s/$1/supervise/control"
  ( exec 7<> "s/$1/supervise/ok" 8<> "s/$1/supervise/control" ; exec sleep 1000 ) &
  SERVED="${SERVED:-} $!"
  # shellcheck disable=SC2064,SC2086
  trap "kill $SERVED 2> /dev/null" EXIT
  wait_for 5 "alive 's/$1'" "the fake runsv of s/$1"
}

# clock_is RC EXPECTED CMD...: out_is, with the seconds to the next run masked too
clock_is () {
  _ci_rc=$1 ; _ci_want=$2 ; shift 2
  "$@" > out 2> err
  _ci_got=$?
  _ci_out=$(masksecs < out | sed -E 's/next run in [0-9]+s/next run in Ns/')
  test "$_ci_out" = "$_ci_want" || fail "$*: stdout [$(cat out)], want [$_ci_want]; stderr [$(cat err)]"
  test "$_ci_got" = "$_ci_rc" || fail "$*: exit code $_ci_got, want $_ci_rc; stdout [$(cat out)]; stderr [$(cat err)]"
}

# sched NAME NEXT [SCHED]: s/NAME served, down and wanted up, its schedule
# on (SCHED: 1, or 3 when not valid) with its next run at Unix second NEXT
sched () {
  served "$1"
  status_file "s/$1" 0 d u 0 0
  state4_file "s/$1" 0 0 0 0 0 0 "${3:-1}" "$2" 0 0 '*/5 * * * *'
}

t_clock_json_check () {
  need_python3
  served plain
  status_file s/plain 7 r u 0 0
  # a version 4 state without a check (a schedule only): check is null
  served nocheck
  status_file s/nocheck 0 d u 0 0
  state4_file s/nocheck 0 0 0 0 0 0 1 0 0 0 'daily'
  # a check that failed twice in a row, last at 1764683624
  served live
  status_file s/live 9 r u 0 0
  state4_file s/live 0 0 5000 2 2 1764683624 0 0 0 0 ''
  sv -j status plain nocheck live > out 2> err
  assert_eq 0 "$?" "exit code"
  test ! -s err || fail "stderr [$(cat err)]"
  json_ok '
eq([list(o.keys())[-4:] for o in d], [["waiting_for", "check", "schedule", "log"]] * 3)
eq(d[0]["check"], None)   # no state at all (runit runsv)
eq(d[1]["check"], None)   # check_interval 0
eq(d[2]["check"], {"interval_ms": 5000, "failures": 2, "last": "fail", "last_at": 1764683624.0})
eq(d[2]["schedule"], None)'
  grep -q '"last_at":1764683624.000000000}' out || fail "last_at not in nine decimals: $(cat out)"
}

t_clock_json_schedule () {
  need_python3
  served plain
  status_file s/plain 7 r u 0 0
  state4_file s/plain 0 0 1000 0 1 1764683600 0 0 0 0 ''
  # between runs: the last one exited 1, the next at 1764683700, 12 runs, 1 skipped
  served job
  status_file s/job 0 d u 0 0
  state4_file s/job 4 256 0 0 0 0 1 1764683700 12 1 '*/5 * * * *'
  # not valid: no next run, no run ended yet
  served bad
  status_file s/bad 0 d u 0 0
  state4_file s/bad 0 0 0 0 0 0 3 0 0 0 'every tuesdayish'
  sv -j status plain job bad > out 2> err
  assert_eq 0 "$?" "exit code"
  test ! -s err || fail "stderr [$(cat err)]"
  json_ok '
eq(d[0]["schedule"], None)
eq(d[0]["check"], {"interval_ms": 1000, "failures": 0, "last": "pass", "last_at": 1764683600.0})
eq(d[1]["schedule"], {"spec": "*/5 * * * *", "next": 1764683700.0, "last_exit": {"code": 1}, "runs": 12, "skipped": 1, "valid": True})
eq(list(d[1]["schedule"].keys()), ["spec", "next", "last_exit", "runs", "skipped", "valid"])
eq(d[1]["last_exit"], d[1]["schedule"]["last_exit"])
eq(d[1]["check"], None)
eq(d[2]["schedule"], {"spec": "every tuesdayish", "next": None, "last_exit": None, "runs": 0, "skipped": 0, "valid": False})'
}

t_clock_health_check_failed () {
  # up, and its liveness check failed 3 times in a row: unhealthy, saying so
  served live
  status_file s/live 7 r u 0 0
  state4_file s/live 0 0 5000 3 2 0 0 0 0 0 ''
  out_is 1 "unhealthy: live: check failed 3 times" sv health live
  # a pass resets the count: healthy
  state4_file s/live 0 0 5000 0 1 0 0 0 0 0 ''
  out_is 0 "" sv health live
  # down and wanted up keeps its own reason
  status_file s/live 0 d u 0 0
  state4_file s/live 0 0 5000 3 2 0 0 0 0 0 ''
  out_is 1 "unhealthy: live: down, want up" sv health live
  # wanted down: healthy, whatever the count
  status_file s/live 0 d d 0 0
  out_is 0 "" sv health live
}

t_clock_health_scheduled () {
  # down, wanted up, waiting for its next run: healthy, even after a failed run
  sched job $(( $(date +%s) + 300 ))
  out_is 0 "" sv health job
  state4_file s/job 4 256 0 0 0 0 1 $(( $(date +%s) + 300 )) 3 0 '@hourly'
  out_is 0 "" sv health job
  # a schedule that is not valid starts nothing: unhealthy
  sched bad 0 3
  out_is 1 "unhealthy: bad: schedule not valid" sv health bad
  # suspended (sv down): healthy, as any service wanted down
  status_file s/bad 0 d d 0 0
  out_is 0 "" sv health bad
}

t_clock_up_scheduled () {
  # want up is the schedule on: up and start are done at once, no run waited for
  sched job $(( $(date +%s) + 300 ))
  t0=$(now_ms)
  sv -w 2 up job > out 2> err
  rc=$?
  t=$(( $(now_ms) - t0 ))
  assert_eq 0 "$rc" "exit code of sv -w 2 up job: $(cat out) $(cat err)"
  test "$t" -lt 1500 || fail "sv -w 2 up took $t ms"
  assert_match "ok: down: job: *s, normally up, want up; next run in *s" "$(cat out)"
  clock_is 0 "ok: down: job: Ns, normally up, want up; next run in Ns" sv -w 2 start job
  # suspended: up writes u, and is done once runsv wants it up (as a fake, we say so)
  status_file s/job 0 d d 0 0
  ( wait_for 5 "dd if=s/job/supervise/control iflag=nonblock bs=1 count=1 status=none 2> /dev/null | grep -q u" ; status_file s/job 0 d u 0 0 ) &
  clock_is 0 "ok: down: job: Ns, normally up, want up; next run in Ns" sv -w 5 up job
  # down waits as ever: down and want down
  sched off $(( $(date +%s) + 300 ))
  clock_is 1 "timeout: down: off: Ns, normally up, want up; next run in Ns" sv -w 0 down off
}

t_clock_status_next_run () {
  sched job $(( $(date +%s) + 100 ))
  sv status job > out 2> err
  test ! -s err || fail "stderr [$(cat err)]"
  # runit's line, then the next run: whole seconds, rounded up
  case "$(cat out)" in
    "down: job: "[0-9]"s, normally up, want up; next run in 100s"|"down: job: "[0-9]"s, normally up, want up; next run in 99s") ;;
    *) fail "status [$(cat out)]" ;;
  esac
  # due or past, or none: runit's line alone
  sched past $(( $(date +%s) - 5 ))
  out_is 0 "down: past: Ns, normally up, want up" sv status past
  sched none 0
  out_is 0 "down: none: Ns, normally up, want up" sv status none
  # only down and wanted up: a run in progress, or suspended, says nothing more
  sched run $(( $(date +%s) + 100 ))
  status_file s/run 7 r u 0 0
  out_is 0 "run: run: (pid 7) Ns" sv status run
  status_file s/run 0 d d 0 0
  out_is 0 "down: run: Ns, normally up" sv status run
}
