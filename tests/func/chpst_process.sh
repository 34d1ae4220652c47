# tests/func/chpst_process.sh - chpst -/, -C, -n, -P and -0 -1 -2 (chpst(8),
# OPTIONS): the program's root, working directory, nice level, session and
# standard fds.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_chroot () {
  need_root
  mkroot r sh
  touch r/in-root
  mkdir r/sub
  sh=$(command -v sh)
  chpst -/ r "$sh" -c 'pwd; test -e /in-root && echo inside' > out || fail "chpst -/ failed"
  assert_eq "/
inside" "$(cat out)"
  # -C applies inside the new root
  chpst -/ r -C /sub "$sh" -c pwd > out || fail "chpst -/ -C failed"
  assert_eq /sub "$(cat out)"
  # the env dir is read before the chroot, relative to the old cwd
  mkdir e
  echo outside > e/WHERE
  chpst -e e -/ r "$sh" -c 'echo "$WHERE"' > out || fail "chpst -e -/ failed"
  assert_eq outside "$(cat out)"
  assert_rc 111 chpst -/ nodir sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to change directory: nodir: file does not exist" "$(errline)"
  assert_not_ran
}

t_chroot_as_nobody () {
  need_nobody
  mkdir r
  assert_rc 111 nobody "$CHPST" -/ r sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to change root directory: permission denied" "$(errline)"
  assert_not_ran
}

t_chdir () {
  mkdir -p sub/dir
  chpst -C sub/dir pwd > out || fail "chpst -C failed"
  assert_eq "$T/sub/dir" "$(cat out)"
  assert_rc 111 chpst -C nodir sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to change directory: nodir: file does not exist" "$(errline)"
  assert_not_ran
}

t_nice () {
  base=$(cut -d' ' -f19 /proc/self/stat)
  test "$base" = 0 || skip "the tests run at nice $base"
  assert_eq 5 "$(chpst -n 5 cut -d' ' -f19 /proc/self/stat)" "nice 5"
  assert_eq 3 "$(chpst -n +3 cut -d' ' -f19 /proc/self/stat)" "nice +3"
  assert_eq 19 "$(chpst -n 99 cut -d' ' -f19 /proc/self/stat)" "nice 99 is 19"
  assert_eq 0 "$(chpst -n 0 cut -d' ' -f19 /proc/self/stat)" "nice 0"
  # raising the priority needs CAP_SYS_NICE, which a container may lack
  if test "$(id -u)" = 0 && test "$(nice -n -1 cut -d' ' -f19 /proc/self/stat 2> /dev/null)" = -1 ; then
    assert_eq -3 "$(chpst -n -3 cut -d' ' -f19 /proc/self/stat)" "nice -3"
    # nice(2) returns the new value, -1 here: not an error
    assert_eq -1 "$(chpst -n -1 cut -d' ' -f19 /proc/self/stat)" "nice -1"
    # nice comes before the uid switch, so nobody can start at -5
    chpst -u nobody -n -5 cat /proc/self/stat > stat || fail "chpst -u nobody -n -5 failed"
    assert_eq -5 "$(cut -d' ' -f19 stat)" "nice of nobody"
  fi
}

t_nice_as_nobody () {
  need_nobody
  assert_rc 111 nobody "$CHPST" -n -5 sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to set nice level: permission denied" "$(errline)"
  assert_not_ran
  assert_eq 7 "$(nobody "$CHPST" -n 7 cut -d' ' -f19 /proc/self/stat)" "nobody may lower its priority"
}

t_setsid () {
  chpst -P cat /proc/self/stat > stat || fail "chpst -P failed"
  # fields 1, 5, 6: pid, pgrp, session (comm "cat" has no space)
  assert_eq "$(cut -d' ' -f1 stat) $(cut -d' ' -f1 stat)" "$(cut -d' ' -f5,6 stat)" "pgrp and session of chpst -P"
  chpst cat /proc/self/stat > stat
  test "$(cut -d' ' -f1 stat)" != "$(cut -d' ' -f6 stat)" || fail "a new session without -P"
}

t_close_fds () {
  # (no redirection around the tests: it would open fd 1 itself)
  script='r= ; for fd in 0 1 2 ; do if test -e /proc/$$/fd/$fd ; then r="$r$fd open " ; else r="$r$fd closed " ; fi ; done ; echo "$r" > '"$T"'/fds'
  chpst sh -c "$script" < /dev/null 2> /dev/null
  assert_eq "0 open 1 open 2 open" "$(sed 's/ $//' fds)" "without -0 -1 -2"
  chpst -0 sh -c "$script" < /dev/null
  assert_eq "0 closed 1 open 2 open" "$(sed 's/ $//' fds)" "-0"
  chpst -1 sh -c "$script" < /dev/null
  assert_eq "0 open 1 closed 2 open" "$(sed 's/ $//' fds)" "-1"
  chpst -2 sh -c "$script" < /dev/null
  assert_eq "0 open 1 open 2 closed" "$(sed 's/ $//' fds)" "-2"
  chpst -0 -1 -2 sh -c "$script" < /dev/null
  assert_eq "0 closed 1 closed 2 closed" "$(sed 's/ $//' fds)" "-0 -1 -2"
  # already closed is what was asked for (runit fails here)
  assert_rc 0 chpst -0 sh -c "$script" <&-
  assert_eq "0 closed 1 open 2 open" "$(sed 's/ $//' fds)" "-0 on a closed stdin"
  # no fd of chpst's own (env dir, account files) leaks into the program
  mkdir e
  echo 1 > e/A
  u= ; test "$(id -u)" = 0 && u="-u nobody:nogroup"
  sh -c 'ls /proc/$$/fd' < /dev/null > base 2> /dev/null   # what the case itself passes down
  # shellcheck disable=SC2086
  chpst -e e $u sh -c 'ls /proc/$$/fd' < /dev/null > out 2> /dev/null
  assert_eq "$(sort -n base | tr '\n' ' ')" "$(sort -n out | tr '\n' ' ')" "fds of the program"
}
