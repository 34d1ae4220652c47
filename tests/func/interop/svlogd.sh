# tests/func/interop/svlogd.sh - our svlogd and Debian runit's on the same log directories.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

SVLOGD=$SV_BIN/svlogd
RSVLOGD=$RUNIT/svlogd

need_rsvlogd () {
  test -x "$RSVLOGD" || skip "Debian runit's svlogd is not installed in $RUNIT"
  test "$(readlink -f "$RSVLOGD")" != "$(readlink -f "$SVLOGD")" || fail "SV_BIN and RUNIT name the same svlogd"
}
# lines N WIDTH: N numbered lines of WIDTH bytes (newline included)
lines () { awk -v n="$1" -v w="${2:-40}" 'BEGIN { p = sprintf("%*s", w - 13, "") ; gsub(/ /, "x", p) ; for (i = 1 ; i <= n ; i++) printf "line %06d %s\n", i, p }' ; }
old () { (cd "$1" && ls -1 | grep "^@[0-9a-f]\{24\}\.${2:-s}\$") ; }
nold () { old "$@" | wc -l | tr -d ' ' ; }
all () { (cd "$1" && { for f in $(old . '[su]') ; do cat "$f" ; done ; cat current ; }) ; }
# summary DIR: per file (rotated names reduced to their suffix): name mode size checksum
summary () {
  (cd "$1" && for f in $(ls -1 | sort) ; do
    case $f in lock|config) continue ;; esac
    printf '%s %s %s %s\n' "$(echo "$f" | sed 's/^@.*\./@./')" "$(stat -c %a "$f")" "$(stat -c %s "$f")" "$(cksum < "$f" | cut -d' ' -f1)"
  done)
}
# bg PROG ARGS...: a logger reading the fifo ./in (our fd 3 writes it); pid in BG
bg () {
  rm -f in
  mkfifo in
  "$@" < in 2> err &
  BG=$!
  exec 3> in
}

t_same_files_as_runit () {
  need_rsvlogd
  # same input and config: the same files, sizes, modes and bytes (names aside)
  lines 60 35 > in.txt
  printf 'x\tnul\001\n%s\n' "$(head -c 3000 /dev/zero | tr '\0' y)" >> in.txt
  n=0
  for cfg in 's100' 's100\nn3' 's1000\nn0' 's50' 's0' '-*\n+*5*\ne*7*' 'pP: \ns300' 's120\n!tr a-z A-Z ; echo s >&5'; do
    for opts in "-l 20" "-l 7 -R 0" ; do
      n=$((n + 1))
      mkdir r$n o$n
      printf "$cfg\n" > r$n/config
      printf "$cfg\n" > o$n/config
      # shellcheck disable=SC2086
      "$RSVLOGD" $opts r$n < in.txt 2> r$n.err
      # shellcheck disable=SC2086
      "$SVLOGD" $opts o$n < in.txt 2> o$n.err
      assert_eq "$(summary r$n)" "$(summary o$n)" "files for config [$cfg] options [$opts]"
      assert_eq "$(cat r$n.err)" "$(cat o$n.err)" "stderr for config [$cfg] options [$opts]"
    done
  done
}

t_takes_over_runit_dir () {
  need_rsvlogd
  mkdir d
  # runit's svlogd leaves rotated files, processor state, and a cleanly closed current
  printf 's100\n!cat ; n=$(cat <&4) ; echo $((n + 1)) >&5\n' > d/config
  lines 11 20 > in1.txt
  "$RSVLOGD" -l 20 d < in1.txt
  assert_eq 2 "$(nold d)" "runit's rotated files"
  assert_eq 744 "$(stat -c %a d/current)" "runit's current after a clean exit"
  before=$(old d | tr '\n' ' ')
  sums=$(for f in $(old d) ; do cksum < "d/$f" ; done)
  assert_file d/state "2"
  # ours appends to that current, runs the processor on with runit's state, renames nothing of runit's
  lines 6 20 | sed 's/line/more/' > in2.txt
  "$SVLOGD" -l 20 d < in2.txt 2> err ; assert_eq 0 $? "exit code"
  assert_eq "" "$(cat err)" "warnings"
  assert_eq "$before" "$(old d | head -n 2 | tr '\n' ' ')" "runit's files kept their names"
  assert_eq "$sums" "$(for f in $(old d | head -n 2) ; do cksum < "d/$f" ; done)" "runit's files untouched"
  assert_eq 4 "$(nold d)" "rotated files"
  assert_eq 0 "$(nold d u)" ".u files"
  assert_file d/state "4"
  cat in1.txt in2.txt > want.txt
  all d > got.txt
  cmp -s want.txt got.txt || fail "lines lost or out of order across the two loggers"
}

t_takes_over_runit_crash () {
  need_rsvlogd
  mkdir d
  bg "$RSVLOGD" d
  printf 'before the crash\n' >&3
  wait_for 5 "grep -q crash d/current"
  assert_eq 644 "$(stat -c %a d/current)" "runit's current while in use"
  kill -KILL "$BG"
  wait "$BG"
  exec 3>&-
  # no execute bit: not closed cleanly; runit would keep it as a .u for
  # ever, ours (with no processor) keeps it as a complete .s
  printf 'after\n' | "$SVLOGD" d
  assert_eq 0 "$(nold d u)" ".u files"
  assert_eq 1 "$(nold d)" ".s files"
  assert_file "d/$(old d)" "before the crash"
  assert_eq 744 "$(stat -c %a "d/$(old d)")" "mode of the kept file"
  assert_file d/current "after"
}

t_runit_takes_over_ours () {
  need_rsvlogd
  mkdir d
  printf 's100\n' > d/config
  lines 9 20 | "$SVLOGD" -l 20 d
  assert_eq 744 "$(stat -c %a d/current)" "our current after a clean exit"
  # runit's svlogd sees our clean current and appends to it
  lines 2 20 | sed 's/line/more/' | "$RSVLOGD" -l 20 d
  assert_eq 2 "$(nold d)" "rotated files"
  assert_eq "line 000009 xxxxxxx|more 000001 xxxxxxx|more 000002 xxxxxxx" "$(tr '\n' '|' < d/current | sed 's/|$//')" "runit appended"
  # and a crash of ours looks like a crash to runit: it keeps our current as .u
  bg "$SVLOGD" d
  printf 'ours crashed\n' >&3
  wait_for 5 "grep -q crashed d/current"
  kill -KILL "$BG"
  wait "$BG"
  exec 3>&-
  printf 'runit\n' | "$RSVLOGD" d
  assert_eq 1 "$(nold d u)" ".u files"
  assert_match "*ours crashed" "$(cat "d/$(old d u)")" "our unclean current"
  assert_file d/current "runit"
}

t_names_sort_by_time () {
  need_rsvlogd
  # rotated files from both loggers, interleaved in time, sort by name in time order
  mkdir d
  printf 's40\n' > d/config
  for i in 1 2 3 4 ; do
    # 32 bytes: each line fills current past s40 - 10 and rotates it
    printf 'ours %s ........................\n' "$i" | "$SVLOGD" -l 10 d
    printf 'runit %s .......................\n' "$i" | "$RSVLOGD" -l 10 d
  done
  assert_eq 8 "$(nold d)" "rotated files"
  assert_eq "ours 1|runit 1|ours 2|runit 2|ours 3|runit 3|ours 4|runit 4" "$(all d | cut -d' ' -f1-2 | tr '\n' '|' | sed 's/|$//')" "name order"
  # runit's retention counts our files too
  printf 's40\nn3\n' > d/config
  printf 'last one ......................\n' | "$RSVLOGD" -l 10 d
  assert_eq 8 "$(nold d)" "runit deletes one per rotation"
  printf 'really last ...................\n' | "$SVLOGD" -l 10 d
  assert_eq 3 "$(nold d)" "ours deletes all over n"
  assert_eq "runit 4|last one|really last" "$(all d | cut -d' ' -f1-2 | tr '\n' '|' | sed 's/|$//')" "the newest stay"
}

t_tai64n_readers () {
  command -v tai64nlocal > /dev/null || skip "daemontools' tai64nlocal is not installed"
  mkdir d
  before=$(date +%s)
  printf 'stamped\n' | "$SVLOGD" -t d
  after=$(date +%s)
  # tai64nlocal reads our labels as runit's (2^62 + 10 + unix, no leap
  # seconds: TAI's 37 s would show): between date before and after
  got=$(TZ=UTC0 tai64nlocal < d/current)
  assert_match "????-??-?? ??:??:??.????????? stamped" "$got" "tai64nlocal output"
  s=$(date -u -d "$(echo "$got" | cut -c1-19)" +%s)
  test "$s" -ge "$before" && test "$s" -le "$after" || fail "tai64nlocal reads our label as $s, not within [$before, $after]"
}
