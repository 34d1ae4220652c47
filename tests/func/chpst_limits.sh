# tests/func/chpst_limits.sh - chpst's resource limits, -m -d -o -p -f -c -r
# -t (chpst(8), OPTIONS): set, clamped to the hard limit, as nobody, and set
# last.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_limits () {
  chpst -d 100000000 -o 99 -p 500 -f 123456 -c 1000 -r 4000 -t 50 cat /proc/self/limits > lim || fail "chpst with limits failed"
  cat /proc/self/limits > before
  for l in "Max data size:100000000" "Max open files:99" "Max processes:500" "Max file size:123456" \
           "Max core file size:1000" "Max resident set:4000" "Max cpu time:50" ; do
    name=${l%%:*} ; want=${l#*:}
    assert_eq "$want" "$(soft_of "$name" lim)" "soft $name"
    assert_eq "$(hard_of "$name" before)" "$(hard_of "$name" lim)" "hard $name is unchanged"
  done
  # untouched limits stay as they were
  assert_eq "$(limit_of 'Max stack size' before)" "$(limit_of 'Max stack size' lim)" "stack"
  # -m: data, stack, locked memory and address space (locked memory clamped to its hard limit)
  chpst -m 100000000 cat /proc/self/limits > lim
  for name in 'Max data size' 'Max stack size' 'Max address space' ; do
    assert_eq 100000000 "$(soft_of "$name" lim)" "-m: soft $name"
  done
  hard=$(hard_of 'Max locked memory' before)
  test "$hard" = unlimited && hard=100000000
  test "$hard" -gt 100000000 && hard=100000000
  assert_eq "$hard" "$(soft_of 'Max locked memory' lim)" "-m: soft locked memory"
  # the last of -m and -d wins, as in runit
  chpst -m 100000000 -d 200000000 cat /proc/self/limits > lim
  assert_eq 200000000 "$(soft_of 'Max data size' lim)" "-d after -m"
}

t_limits_clamp () {
  # above the hard limit: set to the hard limit, silently
  sh -c 'ulimit -n 300 && exec "$0" -o 99999999 cat /proc/self/limits' "$CHPST" > lim 2> err || fail "chpst -o above the hard limit failed: $(cat err)"
  assert_eq "300 300" "$(limit_of 'Max open files' lim)" "open files clamped"
  assert_eq "" "$(cat err)" "stderr"
  sh -c 'ulimit -t 500 && exec "$0" -t 18446744073709551615 cat /proc/self/limits' "$CHPST" > lim || fail "chpst -t max failed"
  assert_eq "500 500" "$(limit_of 'Max cpu time' lim)" "cpu time clamped"
}

t_limits_as_nobody () {
  need_nobody
  nobody "$CHPST" -o 50 -c 0 cat /proc/self/limits > lim || fail "chpst -o as nobody failed"
  assert_eq 50 "$(soft_of 'Max open files' lim)" "soft open files as nobody"
  nobody sh -c 'ulimit -n 200 && exec "$0" -o 1000 cat /proc/self/limits' "$CHPST" > lim || fail "clamp as nobody failed"
  assert_eq "200 200" "$(limit_of 'Max open files' lim)" "clamped as nobody"
}

t_limits_last () {
  need_nobody
  mkdir e
  echo v > e/V
  # limits come last: with no fd allowed, the env dir, the user lookup and the
  # lock still work; only the program's own loader then fails
  mkdir -m 777 d
  chpst -o 0 -e e -u nobody:nogroup -L d/lk /bin/true 2> err
  rc=$?
  test -e d/lk || fail "the lock was not taken before the limits: $(cat err)"
  grep -q '^chpst:' err && fail "chpst failed before exec: $(cat err)"
  test $rc != 0 || fail "the program ran with no fd at all?"
}
