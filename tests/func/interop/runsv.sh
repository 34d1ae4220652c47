# tests/func/interop/runsv.sh - Debian runit's own sv drives our runsv and sees what
# it sees with runit's runsv: the same transcript, pids and seconds masked.

# two identical service trees: ours/s under our runsv, theirs/s under runit's
two_trees () {
  for side in ours theirs ; do
    mksvc $side/s 'exec sleep 100'
    mksvc $side/s/log 'exec cat > out'
  done
  (cd ours && exec runsv s > ../ours.log 2>&1) &
  OURS=$!
  (cd theirs && exec "$RUNIT/runsv" s > ../theirs.log 2>&1) &
  THEIRS=$!
  wait_for 15 "alive ours/s && alive theirs/s" "both runsv up"
}

# step ARGS...: run runit's sv with ARGS in both trees; record output and exit code
step () {
  for side in ours theirs ; do
    (cd $side && "$RUNIT/sv" "$@" > ../out.$side 2>&1 ; echo "rc=$?" >> ../out.$side)
    sed -e 's/(pid [0-9]*)/(pid N)/g' -e 's/ [0-9]*s\([,;]\|$\)/ Ns\1/g' out.$side >> transcript.$side
  done
}

# settle 'condition with $d for the tree': wait until it holds in both trees
settle () {
  for d in ours/s theirs/s ; do
    wait_for 10 "$(echo "$1" | sed "s|\\\$d|$d|g")" "$1 in $d"
  done
}

# same_transcripts: both runsv's exited 0 and runit's sv saw the same of each
same_transcripts () {
  wait "$OURS" ; assert_eq 0 $? "our runsv's exit code"
  wait "$THEIRS" ; assert_eq 0 $? "runit's runsv's exit code"
  if ! cmp -s transcript.ours transcript.theirs ; then
    diff transcript.theirs transcript.ours
    fail "runit's sv sees a different runsv"
  fi
}

t_runit_sv_drives_our_runsv () {
  need_runit
  two_trees
  settle 'test "$(stat_of $d)" = run && test "$(stat_of $d/log)" = run'
  step status ./s
  step down ./s
  settle 'test "$(stat_of $d)" = down'
  step status ./s
  step up ./s
  settle 'test "$(stat_of $d)" = run'
  step status ./s
  step -w 5 down ./s
  step status ./s
  step -w 5 up ./s
  step pause ./s
  settle 'test "$(stat_of $d)" = "run, paused"'
  step status ./s
  step cont ./s
  settle 'test "$(stat_of $d)" = run'
  step -w 5 down ./s
  step once ./s
  settle 'test "$(stat_of $d)" = "run, want down"'
  step status ./s
  step -w 5 force-stop ./s
  step status ./s log
  step hup ./s
  step -v term ./s
  step -w 5 exit ./s
  step status ./s
  step down ./s
  same_transcripts
  # and the transcript is what runit's sv says (a sample, so a broken run cannot pass)
  grep -qx 'run: ./s: (pid N) Ns; run: log: (pid N) Ns' transcript.ours || fail "no status line: $(cat transcript.ours)"
  grep -qx 'ok: down: ./s: Ns, normally up' transcript.ours || fail "no ok line: $(cat transcript.ours)"
  grep -qx 'fail: ./s: runsv not running' transcript.ours || fail "no fail line"
}

t_runit_sv_sees_status_bytes () {
  need_runit
  two_trees
  settle 'test "$(stat_of $d)" = run'
  for d in ours theirs ; do (cd $d && "$RUNIT/sv" down ./s) ; done
  settle 'test "$(stat_of $d)" = down'
  # byte for byte the same apart from the time label (bytes 0-11)
  assert_eq "$(status_hex theirs/s | cut -c25-)" "$(status_hex ours/s | cut -c25-)" "status bytes 12-19"
  assert_eq "$(cat theirs/s/supervise/stat)" "$(cat ours/s/supervise/stat)" "stat"
  assert_eq "$(cat theirs/s/supervise/pid)" "$(cat ours/s/supervise/pid)" "pid"
  for f in control ok lock status stat pid ; do
    assert_eq "$(stat -c %A theirs/s/supervise/$f)" "$(stat -c %A ours/s/supervise/$f)" "mode of $f"
  done
}

t_runit_sv_drives_our_runsv_with_readiness_files () {
  need_runit
  # readiness files in both trees (runit's runsv ignores them); ./run
  # declares and notifies through fd 3 under ours, a no-op under runit's
  for side in ours theirs ; do
    mksvc $side/s 'echo >&3 2> /dev/null ; exec sleep 100'
    echo 3 > $side/s/notification-fd
    touch $side/s/notify-socket
    mksvc $side/s/log 'exec cat > out'
    echo 4 > $side/s/log/notification-fd
  done
  (cd ours && exec runsv s > ../ours.log 2>&1) &
  OURS=$!
  (cd theirs && exec "$RUNIT/runsv" s > ../theirs.log 2>&1) &
  THEIRS=$!
  wait_for 15 "alive ours/s && alive theirs/s" "both runsv up"
  settle 'test "$(stat_of $d)" = run && test "$(stat_of $d/log)" = run'
  step status ./s
  step -w 5 down ./s
  step -w 5 up ./s
  step status ./s
  step -w 5 restart ./s
  step -w 5 exit ./s
  same_transcripts
  grep -qx 'ok: run: ./s: (pid N) Ns' transcript.ours || fail "no ok line: $(cat transcript.ours)"
  test -s ours/s/supervise/state || fail "our runsv wrote no state"
  assert_eq 20 "$(status_size ours/s)" "status size"
  test ! -e ours/s/supervise/notify || fail "the socket outlived our runsv"
}
