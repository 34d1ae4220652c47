# tests/func/svlogd_input.sh - how svlogd reads its input (svlogd(8),
# LINES): the last line at the end of input, long lines, reads and writes in
# bulk, and the pipe it shares with the next logger (left blocking, never
# blocked on).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_eof_flush () {
  # runit drops a last line without a newline; we write it, with a newline
  mkdir d e
  printf 'a\nb' | "$SVLOGD" -tt d ; assert_eq 0 $? "exit code"
  assert_eq "a|b" "$(unstamp d/current | tr '\n' '|' | sed 's/|$//')"
  assert_eq 2 "$(wc -l < d/current | tr -d ' ')" "newlines"
  printf 'only-partial' | "$SVLOGD" e
  assert_file e/current "only-partial"
  assert_eq 744 "$(stat -c %a e/current)" "mode after EOF"
  # a partial line longer than the buffer (its head was written already)
  mkdir f
  head -c 300000 /dev/zero | tr '\0' z | "$SVLOGD" f
  assert_eq 300001 "$(wc -c < f/current | tr -d ' ')" "long partial line"
  assert_eq 1 "$(wc -l < f/current | tr -d ' ')" "one line"
}

t_long_lines () {
  # lines longer than every buffer are written whole (and split only by s)
  mkdir d e
  { head -c 400000 /dev/zero | tr '\0' a ; echo ; echo short ; } > in.txt
  "$SVLOGD" -tt d < in.txt
  assert_eq 2 "$(wc -l < d/current | tr -d ' ')" "lines"
  assert_eq "$(( 400000 + 1 + 6 + 2 * 26 ))" "$(wc -c < d/current | tr -d ' ')" "bytes"
  assert_eq short "$(unstamp d/current | tail -n 1)"
  printf 's100000\n' > e/config
  "$SVLOGD" e < in.txt
  all e > out.txt
  cmp -s in.txt out.txt || fail "split long line lost bytes"
  assert_eq 4 "$(nold e)" "rotated files"
}

t_no_per_line_syscalls () {
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir d
  echo s0 > d/config
  lines 20000 100 > in.txt
  # (a sanitized build's leak checker cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=read,write -o trace "$SVLOGD" -tt d < in.txt 2> /dev/null || skip "strace cannot trace here"
  unstamp d/current > out.txt
  cmp -s in.txt out.txt || fail "lines lost"
  n=$(grep -c 'write(' trace)
  test "$n" -lt 100 || fail "$n writes for 20000 lines"
  n=$(grep -c 'read(0' trace)
  test "$n" -lt 100 || fail "$n reads for 20000 lines"
}

t_stdin_left_blocking () {
  # the log pipe is shared with the next logger, which may not be svlogd:
  # svlogd must not leave it non-blocking (cat would get EAGAIN and exit)
  mkdir d
  rm -f in ; mkfifo in
  ( exec 4<&0 ; "$SVLOGD" d <&4 4<&- 2> err & echo $! > slpid ; wait $! ; echo $? > rc ; exec cat > out ) < in 2> caterr &
  holder=$!
  exec 3> in
  wait_for 5 "test -s slpid"
  printf 'one\n' >&3
  wait_for 5 "grep -q one d/current"
  kill -TERM "$(cat slpid)"
  wait_for 5 "test -s rc" "svlogd to exit"
  assert_eq 0 "$(cat rc)" "svlogd's exit code"
  wait_for 5 "gone $holder || test \"\$(readlink /proc/$holder/exe)\" = \"\$(readlink -f \"\$(command -v cat)\")\"" "cat to start"
  is_running "$holder" || fail "cat exited at once: $(cat caterr)"
  flags=$(awk '/^flags:/ { print $2 }' /proc/$holder/fdinfo/0)
  assert_eq 0 "$(( 0$flags & 04000 ))" "O_NONBLOCK on the pipe after svlogd (flags $flags)"
  printf 'two\n' >&3
  wait_for 5 "grep -q two out" "cat to read what follows"
  is_running "$holder" || fail "cat exited: $(cat caterr)"
  exec 3>&-
  wait "$holder"
}

t_read_never_blocks () {
  # svlogd reads only when iopause says readable, and stdin stays blocking
  # (t_stdin_left_blocking); another reader of the pipe may take the bytes
  # in between. strace holds each read(2) of svlogd back 0.3 s, so that cat
  # takes them first, every time: svlogd must not then sit in read(2), deaf
  # to SIGTERM
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir d
  # (a sanitized build's leak checker cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
  export ASAN_OPTIONS
  sl_start -v d
  wait_for 5 "grep -q 'new: d/current' err" "svlogd to start"
  # attached once running: a sanitized build's start-up reads would crawl
  strace -p "$SL_PID" -o /dev/null -e trace=read -e inject=read:delay_enter=300000 2> strace.err &
  wait_for 5 "grep -q attached strace.err || ! is_running $!" "strace to attach"
  grep -q attached strace.err || skip "strace cannot attach here: $(head -n 1 strace.err)"
  cat < in > stolen &
  printf 'taken by cat\n' >&3
  wait_for 5 "grep -q 'taken by cat' stolen" "cat to take the line"
  kill -TERM "$SL_PID"
  wait_for 5 "gone $SL_PID" "svlogd to end on SIGTERM"
  wait "$SL_PID"
  assert_eq 0 $? "exit code"
}
