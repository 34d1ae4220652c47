# tests/func/sv_tail.sh - sv tail (sv.8, "sv tail"): the last lines of a
# service logged by svlogd, or kept by runsv under prefixed output
# (log-buffer, runsv.8 "Prefixed output"), and -f across rotations and
# restarts.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

# shellcheck source=tests/func/lib/sv.sh
. "$(dirname "$SV_TESTFILE")/lib/sv.sh"

# logged NAME BODY [SVLOGD-OPTS] [CONFIG]: service s/NAME running BODY, its
# log/ svlogd OPTS ./main (config CONFIG), under our runsv
logged () {
  mksvc "s/$1" "$2"
  mkdir -p "s/$1/log/main"
  test -z "${4:-}" || echo "$4" > "s/$1/log/main/config"
  mkscript "s/$1/log/run" "exec svlogd ${3:-} ./main"
  start_runsv "s/$1"
  # sv tail reads svlogd's dir from its process: until the log run's exec,
  # that is a shell, "not svlogd" (a follow begun then failed under ASan)
  wait_for 10 "readlink /proc/\$(cat s/$1/log/supervise/pid 2> /dev/null)/exe 2> /dev/null | grep -q svlogd" "svlogd to run"
}

# prefixed NAME BODY: service s/NAME running BODY under runsv with prefixed output
prefixed () {
  mksvc "s/$1" "$2"
  RUNSVDIR_PREFIX=1 runsv "s/$1" > "s/$1.out" 2>&1 &
  wait_for 15 "alive s/$1" "runsv s/$1 to open supervise/ok"
}

# lines N WORD: "WORD 1" .. "WORD N"
lines () { seq 1 "$1" | sed "s/^/$2 /" ; }

# body N WORD: a run writing lines N WORD, then sleeping
body () { echo "i=0 ; while [ \$i -lt $1 ] ; do i=\$((i+1)) ; echo $2 \$i ; done ; exec sleep 1000" ; }

t_tail_svlogd () {
  logged a "$(body 20 a)"
  wait_for 5 "grep -qx 'a 20' s/a/log/main/current" "svlogd to write"
  out_is 0 "$(seq 16 20 | sed 's/^/a /')" sv tail -n 5 a
  out_is 0 "$(seq 11 20 | sed 's/^/a /')" sv tail a
  # with svlogd's stamps, as it wrote them
  logged b "$(body 7 b)" -tt
  wait_for 5 "grep -q ' b 7\$' s/b/log/main/current" "svlogd to write"
  sv tail -n 5 b > out || fail "sv tail b"
  assert_eq 5 "$(wc -l < out | tr -d ' ')" "lines"
  grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9:.]+ b 7' out || fail "no stamped last line: [$(cat out)]"
  # options before the word too
  out_is 0 "a 20" sv -n 1 tail a
}

t_tail_rotated () {
  # current holds fewer than asked: the last rotated file gives the rest
  logged a "$(body 100 a)" "" s300
  wait_for 5 "grep -qx 'a 100' s/a/log/main/current" "svlogd to write"
  out_is 0 "$(seq 71 100 | sed 's/^/a /')" sv tail -n 30 a
}

t_tail_prefixed () {
  prefixed p "$(body 50 p)"
  wait_for 5 "grep -qx 'p 50' s/p/supervise/output" "runsv to keep the output"
  out_is 0 "$(seq 46 50 | sed 's/^/p /')" sv tail -n 5 p
  # a small buffer still holds the last lines, over its two files
  mksvc s/q "$(body 200 q)"
  echo 400 > s/q/log-buffer
  RUNSVDIR_PREFIX=1 runsv s/q > s/q.out 2>&1 &
  wait_for 5 "grep -qx 'q 200' s/q/supervise/output" "runsv to keep the output"
  out_is 0 "$(seq 191 200 | sed 's/^/q /')" sv tail -n 10 q
  test "$(cat s/q/supervise/output s/q/supervise/output.old | wc -c)" -le 400 || fail "more than log-buffer kept"
  # its prefixed output goes on as before
  grep -qx 'q: q 200' s/q.out || fail "prefixed output lost"
}

# a burst read at once (one write of 55 KB into runsv's pipe, read in one
# turn) is kept as its last lines, in at most two renames, not one every
# quarter of the buffer (13 here): bench figure 14's throughput
t_tail_prefixed_burst () {
  command -v strace > /dev/null || skip "strace is not installed"
  lines 8000 b > burst
  mksvc s/b "test -e go || exec sleep 1000 ; cat $T/burst ; exec sleep 1000"
  # (no leak check: LeakSanitizer cannot run under ptrace)
  RUNSVDIR_PREFIX=1 ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -o trace -e trace=rename,renameat,renameat2 "$SV_BIN/runsv" s/b > s/b.out 2>&1 &
  wait_for 15 "alive s/b" "runsv s/b to open supervise/ok"
  touch s/b/go
  sv -w 15 restart b > /dev/null || fail "sv restart b"
  wait_for 15 "grep -qx 'b: b 8000' s/b.out" "the burst passed on"
  assert_eq "$(sed 's/^/b: /' burst)" "$(cat s/b.out)" "the prefixed output"
  cat s/b/supervise/output.old s/b/supervise/output > kept
  first=$(head -n 1 kept | sed 's/^b //')
  assert_eq "$(seq "$first" 8000 | sed 's/^/b /')" "$(cat kept)" "the kept lines, in order, up to the last"
  test "$(wc -c < kept)" -le 16384 || fail "more than log-buffer kept: $(wc -c < kept)"
  test "$(wc -c < s/b/supervise/output.old)" -ge 4096 || fail "output.old holds less than a quarter"
  n=$(grep -c 'output\.old' trace)
  test "$n" -ge 1 && test "$n" -le 2 || fail "$n renames for one burst: $(cat trace)"
}

t_tail_long_line () {
  mksvc s/l "head -c 300 /dev/zero | tr '\\000' x ; echo ; echo after ; exec sleep 1000"
  echo 400 > s/l/log-buffer
  RUNSVDIR_PREFIX=1 runsv s/l > s/l.out 2>&1 &
  wait_for 5 "grep -qx after s/l/supervise/output" "runsv to keep the output"
  out_is 0 "$(head -c 100 /dev/zero | tr '\0' x) [cut]
after" sv tail -n 2 l
}

t_tail_buffer_off () {
  mksvc s/p "$(body 5 p)"
  echo 0 > s/p/log-buffer
  RUNSVDIR_PREFIX=1 runsv s/p > s/p.out 2>&1 &
  wait_for 5 "grep -qx 'p: p 5' s/p.out" "the prefixed output"
  test ! -e s/p/supervise/output || fail "log-buffer 0 kept the output"
  out_is 1 "" sv tail p
  err_is "fail: p: unable to tail: its output is not kept: no log/, and no prefixed output with a log-buffer"
}

t_tail_refused () {
  # output to the console: nothing to read
  svc c
  out_is 1 "" sv tail c
  err_is "fail: c: unable to tail: its output is not kept: no log/, and no prefixed output with a log-buffer"
  # a logger that is not svlogd
  mksvc s/o "exec sleep 1000"
  mkdir s/o/log
  mkscript s/o/log/run "exec cat > /dev/null"
  start_runsv s/o
  wait_for 5 "test -s s/o/log/supervise/pid" "the logger to run"
  wait_for 5 "readlink /proc/\$(cat s/o/log/supervise/pid)/exe | grep -q cat" "the logger to be cat"
  out_is 1 "" sv tail o
  assert_match "fail: o: unable to tail: its logger is not svlogd: */cat" "$(cat err)"
  rc_is 1 sv tail nosuch
  rc_is 100 sv -n 3 status c
  rc_is 100 sv tail -n x c
}

t_tail_several () {
  logged a "$(body 3 a)"
  prefixed p "$(body 2 p)"
  svc c
  wait_for 5 "grep -qx 'a 3' s/a/log/main/current" "svlogd to write"
  wait_for 5 "grep -qx 'p 2' s/p/supervise/output" "runsv to keep the output"
  out_is 0 "a: a 2
a: a 3
p: p 1
p: p 2" sv tail -n 2 a p
  # all of $SVDIR: the ones that can be tailed, one line for the others
  out_is 0 "a: a 3
p: p 2" sv tail -n 1
  assert_match "fail: c: unable to tail: *" "$(cat err)"
}

# follow NAME...: sv tail -f -n 0 NAME... in the background, into fout
follow () {
  sv tail -f -n 0 "$@" > fout 2> ferr &
  FPID=$!
  # following once it holds its inotify descriptor (a look each second
  # would catch up anyway: this only keeps the case quick)
  wait_for 5 "ls -l /proc/$FPID/fd 2> /dev/null | grep -q inotify" "sv tail -f to watch"
}

# unfollow: ends it with TERM: exit 0
unfollow () {
  kill -TERM $FPID
  wait $FPID
  assert_eq 0 $? "sv tail -f's exit code on TERM"
}

t_tail_follow_rotation () {
  logged a "sleep 1000" "" s200
  mkscript s/a/run "test -e go || exec sleep 1000 ; i=0 ; while [ \$i -lt 300 ] ; do i=\$((i+1)) ; echo a \$i ; done ; exec sleep 1000"
  follow a
  touch s/a/go
  sv -w 5 restart a > /dev/null
  wait_for 10 "grep -qx 'a 300' fout" "sv tail -f to show the last line"
  unfollow
  assert_eq "$(lines 300 a)" "$(cat fout)" "lines followed across rotations"
  test "$(ls s/a/log/main | grep -c '^@')" -ge 3 || fail "svlogd did not rotate"
}

# many rotations while following: each is a chance for svlogd to rotate
# between sv's open of the new current and its listing of the rotated files
t_tail_follow_many_rotations () {
  logged a "sleep 1000" "" "$(printf 's100\nn1000')"
  mkscript s/a/run "test -e go || exec sleep 1000 ; i=0 ; while [ \$i -lt 3000 ] ; do i=\$((i+1)) ; echo a \$i ; done ; exec sleep 1000"
  follow a
  touch s/a/go
  sv -w 5 restart a > /dev/null
  wait_for 30 "grep -qx 'a 3000' s/a/log/main/* 2> /dev/null" "svlogd to write the last line"
  wait_for 10 "grep -qx 'a 3000' fout" "sv tail -f to show the last line"
  unfollow
  assert_eq "$(lines 3000 a)" "$(cat fout)" "lines followed across rotations"
  test "$(ls s/a/log/main | grep -c '^@')" -ge 100 || fail "svlogd rotated only $(ls s/a/log/main | grep -c '^@') times"
}

t_tail_follow_restart () {
  prefixed p "echo run \$\$ ; exec sleep 1000"
  wait_for 5 "grep -q run s/p/supervise/output" "the first run"
  follow p
  # each restart done, and its run's line said, before the next: under
  # load a restart could outlast sv -w 5, and the next one's t then came in
  # runsv's restart pause, where there is no process to stop (as in runit)
  sv -w 15 restart p > /dev/null || fail "sv restart p: $(sv status ./s/p)"
  wait_for 10 "test \$(wc -l < fout) -ge 1" "the first restart's line"
  sv -w 15 restart p > /dev/null || fail "sv restart p, again: $(sv status ./s/p)"
  wait_for 10 "test \$(wc -l < fout) -ge 2" "two lines"
  unfollow
  assert_eq 2 "$(grep -c '^run ' fout)" "one line a run"
  # and svlogd's restart
  logged a "echo x ; exec sleep 1000"
  wait_for 5 "grep -qx x s/a/log/main/current" "svlogd to write"
  follow a
  sv -w 5 restart a/log > /dev/null
  sv -w 5 restart a > /dev/null
  wait_for 5 "test \$(wc -l < fout) -ge 1" "a line"
  sleep 0.3
  unfollow
  assert_eq x "$(cat fout)" "the line after both restarts"
}

# when FILE: waits for FILE (in a run script)
when () { echo "while [ ! -e $1 ] ; do sleep 0.02 ; done" ; }

t_tail_follow_several () {
  prefixed p "$(when one) ; echo one ; $(when three) ; echo three ; exec sleep 1000"
  prefixed q "$(when two) ; echo two ; exec sleep 1000"
  follow p q
  for w in one two three ; do
    touch s/p/$w s/q/$w
    wait_for 5 "grep -q $w fout" "line $w"
  done
  unfollow
  assert_eq "p: one
q: two
p: three" "$(cat fout)" "lines in arrival order"
}

t_tail_sigpipe () {
  prefixed p "i=0 ; while :; do i=\$((i+1)) ; echo p \$i ; sleep 0.01 ; done"
  wait_for 5 "test -s s/p/supervise/output" "output"
  sv tail -f p | head -n 3 > out
  assert_eq 3 "$(wc -l < out | tr -d ' ')" "lines"
}

t_tail_permissions () {
  need_root
  logged a "$(body 3 a)"
  wait_for 5 "grep -qx 'a 3' s/a/log/main/current" "svlogd to write"
  chmod 755 "$T" s s/a s/a/log
  chmod 700 s/a/log/main
  chmod 755 s/a/log/supervise
  out_is 1 "" chpst -u nobody sv tail a
  assert_match "fail: a: unable to tail: unable to *: access denied" "$(cat err)"
  # with the state dir readable, the 0700 log dir still refuses
  prefixed p "$(body 3 p)"
  wait_for 5 "grep -qx 'p 3' s/p/supervise/output" "the output"
  chmod 755 s/p
  out_is 1 "" chpst -u nobody sv tail p
  assert_match "fail: p: unable to tail: unable to open*supervise: access denied" "$(cat err)"
}
