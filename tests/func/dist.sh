# tests/func/dist.sh - the release tarball (./mkdist, run by make dist): the
# members, their modes and links, a checksum that checks, and a tree that
# "tar -C / -xf" installs and that runs. Sourced by tests/func/run after lib.sh.

dist_repo () { (cd "$(dirname "$SV_TESTFILE")/../.." && pwd) ; }
static_build () { ! readelf -lW "$SV_BIN/sv" 2> /dev/null | grep -q INTERP ; }
need_readelf () { command -v readelf > /dev/null || skip "readelf is not installed (binutils)" ; }

t_dist_tarball_has_the_release_members () {
  need_readelf
  repo=$(dist_repo)
  mkdir out
  if ! static_build ; then
    # a dynamic build is refused: the tarball is for images with no libc
    assert_rc 100 "$repo/mkdist" "$SV_BIN" out > /dev/null 2> err
    assert_match "mkdist: $SV_BIN/* is dynamically linked: the release is the static build (./setup static)" "$(cat err)" "mkdist's refusal"
    assert_eq "" "$(ls out)" "files written for a dynamic build"
    return 0
  fi
  "$repo/mkdist" "$SV_BIN" out > log 2>&1 || fail "mkdist: $(cat log)"
  name=sv-suite-static-$(uname -m).tar.gz
  test -s "out/$name" || fail "no out/$name: $(ls out)"
  (cd out && sha256sum -c --quiet "$name.sha256") || fail "its sha256 does not check: $(cat "out/$name.sha256")"
  # exactly these, paths relative to /, no directory entries (so /usr keeps its modes)
  tar -tzf "out/$name" > members
  assert_eq "usr/bin/chpst usr/bin/envdir usr/bin/envuidgid usr/bin/pgrphack usr/bin/runsv usr/bin/runsvdir \
usr/bin/setlock usr/bin/setuidgid usr/bin/softlimit usr/bin/sv usr/bin/svlogd \
usr/share/bash-completion/completions/sv usr/share/doc/sv-suite/LICENSE usr/share/doc/sv-suite/VERSION \
usr/share/man/man8/chpst.8 usr/share/man/man8/runsv.8 usr/share/man/man8/runsvdir.8 usr/share/man/man8/sv.8 usr/share/man/man8/svlogd.8" \
    "$(tr '\n' ' ' < members | sed 's/ $//')" "the tarball's members"
  tar -tvzf "out/$name" > long
  assert_eq 19 "$(grep -c ' 0/0 ' long)" "members owned by 0/0"
  for l in envdir envuidgid pgrphack setlock setuidgid softlimit ; do
    grep -q "^l.* usr/bin/$l -> chpst$" long || fail "usr/bin/$l is not a link to chpst: $(grep "usr/bin/$l" long)"
  done
  for p in runsvdir runsv sv chpst svlogd ; do
    # a multi-call build (configure --enable-multicall): chpst, first in the
    # tarball, is the file, the other four hard links to it
    if test "$SV_BIN/$p" -ef "$SV_BIN/chpst" && test $p != chpst ; then
      grep -q "^hrwxr-xr-x .* usr/bin/$p link to usr/bin/chpst$" long || fail "usr/bin/$p is not a hard link to chpst: $(grep "usr/bin/$p " long)"
    else
      grep -q "^-rwxr-xr-x .* usr/bin/$p$" long || fail "usr/bin/$p is not a 0755 file: $(grep "usr/bin/$p$" long)"
    fi
  done
  # installed as tar -C / -xf would: the programs run, stripped, still static
  mkdir img
  tar -C img -xzf "out/$name" || fail "cannot extract the tarball"
  assert_rc 100 img/usr/bin/sv > /dev/null 2> err
  assert_match 'usage: sv *' "$(cat err)" "the extracted sv"
  ! readelf -SW img/usr/bin/runsv | grep -q '\.symtab' || fail "runsv in the tarball is not stripped"
  ! readelf -lW img/usr/bin/runsv | grep -q INTERP || fail "runsv in the tarball is not static"
  cmp "$repo/LICENSE" img/usr/share/doc/sv-suite/LICENSE || fail "the license differs"
  # the same tree packs the same bytes
  mkdir out2
  "$repo/mkdist" "$SV_BIN" out2 > log 2>&1 || fail "mkdist, second time: $(cat log)"
  assert_eq "$(cut -d' ' -f1 "out/$name.sha256")" "$(cut -d' ' -f1 "out2/$name.sha256")" "the sha256 of a second tarball"
}

t_dist_bad_usage () {
  repo=$(dist_repo)
  assert_rc 100 "$repo/mkdist" "$SV_BIN" > /dev/null 2> err
  assert_eq "usage: mkdist BINDIR OUTDIR" "$(cat err)" "usage line"
  mkdir empty out
  assert_rc 100 "$repo/mkdist" "$T/empty" out > /dev/null 2> err
  assert_eq "mkdist: $T/empty/runsvdir: no such program (build first: ./setup static)" "$(cat err)" "message for a missing program"
}
