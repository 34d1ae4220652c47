# tests/func/svlogd_options.sh - svlogd's usage and options (svlogd(8),
# OPTIONS, DIAGNOSTICS): bad usage, -l, -r and -R, -v.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_usage () {
  "$SVLOGD" > out 2> err ; assert_eq 111 $? "exit code without a directory"
  # runit names the program as it was called
  assert_eq "usage: $SVLOGD [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ..." "$(head -n 1 err)"
  (cd "$SV_BIN" && ./svlogd 2> "$T/err") ; assert_eq 111 $? "exit code without a directory"
  assert_eq "usage: ./svlogd [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ..." "$(head -n 1 err)"
  assert_eq 2 "$(wc -l < err | tr -d ' ')" "usage lines (text and an empty line)"
  "$SVLOGD" -x d 2> err < /dev/null ; assert_eq 111 $? "exit code for -x"
  assert_eq "svlogd: illegal option -- x" "$(head -n 1 err)"
  "$SVLOGD" -r ab d 2> err < /dev/null ; assert_eq 111 $? "-r with two characters"
  assert_match "usage: *svlogd \[-ttv\]*" "$(head -n 1 err)"
  "$SVLOGD" -r '' d 2> err < /dev/null ; assert_eq 111 $? "-r with none"
  # -b must be more than -l (default 1024 and 1000)
  "$SVLOGD" -l 1024 d 2> err < /dev/null ; assert_eq 111 $? "-l 1024 with the default -b"
  assert_match "usage: *svlogd \[-ttv\]*" "$(head -n 1 err)"
  "$SVLOGD" -l 10 -b 10 d 2> err < /dev/null ; assert_eq 111 $? "-b equal to -l"
  # bad numbers: runit reads them as 0; we say so
  "$SVLOGD" -l 12x d 2> err < /dev/null ; assert_eq 111 $? "-l 12x"
  assert_file err "svlogd: fatal: unable to scan line length: 12x"
  "$SVLOGD" -b -5 d 2> err < /dev/null ; assert_eq 111 $? "-b -5"
  assert_file err "svlogd: fatal: unable to scan buffer size: -5"
  "$SVLOGD" -l 2> err < /dev/null ; assert_eq 111 $? "-l without value"
  assert_eq "svlogd: option requires an argument -- l" "$(head -n 1 err)"
  test ! -e d || fail "a usage error created the directory"
}

t_opt_l () {
  mkdir d
  printf 'e*\n' > d/config
  printf '%s\n' 012 0123 0123456789 | "$SVLOGD" -l 4 d 2> err
  # stderr gets len bytes and ... when the line is that long or longer; the log gets everything
  assert_eq "012|0123...|0123..." "$(tr '\n' '|' < err | sed 's/|$//')" "stderr"
  assert_eq "012|0123|0123456789" "$(tr '\n' '|' < d/current | sed 's/|$//')" "log"
  # patterns only see the first len bytes
  printf -- '-*\n+*9\n+0123\n' > d/config
  printf '%s\n' 0123456789 | "$SVLOGD" -l 4 d
  assert_eq "0123456789" "$(tail -n 1 d/current)" "matched on 4 bytes"
  printf -- '-*\n+*9\n' > d/config
  printf '%s\n' 0123456789 xyz9 | "$SVLOGD" -l 4 d
  assert_eq "xyz9" "$(tail -n 1 d/current)" "*9 sees xyz9"
  assert_eq 5 "$(wc -l < d/current | tr -d ' ')" "*9 cannot see byte 10"
  # -l 0 is the default, 1000
  printf 'e*\n' > d/config
  head -c 1500 /dev/zero | tr '\0' a | "$SVLOGD" -l 0 d 2> err
  assert_eq 1004 "$(wc -c < err | tr -d ' ')" "stderr line with -l 0"
}

t_opt_r_and_R () {
  mkdir a b c d
  printf 'a\tb\001c\377d\n' | "$SVLOGD" -r . a
  assert_file a/current "a.b.c.d"
  printf 'abcXYZ\n' | "$SVLOGD" -R XZ b
  assert_file b/current "abc_Y_"
  printf 'abcXYZ\n' | "$SVLOGD" -R XZ -r - c
  assert_file c/current "abc-Y-"
  # runit replaces within the first len bytes only
  printf 'a\tbcXYZ\tXYZ\n' | "$SVLOGD" -l 3 -R Z d
  printf 'a_bcXYZ\tXYZ\n' > want
  cmp -s want d/current || fail "-l 3 -R Z: got $(od -c d/current)"
  # replacement happens before matching
  mkdir e
  printf -- '-*\n+a_b\n' > e/config
  printf 'a\tb\n' | "$SVLOGD" -r _ e
  assert_file e/current "a_b"
}

t_verbose () {
  mkdir d
  printf 's20\n' > d/config
  lines 2 20 | "$SVLOGD" -v -l 5 d 2> err
  sed 's/@[0-9a-f]\{24\}/@T/' err > got
  cat > want <<'EOF'
svlogd: info: read: d/config
svlogd: info: new: d/current
svlogd: info: rename: d/current @T.s 20
svlogd: info: rename: d/current @T.s 20
svlogd: info: close: d
EOF
  diff want got > /dev/null || fail "verbose output: $(cat err)"
}
