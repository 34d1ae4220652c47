# tests/func/chpst.sh - black-box tests of chpst and its daemontools personalities.
#
# Every case checks the real state of the exec'd program: /proc/self/status
# (uids, gids, groups), /proc/self/limits, /proc/self/stat (nice, session),
# its environment, root, cwd and open fds. chpst is always run by path from
# $SV_BIN, never through PATH, so Debian's chpst can never answer instead.
# Cases that must run unprivileged use setpriv (util-linux) to become nobody.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

CHPST=$SV_BIN/chpst
USAGE='usage: chpst [-vVP012] [-u user[:group]] [-U user[:group]] [-b argv0] [-e dir] [-/ root] [-C pwd] [-n nice] [-l|-L lock] [-m n] [-d n] [-o n] [-p n] [-f n] [-c n] [-t n] prog'

chpst () { "$CHPST" "$@" ; }

# persona NAME...: links $T/NAME -> our chpst (what make install does)
persona () {
  for _n ; do ln -sf "$CHPST" "$T/$_n" ; done
}

# statusf FIELD FILE: a /proc/PID/status field, blanks squeezed ("Uid" -> "0 0 0 0")
statusf () {
  sed -n "s/^$1:[[:space:]]*//p" "$2" | tr -s '\t ' '  ' | sed 's/ *$//'
}

# limit_of 'Max open files' FILE: "soft hard" from a /proc/PID/limits copy
limit_of () {
  sed -n "s/^$1  *\([^ ]*\)  *\([^ ]*\).*/\1 \2/p" "$2"
}
soft_of () { limit_of "$1" "$2" | cut -d' ' -f1 ; }
hard_of () { limit_of "$1" "$2" | cut -d' ' -f2 ; }

# nobody CMD...: run CMD as uid/gid 65534 with no supplementary groups
nobody () {
  setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
need_nobody () {
  need_root
  command -v setpriv > /dev/null 2>&1 || skip "setpriv (util-linux) is not installed"
  chmod 755 "$T"   # so nobody can work in the case's directory
}

# errline: the one diagnostic line chpst wrote to err
errline () {
  test "$(wc -l < err)" -eq 1 || fail "expected one line on stderr, got: $(cat err)"
  cat err
}

# assert_usage RC-FILE-NAME: err holds exactly chpst's usage text and an empty line
assert_usage_err () {
  assert_eq "$(printf '%s\n' "$1")" "$(sed '$d' err)" "usage text"
  assert_eq "" "$(tail -n 1 err)" "empty line after usage"
}

# mkroot DIR PROG...: a minimal root holding these programs and their shared libraries
mkroot () {
  _r=$1 ; shift
  for _p ; do
    _b=$(command -v "$_p") || skip "no $_p"
    for _f in "$_b" $(ldd "$_b" 2>/dev/null | awk '/=>/ { print $3 } /^[[:space:]]*\// { print $1 }') ; do
      { mkdir -p "$_r$(dirname "$_f")" && cp -L "$_f" "$_r$_f" ; } || skip "cannot copy $_f into a chroot"
    done
  done
}

# marker: the command chpst must never get to run when it fails
MARK="touch $T/ran"
assert_not_ran () {
  test ! -e "$T/ran" || fail "the program ran although chpst failed"
}

# --------------------------------------------------------------- usage, exit codes

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

# --------------------------------------------------------------- -u, -U

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

# --------------------------------------------------------------- -b, -e

t_argv0 () {
  chpst -b myname sh -c 'echo "$0"' > out || fail "chpst -b failed"
  assert_eq myname "$(cat out)" "argv[0]"
  # the program is still found by its own name, and the last -b wins
  chpst -b one -b two sh -c 'echo "$0"' > out
  assert_eq two "$(cat out)" "argv[0]"
}

t_envdir_values () {
  mkdir e
  printf 'bar  \t\nsecond line\n' > e/FOO
  printf 'a\0b\n' > e/NUL
  : > e/HOME
  printf '\n' > e/EMPTY
  printf 'cr\r\n' > e/CR
  printf ' lead' > e/LEAD
  printf 'x \0 ' > e/SPNUL
  printf 'hidden' > e/.DOT
  printf 'new' > e/OLD
  OLD=old HOME=/h chpst -e e sh -c '
    printf "[%s]" "$FOO" "$NUL" "${HOME-unset}" "${EMPTY-unset}" "$CR" "$LEAD" "$SPNUL" "$OLD"' > out || fail "chpst -e failed"
  assert_eq "$(printf '[bar][a\nb][unset][][cr\r][ lead][x \n][new]')" "$(cat out)" "values from the env dir"
  chpst -e e env > env.out
  grep -q '^\.DOT=' env.out && fail "a dot-file was used"
  # a long first line is used whole
  awk 'BEGIN { while (i++ < 5000) printf "v" ; print "" ; print "second" }' > e/LONG
  chpst -e e sh -c 'printf %s "$LONG"' > out
  assert_eq 5000 "$(wc -c < out | tr -d ' ')" "length of a 5000-byte value"
}

t_envdir_subdir () {
  persona envdir
  mkdir -p e/SUB
  echo 1 > e/A
  # chpst -e skips a subdirectory; -v says so
  chpst -e e sh -c 'echo $A' > out 2> err || fail "chpst -e with a subdirectory failed"
  assert_eq 1 "$(cat out)"
  assert_eq "" "$(cat err)" "stderr without -v"
  chpst -v -e e sh -c 'echo $A' > out 2> err || fail "chpst -v -e failed"
  assert_eq "chpst: warning: unable to read e/SUB: is a directory" "$(errline)"
  # the envdir personality refuses it, as daemontools' envdir
  assert_rc 111 ./envdir e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/SUB: is a directory" "$(errline)"
  assert_not_ran
}

t_envdir_errors () {
  assert_rc 111 chpst -e nodir sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: nodir: file does not exist" "$(errline)"
  echo x > file
  assert_rc 111 chpst -e file sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: file: not a directory" "$(errline)"
  mkdir e
  ln -s nowhere e/LINK
  assert_rc 111 chpst -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/LINK: file does not exist" "$(errline)"
  rm e/LINK
  # a name with "=" would make a malformed variable (runit lets it through)
  echo v > 'e/A=B'
  assert_rc 111 chpst -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: invalid environment variable name (contains =): e/A=B" "$(errline)"
  assert_not_ran
}

t_envdir_not_regular () {
  persona envdir
  mkdir e
  echo 1 > e/A
  mkfifo e/FIFO
  # a FIFO is refused, not opened: opening it would block until a writer came
  # (timeout: a chpst that blocks must fail the case, not hang it)
  assert_rc 111 timeout 10 "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/FIFO: not a regular file" "$(errline)"
  assert_rc 111 timeout 10 ./envdir e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/FIFO: not a regular file" "$(errline)"
  rm e/FIFO
  # a device, even one that reads as empty, is not a variable
  ln -s /dev/null e/NULL
  assert_rc 111 timeout 10 "$CHPST" -v -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/NULL: not a regular file" "$(errline)"
  assert_not_ran
}

t_envdir_long_line () {
  mkdir e
  # a first line of up to 131072 bytes is read (this one passes through exec)
  awk 'BEGIN { while (i++ < 100000) printf "v" }' > e/LONG
  chpst -e e sh -c 'printf %s "$LONG"' > out || fail "chpst -e with a 100000-byte value failed"
  assert_eq 100000 "$(wc -c < out | tr -d ' ')" "length of a 100000-byte value"
  # a longer one is refused before the program runs, not cut
  awk 'BEGIN { while (i++ < 131073) printf "v" ; print "" }' > e/LONG
  assert_rc 111 timeout 10 "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/LONG: first line longer than 131072 bytes" "$(errline)"
  assert_not_ran
}

t_envdir_unreadable () {
  need_nobody
  mkdir e
  echo 1 > e/A
  echo 2 > e/SECRET
  chmod 0 e/SECRET
  assert_rc 111 nobody "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to read e/SECRET: access denied" "$(errline)"
  chmod 700 e
  chmod 644 e/SECRET
  assert_rc 111 nobody "$CHPST" -e e sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: e: access denied" "$(errline)"
  assert_not_ran
}

t_envdir_path_lookup () {
  mkdir e
  echo /nonexistent > e/PATH
  # the program is found through chpst's own PATH; it then sees the new one
  chpst -e e sh -c 'echo "$PATH"' > out || fail "chpst -e with PATH failed"
  assert_eq /nonexistent "$(cat out)"
}

t_envdir_before_user () {
  need_root
  # a root-only env dir: read before the uid switch
  mkdir -m 700 e
  echo secret > e/S
  chmod 600 e/S
  chpst -e e -u nobody sh -c 'echo "$S"; id -u' > out || fail "chpst -e e -u nobody failed"
  assert_eq "secret
65534" "$(cat out)"
}

# --------------------------------------------------------------- -/, -C, -n

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

# --------------------------------------------------------------- -l, -L

t_lock_nowait () {
  chpst -L lk sh -c 'touch held ; while test ! -e release ; do sleep 0.01 ; done' &
  holder=$!
  wait_for 5 'test -e held' "the first chpst -L to hold the lock"
  assert_eq "-rw-------" "$(ls -l lk | cut -c1-10)" "mode of the lock file"
  # (timeout: a -L that wrongly waits must fail the case, not hang it)
  assert_rc 111 timeout 5 "$CHPST" -L lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to lock: lk: temporary failure" "$(errline)"
  assert_not_ran
  touch release
  wait $holder
  # free again once the program that held it is gone
  assert_rc 0 chpst -L lk sh -c "$MARK"
  test -e ran || fail "chpst -L did not run the program on a free lock"
}

t_lock_wait () {
  chpst -L lk sh -c 'touch held ; while test ! -e release ; do sleep 0.01 ; done' &
  wait_for 5 'test -e held' "the holder"
  chpst -l lk sh -c 'touch got' &
  waiter=$!
  still_for 0.3 'test ! -e got' "chpst -l waiting while the lock is held"
  touch release
  wait_for 5 'test -e got' "chpst -l to get the lock once it was released"
  wait $waiter
}

t_lock_errors () {
  assert_rc 111 chpst -L nodir/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: nodir/lk: file does not exist" "$(errline)"
  assert_rc 111 chpst -l nodir/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: nodir/lk: file does not exist" "$(errline)"
  assert_not_ran
}

t_lock_after_user () {
  need_nobody
  mkdir -m 700 private
  # the lock is opened after the uid switch: nobody cannot open it here
  assert_rc 111 chpst -u nobody -l private/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: private/lk: access denied" "$(errline)"
  assert_not_ran
  test ! -e private/lk || fail "the lock was created before the uid switch"
  mkdir -m 777 shared
  chpst -u nobody -L shared/lk sh -c 'ls -ln shared/lk' > out || fail "chpst -u nobody -L failed"
  assert_match '-rw------- 1 65534 65534 *' "$(cat out)" "lock file owned by nobody"
}

# --------------------------------------------------------------- -P, -0 -1 -2

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

# --------------------------------------------------------------- limits

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

# --------------------------------------------------------------- everything at once

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

# --------------------------------------------------------------- personalities

t_persona_usage () {
  persona envdir envuidgid pgrphack setlock setuidgid softlimit
  assert_rc 100 ./envdir 2> err ; assert_usage_err "usage: envdir dir child"
  assert_rc 100 ./envdir e 2> err ; assert_usage_err "usage: envdir dir child"
  assert_rc 100 ./envuidgid nobody 2> err ; assert_usage_err "usage: envuidgid account child"
  assert_rc 100 ./setuidgid 2> err ; assert_usage_err "usage: setuidgid account child"
  assert_rc 100 ./pgrphack 2> err ; assert_usage_err "usage: pgrphack child"
  assert_rc 100 ./setlock lk 2> err ; assert_usage_err "usage: setlock [ -nNxX ] file program [ arg ... ]"
  assert_rc 100 ./setlock -z lk true 2> err
  assert_usage_err "setlock: illegal option -- z
usage: setlock [ -nNxX ] file program [ arg ... ]"
  su='usage: softlimit [-a allbytes] [-c corebytes] [-d databytes] [-f filebytes] [-l lockbytes] [-m membytes] [-o openfiles] [-p processes] [-r residentbytes] [-s stackbytes] [-t cpusecs] child'
  assert_rc 100 ./softlimit 2> err ; assert_usage_err "$su"
  assert_rc 100 ./softlimit -o 5 2> err ; assert_usage_err "$su"
  # a bad number prints softlimit's own usage (runit prints chpst's)
  assert_rc 100 ./softlimit -o 5x true 2> err ; assert_usage_err "$su"
  assert_rc 100 ./softlimit -z 5 true 2> err
  assert_usage_err "softlimit: illegal option -- z
$su"
}

t_persona_names () {
  # the basename counts, and one leading "d" is dropped (runit's rule)
  mkdir bin
  ln -s "$CHPST" bin/dpgrphack
  ln -s "$CHPST" bin/envdir
  mkdir e
  echo 1 > e/A
  bin/envdir e sh -c 'echo "$A"' > out || fail "bin/envdir failed"
  assert_eq 1 "$(cat out)"
  bin/dpgrphack cat /proc/self/stat > stat || fail "dpgrphack failed"
  assert_eq "$(cut -d' ' -f1 stat)" "$(cut -d' ' -f6 stat)" "dpgrphack: own session"
  # any other name is chpst, under that name in the usage
  ln -s "$CHPST" bin/mychpst
  assert_rc 100 bin/mychpst -z 2> err
  assert_eq "mychpst: illegal option -- z" "$(head -n 1 err)"
  assert_eq "usage: mychpst ${USAGE#usage: chpst }" "$(sed -n 2p err)"
}

t_persona_envdir () {
  persona envdir
  mkdir e
  printf 'bar \t\nx\n' > e/FOO
  : > e/GONE
  GONE=1 ./envdir e sh -c 'printf "[%s][%s]" "$FOO" "${GONE-unset}"' > out || fail "envdir failed"
  assert_eq "[bar][unset]" "$(cat out)"
  assert_rc 111 ./envdir nodir sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to switch to directory: nodir: file does not exist" "$(errline)"
  # no options: "--" is a directory name, as in daemontools
  assert_rc 111 ./envdir -- e true 2> err
  assert_eq "chpst: fatal: unable to switch to directory: --: file does not exist" "$(errline)"
  assert_rc 7 ./envdir e sh -c 'exit 7'
  assert_not_ran
}

t_persona_envuidgid () {
  persona envuidgid
  ./envuidgid nobody env > env.out || fail "envuidgid failed"
  { grep -qx 'UID=65534' env.out && grep -qx 'GID=65534' env.out ; } || fail "envuidgid: $(grep ID= env.out)"
  # a plain account name only
  for a in nobody:daemon :65534 :65534:65534 nosuchuser ; do
    assert_rc 111 ./envuidgid "$a" sh -c "$MARK" 2> err
    assert_eq "chpst: fatal: unknown account: $a" "$(errline)"
  done
  assert_not_ran
}

t_persona_setuidgid () {
  need_root
  persona setuidgid
  command -v setpriv > /dev/null 2>&1 || skip "setpriv is not installed"
  setpriv --groups 4,24 "$T/setuidgid" nobody cat /proc/self/status > st || fail "setuidgid failed"
  assert_eq "65534 65534 65534 65534" "$(statusf Uid st)" "uids"
  assert_eq "65534 65534 65534 65534" "$(statusf Gid st)" "gids"
  assert_eq "65534" "$(statusf Groups st)" "groups"
  for a in nobody:daemon :65534 nosuchuser ; do
    assert_rc 111 ./setuidgid "$a" sh -c "$MARK" 2> err
    assert_eq "chpst: fatal: unknown account: $a" "$(errline)"
  done
  assert_not_ran
}

t_persona_pgrphack () {
  persona pgrphack
  ./pgrphack cat /proc/self/stat > stat || fail "pgrphack failed"
  pid=$(cut -d' ' -f1 stat)
  assert_eq "$pid $pid" "$(cut -d' ' -f5,6 stat)" "pgrp and session"
  assert_rc 3 ./pgrphack sh -c 'exit 3'
}

# hold_lock FILE: a background holder of FILE until ./release exists
hold_lock () {
  chpst -L "$1" sh -c 'touch held ; while test ! -e release ; do sleep 0.01 ; done' &
  HOLDER=$!
  wait_for 5 'test -e held' "the lock holder"
}

t_persona_setlock_nowait () {
  persona setlock
  hold_lock lk
  # -n: fail at once (daemontools; runit's setlock waits here)
  # (timeout: a setlock that wrongly waits must fail the case, not hang it)
  assert_rc 111 timeout 5 ./setlock -n lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to lock: lk: temporary failure" "$(errline)"
  # -x: a lock not got is success, silently
  assert_rc 0 timeout 5 ./setlock -nx lk sh -c "$MARK" 2> err
  assert_eq "" "$(cat err)" "stderr of setlock -nx"
  assert_rc 0 timeout 5 ./setlock -X -x -n lk sh -c "$MARK"
  assert_rc 111 timeout 5 ./setlock -x -X -n lk sh -c "$MARK" 2> /dev/null
  assert_rc 0 ./setlock -x nodir/lk sh -c "$MARK"
  assert_rc 111 ./setlock nodir/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: nodir/lk: file does not exist" "$(errline)"
  assert_not_ran
  touch release
  wait $HOLDER
  # -x does not hide a program that cannot run (runit's setlock exits 0 here)
  assert_rc 111 ./setlock -x lk ./nosuchprog 2> err
  assert_eq "chpst: fatal: unable to run: ./nosuchprog: file does not exist" "$(errline)"
  assert_rc 42 ./setlock -n lk sh -c 'exit 42'
}

t_persona_setlock_wait () {
  persona setlock
  hold_lock lk
  # the default and -N wait for the lock (daemontools; runit's setlock fails at once)
  ./setlock lk sh -c 'touch got1' &
  w1=$!
  ./setlock -N lk sh -c 'touch got2' &
  w2=$!
  still_for 0.3 'test ! -e got1 && test ! -e got2' "setlock waiting while the lock is held"
  touch release
  wait_for 5 'test -e got1 && test -e got2' "both setlocks to run once the lock was released"
  wait $w1 $w2 $HOLDER
}

t_persona_softlimit () {
  persona softlimit
  cat /proc/self/limits > before
  ./softlimit -a 200000000 -c 1000 -d 100000000 -f 123456 -o 77 -p 500 -r 4000 -s 3000000 -t 50 cat /proc/self/limits > lim || fail "softlimit failed"
  for l in "Max address space:200000000" "Max core file size:1000" "Max data size:100000000" \
           "Max file size:123456" "Max open files:77" "Max processes:500" "Max resident set:4000" \
           "Max stack size:3000000" "Max cpu time:50" ; do
    name=${l%%:*} ; want=${l#*:}
    assert_eq "$want" "$(soft_of "$name" lim)" "softlimit: soft $name"
  done
  ./softlimit -l 4096 cat /proc/self/limits > lim
  assert_eq 4096 "$(soft_of 'Max locked memory' lim)" "softlimit -l"
  # -m: four limits at once; a later option overrides one of them
  ./softlimit -m 100000000 -a 300000000 cat /proc/self/limits > lim
  assert_eq 100000000 "$(soft_of 'Max data size' lim)" "-m data"
  assert_eq 100000000 "$(soft_of 'Max stack size' lim)" "-m stack"
  assert_eq 300000000 "$(soft_of 'Max address space' lim)" "-a after -m"
  # "=": the hard limit
  sh -c 'ulimit -Sn 10 && ulimit -Hn 400 && exec "$0" -o = cat /proc/self/limits' "$T/softlimit" > lim || fail "softlimit -o = failed"
  assert_eq "400 400" "$(limit_of 'Max open files' lim)" "softlimit -o ="
  sh -c 'ulimit -n 400 && exec "$0" -o 5000 cat /proc/self/limits' "$T/softlimit" > lim
  assert_eq "400 400" "$(limit_of 'Max open files' lim)" "softlimit clamps"
  assert_rc 9 ./softlimit -o 100 sh -c 'exit 9'
}
