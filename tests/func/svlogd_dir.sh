# tests/func/svlogd_dir.sh - svlogd's log directories (svlogd(8), LOG
# DIRECTORY): several at once, unusable ones, the lock, the modes, and the
# current and .u files a killed svlogd left.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_two_dirs () {
  mkdir a b
  printf -- '-*\n+*a*\n' > b/config
  printf 's50\n' > a/config
  lines 5 20 | sed '3s/^/a /' | "$SVLOGD" -l 10 a b nosuch 2> err ; assert_eq 0 $? "exit code"
  assert_eq 5 "$(all a | wc -l | tr -d ' ')" "lines in a"
  assert_eq 2 "$(nold a)" "rotations in a"
  assert_eq "a line 000003 xxxxxxx" "$(cat b/current)" "b selects only lines with an a"
  assert_file err "svlogd: warning: unable to open log directory: nosuch: file does not exist"
  # the same directory twice: the second cannot lock it
  mkdir c
  printf 'x\n' | "$SVLOGD" c c 2> err
  assert_file err "svlogd: warning: unable to lock directory: c: temporary failure"
  assert_file c/current "x"
}

t_unusable_dirs () {
  "$SVLOGD" nosuch < /dev/null 2> err ; assert_eq 111 $? "exit code for a missing directory"
  assert_eq "svlogd: warning: unable to open log directory: nosuch: file does not exist|svlogd: fatal: no functional log directories." "$(tr '\n' '|' < err | sed 's/|$//')"
  touch file
  "$SVLOGD" file < /dev/null 2> err ; assert_eq 111 $? "exit code for a file"
  assert_eq "svlogd: warning: unable to change directory: file: not a directory" "$(head -n 1 err)"
  # locked by another svlogd
  mkdir l
  sl_start l
  wait_for 5 "test -e l/current" "the first svlogd to lock l"
  "$SVLOGD" l < /dev/null 2> err2 ; assert_eq 111 $? "exit code for a locked directory"
  assert_eq "svlogd: warning: unable to lock directory: l: temporary failure" "$(head -n 1 err2)"
  sl_stop
  # a directory nobody may write
  need_root
  mkdir ro
  mount -t tmpfs -o ro,size=64k tmpfs ro 2> /dev/null || skip "cannot mount a read-only tmpfs here"
  trap 'umount ro' EXIT
  printf 'x\n' > in.txt
  "$SVLOGD" ro < in.txt 2> err ; assert_eq 111 $? "exit code for a read-only directory"
  assert_eq "svlogd: warning: unable to lock directory: ro: read-only file system|svlogd: fatal: no functional log directories." "$(tr '\n' '|' < err | sed 's/|$//')"
}

t_unclean_current () {
  mkdir d
  # no execute bit and not empty: svlogd did not close it (kill -9): with
  # no processor, kept as a complete .s (runit keeps it as a .u for ever)
  printf 'crashed\n' > d/current
  chmod 644 d/current
  printf 'new\n' | "$SVLOGD" d 2> err
  assert_eq 0 "$(nold d u)" ".u files"
  assert_eq 1 "$(nold d)" ".s files"
  assert_file "d/$(old d)" "crashed"
  assert_eq 744 "$(stat -c %a "d/$(old d)")" "mode of the kept file"
  assert_file d/current "new"
  # a clean one is appended to
  printf 'more\n' | "$SVLOGD" d
  assert_eq "new|more" "$(tr '\n' '|' < d/current | sed 's/|$//')"
  assert_eq 1 "$(nold d)" ".s files"
  # kill -9 leaves current without the bit: the next one starts anew
  sl_start d
  sl_send "lost?"
  wait_for 5 "grep -q lost d/current"
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  assert_eq 644 "$(stat -c %a d/current)" "mode after kill -9"
  printf 'after\n' | "$SVLOGD" d
  assert_eq 2 "$(nold d)" ".s files"
  assert_eq "new|more|lost?" "$(tr '\n' '|' < "d/$(old d | tail -n 1)" | sed 's/|$//')" "the killed one's current"
  assert_file d/current "after"
  # with a processor, the unclean current is kept as a .u and processed
  mkdir p
  printf '!tr a-z A-Z\n' > p/config
  printf 'crashed\n' > p/current
  printf 'new\n' | "$SVLOGD" p
  assert_eq 0 "$(nold p u)" ".u files with a processor"
  assert_file "p/$(old p)" "CRASHED"
}

t_u_recovered () {
  # a .u left by a svlogd killed mid-rotation is not left for ever
  u=@400000006b0ad05a00000000.u s=@400000006b0ad05a00000000.s
  # no processor: it becomes the .s of the same name, at start-up
  mkdir d
  printf 'one\ntwo\n' > "d/$u"
  chmod 644 "d/$u"
  sl_start -v d
  wait_for 5 "test -e d/$s && test ! -e d/$u" "the .u to become the .s"
  assert_eq "one|two" "$(tr '\n' '|' < "d/$s" | sed 's/|$//')" "content of the .s"
  assert_eq 744 "$(stat -c %a "d/$s")" "mode of the .s"
  grep -q "^svlogd: info: rename: d/$u $s\$" err || fail "no rename message: $(cat err)"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  # its .s already there (a processor's booking cut short): both are kept
  mkdir b
  echo processed > "b/$s"
  echo raw > "b/$u"
  printf 'x\n' | "$SVLOGD" b
  assert_eq 0 "$(nold b u)" ".u files"
  assert_file "b/$s" "processed"
  assert_eq "processed|raw" "$(for f in $(old b) ; do cat "b/$f" ; done | tr '\n' '|' | sed 's/|$//')" "both files"
  # with a processor: processed as at a rotation, its output the .s
  mkdir p
  printf '!tr a-z A-Z ; echo done >&5\n' > p/config
  printf 'one\ntwo\n' > "p/$u"
  sl_start p
  wait_for 5 "test -e p/$s && test ! -e p/$u" "the .u to be processed"
  assert_eq "ONE|TWO" "$(tr '\n' '|' < "p/$s" | sed 's/|$//')" "processed content"
  assert_eq 744 "$(stat -c %a "p/$s")" "mode of the .s"
  assert_file p/state "done"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 0 "$(nold p t)" ".t files left"
}

t_u_recovered_after_kill () {
  # the real thing: SIGKILL while a slow processor runs, then a new svlogd.
  # The killed one's processor goes on (nothing kills it) and writes when
  # released: into a file of its own, not into what became the .s
  mkdir d
  printf 's20\n!if mkdir first 2> /dev/null ; then while test ! -e go ; do sleep 0.05 ; done ; echo ORPHAN ; cat ; touch orphan.done ; else tr a-z A-Z ; fi\n' > d/config
  sl_start -l 5 d
  sl_send "0123456789abcdef"
  wait_for 5 "test \$(nold d u) -eq 1 && test -d d/first" "the first processor to run"
  u=$(old d u)
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  exec 3>&-
  test -e "d/$u" || fail "the .u went with the kill"
  sl_start -l 5 d
  s=${u%.u}.s
  wait_for 5 "test -e d/$s && test ! -e d/$u" "the .u to be processed by the next svlogd"
  assert_file "d/$s" "0123456789ABCDEF"
  touch d/go
  wait_for 5 "test -e d/orphan.done" "the orphaned processor to finish"
  assert_file "d/$s" "0123456789ABCDEF"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 0 "$(nold d u)" ".u files"
  # and without a processor, the killed one's .u becomes a .s
  mkdir e
  printf 's20\n!while test ! -e go ; do sleep 0.05 ; done ; cat\n' > e/config
  sl_start -l 5 e
  sl_send "abcdefghijklmnop"
  wait_for 5 "test \$(nold e u) -eq 1" "the .u"
  u=$(old e u)
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  exec 3>&-
  printf 's20\n' > e/config
  printf 'next\n' | "$SVLOGD" e
  assert_file "e/${u%.u}.s" "abcdefghijklmnop"
  assert_eq 0 "$(nold e u)" ".u files"
  touch e/go
}

t_modes () {
  mkdir d
  sl_start d
  sl_send "x"
  wait_for 5 "test -s d/current"
  assert_eq 644 "$(stat -c %a d/current)" "current while in use"
  assert_eq 600 "$(stat -c %a d/lock)" "lock"
  sl_stop
  assert_eq 744 "$(stat -c %a d/current)" "current after the end"
  # modes are set explicitly: a tight umask does not change them
  mkdir e
  printf 's10\n' > e/config
  (umask 077 ; lines 3 20 | "$SVLOGD" -l 5 e)
  assert_eq 744 "$(stat -c %a e/current)" "current with umask 077"
  assert_eq 744 "$(stat -c %a e/"$(old e | head -n 1)")" "rotated with umask 077"
  test ! -e e/state || fail "state made without a processor"
}
