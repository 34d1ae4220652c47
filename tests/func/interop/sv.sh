# tests/func/interop/sv.sh - our sv against Debian runit's runsv: the same
# commands print the same lines and exit codes as runit's own sv.
# Two identical service trees, each under Debian's runsv; runit's sv drives
# one, ours the other, through the same steps; the two transcripts, pids and
# ages masked, must be equal.

unset SVWAIT

# tree DIR: the services of a transcript, each under Debian's runsv
tree () {
  mkdir -p "$1"
  for n in a b ; do mksvc "$1/$n" 'exec sleep 1000' ; done
  mksvc "$1/l" 'exec sleep 1000'
  mksvc "$1/l/log" 'exec cat > /dev/null'
  mksvc "$1/d" 'exec sleep 1000'
  touch "$1/d/down"
  mksvc "$1/ig" 'trap "" TERM ; while : ; do sleep 0.05 ; done'
  mksvc "$1/ck" 'exec sleep 1000'
  mkscript "$1/ck/check" 'test -e ready'
  mkdir "$1/notsvc"
  for n in a b l d ig ck ; do "$RUNIT/runsv" "$1/$n" > "$1/$n.log" 2>&1 & done
  for n in a b l ig ck ; do wait_for 5 "test \"\$(stat_of $1/$n)\" = run" "$1/$n to run" ; done
  wait_for 5 "test \"\$(stat_of $1/l/log)\" = run && alive $1/d" "$1 to settle"
}

# settle SVC STAT: wait until service SVC of the current tree says STAT
settle () { wait_for 10 "test \"\$(stat_of $SVDIR/$1)\" = '$2'" "$SVDIR/$1 to be $2" ; }

# step WORDS...: one command of the transcript, run with $SV: the command,
# what it printed (stdout and stderr in order) and its exit code
step () {
  echo "\$ sv $*"
  "$SV" "$@" 2>&1
  echo "rc=$?"
}
# lsbstep NAME WORDS...: the same, through an init script named NAME
lsbstep () {
  _ls=$1 ; shift
  echo "\$ $_ls $*"
  "$LSB/$_ls" "$@" 2>&1
  echo "rc=$?"
}

# transcript: every step, against the tree in $SVDIR
transcript () {
  cd "$SVDIR" || exit 1
  step status a
  step status a b l d notsvc nonexist
  step -w 5 down a ; settle a down
  step status a
  step -w 5 up a ; settle a run
  step -v once d ; settle d "run, want down"
  step status d
  step -w 5 down d ; settle d down
  step -v pause b
  step status b
  step -v cont b ; settle b run
  pid=$(pid_of "$SVDIR/b")
  step -w 5 restart b
  wait_for 10 "test \"\$(pid_of $SVDIR/b)\" != '$pid'" "b restarted" ; settle b run
  step -w 1 down ig
  step -w 1 force-stop ig ; settle ig down
  step status ig
  step -w 1 up ck
  touch ck/ready
  step -w 5 check ck
  step -w 1 check d
  step -w 5 try-restart d
  step foo a
  step -x status a
  step down
  lsbstep l status
  step -w 5 stop l ; settle l down
  step status l
  lsbstep d status
  lsbstep a foo
  step -w 5 force-shutdown l
  step -w 5 shutdown a
  step status a
  step exit a
  step up ./a
}

t_same_as_runit () {
  need_runit
  mkdir lsb.runit lsb.ours
  for n in a d l ; do ln -s "$RUNIT/sv" "lsb.runit/$n" ; ln -s "$SV_BIN/sv" "lsb.ours/$n" ; done
  tree runit
  tree ours
  # both at once: each has its own tree and runsv's
  (SV=$RUNIT/sv LSB=$T/lsb.runit SVDIR=$T/runit ; export SVDIR ; transcript) > runit.out 2>&1 &
  p=$!
  (SV=$SV_BIN/sv LSB=$T/lsb.ours SVDIR=$T/ours ; export SVDIR ; transcript) > ours.out 2>&1
  wait $p
  for x in runit ours ; do sed -E 's/\(pid [0-9]+\)/(pid N)/g ; s/([:)] )[0-9]+s/\1Ns/g' $x.out > $x.masked ; done
  grep -q '^\$ sv -w 5 shutdown a' ours.masked || fail "transcript cut short: $(tail -n 5 ours.out)"
  diff runit.masked ours.masked > diff.out || fail "transcripts differ (< runit's sv, > ours):
$(cat diff.out)"
}

t_fast_against_runit_runsv () {
  need_runit
  mksvc s/a 'exec sleep 1000'
  "$RUNIT/runsv" s/a > s/a.log 2>&1 &
  wait_for 5 "test \"\$(stat_of s/a)\" = run"
  wait_for 5 "test \$(( \$(date +%s) - \$(status_secs s/a) )) -ge 2" "a to be 2 s old"
  # runit's sv needs 420 ms at least; ours sees the change as runsv writes
  # it: in sv's own trace, no sleep (sv_wait) and no wait that ran out but
  # the 50 ms polls for a command runsv has not read yet (how soon it sees
  # it is a speed: bench/run's figure 4 times sv -w against runit's runsv)
  sv_wait -w 5 down ./s/a
  assert_eq 0 "$WAIT_RC" "exit code"
  assert_match "ok: down: ./s/a: *s, normally up" "$(cat out)"
  assert_eq "" "$(naps_over 50)" "sv -w 5 down: waits that ran out"
}

t_lsb_status_log_fixed () {
  need_runit
  # runit 2.1.2 answers an init script's status with the log's state; 2.3.0
  # and we answer with the service's: down is 3 even while its log runs
  mksvc s/l 'exec sleep 1000'
  touch s/l/down
  mksvc s/l/log 'exec cat > /dev/null'
  "$RUNIT/runsv" s/l > s/l.log 2>&1 &
  wait_for 5 "test \"\$(stat_of s/l/log)\" = run"
  SVDIR=$T/s ; export SVDIR
  mkdir runit ours
  ln -s "$RUNIT/sv" runit/l
  ln -s "$SV_BIN/sv" ours/l
  runit/l status > runit.out ; assert_eq 0 $? "runit's exit code (its bug)"
  ours/l status > ours.out ; assert_eq 3 $? "our exit code"
  # the same line, but for the ages, which may straddle a second
  assert_eq "$(sed -E 's/ [0-9]+s/ Ns/g' runit.out)" "$(sed -E 's/ [0-9]+s/ Ns/g' ours.out)" "the status line"
}

t_command_taken_after_runsv_pause () {
  need_runit
  # runit's runsv sleeps a second, reading no command, before restarting a
  # service that ran less than that; its status then says "down, want up".
  # sv must wait until runsv has read "d" and acted, not take that for done.
  mksvc s/a 'exec sleep 1000'
  "$RUNIT/runsv" s/a > s/a.log 2>&1 &
  wait_for 5 "test \"\$(stat_of s/a)\" = run"
  sv term ./s/a
  wait_for 5 "test \"\$(stat_of s/a)\" = down" "the pause"
  sv -w 5 down ./s/a > out ; rc=$?
  assert_eq 0 $rc "exit code"
  assert_match "ok: down: ./s/a: *s, normally up" "$(cat out)" "the state after runsv acted"
  assert_eq down "$(stat_of s/a)" "stat"
  assert_eq 100 "$(status_byte s/a 17)" "want byte (d)"
}

t_start_of_a_run_runsv_cannot_execute () {
  need_runit
  # runit's runsv writes "run" for the instant between its fork and the
  # failed exec of a ./run without x bits, then "down, want up" for a
  # second. runit's sv, looking every 420 ms, mostly says "timeout: down"
  # (on a loaded machine it can catch the instant and say ok: not ours to
  # assert); ours must never take that instant for a start
  mkdir -p s/b
  printf '#!/bin/sh\nexec sleep 1000\n' > s/b/run
  chmod 644 s/b/run
  "$RUNIT/runsv" s/b > s/b.log 2>&1 &
  wait_for 5 "alive s/b && test -s s/b/supervise/status && test \"\$(status_byte s/b 17)\" = 117" "b to be tried"
  for v in "$SV_BIN/sv" ; do
    t=$(now_ms)
    "$v" -w 2 start ./s/b > out 2>&1 ; rc=$?
    t=$(( $(now_ms) - t ))
    assert_eq 1 "$rc" "exit code of $v -w 2 start: $(cat out)"
    assert_match "timeout: *: ./s/b: *" "$(cat out)" "$v -w 2 start"
    test "$t" -ge 2000 || fail "$v gave up after $t ms"
  done
  # and runit's sv check (2.1.2) says ok for it; ours, as 2.3.0, does not
  sv -w 1 check ./s/b > out ; assert_eq 1 $? "exit code of check: $(cat out)"
}
