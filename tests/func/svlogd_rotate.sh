# tests/func/svlogd_rotate.sh - svlogd's rotation (svlogd(8), ROTATION,
# CONFIG, FULL DISK AND WRITE ERRORS): by size (s) and by time (t), how many
# old files are kept (n, N), and a full disk.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_size_rotation () {
  # s100 with -l 20: rotate after a line once current reaches 80 bytes, never beyond 100
  mkdir d
  echo s100 > d/config
  lines 30 20 > in.txt
  "$SVLOGD" -l 20 d < in.txt ; assert_eq 0 $? "exit code"
  assert_eq 7 "$(nold d)" "rotated files (4 lines of 20 bytes each)"
  for f in $(old d) ; do
    assert_eq 80 "$(stat -c %s d/"$f")" "size of $f"
    assert_eq 744 "$(stat -c %a d/"$f")" "mode of $f"
  done
  assert_eq 40 "$(stat -c %s d/current)" "size of current"
  # nothing lost, nothing reordered: the files in name order are the input
  all d > out.txt
  cmp -s in.txt out.txt || fail "log files in name order differ from the input"
  # a line that does not fit is split at the size limit, as runit does
  mkdir e
  printf 's50\n' > e/config
  lines 4 40 | "$SVLOGD" -l 5 e
  assert_eq "50 50 50" "$(for f in $(old e) ; do stat -c %s e/"$f" ; done | tr '\n' ' ' | sed 's/ $//')" "split files"
  assert_eq 10 "$(stat -c %s e/current)" "rest in current"
  # s0: never rotate; k and m suffixes
  mkdir f g
  printf 's0\n' > f/config
  lines 3000 40 | "$SVLOGD" f
  assert_eq 0 "$(nold f)" "rotations with s0"
  printf 's1k\n' > g/config
  lines 100 32 | "$SVLOGD" -l 20 g
  assert_eq 1024 "$(stat -c %s g/"$(old g | head -n 1)")" "s1k file size"
}

t_retention_n () {
  # runit deletes one old file per rotation: an over-full directory stays over-full.
  # We delete every .s file over n; .u files (waiting for the processor) are never counted or deleted.
  mkdir d
  for i in 1 2 3 4 5 6 ; do echo "old $i" > "d/@40000000000000000000000$i.s" ; done
  echo "leftover" > d/@400000000000000000000008.t
  printf 'n3\ns100\n' > d/config
  lines 3 40 | "$SVLOGD" -l 20 d
  assert_eq 3 "$(nold d)" ".s files after one rotation with n3"
  assert_eq "@400000000000000000000005.s @400000000000000000000006.s" "$(old d | head -n 2 | tr '\n' ' ' | sed 's/ $//')" "the newest old ones stay"
  test ! -e d/@400000000000000000000008.t || fail "processor leftover .t was kept"
  # a .u pending for a processor that fails is kept, and not counted
  mkdir p
  for i in 1 2 3 ; do echo "old $i" > "p/@40000000000000000000000$i.s" ; done
  echo "pending" > p/@400000000000000000000000.u
  printf 'n2\ns100\n!false\n' > p/config
  lines 3 40 | "$SVLOGD" -l 20 p 2> /dev/null
  test -e p/@400000000000000000000000.u || fail ".u file was deleted"
  assert_eq 2 "$(nold p)" ".s files with n2"
  # n0 keeps everything
  mkdir e
  printf 'n0\ns100\n' > e/config
  lines 30 40 | "$SVLOGD" -l 20 e
  assert_eq 15 "$(nold e)" "rotated files with n0"
  # the default is 10
  mkdir f
  printf 's100\n' > f/config
  lines 40 40 | "$SVLOGD" -l 20 f
  assert_eq 10 "$(nold f)" "rotated files with the default n"
}

t_retention_clock_stepped_back () {
  # files from the "future" (a clock that went back since): the file just
  # rotated sorts first, and runit 2.1.2 prunes exactly that one
  mkdir d
  for i in 1 2 3 ; do echo "future $i" > "d/@400000007ffffff${i}00000000.s" ; done
  printf 'n2\n' > d/config
  sl_start d
  sl_send "precious"
  wait_for 5 "test -s d/current"
  kill -ALRM "$SL_PID"
  wait_for 5 "test \$(nold d) -eq 2" "two old files"
  new=$(old d | head -n 1)
  assert_file "d/$new" "precious"
  test -e d/@400000007ffffff300000000.s || fail "the newest future file went instead of the oldest"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
}

t_min_n_on_full_disk () {
  need_root
  mkdir d
  mount -t tmpfs -o size=256k tmpfs d 2> /dev/null || skip "cannot mount a tmpfs here"
  trap 'umount d' EXIT
  # with N below n, a full disk deletes old files (down to N) instead of pausing
  for i in 1 2 3 4 5 ; do head -c 40960 /dev/zero > "d/@40000000000000000000000$i.s" ; done
  printf 'n9\nN2\ns0\n' > d/config
  lines 3000 50 > in.txt
  "$SVLOGD" d < in.txt 2> err ; assert_eq 0 $? "exit code"
  assert_eq 2 "$(nold d)" "old files left (N2)"
  test -e d/@400000000000000000000005.s || fail "not the oldest ones went"
  grep -q "^svlogd: warning: out of disk space, delete: d/@400000000000000000000001.s$" err || fail "no delete warning: $(cat err)"
  cmp -s in.txt d/current || fail "lines lost"
}

t_timeout_rotation () {
  mkdir d
  printf 't1\n' > d/config
  sl_start d
  sl_send "timed"
  wait_rotated d 1 4
  assert_file "d/$(old d)" "timed"
  # an empty current is never rotated
  still_for 1.5 "test \$(nold d) -eq 1" "no rotation of an empty current"
  sl_send "again"
  wait_rotated d 2 4
  sl_stop
  assert_eq "timed again" "$(all d | tr '\n' ' ' | sed 's/ $//')" "content"
  # suffixes: t1m is 60 s, so nothing within a second
  mkdir e
  printf 't1m\n' > e/config
  sl_start e
  sl_send "slow"
  still_for 1.5 "test \$(nold e) -eq 0" "no rotation before a minute"
  sl_stop
}

t_full_disk () {
  need_root
  mkdir d
  mount -t tmpfs -o size=1m tmpfs d 2> /dev/null || skip "cannot mount a tmpfs here"
  trap 'umount d' EXIT
  printf 's0\n' > d/config
  head -c 2000000 /dev/zero > d/filler 2> /dev/null
  lines 12000 50 > in.txt
  sl_start d
  cat in.txt >&3 &
  writer=$!
  wait_for 10 "grep -q 'pausing: unable to write to current: d: out of disk space' err" "the pausing message"
  # the writer is held back by the pipe, not dropped
  still_for 0.5 "is_running $writer" "writer blocked while the disk is full"
  rm d/filler
  wait_for 10 "gone $writer" "the writer to finish"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  cmp -s in.txt d/current || fail "lines lost or reordered: $(wc -l < d/current) of 12000"
  assert_eq 1 "$(grep -c pausing err)" "pausing messages (once per stall)"
}

t_full_disk_down_to_min_n_says_why () {
  need_root
  mkdir d
  mount -t tmpfs -o size=256k tmpfs d 2> /dev/null || skip "cannot mount a tmpfs here"
  trap 'umount d' EXIT
  # N below n, but only N old files left: nothing may go, svlogd pauses, and
  # says the write's reason (reading the directory for a file to delete had
  # left errno 0: "no error")
  for i in 1 2 ; do head -c 4096 /dev/zero > "d/@40000000000000000000000$i.s" ; done
  printf 'n9\nN2\ns0\n' > d/config
  head -c 1000000 /dev/zero > d/filler 2> /dev/null
  lines 3000 50 > in.txt
  sl_start d
  cat in.txt >&3 &
  writer=$!
  wait_for 10 "grep -q pausing err" "the pausing message"
  assert_eq "svlogd: pausing: unable to write to current: d: out of disk space" "$(grep pausing err)" "the pausing message"
  assert_eq 2 "$(nold d)" "old files kept (N2)"
  rm d/filler
  wait_for 10 "gone $writer" "the writer to finish"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  cmp -s in.txt d/current || fail "lines lost or reordered"
}
