# tests/func/svlogd_stamps.sh - svlogd's time stamps (svlogd(8), OPTIONS,
# LINES): -t, -tt, -ttt and -T, and the time a line is stamped with.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

t_stamp_none_and_tai64n () {
  mkdir d t
  printf 'plain\n' | "$SVLOGD" d ; assert_eq 0 $? "exit code"
  assert_file d/current "plain"
  before=$(date +%s)
  printf 'hello\n' | "$SVLOGD" -t t
  after=$(date +%s)
  line=$(cat t/current)
  assert_match "@40000000[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] hello" "$line" "-t line"
  # runit's label: 2^62 + 10 + unix seconds (no leap seconds), nanoseconds = usec * 1000 + 500
  secs=$(( 0x$(echo "$line" | cut -c2-17) - 0x400000000000000a ))
  test "$secs" -ge "$before" && test "$secs" -le "$after" || fail "label $secs not within [$before, $after]"
  assert_eq 500 $(( 0x$(echo "$line" | cut -c18-25) % 1000 )) "nanoseconds mod 1000"
}

t_stamp_tt_ttt () {
  mkdir a b c
  before=$(date -u +%s)
  printf 'one\ntwo\n' | "$SVLOGD" -tt a
  printf 'three\n' | "$SVLOGD" -ttt b
  printf 'four\n' | "$SVLOGD" -tttt c
  after=$(date -u +%s)
  for f in a b c ; do assert_eq 26 "$(head -n 1 $f/current | cut -d' ' -f1 | wc -c | tr -d ' ')" "stamp length in $f (25 and a newline)" ; done
  assert_match "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]_[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9] one" "$(head -n 1 a/current)" "-tt"
  assert_match "*_* two" "$(sed -n 2p a/current)" "-tt second line"
  assert_match "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9] three" "$(cat b/current)" "-ttt"
  assert_match "*T* four" "$(cat c/current)" "more t's stay at -ttt"
  # UTC: the stamp's second is between the two readings of the clock
  s=$(date -u -d "$(cut -c1-19 a/current | head -n 1 | tr _ ' ')" +%s)
  test "$s" -ge "$before" && test "$s" -le "$after" || fail "-tt stamp $s not within [$before, $after] (UTC?)"
}

t_stamp_T_local () {
  # -T: local time with milliseconds and the zone's offset, as TZ says
  test -e /usr/share/zoneinfo/Europe/Madrid || skip "no tzdata (/usr/share/zoneinfo/Europe/Madrid)"
  iso='[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][+-][0-1][0-9]:[0-5][0-9]'
  for z in Europe/Madrid UTC ; do
    d=$(echo "$z" | tr / _)
    mkdir "$d"
    before=$(date +%s) ; zb=$(TZ=$z date +%:z)
    printf 'one\ntwo\n' | TZ=$z "$SVLOGD" -T "$d" ; assert_eq 0 $? "exit code"
    after=$(date +%s) ; za=$(TZ=$z date +%:z)
    assert_match "$iso one" "$(head -n 1 "$d"/current)" "-T line in $z"
    assert_match "$iso two" "$(sed -n 2p "$d"/current)" "-T second line in $z"
    # the offset is the zone's now (a DST change may fall between the readings)
    off=$(head -n 1 "$d"/current | cut -c24-29)
    test "$off" = "$zb" || test "$off" = "$za" || fail "offset $off in $z: date +%:z says $zb"
    # and goes with the local time: together they give back the clock
    s=$(date -d "$(head -n 1 "$d"/current | cut -d' ' -f1)" +%s)
    test "$s" -ge "$before" && test "$s" -le "$after" || fail "-T stamp in $z is $s, not within [$before, $after]"
  done
  assert_eq "+00:00" "$(head -n 1 UTC/current | cut -c24-29)" "UTC's offset (not Z)"
  # -T wins over -t's, whatever the order
  mkdir c
  printf 'a\n' | TZ=UTC "$SVLOGD" -tt -T c
  printf 'b\n' | TZ=UTC "$SVLOGD" -T -ttt c
  printf 'c\n' | TZ=UTC "$SVLOGD" -tTt c
  for l in a b c ; do assert_match "$iso $l" "$(grep " $l\$" c/current)" "-T with -t's ($l)" ; done
}

t_stamp_time_of_first_byte () {
  # a line written in two parts gets the time its first part came
  mkdir d
  sl_start -t d
  printf 'first half ' >&3
  sleep 1.2
  printf 'second half\n' >&3
  sl_stop
  line=$(cat d/current)
  assert_match "* first half second half" "$line"
  secs=$(( 0x$(echo "$line" | cut -c2-17) - 0x400000000000000a ))
  test $(( $(date +%s) - secs )) -ge 1 || fail "stamp is from the second part"
}
