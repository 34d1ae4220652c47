# tests/func/lib/chpst.sh - helpers shared by the chpst_*.sh test files
# (sourced by them after lib.sh; not a test file: tests/func/run takes
# tests/func/*.sh only).
#
# Every case checks the real state of the exec'd program: /proc/self/status
# (uids, gids, groups), /proc/self/limits, /proc/self/stat (nice, session),
# its environment, root, cwd and open fds. chpst is always run by path from
# $SV_BIN, never through PATH, so Debian's chpst can never answer instead.
# Cases that must run unprivileged use setpriv (util-linux) to become nobody.
# Its variables are for the files that source it:
# shellcheck disable=SC2034

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
