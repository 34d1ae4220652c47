# tests/func/chpst_combined.sh - chpst with every option at once (chpst(8),
# ORDER OF OPERATIONS).
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_combined () {
  need_nobody
  mkdir e sub
  chmod 777 sub
  echo from-env > e/VAR
  prog='echo "$0|$VAR|$UID|$GID|$(pwd)" > info
    cat /proc/$$/status > status
    cat /proc/$$/limits > limits
    cat /proc/$$/stat > stat
    ls -l /proc/$$/fd > fds'
  "$CHPST" -2 -P -b prog -L lk -o 123 -d 100000000 -u nobody:adm:daemon -U daemon -n 4 -C sub -e e sh -c "$prog" 2> /dev/null ||
    fail "chpst with every option failed"
  # the same without chpst, for the fds the case itself passes down
  mkdir plain
  (cd plain && sh -c "$prog" 2>&-)
  cd sub || fail "no sub"
  assert_eq "prog|from-env|1|1|$T/sub" "$(cat info)" "argv0, env dir, -U, -C"
  assert_eq "65534 65534 65534 65534" "$(statusf Uid status)" "uids"
  assert_eq "4 4 4 4" "$(statusf Gid status)" "gids"
  assert_eq "1 4" "$(statusf Groups status | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')" "groups"
  assert_eq 123 "$(soft_of 'Max open files' limits)" "open files"
  assert_eq 100000000 "$(soft_of 'Max data size' limits)" "data"
  assert_eq 4 "$(cut -d' ' -f19 stat)" "nice"
  pid=$(cut -d' ' -f1 stat)
  assert_eq "$pid $pid" "$(cut -d' ' -f5,6 stat)" "own session"
  # fd 2 closed, and one more than the case passes down: the lock (after -C: sub/lk)
  grep -q ' 2 -> ' fds && fail "fd 2 is open"
  assert_eq $(( $(grep -c ' -> ' ../plain/fds) + 1 )) "$(grep -c ' -> ' fds)" "number of fds of the program"
  grep -q " -> $T/sub/lk\$" fds || fail "the program does not hold sub/lk: $(cat fds)"
  cd "$T" || fail "no T"
  assert_rc 0 chpst -L sub/lk true   # the program held the lock; it is gone now
}

t_combined_chroot () {
  need_root
  mkroot r sh id
  mkdir -p r/etc r/home/app e
  echo 'app:x:3000:3001::/:/bin/sh' > r/etc/passwd
  echo 'app:x:3001:' > r/etc/group
  echo 'tools:x:3002:' >> r/etc/group
  echo value > e/X
  sh=$(command -v sh)
  chpst -e e -/ r -C /home/app -u app:app:tools -U app "$sh" -c 'echo "$(pwd) $X $UID $GID $(id -u) $(id -G)"' > out || fail "chpst -e -/ -C -u failed"
  assert_eq "/home/app value 3000 3001 3000 3001 3002" "$(cat out)"
}
