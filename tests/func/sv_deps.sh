# tests/func/sv_deps.sh - what sv says of a service whose runsv waits for
# the services it needs (dependencies.d): the status line's "; waiting for
# A, B", sv -j status's waiting_for, sv health's reason, and -w waiting
# through it. The wait is made by hand (a status, a version 3
# supervise/state, a process holding supervise/ok open), as the runsv that
# writes it would; one case asks our own runsv for an ordinary service.
# Services live in $T/s, which is $SVDIR.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

. "$(dirname "$SV_TESTFILE")/lib/sv.sh"
mkdir -p "$T/s"

# quiet: the last out_is wrote nothing on stderr
quiet () { test ! -s err || fail "stderr [$(cat err)]" ; }

# (these two and fakerunsv take a directory, where lib/sv.sh's take a name)
# status_file DIR PID STATE WANT [AHEAD]: DIR/supervise/status by hand
# (lib/superstatus.h's 20 bytes), labelled now, or AHEAD seconds later
# (STATE d or r; WANT u or d; PID below 256)
status_file () {
  _sf_s=$(( $(date +%s) + 10 + ${5:-0} ))
  _sf_state=0 ; test "$3" = r && _sf_state=1
  # shellcheck disable=SC2059 # the format is the bytes, escapes and all
  printf "\\100\\0\\0\\0$(octal $((_sf_s >> 24 & 255)))$(octal $((_sf_s >> 16 & 255)))$(octal $((_sf_s >> 8 & 255)))$(octal $((_sf_s & 255)))\\0\\0\\0\\0$(octal "$2")\\0\\0\\0\\0$4\\0$(octal $_sf_state)" > "$1/supervise/status.new"
  mv "$1/supervise/status.new" "$1/supervise/status"
}

# state_file DIR VERSION FLAGS [NAMES]: DIR/supervise/state by hand
# (lib/superstate.h's layout: one restart, no text), VERSION 2 or 3, FLAGS
# its flags byte (32: waiting), NAMES (printf %b's escapes: 'db\ncache\n')
# the names waited for, after the text in a version 3 file
state_file () {
  _z12='\0\0\0\0\0\0\0\0\0\0\0\0'
  # shellcheck disable=SC2059 # the formats are the bytes, escapes and all
  {
    printf "$(octal "$2")$(octal "$3")\\0\\0$_z12\\0\\0\\0\\001\\0\\0\\0\\0$_z12$_z12\\0\\0"
    if test "$2" = 3 ; then
      _w=$(printf '%b' "$4" | wc -c)
      printf "$(octal $((_w >> 8)))$(octal $((_w & 255)))"
      printf '%b' "$4"
    fi
  } > "$1/supervise/state.new"
  mv "$1/supervise/state.new" "$1/supervise/state"
}

# fakerunsv DIR: DIR looks served: a process in the background holds
# supervise/ok open (runsv's sign of life to sv) and reads supervise/control;
# the status and state are what the case writes. It ends with the case
fakerunsv () {
  mkdir -p "$1/supervise"
  mkfifo "$1/supervise/ok" "$1/supervise/control"
  ( exec 7<> "$1/supervise/ok" ; exec cat 0<> "$1/supervise/control" > /dev/null ) &
  FAKES="${FAKES:-} $!"
  # shellcheck disable=SC2064,SC2086
  trap "kill $FAKES 2> /dev/null" EXIT
  wait_for 5 "alive '$1'" "the fake runsv of $1"
}

# waiting DIR NAMES: DIR is down, wanted up, its runsv waiting for NAMES
waiting () {
  status_file "$1" 0 d u
  state_file "$1" 3 32 "$2"
}

# need_python3: PY is the interpreter itself (a pyenv shim costs seconds on a loaded machine)
need_python3 () {
  command -v python3 > /dev/null || skip "python3 is not installed"
  PY=$(python3 -c 'import sys ; print(sys.executable)') && test -x "$PY" || PY=python3
}

# json RC ARGS...: sv -j status ARGS into out; exit code RC, stderr empty
json () {
  _j_rc=$1 ; shift
  sv -j status "$@" > out 2> err
  _j_got=$?
  test "$_j_got" = "$_j_rc" || fail "sv -j status $*: exit code $_j_got, want $_j_rc; stdout [$(cat out)]; stderr [$(cat err)]"
  test ! -s err || fail "sv -j status $*: stderr [$(cat err)]"
}

# json_ok 'python statements': out is one JSON document; the statements
# run with it as d, and MEMBERS the members of a service object in order
json_ok () {
  "$PY" - "$1" > pyerr 2>&1 <<'PYEOF' || fail "JSON check: $(cat pyerr)
document: $(cat out)"
import json, sys
raw = open("out", "rb").read()
d = json.loads(raw.decode("utf-8"))
MEMBERS = ["name", "path", "state", "want", "pid", "since", "ready", "ready_since",
           "paused", "normally", "last_exit", "restarts", "status_text",
           "backoff", "failed", "failed_reason", "failures", "leftovers",
           "waiting_for", "check", "schedule"]
def eq(got, want):
    assert got == want, "got %r, want %r" % (got, want)
exec(sys.argv[1])
PYEOF
}

# --- the status line ---

t_deps_status_line () {
  fakerunsv s/x
  waiting s/x 'db\ncache\n'
  # runit's line whole, then the names in the state's order
  out_is 0 "down: x: Ns, normally up, want up; waiting for db, cache" sv status x
  quiet
  # one name
  waiting s/x 'db\n'
  out_is 0 "down: x: Ns, normally up, want up; waiting for db" sv status x
  # a down file changes runit's part only
  touch s/x/down
  out_is 0 "down: x: Ns, want up; waiting for db" sv status x
  rm s/x/down
  # names shown escaped, as names in lines are (lib/namequote): a control
  # character or a byte past ASCII cannot forge a line; -j has them exact
  waiting s/x 'd\tb\nn\nl\ncaf\0303\0251\n'
  out_is 0 "down: x: Ns, normally up, want up; waiting for d\\tb, n, l, caf\\0xc3\\0xa9" sv status x
  # among other services, each line its own
  fakerunsv s/y
  status_file s/y 7 r u
  state_file s/y 2 0
  waiting s/x 'db\n'
  out_is 0 "down: x: Ns, normally up, want up; waiting for db
run: y: (pid 7) Ns" sv status x y
  quiet
  # as an init script: the same line, and down is 3
  ln -s "$SV_BIN/sv" x
  out_is 3 "down: x: Ns, normally up, want up; waiting for db" ./x status
}

t_deps_status_line_with_log () {
  # the wait comes after runit's whole line, its logger's part included
  fakerunsv s/x
  fakerunsv s/x/log
  status_file s/x/log 9 r u
  state_file s/x/log 2 0
  waiting s/x 'db\ncache\n'
  out_is 0 "down: x: Ns, normally up, want up; run: log: (pid 9) Ns; waiting for db, cache" sv status x
  quiet
  # a logger that waits (should a runsv ever make one) says so, labelled
  waiting s/x/log 'z\n'
  out_is 0 "down: x: Ns, normally up, want up; down: log: Ns, normally up, want up; waiting for db, cache; log waiting for z" sv status x
  state_file s/x 2 0
  out_is 0 "down: x: Ns, normally up, want up; down: log: Ns, normally up, want up; log waiting for z" sv status x
  quiet
}

t_deps_status_not_waiting () {
  fakerunsv s/x
  # version 2: no wait, runit's line alone
  status_file s/x 0 d u
  state_file s/x 2 0
  out_is 0 "down: x: Ns, normally up, want up" sv status x
  quiet
  # no state at all (runit's runsv)
  rm s/x/supervise/state
  out_is 0 "down: x: Ns, normally up, want up" sv status x
  quiet
  # a wait is told only while down and wanted up: a state written before
  # the status that follows it (runsv's order) puts no wait on a run
  state_file s/x 3 32 'db\n'
  status_file s/x 12 r u
  out_is 0 "run: x: (pid 12) Ns" sv status x
  status_file s/x 0 d d
  out_is 0 "down: x: Ns, normally up" sv status x
  quiet
  # a state that cannot be read: runit's line, and a warning on stderr
  # (version 3 without the waiting flag is malformed)
  status_file s/x 0 d u
  state_file s/x 3 0 'db\n'
  out_is 0 "down: x: Ns, normally up, want up" sv status x
  assert_eq "warning: x: unable to read supervise/state: protocol error" "$(cat err)" "stderr"
}

# --- sv -j status ---

t_deps_json_waiting_for () {
  need_python3
  fakerunsv s/w
  waiting s/w 'db\ncache\nd\tb\ncaf\0303\0251\n'
  fakerunsv s/n
  status_file s/n 0 d u
  state_file s/n 2 0
  fakerunsv s/r
  status_file s/r 0 d u
  fakerunsv s/l
  status_file s/l 5 r u
  state_file s/l 3 32 'db\n'
  # a state that cannot be read (version 3 without the waiting flag)
  fakerunsv s/u
  status_file s/u 0 d u
  state_file s/u 3 0 'db\n'
  json 0 w n r l u
  json_ok '
eq([o["name"] for o in d], ["w", "n", "r", "l", "u"])
for o in d: eq(list(o.keys()), MEMBERS + ["log"])
# the names in the state order, exact (as JSON strings)
eq(d[0]["waiting_for"], ["db", "cache", "d\tb", "caf\u00e9"])
eq(d[0]["state"], "down") ; eq(d[0]["want"], "up")
# always there: [] when not waiting (version 2), with no state, and on a run
eq(d[1]["waiting_for"], [])
eq(d[2]["waiting_for"], []) ; eq(d[2]["restarts"], None)
eq(d[3]["waiting_for"], []) ; eq(d[3]["state"], "run")
eq(d[4]["waiting_for"], []) ; eq(d[4]["restarts"], None)
eq(raw.count(b"\"waiting_for\":[]"), 4)
assert b"\"waiting_for\":[\"db\",\"cache\",\"d\\tb\",\"caf\xc3\xa9\"]" in raw, raw'
  # a logger has the member too
  fakerunsv s/w/log
  status_file s/w/log 9 r u
  state_file s/w/log 2 0
  json 0 w
  json_ok 'eq(list(d[0]["log"].keys()), MEMBERS) ; eq(d[0]["log"]["waiting_for"], []) ; eq(d[0]["waiting_for"][0], "db")'
}

# --- sv health ---

t_deps_health () {
  fakerunsv s/x
  waiting s/x 'db\ncache\n'
  fakerunsv s/ok
  status_file s/ok 7 r u
  state_file s/ok 2 0
  # a service that waits is not healthy, and says for what
  out_is 1 "unhealthy: x: waiting for db, cache" sv health x
  quiet
  out_is 1 "unhealthy: x: waiting for db, cache" sv health x ok
  out_is 1 "unhealthy: x: waiting for db, cache" sv health
  out_is 0 "" sv health ok
  out_is 1 "unhealthy: x: waiting for db, cache" sv -w 1 health x
  # names escaped as in the status line
  waiting s/x 'a\nb\0033c\n'
  out_is 1 "unhealthy: x: waiting for a, b\\0x1bc" sv health x
  # not waiting: runit's reason
  state_file s/x 2 0
  out_is 1 "unhealthy: x: down, want up" sv health x
  # then up: healthy
  status_file s/x 12 r u
  out_is 0 "" sv health x
  out_is 0 "healthy: run: x: (pid 12) Ns" sv -v health x
  quiet
}

# --- waiting through a wait ---

t_deps_up_waits_through () {
  fakerunsv s/x
  waiting s/x 'db\n'
  # a service that waits is not up: -w times out on it, and says why
  out_is 1 "timeout: down: x: Ns, normally up, want up; waiting for db" sv -w 1 up x
  out_is 1 "timeout: down: x: Ns, normally up, want up; waiting for db" sv -w 1 start x
  out_is 1 "timeout: down: x: Ns, normally up, want up; waiting for db" sv -w 1 check x
  quiet
  # ... and the wait goes on through it until the run is up
  sv -w 30 up x > out 2> err &
  svp=$!
  # sv has looked and waits on inotify: the service was not up for it
  wait_for 10 "ls -l /proc/$svp/fd 2> /dev/null | grep -q inotify" "sv to wait"
  test ! -s out || fail "sv said [$(cat out)] while x waits"
  # the wait ends: runsv writes a state without it, then the run's status
  state_file s/x 2 0
  status_file s/x 12 r u
  wait $svp
  assert_eq 0 $? "exit code of sv -w 30 up x"
  assert_eq "ok: run: x: (pid 12) Ns" "$(masksecs < out)" "sv -w 30 up x"
  quiet
}

t_deps_first_run_counts_at_once () {
  command -v strace > /dev/null || skip "strace is not installed"
  # a service that waited for its dependencies is not failing: its first
  # run is up as soon as it runs. A crash loop's run must outlast runsv's
  # second, a look sv times itself; there must be none here
  fakerunsv s/x
  waiting s/x 'db\n'
  ( sv_trace "$WAITS,exit_group" -w 30 up x ; echo "$TRACE_RC" > rc ) &
  wait_for 10 "svp=\$(pgrep -x sv) && ls -l /proc/\$svp/fd 2> /dev/null | grep -q inotify" "sv to wait"
  # the run labelled a second ahead: not settled for a second yet
  state_file s/x 2 0
  status_file s/x 12 r u 1
  wait_for 30 "test -s rc" "sv to end"
  assert_eq 0 "$(cat rc)" "exit code of sv -w 30 up x"
  assert_eq "ok: run: x: (pid 12) Ns" "$(masksecs < out)" "sv -w 30 up x"
  assert_eq "" "$(naps_over 0)" "the waits of sv that ran out"
}

t_deps_down_of_a_waiting_service () {
  # down of a service that waits: the command is written (want is up), and
  # it is down as soon as runsv says want down; no wait told then
  fakerunsv s/x
  waiting s/x 'db\n'
  sv -w 30 down x > out 2> err &
  svp=$!
  wait_for 10 "ls -l /proc/$svp/fd 2> /dev/null | grep -q inotify" "sv to wait"
  state_file s/x 2 0
  status_file s/x 0 d d
  wait $svp
  assert_eq 0 $? "exit code of sv -w 30 down x"
  assert_eq "ok: down: x: Ns, normally up" "$(masksecs < out)" "sv -w 30 down x"
}

# --- our runsv ---

t_deps_real_runsv_ordinary () {
  need_python3
  mksvc s/a 'exec sleep 1000'
  start_runsv s/a
  wait_for 5 "test \"\$(stat_of s/a)\" = run" "a to run"
  pa=$(status_pid s/a)
  out_is 0 "run: a: (pid $pa) Ns" sv status a
  quiet
  out_is 0 "" sv health a
  out_is 0 "ok: run: a: (pid $pa) Ns" sv -w 5 up a
  json 0 a
  json_ok 'eq(list(d[0].keys()), MEMBERS + ["log"]) ; eq(d[0]["waiting_for"], []) ; eq(d[0]["state"], "run")'
  # down, wanted up, with a version 2 state our runsv wrote: still no wait
  mksvc s/b 'exit 1'
  start_runsv s/b
  wait_for 5 "test -s s/b/supervise/state && test \"\$(state_u32 s/b 16)\" -ge 1" "b to start once"
  test "$(od -An -tu1 -N1 s/b/supervise/state | tr -d ' ')" = 2 || fail "our runsv wrote a state of version $(od -An -tu1 -N1 s/b/supervise/state)"
  # (its runs come and go: the line must come to be exactly runit's)
  wait_for 10 "sv status b 2> err | masksecs | grep -qx 'down: b: Ns, normally up, want up'" "sv status b to say [down: b: Ns, normally up, want up]"
  quiet
  json 0 b
  json_ok 'eq(d[0]["waiting_for"], [])'
}
