# tests/func/svlogd_processor.sh - svlogd's processor (svlogd(8),
# PROCESSOR): the !processor line, its state, failures, retries and files
# given up on.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_processor () {
  mkdir d
  # upper-cases each file; keeps a count of its runs in state (fd 4 in, fd 5 out)
  printf 's100\n!tr a-z A-Z ; n=$(cat <&4) ; echo $((n + 1)) >&5\n' > d/config
  lines 12 20 | "$SVLOGD" -l 20 d ; assert_eq 0 $? "exit code"
  assert_eq 3 "$(nold d)" "processed files"
  for f in $(old d) ; do assert_eq 744 "$(stat -c %a d/"$f")" "mode of $f" ; done
  assert_eq 0 "$(nold d u)" ".u files left"
  assert_eq 0 "$(nold d t)" ".t files left"
  assert_eq "LINE 000001 XXXXXXX" "$(head -n 1 d/"$(old d | head -n 1)")" "processed content"
  assert_file d/state "3"
  test ! -e d/newstate || fail "newstate left"
  # the processor runs in the log directory
  mkdir e
  printf 's20\n!pwd -P > where ; cat\n' > e/config
  lines 1 20 | "$SVLOGD" -l 5 e
  assert_file e/where "$(cd e && pwd -P)"
}

t_processor_failure_retried () {
  mkdir d
  # fails on its first run, succeeds on the second: the .u is processed again
  printf 's20\n!if test -e tried ; then cat ; else touch tried ; echo partial ; exit 1 ; fi\n' > d/config
  lines 1 20 | "$SVLOGD" -l 5 d 2> err
  assert_eq 1 "$(nold d)" "processed files"
  assert_eq "line 000001 xxxxxxx" "$(cat d/"$(old d)")" "processed content (and not the failed output)"
  assert_eq 0 "$(nold d u)" ".u files left"
  assert_eq 0 "$(nold d t)" ".t files left"
  grep -q "^svlogd: warning: processor failed, restart: d$" err || fail "no restart warning: $(cat err)"
}

t_processor_blocks_next_rotation () {
  # one processor per directory: the next rotation waits until it is done
  mkdir d
  printf 's20\n!while test ! -e go ; do sleep 0.05 ; done ; cat\n' > d/config
  sl_start -l 5 d
  sl_send "0123456789012345678901234"
  wait_for 5 "test \$(nold d u) -eq 1" "the first .u"
  sl_send "abcdefghijklmnopqrstuvwxy"
  still_for 0.5 "test \$(nold d u) -eq 1" "one .u while its processor runs"
  touch d/go
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 2 "$(nold d)" "both processed"
  assert_eq "0123456789012345678901234 abcdefghijklmnopqrstuvwxy" "$(all d | tr '\n' ' ' | sed 's/ $//')" "content"
}

t_failing_processor_never_wedges () {
  # runit's svlogd (and ours before) waited at the second rotation for a
  # processor that always fails: input stopped and SIGTERM was ignored
  mkdir d
  printf 's100\n!false\n' > d/config
  lines 20 20 > in.txt
  sl_start -l 20 d
  cat in.txt >&3
  wait_for 30 "test \"\$(all d | wc -l)\" -ge 20" "every line through the rotations"
  # each file is tried three times, then given up: not run again every second
  wait_for 10 "test \$(grep -c '^svlogd: warning: processor failed, giving up: d/@[0-9a-f]*\.u$' err) -eq \$(nold d u)" "every file given up"
  n=$(grep -c '^svlogd: warning: processor failed, restart: d$' err)
  assert_eq "$(( $(nold d u) * 2 ))" "$n" "restarts: two per file"
  still_for 1.5 "test \$(grep -c 'processor failed, restart' err) -eq $n" "no more restarts"
  # (read once nothing runs: a retry renames a file while all reads the dir,
  # and on a loaded machine the retries outlast the last line)
  all d > got.txt
  cmp -s in.txt got.txt || fail "lines lost or out of order"
  test "$(nold d u)" -ge 3 || fail "rotated files kept as .u: $(nold d u)"
  assert_eq 0 "$(nold d)" ".s files"
  sl_send "last"
  wait_for 5 "grep -q '^last$' d/current"
  kill -TERM "$SL_PID"
  wait_for 10 "gone $SL_PID" "svlogd to end on SIGTERM"
  wait "$SL_PID"
  assert_eq 0 $? "exit code"
  printf 'last\n' >> in.txt
  all d > got.txt
  cmp -s in.txt got.txt || fail "lines lost at SIGTERM"
  assert_eq 744 "$(stat -c %a d/current)" "mode of current after SIGTERM"
  assert_eq 0 "$(nold d t)" ".t files left"
}

t_pending_processed_later () {
  # files given up on are processed once the processor works again: after it
  # next succeeds, and when svlogd rereads its config (SIGHUP) or starts
  mkdir d
  printf 's100\n!test -e ok && exec tr a-z A-Z\n' > d/config
  lines 30 20 > in.txt
  sl_start -l 20 d
  head -n 10 in.txt >&3
  wait_for 20 "test \$(grep -c 'giving up' err) -ge 2" "two files given up"
  test "$(nold d u)" -ge 2 || fail "files pending: $(nold d u)"
  touch d/ok
  tail -n 20 in.txt >&3
  wait_for 20 "test \$(nold d u) -eq 0 && test \$(nold d) -ge 6" "every .u processed"
  tr a-z A-Z < in.txt > want.txt
  { for f in $(old d) ; do cat "d/$f" ; done ; tr a-z A-Z < d/current ; } > got.txt
  cmp -s want.txt got.txt || fail "processed files differ from the input"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  # SIGHUP with a processor that works now: what was given up is processed
  mkdir e
  printf 's100\n!false\n' > e/config
  sl_start -l 20 e
  lines 10 20 >&3
  wait_for 20 "test \$(grep -c 'giving up' err) -ge 2" "two files given up in e"
  n=$(nold e u)
  printf 's100\n!cat\n' > e/config
  kill -HUP "$SL_PID"
  wait_for 20 "test \$(nold e u) -eq 0" "every .u of e processed after SIGHUP"
  assert_eq "$n" "$(nold e)" "processed files"
  sl_stop
  # and a new svlogd takes up what an earlier one left
  mkdir f
  printf 's100\n!false\n' > f/config
  lines 10 20 | "$SVLOGD" -l 20 f 2> /dev/null
  n=$(nold f u)
  test "$n" -ge 2 || fail "files left pending by the first svlogd: $n"
  printf 's100\n!cat\n' > f/config
  sl_start -l 20 f
  wait_for 20 "test \$(nold f u) -eq 0" "every .u of f processed by the next svlogd"
  assert_eq "$n" "$(nold f)" "processed files"
  sl_stop
}
