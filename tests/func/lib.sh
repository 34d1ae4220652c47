# tests/func/lib.sh - helpers for the black-box tests (sourced for every case).
#
# Each case runs in its own empty temp dir ($T, the cwd) and, when root, in
# its own PID namespace. Programs under test come from $SV_BIN, which is put
# first in PATH; Debian runit's programs are in $RUNIT (for interop only).
# Never sleep to let something happen: wait_for a condition with a deadline.

set -u
PATH=$SV_BIN:$PATH
export PATH
RUNIT=${RUNIT:-/usr/bin}
umask 022

# fail: the reason, then what the runsvs started by start_runsv said (their
# DIR.log), so a failure seen once in CI says what the supervisor saw
fail () {
  echo "FAIL: $*" >&2
  for _f in "$T"/*.log "$T"/*/*.log ; do
    test -s "$_f" || continue
    echo "---- ${_f#"$T"/}:" >&2
    tail -n 5 "$_f" >&2
  done
  exit 1
}
skip () { echo "SKIP: $*" ; exit 77 ; }
note () { echo "# $*" ; }

now_ms () { echo $(( $(date +%s%N) / 1000000 )) ; }

# wait_for SECONDS 'shell condition' [what]: poll until true, fail at the
# deadline. Each look forks (the condition's commands, the sleep): at 10 ms
# a waiting case alone took a third of a CPU, and four of them the CPU that
# the programs under test need on 2 cores. So: every 10 ms for the first
# 0.2 s (most waits end there), every 50 ms to 1 s, then every 100 ms. The
# deadline counts the sleeps, never shorter than SECONDS of real time, and
# no clock is read.
wait_for () {
  _wf_left=$(awk "BEGIN { print int($1 * 1000) }") ; _wf_n=0
  while ! eval "$2" ; do
    test "$_wf_left" -gt 0 || fail "timed out after $1 s waiting for: ${3:-$2}"
    _wf_n=$((_wf_n + 1))
    if test $_wf_n -le 20 ; then _wf_left=$((_wf_left - 10)) ; sleep 0.01
    elif test $_wf_n -le 36 ; then _wf_left=$((_wf_left - 50)) ; sleep 0.05
    else _wf_left=$((_wf_left - 100)) ; sleep 0.1
    fi
  done
}

# still_for SECONDS 'condition' [what]: fail if the condition stops holding within SECONDS
# (for "must not happen" checks; this is the one place a test waits out a time).
# On the real clock: cases count what happened in the window (tries a second).
still_for () {
  _sf_end=$(( $(now_ms) + $(awk "BEGIN { print int($1 * 1000) }") ))
  while test "$(now_ms)" -lt $_sf_end ; do
    eval "$2" || fail "no longer true: ${3:-$2}"
    sleep 0.05
  done
}

assert_eq () {  # expected actual [what]
  test "$1" = "$2" || fail "${3:-value}: expected [$1], got [$2]"
}
assert_ne () {  # unexpected actual [what]
  test "$1" != "$2" || fail "${3:-value}: did not expect [$1]"
}
assert_match () {  # glob-pattern actual [what]
  # shellcheck disable=SC2254
  case "$2" in $1) ;; *) fail "${3:-value}: [$2] does not match [$1]" ;; esac
}
assert_file () {  # path expected-content
  test -e "$1" || fail "$1 does not exist"
  assert_eq "$2" "$(cat "$1")" "content of $1"
}
# assert_rc EXPECTED command...: run it, check its exit code
assert_rc () {
  _ar_want=$1 ; shift
  "$@"
  _ar_rc=$?
  test "$_ar_rc" = "$_ar_want" || fail "exit code of [$*]: expected $_ar_want, got $_ar_rc"
}

# mksvc DIR 'script body' : a service dir whose run is a sh script
mksvc () {
  mkdir -p "$1"
  printf '#!/bin/sh\n%s\n' "$2" > "$1/run"
  chmod 755 "$1/run"
}
# mkscript PATH 'script body' : any executable sh script (finish, check, control/x)
mkscript () {
  mkdir -p "$(dirname "$1")"
  printf '#!/bin/sh\n%s\n' "$2" > "$1"
  chmod 755 "$1"
}

# alive DIR: is a supervisor holding DIR/supervise/ok open? (O_NONBLOCK open for writing)
alive () {
  test -p "$1/supervise/ok" && dd of="$1/supervise/ok" oflag=nonblock conv=notrunc count=0 status=none < /dev/null 2>/dev/null
}

# supervise-file readers
stat_of () { cat "$1/supervise/stat" 2>/dev/null ; }
pid_of () { cat "$1/supervise/pid" 2>/dev/null ; }
status_hex () { od -An -tx1 -v "$1/supervise/status" | tr -d ' \n' ; }
status_byte () { od -An -tu1 -j "$2" -N1 "$1/supervise/status" | tr -d ' ' ; }
status_pid () {  # bytes 12..15, little-endian whatever the host
  # shellcheck disable=SC2046
  set -- $(od -An -tu1 -j12 -N4 "$1/supervise/status")
  echo $(( $1 + $2 * 256 + $3 * 65536 + $4 * 16777216 ))
}
status_size () { wc -c < "$1/supervise/status" | tr -d ' ' ; }
# status_secs DIR: the Unix seconds of the status label (2^62 + 10 + secs)
status_secs () {
  _h=$(od -An -tx1 -j0 -N8 "$1/supervise/status" | tr -d ' \n')
  echo $(( 0x$_h - 0x400000000000000a ))
}
# status_ms DIR: the Unix time of the status label, in milliseconds
status_ms () {
  echo $(( $(status_secs "$1") * 1000 + $(od -An -tu1 -j8 -N4 "$1/supervise/status" | awk '{ print int(((($1 * 256 + $2) * 256 + $3) * 256 + $4) / 1000000) }') ))
}

# is_running PID: the process exists and is not a zombie
is_running () {
  test -n "$1" && test -r "/proc/$1/stat" && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}
gone () { ! is_running "$1" ; }

# start_runsv DIR: our runsv in the background, its output in DIR.log; waits until it serves
start_runsv () {
  runsv "$1" > "$1.log" 2>&1 &
  RUNSV_PID=$!
  wait_for 15 "alive '$1'" "runsv $1 to open supervise/ok"
}

# ctl DIR LETTERS: write control bytes the way sv does (no runsv within 5 s: fail; never blocks on the FIFO)
ctl () {
  # runsv opens supervise/ok after its first start and status write: a
  # service (or its status) may be seen a moment before runsv answers
  wait_for 5 "alive '$1'" "a runsv for $1 (supervise/ok)"
  printf '%s' "$2" | dd of="$1/supervise/control" oflag=nonblock conv=notrunc status=none 2>/dev/null || fail "cannot write to $1/supervise/control"
}

# need_runit: skip the case when Debian's runit is not installed
need_runit () {
  test -x "$RUNIT/runsv" && test -x "$RUNIT/sv" || skip "Debian runit is not installed in $RUNIT"
}
# need_root: skip unless root
need_root () {
  test "$(id -u)" = 0 || skip "needs root"
}

# pid1 ARGS...: our runsvdir ARGS as PID 1 of a new PID namespace, stderr in
# err. UNS is unshare's pid; R is runsvdir's pid as we see it (signals go
# there). Returns once runsvdir has its signals in hand: before that, the
# kernel drops a SIGTERM sent to a namespace's init that has no handler for it.
# Also returns (R empty) if runsvdir has already ended by itself
pid1 () {
  need_root
  unshare --pid --fork --mount-proc "$SV_BIN/runsvdir" "$@" 2> err &
  UNS=$!
  R=
  wait_for 10 '! kill -0 $UNS 2> /dev/null || { _u=$(pgrep -P $UNS) && R=$_u && test -n "$R" && traps_term "$R" ; }' "runsvdir to start as PID 1"
}
# traps_term PID: PID is our runsvdir and holds SIGTERM blocked for its selfpipe
traps_term () {
  tr "\0" " " < "/proc/$1/cmdline" | grep -q "^$SV_BIN/runsvdir " || return 1
  # it may have exited since: no status is no trap (an empty mask would stop the shell)
  _blk=$(awk '/^SigBlk:/ { print $2 }' "/proc/$1/status" 2> /dev/null)
  test -n "$_blk" && test $(( 0x$_blk & 0x4000 )) -ne 0
}

# rc_is RC CMD...: runs CMD, output to out and err; its exit code must be RC
rc_is () {
  _ri_rc=$1 ; shift
  "$@" > out 2> err
  _ri_got=$?
  test "$_ri_got" = "$_ri_rc" || fail "$*: exit code $_ri_got, want $_ri_rc; stdout [$(cat out)]; stderr [$(cat err)]"
}

# sv_trace CALLS ARGS...: runs our sv ARGS under strace -ttt, tracing the
# system calls CALLS (strace's list), into sv.trace; stdout in out, the exit
# code in TRACE_RC. What sv did, on the trace's own clock, is then measured
# without a start-up that a sanitized build on a loaded machine can stretch
# to half a second. The leak check is off for this one call: it runs before
# the exit_group the trace ends with, and ptrace hides nothing from it anyway
sv_trace () {
  command -v strace > /dev/null || skip "strace is not installed"
  _calls=$1 ; shift
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -e trace="$_calls" -o sv.trace "$SV_BIN/sv" "$@" > out
  TRACE_RC=$?
}

# trace_ms FROM TO: milliseconds in sv.trace from the first line matching
# the awk pattern FROM to the last matching TO; empty if either is missing
trace_ms () {
  awk -v from="$1" -v to="$2" '$0 ~ from && !s { s = $1 } $0 ~ to { e = $1 } END { if (s && e) printf "%d\n", (e - s) * 1000 }' sv.trace
}

# WAITS: the timed waits sv_trace can see (for waits; "?": a call this
# architecture lacks, aarch64's poll, is no error)
WAITS=?ppoll,?poll,?pselect6,?select,?epoll_wait,?epoll_pwait,?rt_sigtimedwait,?nanosleep,?clock_nanosleep

# sv_wait ARGS...: sv_trace of a command that waits (exit code in WAIT_RC;
# opens are open(2) in a musl build, openat(2) with glibc);
# WAIT_MS is the time from its first look at supervise/status (or its
# opening supervise/control) to its exit: the wait itself, on a loaded
# machine a lower bound only. WAIT_ASKED is the longest timeout sv asked
# for (0: none): its deadline, its own plan, an exact upper bound (waits).
# Fails if sv slept on a timer (runit's 420 ms naps) instead of waiting
# for an event
sv_wait () {
  sv_trace "open,openat,exit_group,$WAITS" "$@"
  WAIT_RC=$TRACE_RC
  ! grep -q nanosleep sv.trace || fail "sv $* slept on a timer: $(grep nanosleep sv.trace | head -n 1)"
  WAIT_MS=$(trace_ms 'supervise/(status|control)' exit_group)
  test -n "$WAIT_MS" || fail "sv $* : no status or control open, or no exit, in its trace: $(cat sv.trace)"
  WAIT_ASKED=$(asked sv.trace)
}

# asked FILE: the longest timeout a traced program asked for in its waits, in ms (0: none)
asked () { waits "$1" | awk '$3 != "inf" && $3 > m { m = $3 } END { print m + 0 }' ; }
# naps_over MS [FILE]: the timeouts over MS of the waits that ran out, in
# sv.trace (or FILE): a look at a deadline or on a timer longer than MS,
# not one an event brought
naps_over () {
  waits "${2:-sv.trace}" | awk -v max="$1" '$4 == "timeout" && $3 > max { printf "%s%s ms", sep, $3 ; sep = ", " }'
}

# waits FILE: the timed waits in an strace -ttt file (ppoll, poll, select,
# epoll_wait, rt_sigtimedwait, nanosleep), one a line: "TIME CALL MS END",
# MS the timeout the program asked for, in whole ms ("inf": none), END
# "timeout" when it ran out, else "event". A timeout is the program's own
# plan: it counts from a clock read before the call, so a loaded machine can
# only make it shorter, never longer. An upper bound on it is exact where
# one on a wall-clock time would flake (a late wake-up is a speed: bench/run)
waits () {
  awk '
    { call = $2 ; sub(/\(.*/, "", call) }
    call !~ /^(ppoll|poll|pselect6|select|epoll_wait|epoll_pwait|rt_sigtimedwait|nanosleep|clock_nanosleep)$/ { next }
    / = \?$/ { next }
    {
      ms = "inf"
      if (call == "poll" || call ~ /^epoll/) {
        a = $0 ; sub(/\) += .*/, "", a) ; n = split(a, f, ", ") ; v = f[n] + 0
        if (v >= 0) ms = v
      } else if (match($0, /\{tv_sec=[0-9]+, tv_[nu]sec=[0-9]+\}/)) {
        t = substr($0, RSTART + 8, RLENGTH - 9) ; split(t, g, /, tv_[nu]sec=/)
        ms = int(g[1] * 1000 + g[2] / (t ~ /tv_usec/ ? 1000 : 1000000))
      }
      end = "event"
      if (call ~ /^(ppoll|poll|pselect6|select|epoll_wait|epoll_pwait)$/ && / = 0( \(Timeout\))?$/) end = "timeout"
      if (call == "rt_sigtimedwait" && / = -1 EAGAIN/) end = "timeout"
      if (call ~ /nanosleep$/ && / = 0$/) end = "timeout"
      print $1, call, ms, end
    }' "$1"
}

# rs_plans FILE [log]: the restart pauses runsv planned, from an strace -ttt
# -x -s 64 of its openat and write calls (log: the logger's): for each pause
# (supervise/state bytes 24-35, the label of the next start it waits for),
# "N MS": N the run it follows (1: the first start runsv wrote), MS the
# milliseconds from that run's start (its status label) to the planned
# start. runsv's own two labels: no wake-up latency in it, however loaded
# the machine
rs_plans () {
  awk -v want="${2:+$2/}supervise/" '
    function hex(s,  i, n) { n = 0 ; for (i = 1 ; i <= length(s) ; i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1 ; return n }
    function ms(h) { return hex(substr(h, 9, 8)) * 1000 + int(hex(substr(h, 17, 8)) / 1000000) }
    $2 ~ /^open(at)?\(/ && $NF ~ /^[0-9]+$/ { p = $0 ; sub(/^[^"]*"/, "", p) ; sub(/".*/, "", p) ; fd[$NF] = p ; next }
    $2 ~ /^write\(/ {
      f = $2 ; sub(/^write\(/, "", f) ; sub(/,$/, "", f)
      if (fd[f] != want "status.new" && fd[f] != want "state.new") next
      h = $0 ; sub(/^[^"]*"/, "", h) ; sub(/".*/, "", h) ; gsub(/\\x/, "", h)
      if (fd[f] == want "status.new") {
        if (length(h) < 40) next
        if (substr(h, 39, 2) == "01" && substr(h, 25, 8) != pid) { start = ms(h) ; pid = substr(h, 25, 8) ; n++ }
        if (substr(h, 39, 2) == "00") pid = ""
      } else {
        if (length(h) < 72) next
        ns = substr(h, 49, 24)
        if (ns !~ /^0+$/ && ns != last && start != "") { print n, ms(ns) - start ; last = ns }
      }
    }' "$1"
}

# secs_of LINE: the first time "N.NN s" in a line of runsvdir's stop
# report, as N.NN (empty if none)
secs_of () {
  awk -v line="$1" 'BEGIN { if (match(line, /[0-9]+\.[0-9][0-9] s/)) print substr(line, RSTART, RLENGTH - 2) }'
}
# secs_at_least MIN LINE WHAT: that time is at least MIN seconds. The report's
# times are taken when runsvdir woke: on a loaded machine later than planned,
# so a lower bound is exact and an upper one is not (its speed: bench/run)
secs_at_least () {
  _sal=$(secs_of "$2")
  test -n "$_sal" && awk -v v="$_sal" -v min="$1" 'BEGIN { exit !(v >= min) }' || fail "${3:-the time}: [$2] does not say at least $1 s"
}

# state_flags DIR: the flags byte of DIR/supervise/state (runsv.8), none if unreadable
state_flags () { _f=$(od -An -tu1 -j1 -N1 "$1/supervise/state" 2> /dev/null | tr -d ' ') ; echo "${_f:-none}" ; }
# state_u32 DIR OFFSET: the big-endian u32 at OFFSET of DIR/supervise/state
state_u32 () {
  # shellcheck disable=SC2046
  set -- $(od -An -tu1 -j"$2" -N4 "$1/supervise/state")
  echo $(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))
}
