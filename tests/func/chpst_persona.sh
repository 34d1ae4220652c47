# tests/func/chpst_persona.sh - chpst's daemontools personalities (chpst(8),
# DAEMONTOOLS PERSONALITIES): envdir, envuidgid, setuidgid, pgrphack,
# setlock and softlimit.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.
# Single-quoted $VARs below are the program's to expand, not ours:
# shellcheck disable=SC2016

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

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
  # any other name is chpst, under that name in the usage; not in a
  # multi-call build (configure --enable-multicall), where it is sv's
  # init-script name (docs/design.md)
  ! test "$CHPST" -ef "$SV_BIN/sv" || return 0
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
