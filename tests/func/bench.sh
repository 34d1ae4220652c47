# tests/func/bench.sh - smoke test of bench/run, so the benchmark script does not rot.
#
# Runs figure 4 (control round trip) in quick mode against the build under
# test ($SV_BIN), never installing anything: peers that are missing show as
# "not installed" rows, which is fine here; what must hold is that the script
# runs, prints the figure's table with a row per suite, that our row has
# numbers (or says which of our programs is not built), that nothing it
# started outlives it, and that its temp dir is gone.

# bench_repo: the checkout this test file belongs to
bench_repo () {
  (cd "$(dirname "$SV_TESTFILE")/../.." && pwd)
}
# is_number WORD: WORD is a decimal number as bench/run prints times (422, 1.86)
is_number () { printf '%s\n' "$1" | grep -Eqx '[0-9]+(\.[0-9]+)?' ; }

t_bench_quick_control_figure () {
  command -v python3 > /dev/null || skip "python3 is not installed (bench/run needs it)"
  repo=$(bench_repo)
  test -x "$repo/bench/run" || fail "$repo/bench/run is missing or not executable"
  mkdir tmp
  TMPDIR=$T/tmp "$repo/bench/run" --quick --only 4 --no-install --ours "$SV_BIN" --report "$T/rep.md" > out 2> err
  rc=$?
  test $rc = 0 || { tail -n 20 err >&2 ; fail "bench/run exit code: expected 0, got $rc" ; }

  # the header says what ran, and the figure's table has its header row
  grep -q '^- command: `bench/run --quick --only 4 ' out || fail "no command line in the header"
  grep -q '^### Figure 4: control round trip (ms)$' out || fail "no figure 4 title"
  # (a prefix: later columns, ours only, time sv -j status and sv health)
  grep -q '^| suite | down -w | up -w | up x runit | status of 200 | range | status x runit | ' out \
    || fail "no figure 4 table header: $(grep '^|' out | head -n 1)"
  grep -q '^| suite | .* | health of 200 | health x runit status |$' out \
    || fail "no sv health column in figure 4: $(grep '^|' out | head -n 1)"
  # exactly one figure, and one row per suite
  assert_eq 1 "$(grep -c '^### Figure' out)" "figures printed"
  for s in ours runit s6 daemontools ; do
    assert_eq 1 "$(grep -c "^| $s | " out)" "rows for $s"
  done

  # our row: numbers when the three programs it needs are built, else it says so
  row=$(grep '^| ours | ' out)
  if test -x "$SV_BIN/runsvdir" && test -x "$SV_BIN/sv" ; then
    # | ours | down | up | ratio | status | range | ratio |: split into words
    # shellcheck disable=SC2046
    set -- $(echo "$row" | tr -d '|')
    test $# -ge 7 || fail "our row has $# fields: $row"
    for v in "$2" "$3" "$5" ; do
      is_number "$v" || fail "a time in our row is not a number: [$v] in [$row]"
    done
  else
    assert_match '*not built*' "$row" "our row without runsvdir or sv"
  fi
  # runit is the reference: installed (setup installs it), it has numbers too
  if test -x "$RUNIT/runsvdir" ; then
    # shellcheck disable=SC2046
    set -- $(grep '^| runit | ' out | tr -d '|')
    is_number "${2:-}" || fail "runit's down time is not a number: [${2:-}]"
  fi
  grep -q '^Target: ' out || fail "no target line under the table"

  # the report: what was printed, with the load at both ends and a table of
  # every target line, figure 4's among them
  grep -q '^- load (1, 5, 15 min) at the start: [0-9.]*, [0-9.]*, [0-9.]*$' rep.md || fail "no start load in the report"
  grep -q '^- load (1, 5, 15 min) at the end: [0-9.]*, [0-9.]*, [0-9.]*$' rep.md || fail "no end load in the report"
  row=$(grep '^| 4 | control round trip (ms) | ' rep.md) || fail "no figure 4 in the report's targets: $(grep '^| [0-9]' rep.md)"
  # (down and up, status, -j status, health)
  assert_eq 5 "$(echo "$row" | grep -o '(met)\|(missed)' | wc -l | tr -d ' ')" "results in figure 4's target row: $row"
  grep -q '^### Figure 4: control round trip (ms)$' rep.md || fail "no figure 4 table in the report"
  assert_eq "$(grep -c '^| ours | ' out)" "$(grep -c '^| ours | ' rep.md)" "our rows, printed and reported"
  # the README's table made from it, the rest of the README unchanged
  printf 'before\n%s\nold\n%s\nafter\n' '<!-- bench/run --readme: made from bench/REPORT.md; edit neither by hand -->' \
    '<!-- bench/run --readme: end -->' > README.md
  "$repo/bench/run" --readme README.md --report rep.md 2> err || fail "bench/run --readme: $(cat err)"
  assert_eq before "$(head -n 1 README.md)" "the README's first line"
  assert_eq after "$(tail -n 1 README.md)" "the README's last line"
  grep -q '^old$' README.md && fail "the old table is still there"
  grep -q "^| 4 | control round trip (ms) | " README.md && fail "figure 4 is not a headline"
  grep -q "^From \[bench/REPORT.md\](bench/REPORT.md): 20[0-9-]* [0-9:]* UTC, commit [0-9a-f]*" README.md \
    || fail "no date and commit above the README's table: $(cat README.md)"
  # a README without the markers: one line, exit 111, the file untouched
  echo plain > plain.md
  assert_rc 111 "$repo/bench/run" --readme plain.md --report rep.md 2> err
  assert_match 'bench/run: plain.md: no bench markers*' "$(cat err)" "message for a README without markers"
  assert_eq plain "$(cat plain.md)" "a README without markers, untouched"

  # its temp dir is gone, and (when this case has a PID namespace of its own,
  # so ps sees only what the case started) so is every process it started
  assert_eq "" "$(ls tmp)" "files left in TMPDIR by bench/run"
  case "$(tr '\0' ' ' < /proc/1/cmdline)" in
    *" --one "*)
      names='bsvc|runsvdir|runsv|s6-svscan|s6-supervise|svscan|supervise|unshare'
      assert_eq 0 "$(pgrep -c -x "$names")" "processes left behind by bench/run: $(pgrep -l -x "$names" | tr '\n' ' ')" ;;
    *) note "no PID namespace: not checking for processes left behind" ;;
  esac
}

t_bench_bad_usage () {
  command -v python3 > /dev/null || skip "python3 is not installed (bench/run needs it)"
  repo=$(bench_repo)
  assert_rc 100 "$repo/bench/run" --only 99 > /dev/null 2> err
  assert_match 'bench/run: no figure 99*' "$(cat err)" "message for an unknown figure"
  assert_rc 100 "$repo/bench/run" --only x > /dev/null 2> err
  assert_match 'bench/run: --only wants figure numbers*' "$(cat err)" "message for a bad --only"
  assert_rc 100 "$repo/bench/run" --frobnicate > /dev/null 2> err
  assert_match '*unrecognized arguments: --frobnicate*' "$(cat err)" "message for an unknown option"
  assert_rc 100 "$repo/bench/run" --ours "$T/nonexistent" --only 4 > /dev/null 2> err
  assert_match 'bench/run: */nonexistent: not a directory' "$(cat err)" "message for a bad --ours"
  # a report nobody could write is refused before any measuring
  assert_rc 100 "$repo/bench/run" --only 4 --report "$T/nonexistent/REPORT.md" > /dev/null 2> err
  assert_eq "bench/run: $T/nonexistent/REPORT.md: cannot write the report there" "$(cat err)" "message for a bad --report"
}

t_bench_quick_reaction_figure () {
  # figure 15 (what the functional tests no longer time), one repetition each
  command -v python3 > /dev/null || skip "python3 is not installed (bench/run needs it)"
  repo=$(bench_repo)
  mkdir tmp
  # figure 15 traces our programs (strace -p) and LeakSanitizer cannot run
  # under ptrace: on the sanitized build this case checks no leaks
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    TMPDIR=$T/tmp "$repo/bench/run" --quick --only 15 --reps 1 --no-install --ours "$SV_BIN" > out 2> err
  rc=$?
  test $rc = 0 || { tail -n 20 err >&2 ; fail "bench/run exit code: expected 0, got $rc" ; }
  grep -q '^### Figure 15: reaction times (ms)$' out || fail "no figure 15 title"
  grep -q '^| measure | suite | median | range | x runit | note |$' out || fail "no figure 15 table header: $(grep '^|' out | head -n 1)"
  assert_eq 1 "$(grep -c '^### Figure' out)" "figures printed"
  # every measure has a row of ours, with a number (or says what is not built)
  n=0
  for row in $(grep -n '| ours' out | cut -d: -f1) ; do
    # shellcheck disable=SC2046
    set -- $(sed -n "${row}p" out | awk -F'|' '{ print $4 }')
    n=$((n + 1))
    if test -x "$SV_BIN/runsvdir" && test -x "$SV_BIN/runsv" && test -x "$SV_BIN/sv" ; then
      is_number "$(echo "$1" | tr -d -)" || fail "a time in our row is not a number: [$1] in [$(sed -n "${row}p" out)]"
    fi
  done
  test "$n" -ge 12 || fail "$n rows of ours: $(grep '| ours' out)"
  grep -q '^Target: ' out || fail "no target line under the table"
  assert_eq "" "$(ls tmp)" "files left in TMPDIR by bench/run"
  case "$(tr '\0' ' ' < /proc/1/cmdline)" in
    *" --one "*)
      names='bsvc|runsvdir|runsv|s6-svscan|s6-supervise|svscan|supervise|unshare'
      assert_eq 0 "$(pgrep -c -x "$names")" "processes left behind by bench/run: $(pgrep -l -x "$names" | tr '\n' ' ')" ;;
    *) note "no PID namespace: not checking for processes left behind" ;;
  esac
}
