# tests/func/container/scratch.sh - the static build runs on nothing: FROM scratch.
#
# An empty root holds only busybox-static (as /bin/sh and the few applets
# the run scripts use), our five programs, an /etc/passwd and /etc/group
# for chpst, and a service tree. runsvdir runs as PID 1 of a new PID and
# mount namespace chrooted into it (what docker run does for an image
# FROM scratch), a second process joins the namespaces as docker exec does,
# and SIGTERM (docker stop) must stop it all gracefully. There is no /lib
# in that root: a dynamically linked program could not even start.
#
# The programs are those of SV_MUSL_BIN, else SV_BIN; unless they are all
# statically linked (the musl build: ./setup static) every case skips.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

SCRATCH_BIN=${SV_MUSL_BIN:-$SV_BIN}

# is_static FILE: an ELF executable with no program interpreter (ld.so)
is_static () {
  test -x "$1" || return 1
  if command -v readelf > /dev/null ; then
    readelf -lW "$1" 2> /dev/null | grep -q 'LOAD' && ! readelf -lW "$1" 2> /dev/null | grep -q 'INTERP'
  else
    LC_ALL=C ldd "$1" 2>&1 | grep -q 'not a dynamic executable'
  fi
}

# need_scratch: root, util-linux's unshare and nsenter, a static busybox and
# our five programs, statically linked; else the case is skipped
need_scratch () {
  need_root
  for _p in runsvdir runsv sv chpst svlogd ; do
    is_static "$SCRATCH_BIN/$_p" || skip "$SCRATCH_BIN/$_p is not a statically linked program (build it with ./setup static; SV_MUSL_BIN names its bin dir)"
  done
  BUSYBOX=
  for _b in /bin/busybox /usr/bin/busybox ; do
    is_static "$_b" && { BUSYBOX=$_b ; break ; }
  done
  test -n "$BUSYBOX" || skip "no statically linked busybox (apt-get install busybox-static)"
  command -v nsenter > /dev/null || skip "nsenter is not installed (util-linux)"
}

# devnull ROOT: the /dev/null every container gets from docker (busybox ash
# opens it for each "cmd &"; without it "sleep 1 & wait" fails at once and a
# script's loop spins)
devnull () {
  mkdir -p "$1/dev"
  mknod -m 666 "$1/dev/null" c 1 3 2> /dev/null || skip "cannot make a /dev/null node in the test root"
}

# mkroot DIR: the empty root, with the run scripts' applets and our programs
mkroot () {
  mkdir -p "$1/bin" "$1/etc/service" "$1/proc" "$1/tmp"
  devnull "$1"
  cp "$BUSYBOX" "$1/bin/busybox"
  for _a in sh sleep id echo cat ; do ln -s busybox "$1/bin/$_a" ; done
  for _p in runsvdir runsv sv chpst svlogd ; do cp "$SCRATCH_BIN/$_p" "$1/bin/" ; done
  printf 'root:x:0:0:root:/:/bin/sh\napp:x:4321:4322:app:/:/bin/sh\n' > "$1/etc/passwd"
  printf 'root:x:0:\napp:x:4322:\n' > "$1/etc/group"
}

# boot DIR [RUNSVDIR]: runsvdir (default /bin/runsvdir) as PID 1 of a new PID
# and mount namespace, root DIR, with an empty environment but PATH; UNS is
# unshare's pid, R runsvdir's pid as we see it, once it holds SIGTERM
# blocked (it has its handler)
boot () {
  _rsd=${2:-/bin/runsvdir}
  env -i PATH=/usr/bin:/bin RUNSVDIR_GRACE=8 unshare --pid --fork --mount --mount-proc=/proc --root="$1" --wd=/ \
    "$_rsd" /etc/service 2> err &
  UNS=$!
  R=
  wait_for 10 'R=$(pgrep -P $UNS) && test -n "$R" && scratch_ready "$R" "$_rsd"' "runsvdir to start as PID 1 in $1"
}
scratch_ready () {
  tr "\0" " " < "/proc/$1/cmdline" | grep -q "^$2 " || return 1
  _blk=$(awk '/^SigBlk:/ { print $2 }' "/proc/$1/status")
  test $(( 0x$_blk & 0x4000 )) -ne 0
}
# inside CMD...: CMD run in runsvdir's namespaces and root, as docker exec runs it
inside () {
  env -i PATH=/usr/bin:/bin SVDIR=/etc/service nsenter --target "$R" --pid --mount --root --wd=/ "$@"
}

t_runs_from_scratch_with_a_logger_and_stops_gracefully () {
  need_scratch
  mkroot root
  # a service run as "app" by chpst (user names from the root's /etc/passwd),
  # logging through svlogd; on TERM it says so, then exits
  mksvc root/etc/service/web 'exec 2>&1
exec chpst -u app sh -c "trap \"echo web-term ; exit 0\" TERM ; echo web-up as \$(id -u):\$(id -g) ; while : ; do sleep 0.1 & wait \$! ; done"'
  mksvc root/etc/service/web/log 'exec svlogd -tt main'
  mkdir root/etc/service/web/log/main
  if test -e root/lib || test -e root/usr ; then fail "the root is not empty enough: $(ls root)" ; fi
  boot root
  wait_for 10 "grep -q 'web-up as 4321:4322' root/etc/service/web/log/main/current" "the service's first line in its svlogd log"
  # svlogd's -tt label: a UTC date and time before the line
  grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9:.]+ web-up' root/etc/service/web/log/main/current \
    || fail "no -tt label on the logged line: $(cat root/etc/service/web/log/main/current)"

  # docker exec CONTAINER sv status web: pids as the namespace sees them
  inside /bin/sv status web > out 2> serr || fail "sv status inside the namespace: exit $?: $(cat out serr)"
  assert_match 'run: web: (pid [0-9]*) [0-9]*s; run: log: (pid [0-9]*) [0-9]*s' "$(cat out)" "sv status inside"
  inpid=$(sed 's/^run: web: (pid \([0-9]*\)).*/\1/' out)
  test "$inpid" -lt 1000 || fail "the service's pid inside is $inpid: not the namespace's numbering"
  inside /bin/sv -w 5 down web > out 2> serr || fail "sv down inside: $(cat out serr)"
  wait_for 5 "grep -q web-term root/etc/service/web/log/main/current" "web's TERM line in its log after sv down"
  inside /bin/sv -w 5 up web > out 2> serr || fail "sv up inside: $(cat out serr)"
  assert_match 'ok: run: web: *' "$(cat out)" "sv -w 5 up inside"
  wait_for 5 "test \$(grep -c 'web-up as' root/etc/service/web/log/main/current) = 2" "web's second start in its log"

  # docker stop: SIGTERM to PID 1; the service's last words reach the log
  n=$(grep -c web-term root/etc/service/web/log/main/current)
  kill -TERM "$R"
  wait "$UNS" ; rc=$?
  assert_eq 0 "$rc" "PID 1's exit code after SIGTERM"
  assert_eq $((n + 1)) "$(grep -c web-term root/etc/service/web/log/main/current)" "web-term lines in the log after the stop"
  grep -q 'web: stopped in' err || fail "no stop report line for web: $(cat err)"
  ! grep -q 'killed' err || fail "something was killed: $(cat err)"
  # svlogd closed current cleanly (mode 0744, runit's "complete" mark)
  assert_eq 744 "$(stat -c %a root/etc/service/web/log/main/current)" "mode of current after the stop"
  ! grep -q "can't" root/etc/service/web/log/main/current || fail "the shell could not run its sleep: $(grep -m1 "can't" root/etc/service/web/log/main/current)"
}

t_static_programs_need_no_shared_library () {
  need_scratch
  mkroot root
  # each program runs alone in the root: usage errors need no library either
  for p in runsvdir runsv sv chpst svlogd ; do
    env -i PATH=/bin unshare --mount --root=root --wd=/ "/bin/$p" > out 2> perr
    rc=$?
    case "$p:$rc" in
      runsvdir:1|runsv:1|sv:100|chpst:100|svlogd:111) ;;
      *) fail "$p in the empty root: exit $rc, want its usage code: $(cat out perr)" ;;
    esac
    assert_match "usage: *$p *" "$(cat perr)" "$p's usage line in the empty root"
  done
}

t_demo_tree_from_the_release_tarball_as_examples_dockerfile_builds_it () {
  # examples/Dockerfile's scratch-release image, without docker: the
  # tarball ADDed to an empty root, busybox with the applets the Dockerfile
  # links, the demo service tree; its HEALTHCHECK must pass, docker stop
  # must be graceful
  need_scratch
  repo=$(cd "$(dirname "$SV_TESTFILE")/../../.." && pwd)
  mkdir out root root/bin root/tmp root/proc root/etc
  devnull root
  "$repo/mkdist" "$SCRATCH_BIN" out > log 2>&1 || fail "mkdist: $(cat log)"
  tar -C root -xzf out/sv-suite-static-*.tar.gz || fail "cannot extract the tarball"
  applets=$(sed -n 's/^.*for a in \(.*\) ; do ln -s busybox .*$/\1/p' "$repo/examples/Dockerfile")
  test -n "$applets" || fail "no busybox applet list in examples/Dockerfile"
  cp "$BUSYBOX" root/bin/busybox
  for a in $applets ; do ln -s busybox "root/bin/$a" ; done
  cp -R "$repo/examples/service" root/etc/service
  boot root /usr/bin/runsvdir
  inside /usr/bin/sv -w 10 health ticker spare > out.h 2>&1 || fail "the HEALTHCHECK (sv health ticker spare) inside: $(cat out.h)"
  wait_for 10 "grep -q 'tick 1' root/etc/service/ticker/log/main/current" "the ticker's first line in its log"
  inside /usr/bin/sv -w 5 up spare > out.u 2>&1 || fail "sv up spare inside: $(cat out.u)"
  kill -TERM "$R"
  wait "$UNS" ; rc=$?
  assert_eq 0 "$rc" "PID 1's exit code after SIGTERM"
  grep -q 'ticker: got TERM after' root/etc/service/ticker/log/main/current || fail "the ticker's TERM line is not in its log: $(cat root/etc/service/ticker/log/main/current)"
  # it ticked at its pace (once a second), not in a loop that rotates its log
  ticks=$(sed -n 's/^.*ticker: got TERM after \([0-9]*\) ticks.*$/\1/p' root/etc/service/ticker/log/main/current)
  test "$ticks" -le 30 || fail "the ticker ticked $ticks times in one test: its sleep did not run"
  ! grep -q killed err || fail "something was killed: $(cat err)"
}
