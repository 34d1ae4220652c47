# tests/func/chpst_user.sh - chpst -u and -U (chpst(8), OPTIONS, USERS AND
# GROUPS): users, groups, numeric ids, bad ones, as nobody, in a chroot.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_user_name () {
  need_root
  chpst -u nobody cat /proc/self/status > st || fail "chpst -u nobody failed"
  assert_eq "65534 65534 65534 65534" "$(statusf Uid st)" "uids"
  assert_eq "65534 65534 65534 65534" "$(statusf Gid st)" "gids"
  assert_eq "65534" "$(statusf Groups st)" "groups"
  # the caller's supplementary groups are all dropped (no initgroups either)
  command -v setpriv > /dev/null 2>&1 || skip "setpriv is not installed"
  setpriv --groups 4,24,27 "$CHPST" -u daemon cat /proc/self/status > st || fail "chpst -u daemon failed"
  assert_eq "1 1 1 1" "$(statusf Uid st)" "uids"
  assert_eq "1" "$(statusf Groups st)" "groups"
}

t_user_groups () {
  need_root
  chpst -u nobody:daemon:adm cat /proc/self/status > st || fail "chpst failed"
  assert_eq "65534 65534 65534 65534" "$(statusf Uid st)" "uids"
  assert_eq "1 1 1 1" "$(statusf Gid st)" "gid is the first group"
  assert_eq "1 4" "$(statusf Groups st)" "groups are all the listed ones"
  chpst -u nobody:adm cat /proc/self/status > st || fail "chpst failed"
  assert_eq "4 4 4 4" "$(statusf Gid st)" "gid"
  assert_eq "4" "$(statusf Groups st)" "groups"
}

t_user_numeric () {
  need_root
  chpst -u :1234:2345:3456 cat /proc/self/status > st || fail "chpst failed"
  assert_eq "1234 1234 1234 1234" "$(statusf Uid st)" "uids"
  assert_eq "2345 2345 2345 2345" "$(statusf Gid st)" "gids"
  assert_eq "2345 3456" "$(statusf Groups st)" "groups"
  chpst -u :0:0 cat /proc/self/status > st || fail "chpst failed"
  assert_eq "0 0 0 0" "$(statusf Uid st)" "uids"
  # 60 groups is runit's maximum
  g=$(seq -s : 1 60)
  chpst -u ":5:$g" cat /proc/self/status > st || fail "chpst with 60 groups failed"
  assert_eq "$(seq -s ' ' 1 60)" "$(statusf Groups st)" "60 groups"
}

t_user_bad () {
  assert_rc 111 chpst -u :65534 sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: invalid uid/gids: 65534" "$(errline)"
  # runit reads these as uid or gid 0 (root!); we refuse them
  for s in :1000: ::1 : :4294967296:1 :1:-1 :1x:1 ":5:$(seq -s : 1 61)" ; do
    assert_rc 111 chpst -u "$s" sh -c "$MARK" 2> err
    assert_eq "chpst: fatal: invalid uid/gids: ${s#:}" "$(errline)"
  done
  for s in nosuchuser nobody:nosuchgroup nobody: 65534 nobody:0 ; do
    assert_rc 111 chpst -u "$s" sh -c "$MARK" 2> err
    assert_eq "chpst: fatal: unknown user/group: $s" "$(errline)"
    assert_rc 111 chpst -U "$s" sh -c "$MARK" 2> err
    assert_eq "chpst: fatal: unknown user/group: $s" "$(errline)"
  done
  assert_rc 111 chpst -u "nobody$(printf ':daemon%.0s' $(seq 61))" sh -c "$MARK" 2> err
  assert_match "chpst: fatal: too many groups*" "$(errline)"
  assert_not_ran
}

t_envuser () {
  chpst -U nobody env > env.out || fail "chpst -U failed"
  grep -qx 'UID=65534' env.out || fail "no UID=65534 in: $(cat env.out)"
  grep -qx 'GID=65534' env.out || fail "no GID=65534"
  # only the variables: the process itself keeps its ids
  chpst -U nobody cat /proc/self/status > st
  assert_eq "$(id -u)" "$(statusf Uid st | cut -d' ' -f1)" "own uid"
  chpst -U nobody:daemon:adm env > env.out
  grep -qx 'GID=1' env.out || fail "GID is not the first group: $(grep GID env.out)"
  chpst -U :5:6:7 env > env.out
  { grep -qx 'UID=5' env.out && grep -qx 'GID=6' env.out ; } || fail "numeric -U: $(grep ID= env.out)"
  # -U comes after the env dir: it wins over an UID set there
  mkdir e
  echo 1234 > e/UID
  chpst -e e -U nobody env > env.out
  grep -qx 'UID=65534' env.out || fail "-U did not override the env dir: $(grep UID env.out)"
  assert_rc 111 chpst -U :5 sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: invalid uid/gids: 5" "$(errline)"
  assert_not_ran
}

t_user_as_nobody () {
  need_nobody
  # nobody cannot switch users; nothing runs
  assert_rc 111 nobody "$CHPST" -u nobody sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to setgroups: permission denied" "$(errline)"
  assert_rc 111 nobody "$CHPST" -u root sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to setgroups: permission denied" "$(errline)"
  assert_not_ran
  # but -U needs no privilege
  nobody "$CHPST" -U daemon env > env.out || fail "-U as nobody failed"
  grep -qx 'UID=1' env.out || fail "no UID=1"
}

t_user_in_chroot () {
  need_root
  mkroot r id
  mkdir -p r/etc
  echo 'inroot:x:4242:4343::/:/bin/sh' > r/etc/passwd
  echo 'ingroup:x:4444:' > r/etc/group
  # names are looked up after the chroot, in the new root's files (as runit)
  chpst -/ r -u inroot:ingroup "$(command -v id)" > id.out || fail "chpst -/ r -u inroot failed"
  assert_eq "uid=4242(inroot) gid=4444(ingroup) groups=4444(ingroup)" "$(cat id.out)"
  chpst -/ r -u inroot "$(command -v id)" -G > id.out || fail "chpst failed"
  assert_eq "4343" "$(cat id.out)" "groups of inroot"
  # a user of the outer root is unknown in there
  assert_rc 111 chpst -/ r -u daemon "$(command -v id)" 2> err
  assert_eq "chpst: fatal: unknown user/group: daemon" "$(errline)"
}
