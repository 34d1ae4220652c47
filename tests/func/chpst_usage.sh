# tests/func/chpst_usage.sh - chpst's usage and exit codes (chpst(8),
# SYNOPSIS, EXIT STATUS, DIAGNOSTICS): bad options and numbers, the
# program's own exit code, a program that cannot be run.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_usage () {
  assert_rc 100 chpst 2> err
  assert_usage_err "$USAGE"
  assert_rc 100 chpst -v -P 2> err
  assert_usage_err "$USAGE"
  assert_rc 100 chpst -x sh -c "$MARK" 2> err
  assert_eq "chpst: illegal option -- x" "$(head -n 1 err)"
  assert_usage_err "chpst: illegal option -- x
$USAGE"
  assert_rc 100 chpst -C 2> err
  assert_eq "chpst: option requires an argument -- C" "$(head -n 1 err)"
  # one lock only: -l with -L, or twice
  assert_rc 100 chpst -l a -L b sh -c "$MARK" 2> err
  assert_usage_err "$USAGE"
  assert_rc 100 chpst -l a -l b sh -c "$MARK" 2> /dev/null
  # -V: a version line, then the usage
  assert_rc 100 chpst -V sh -c "$MARK" 2> err
  assert_match '$Id: *$' "$(head -n 1 err)" "version line"
  assert_eq "$USAGE" "$(sed -n 2p err)"
  assert_not_ran
  test ! -e a || fail "a lock was taken although the options were bad"
  # "--" ends the options
  assert_rc 0 chpst -- sh -c "$MARK"
  test -e ran || fail "chpst -- prog did not run prog"
}

t_bad_numbers () {
  for o in m d o p f c r t ; do
    for v in '' 12x 1k -1 +5 ' 5' 18446744073709551616 = ; do
      assert_rc 100 chpst "-$o" "$v" sh -c "$MARK" 2> err
      assert_usage_err "$USAGE"
    done
  done
  for v in '' abc 5x -- --1 +-1 ' 1' 2147483648 ; do
    assert_rc 100 chpst -n "$v" sh -c "$MARK" 2> err
    assert_usage_err "$USAGE"
  done
  assert_not_ran
}

t_exit_codes () {
  i=0
  while test $i -le 255 ; do
    chpst sh -c "exit $i"
    rc=$?
    test $rc = $i || fail "exit code $i came back as $rc"
    i=$((i + 1))
  done
  # chpst is replaced by the program: its death by signal is the caller's to see
  chpst sh -c 'kill -TERM $$'
  assert_eq 143 $? "exit status of a program killed by TERM"
  # and it is the same process
  "$CHPST" sh -c 'echo $$ > pid' & p=$!
  wait $p
  assert_eq "$p" "$(cat pid)" "pid of the program"
}

t_exec_errors () {
  # (a PATH every user may search: a denied directory would make it "access denied")
  assert_rc 111 env PATH=/usr/bin:/bin "$CHPST" nosuchprog 2> err
  assert_eq "chpst: fatal: unable to run: nosuchprog: file does not exist" "$(errline)"
  assert_rc 111 chpst ./nosuchprog 2> err
  assert_eq "chpst: fatal: unable to run: ./nosuchprog: file does not exist" "$(errline)"
  printf '#!/bin/sh\ntouch ran\n' > notexec
  assert_rc 111 chpst ./notexec 2> err
  assert_eq "chpst: fatal: unable to run: ./notexec: access denied" "$(errline)"
  mkdir adir
  assert_rc 111 chpst ./adir 2> err
  assert_eq "chpst: fatal: unable to run: ./adir: access denied" "$(errline)"
  # the message names argv[0] as -b set it
  assert_rc 111 env PATH=/usr/bin:/bin "$CHPST" -b shown nosuchprog 2> err
  assert_eq "chpst: fatal: unable to run: shown: file does not exist" "$(errline)"
  assert_not_ran
}
