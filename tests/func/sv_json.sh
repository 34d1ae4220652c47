# tests/func/sv_json.sh - sv -j status (one JSON document, read back by
# python3's json module) and sv status without a service (every service of
# $SVDIR, in name order). Services live in $T/s, which is $SVDIR.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

SVDIR=$T/s
export SVDIR
unset SVWAIT
mkdir -p "$T/s"

# need_python3: PY is the interpreter itself (a pyenv shim costs seconds on a loaded machine)
need_python3 () {
  command -v python3 > /dev/null || skip "python3 is not installed"
  PY=$(python3 -c 'import sys ; print(sys.executable)') && test -x "$PY" || PY=python3
}

# json RC ARGS...: runs sv -j status ARGS, stdout in out, stderr in err; its
# exit code must be RC, stderr empty
json () {
  _j_rc=$1 ; shift
  sv -j status "$@" > out 2> err
  _j_got=$?
  test "$_j_got" = "$_j_rc" || fail "sv -j status $*: exit code $_j_got, want $_j_rc; stdout [$(cat out)]; stderr [$(cat err)]"
  test ! -s err || fail "sv -j status $*: stderr [$(cat err)]"
}


# json_ok 'python statements': out must be one JSON document in strict UTF-8;
# the statements (asserts) run with it as d, the environment as E, and
# MEMBERS the members of a service object in their order
json_ok () {
  "$PY" - "$1" > pyerr 2>&1 <<'PYEOF' || fail "JSON check: $(cat pyerr)
document: $(cat out)"
import json, os, sys
E = os.environ
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

# label_secs DIR: the Unix time of DIR's status label, as seconds.nanoseconds
label_secs () {
  # shellcheck disable=SC2046
  set -- $(od -An -tu1 -j8 -N4 "$1/supervise/status") "$(status_secs "$1")"
  printf '%s.%09d\n' "$5" $(( (($1 * 256 + $2) * 256 + $3) * 256 + $4 ))
}

# state_restarts DIR: the restarts count of DIR's supervise/state (bytes 16..19, big-endian)
state_restarts () {
  # shellcheck disable=SC2046
  set -- $(od -An -tu1 -j16 -N4 "$1/supervise/state" 2>/dev/null) x x x x
  test "$1" = x && { echo none ; return ; }
  echo $(( (($1 * 256 + $2) * 256 + $3) * 256 + $4 ))
}
# state_flags DIR: byte 1 of supervise/state
state_flags () { od -An -tu1 -j1 -N1 "$1/supervise/state" 2>/dev/null | tr -d ' ' ; }

# --- what the members say ---

t_json_running_down_paused () {
  need_python3
  mksvc s/a 'exec sleep 100'
  mksvc s/d 'exec sleep 100'
  touch s/d/down
  mksvc s/p 'exec sleep 100'
  for n in a d p ; do start_runsv s/$n ; done
  wait_for 5 "test \"\$(stat_of s/a)\" = run && test \"\$(stat_of s/p)\" = run" "a and p to run"
  sv pause p > /dev/null
  wait_for 5 "test \"\$(stat_of s/p)\" = 'run, paused'" "p paused"
  json 0 a d p
  PA=$(status_pid s/a) PP=$(status_pid s/p) LA=$(label_secs s/a) LD=$(label_secs s/d)
  export PA PP LA LD
  json_ok '
eq(len(d), 3)
a, dn, p = d
eq(list(a.keys()), MEMBERS + ["log"])
eq(list(dn.keys()), MEMBERS + ["log"])
eq(a["name"], "a") ; eq(a["path"], E["T"] + "/s/a")
eq(a["state"], "run") ; eq(a["want"], "up") ; eq(a["pid"], int(E["PA"]))
eq(a["ready"], None) ; eq(a["ready_since"], None)
eq(a["paused"], False) ; eq(a["normally"], "up")
eq(a["last_exit"], None) ; eq(a["restarts"], 1) ; eq(a["status_text"], None) ; eq(a["log"], None)
# since: the status label, in Unix seconds, to the nanosecond in the text
assert E["LA"].encode() in raw, (E["LA"], raw)
assert abs(a["since"] - float(E["LA"])) < 1e-6
eq(dn["state"], "down") ; eq(dn["want"], "down") ; eq(dn["pid"], None)
eq(dn["normally"], "down") ; eq(dn["restarts"], 0) ; eq(dn["last_exit"], None)
assert E["LD"].encode() in raw, (E["LD"], raw)
eq(p["paused"], True) ; eq(p["pid"], int(E["PP"])) ; eq(p["state"], "run")
# one object per line, between the brackets
eq(raw.count(b"\n"), 5)
'
  # down, wanted up: a run that cannot start
  sv cont p > /dev/null
  sv down a > /dev/null
  wait_for 5 "test \"\$(stat_of s/a)\" = down" "a down"
  json 0 a
  json_ok 'eq(d[0]["state"], "down") ; eq(d[0]["want"], "down") ; eq(d[0]["normally"], "up") ; eq(d[0]["last_exit"], {"signal": 15})'
}

t_json_finishing () {
  need_python3
  mksvc s/f 'exec sleep 100'
  mkscript s/f/finish 'echo $$ > finishpid
while test ! -e go ; do sleep 0.05 ; done'
  start_runsv s/f
  wait_for 5 "test \"\$(stat_of s/f)\" = run" "f to run"
  sv down f > /dev/null
  wait_for 5 "test -s s/f/finishpid && test \"\$(status_byte s/f 19)\" = 2" "./finish to run"
  json 0 f
  export FP="$(cat s/f/finishpid)"
  json_ok 'f = d[0]
eq(f["state"], "finish") ; eq(f["want"], "down") ; eq(f["pid"], int(E["FP"]))
eq(f["last_exit"], {"signal": 15}) ; eq(f["restarts"], 1)'
  touch s/f/go
  wait_for 5 "test \"\$(stat_of s/f)\" = down" "f down"
  json 0 f
  json_ok 'eq(d[0]["state"], "down") ; eq(d[0]["pid"], None)'
}

t_json_unreadable () {
  need_python3
  mkdir -p s/nosup s/norunsv/supervise s/bad/supervise
  mkfifo s/norunsv/supervise/ok
  # bad: a runsv there (this shell holds ok open), but a status of 5 bytes
  mkfifo s/bad/supervise/ok
  exec 7<> s/bad/supervise/ok
  printf 'short' > s/bad/supervise/status
  mksvc s/a 'exec sleep 100'
  start_runsv s/a
  json 4 nosup norunsv missing bad a
  json_ok '
eq([o["name"] for o in d], ["nosup", "norunsv", "missing", "bad", "a"])
for o in d[:4]: eq(list(o.keys()), ["name", "path", "error"])
eq(d[0]["error"], "unable to open supervise/ok: file does not exist")
eq(d[1]["error"], "runsv not running")
eq(d[2]["error"], "unable to change to service directory: file does not exist")
eq(d[3]["error"], "unable to read supervise/status: bad format")
eq(d[2]["path"], E["T"] + "/s/missing")
eq(d[4]["state"], "run")'
  # the same reasons as the status lines give
  sv status nosup norunsv missing bad > text
  assert_eq "warning: nosup: unable to open supervise/ok: file does not exist
fail: norunsv: runsv not running
fail: missing: unable to change to service directory: file does not exist
warning: bad: unable to read supervise/status: bad format" "$(cat text)" "status lines"
}

t_json_paths () {
  need_python3
  mksvc s/a 'exec sleep 100'
  start_runsv s/a
  mkdir sub
  # paths from the current directory, and a relative $SVDIR, made absolute
  (cd sub && SVDIR=../s sv -j status a ../s/a/ ".//../s/./a" "$T/s/a" > ../out 2> ../err)
  assert_eq 0 $? "exit code"
  json_ok '
eq([o["name"] for o in d], ["a", "../s/a/", ".//../s/./a", E["T"] + "/s/a"])
eq(d[0]["path"], E["T"] + "/sub/../s/a")
eq(d[1]["path"], E["T"] + "/sub/../s/a")
eq(d[2]["path"], E["T"] + "/sub/../s/a")
eq(d[3]["path"], E["T"] + "/s/a")
for o in d: eq(o["state"], "run")'
}

t_json_hostile_names () {
  need_python3
  # quotes, backslash, control characters, UTF-8, and bytes that are not UTF-8
  for n in 'q"uote\back' "$(printf 'new\nline\ttab')" "$(printf 'caf\303\251')" "$(printf 'bad\377byte')" "$(printf 'half\303')" "$(printf 'ctl\001')" ; do
    mkdir -p "s/$n"
  done
  mksvc 's/q"uote\back' 'exec sleep 100'
  start_runsv 's/q"uote\back'
  json 5
  json_ok '
names = [o["name"] for o in d]
want = [b"bad\xffbyte", b"caf\xc3\xa9", b"ctl\x01", b"half\xc3", b"new\nline\ttab", b"q\"uote\\back"]
# in byte order, each read back as its bytes: UTF-8 as text, other bytes as U+00XX
def back(b):
    out = ""
    i = 0
    while i < len(b):
        for n in (4, 3, 2, 1):
            try:
                out += b[i:i + n].decode("utf-8") ; i += n ; break
            except UnicodeDecodeError:
                pass
        else:
            out += chr(b[i]) ; i += 1
    return out
eq(names, [back(w) for w in want])
eq(names[0], "bad\u00ffbyte") ; eq(names[1], "caf\u00e9") ; eq(names[3], "half\u00c3")
for o in d: eq(o["path"], E["T"] + "/s/" + o["name"])
eq(d[5]["state"], "run")
# nothing raw that is not UTF-8, and no raw control character
assert b"\xff" not in raw and b"\x01" not in raw and b"\t" not in raw
assert b"half\\u00c3" in raw and b"bad\\u00ffbyte" in raw and b"ctl\\u0001" in raw'
}

t_json_log () {
  need_python3
  mksvc s/l 'exec sleep 100'
  mksvc s/l/log 'exec cat > /dev/null'
  start_runsv s/l
  wait_for 5 "test \"\$(stat_of s/l)\" = run && test \"\$(stat_of s/l/log)\" = run" "l and its log to run"
  json 0 l
  PL=$(status_pid s/l/log) ; export PL
  json_ok 'l = d[0]["log"]
eq(list(l.keys()), MEMBERS)
eq(l["name"], "log") ; eq(l["path"], E["T"] + "/s/l/log")
eq(l["state"], "run") ; eq(l["pid"], int(E["PL"])) ; eq(l["restarts"], 1)'
  # a log that is not a directory: its error under log, counted as by sv status
  mksvc s/a 'exec sleep 100'
  touch s/a/log
  start_runsv s/a
  json 1 a
  json_ok 'eq(d[0]["state"], "run")
eq(d[0]["log"], {"name": "log", "path": E["T"] + "/s/a/log", "error": "unable to change directory: not a directory"})'
  rc_is 1 sv status a
}

t_json_readiness_notification_fd () {
  need_python3
  mksvc s/r 'while test ! -e go ; do sleep 0.05 ; done
echo >&3
exec sleep 100'
  echo 3 > s/r/notification-fd
  start_runsv s/r
  wait_for 5 "test \"\$(stat_of s/r)\" = run" "r to run"
  json 0 r
  json_ok 'eq(d[0]["ready"], False) ; eq(d[0]["ready_since"], None)'
  touch s/r/go
  wait_for 5 "test \"\$(state_flags s/r)\" = 3" "r ready"
  json 0 r
  json_ok 'r = d[0]
eq(r["ready"], True)
assert isinstance(r["ready_since"], float) and r["ready_since"] >= r["since"], r'
}

t_json_notify_socket_status_text () {
  need_python3
  mkdir -p s/n
  cat > s/n/notify.py <<'PYEOF'
import os, socket, time
n = os.environ["NOTIFY_SOCKET"]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"READY=1\nSTATUS=serving \xc3\xa9 \"x\"\xff", "\0" + n[1:] if n.startswith("@") else n)
time.sleep(1000)
PYEOF
  mksvc s/n "exec $PY notify.py"
  touch s/n/notify-socket
  start_runsv s/n
  wait_for 20 "test \"\$(state_flags s/n)\" = 3" "n ready"
  json 0 n
  json_ok 'eq(d[0]["ready"], True) ; eq(d[0]["status_text"], "serving \u00e9 \"x\"\u00ff")'
}

t_json_restarts_and_last_exit () {
  need_python3
  mksvc s/r 'if test -e crash ; then rm -f crash ; exit 3 ; fi
exec sleep 100'
  touch s/r/crash
  start_runsv s/r
  # the first run exits 3; runsv starts the second a second later
  wait_for 10 "test \"\$(state_restarts s/r)\" = 2 && test \"\$(stat_of s/r)\" = run" "the second run"
  json 0 r
  json_ok 'eq(d[0]["restarts"], 2) ; eq(d[0]["last_exit"], {"code": 3})'
  sv term r > /dev/null
  wait_for 10 "test \"\$(state_restarts s/r)\" = 3 && test \"\$(stat_of s/r)\" = run" "the third run"
  json 0 r
  json_ok 'eq(d[0]["restarts"], 3) ; eq(d[0]["last_exit"], {"signal": 15})'
}

t_json_runit_runsv () {
  need_runit
  need_python3
  # runit's runsv writes no supervise/state: what it holds is not known
  mksvc s/a 'exec sleep 100'
  "$RUNIT/runsv" s/a > s/a.log 2>&1 &
  wait_for 5 "test \"\$(stat_of s/a)\" = run" "a to run under runit's runsv"
  test ! -e s/a/supervise/state || fail "runit's runsv wrote supervise/state"
  json 0 a
  PA=$(status_pid s/a) ; export PA
  json_ok 'a = d[0]
eq(list(a.keys()), MEMBERS + ["log"])
eq(a["state"], "run") ; eq(a["pid"], int(E["PA"])) ; eq(a["normally"], "up")
for k in ("ready", "ready_since", "last_exit", "restarts", "status_text"): eq(a[k], None)'
}

t_runit_sv_reads_our_status () {
  need_runit
  # runit's sv reads our runsv's status, with readiness declared, a log and a down file
  mksvc s/a 'echo >&3
exec sleep 100'
  echo 3 > s/a/notification-fd
  mksvc s/a/log 'exec cat > /dev/null'
  mksvc s/d 'exec sleep 100'
  touch s/d/down
  start_runsv s/a
  start_runsv s/d
  wait_for 5 "test \"\$(state_flags s/a)\" = 3 && test \"\$(stat_of s/a/log)\" = run" "a ready, its log up"
  "$RUNIT/sv" status a d > theirs 2>&1 ; echo "rc=$?" >> theirs
  sv status a d > ours 2>&1 ; echo "rc=$?" >> ours
  for f in theirs ours ; do sed -E 's/([:)] )[0-9]+s/\1Ns/g' $f > $f.masked ; done
  assert_eq "run: a: (pid $(status_pid s/a)) Ns; run: log: (pid $(status_pid s/a/log)) Ns
down: d: Ns
rc=0" "$(cat theirs.masked)" "runit's sv status"
  assert_eq "$(cat theirs.masked)" "$(cat ours.masked)" "our sv status"
}

t_json_one_write () {
  need_python3
  command -v strace > /dev/null || skip "strace is not installed"
  for n in a b c ; do mksvc s/$n 'exec sleep 100' ; start_runsv s/$n ; done
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=write,writev -o tr sv -j status > out
  assert_eq 1 "$(grep -c '^[0-9]* *write' tr)" "writes: $(cat tr)"
  json_ok 'eq([o["name"] for o in d], ["a", "b", "c"])'
}

# --- sv status without a service ---

t_status_lists_svdir () {
  need_python3
  mksvc s/b 'exec sleep 100'
  mksvc s/a 'exec sleep 100'
  mksvc s/a/log 'exec cat > /dev/null'
  mksvc s/c 'exec sleep 100'
  touch s/c/down
  mkdir -p elsewhere/x s/.hidden s/notsvc
  ln -s ../elsewhere/x s/link
  ln -s ../nothing s/dangling
  touch s/file
  for n in a b c ; do start_runsv s/$n ; done
  wait_for 5 "test \"\$(stat_of s/a)\" = run && test \"\$(stat_of s/a/log)\" = run && test \"\$(stat_of s/b)\" = run" "a, its log and b to run"
  sv status > out 2> err
  assert_eq 2 $? "exit code: link and notsvc have no runsv"
  assert_eq "" "$(cat err)" "stderr"
  assert_eq "run: a: (pid $(status_pid s/a)) Ns; run: log: (pid $(status_pid s/a/log)) Ns
run: b: (pid $(status_pid s/b)) Ns
down: c: Ns
warning: link: unable to open supervise/ok: file does not exist
warning: notsvc: unable to open supervise/ok: file does not exist" "$(sed -E 's/([:)] )[0-9]+s/\1Ns/g' out)" "the listing"
  # the same as naming them all, in that order
  sv status a b c link notsvc > named
  assert_eq "$(sed -E 's/([:)] )[0-9]+s/\1Ns/g' named)" "$(sed -E 's/([:)] )[0-9]+s/\1Ns/g' out)" "named"
  json 2
  json_ok 'eq([o["name"] for o in d], ["a", "b", "c", "link", "notsvc"])
eq(d[0]["log"]["state"], "run") ; eq(d[3]["path"], E["T"] + "/s/link")'
}

t_status_lists_in_byte_order () {
  # strcmp's order, whatever the locale: upper case first, bytes above 127 last
  for n in b B a "$(printf 'z\303\251')" zz _x 1 ; do mkdir -p "s/$n" ; done
  LC_ALL=en_US.UTF-8 sv status > out 2>&1
  assert_eq 7 $? "exit code"
  assert_eq "1 B _x a b zz $(printf 'z\303\251')" "$(sed 's/^warning: \(.*\): unable.*/\1/' out | tr '\n' ' ' | sed 's/ $//')" "order"
}

t_status_empty_or_missing_svdir () {
  need_python3
  sv status > out 2> err
  assert_eq 0 $? "exit code for an empty \$SVDIR"
  assert_eq "" "$(cat out)" "stdout"
  assert_eq "sv: warning: no services in $T/s" "$(cat err)" "stderr"
  sv -j status > out 2> err
  assert_eq 0 $? "exit code for an empty \$SVDIR, -j"
  assert_eq "[]" "$(cat out)" "stdout"
  assert_eq "sv: warning: no services in $T/s" "$(cat err)" "stderr"
  json_ok 'eq(d, [])'
  for j in "" -j ; do
    SVDIR=$T/nothing sv $j status > out 2> err
    assert_eq 100 $? "exit code for a missing \$SVDIR ($j)"
    assert_eq "" "$(cat out)" "stdout ($j)"
    assert_eq "sv: fatal: unable to list services in $T/nothing: file does not exist" "$(cat err)" "stderr ($j)"
  done
  # the default, /etc/service/, is the one listed when $SVDIR is not set
  (unset SVDIR ; sv status > out 2> err ; echo $? > rc)
  if test -d /etc/service ; then
    test "$(cat rc)" != 100 || fail "/etc/service: $(cat err)"
  else
    assert_eq 100 "$(cat rc)" "exit code without /etc/service"
    assert_eq "sv: fatal: unable to list services in /etc/service/: file does not exist" "$(cat err)" "stderr without /etc/service"
  fi
}

t_json_usage () {
  # -j is for status alone, and not for an init script
  for c in up down check restart exit ; do
    rc_is 100 sv -j $c a
    assert_eq "usage: sv [-v] [-w sec] command service ..." "$(head -n 1 err)" "usage for -j $c"
  done
  ln -s "$SV_BIN/sv" a
  rc_is 2 ./a -j status
  # and status still takes -v and -w with it
  mksvc s/a 'exec sleep 100'
  start_runsv s/a
  rc_is 0 sv -j -v -w 1 status a
}
