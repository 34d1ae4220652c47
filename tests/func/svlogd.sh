# tests/func/svlogd.sh - black-box tests of svlogd: real pipes, real log directories.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.

SVLOGD=$SV_BIN/svlogd

# sl_start ARGS...: our svlogd reading the fifo ./in, whose writer we keep as
# fd 3 (sl_send writes lines to it); its stderr in ./err, its pid in SL_PID
sl_start () {
  rm -f in
  mkfifo in
  "$SVLOGD" "$@" < in 2> err &
  SL_PID=$!
  exec 3> in
}
# sl_send LINE...: each argument as one line into svlogd's stdin
sl_send () { printf '%s\n' "$@" >&3 ; }
# sl_stop: end of input; waits for svlogd to exit, its exit code in SL_RC
sl_stop () {
  exec 3>&-
  sl_wait
}
# sl_wait: waits (5 s at most) for svlogd to exit by itself; exit code in SL_RC
sl_wait () {
  wait_for 5 "gone $SL_PID" "svlogd to exit"
  wait "$SL_PID"
  SL_RC=$?
}
# unstamp FILE: its lines without the -tt stamp
unstamp () { sed 's/^[0-9-]*_[0-9:.]* //' "$1" ; }
# old DIR [SUFFIX]: the rotated files of DIR (default .s), oldest first
old () { (cd "$1" && ls -1 | grep "^@[0-9a-f]\{24\}\.${2:-s}\$") ; }
nold () { old "$@" | wc -l | tr -d ' ' ; }
# lines N [WIDTH]: N numbered lines ("line 000001 xxx..."), WIDTH bytes each with newline
lines () { awk -v n="$1" -v w="${2:-40}" 'BEGIN { p = sprintf("%*s", w - 13, "") ; gsub(/ /, "x", p) ; for (i = 1 ; i <= n ; i++) printf "line %06d %s\n", i, p }' ; }
# all DIR: every line svlogd wrote to DIR, in order (rotated files by name, then current)
all () { (cd "$1" && { for f in $(old . '[su]') ; do cat "$f" ; done ; cat current ; }) ; }
# wait_rotated DIR N: until DIR has at least N .s files
wait_rotated () { wait_for "${3:-5}" "test \$(nold $1) -ge $2" "$2 rotated files in $1" ; }

t_usage () {
  "$SVLOGD" > out 2> err ; assert_eq 111 $? "exit code without a directory"
  # runit names the program as it was called
  assert_eq "usage: $SVLOGD [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ..." "$(head -n 1 err)"
  (cd "$SV_BIN" && ./svlogd 2> "$T/err") ; assert_eq 111 $? "exit code without a directory"
  assert_eq "usage: ./svlogd [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ..." "$(head -n 1 err)"
  assert_eq 2 "$(wc -l < err | tr -d ' ')" "usage lines (text and an empty line)"
  "$SVLOGD" -x d 2> err < /dev/null ; assert_eq 111 $? "exit code for -x"
  assert_eq "svlogd: illegal option -- x" "$(head -n 1 err)"
  "$SVLOGD" -r ab d 2> err < /dev/null ; assert_eq 111 $? "-r with two characters"
  assert_match "usage: *svlogd \[-ttv\]*" "$(head -n 1 err)"
  "$SVLOGD" -r '' d 2> err < /dev/null ; assert_eq 111 $? "-r with none"
  # -b must be more than -l (default 1024 and 1000)
  "$SVLOGD" -l 1024 d 2> err < /dev/null ; assert_eq 111 $? "-l 1024 with the default -b"
  assert_match "usage: *svlogd \[-ttv\]*" "$(head -n 1 err)"
  "$SVLOGD" -l 10 -b 10 d 2> err < /dev/null ; assert_eq 111 $? "-b equal to -l"
  # bad numbers: runit reads them as 0; we say so
  "$SVLOGD" -l 12x d 2> err < /dev/null ; assert_eq 111 $? "-l 12x"
  assert_file err "svlogd: fatal: unable to scan line length: 12x"
  "$SVLOGD" -b -5 d 2> err < /dev/null ; assert_eq 111 $? "-b -5"
  assert_file err "svlogd: fatal: unable to scan buffer size: -5"
  "$SVLOGD" -l 2> err < /dev/null ; assert_eq 111 $? "-l without value"
  assert_eq "svlogd: option requires an argument -- l" "$(head -n 1 err)"
  test ! -e d || fail "a usage error created the directory"
}

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

t_size_rotation () {
  # s100 with -l 20: rotate after a line once current reaches 80 bytes, never beyond 100
  mkdir d
  echo s100 > d/config
  lines 30 20 > in.txt
  "$SVLOGD" -l 20 d < in.txt ; assert_eq 0 $? "exit code"
  assert_eq 7 "$(nold d)" "rotated files (4 lines of 20 bytes each)"
  for f in $(old d) ; do
    assert_eq 80 "$(stat -c %s d/"$f")" "size of $f"
    assert_eq 744 "$(stat -c %a d/"$f")" "mode of $f"
  done
  assert_eq 40 "$(stat -c %s d/current)" "size of current"
  # nothing lost, nothing reordered: the files in name order are the input
  all d > out.txt
  cmp -s in.txt out.txt || fail "log files in name order differ from the input"
  # a line that does not fit is split at the size limit, as runit does
  mkdir e
  printf 's50\n' > e/config
  lines 4 40 | "$SVLOGD" -l 5 e
  assert_eq "50 50 50" "$(for f in $(old e) ; do stat -c %s e/"$f" ; done | tr '\n' ' ' | sed 's/ $//')" "split files"
  assert_eq 10 "$(stat -c %s e/current)" "rest in current"
  # s0: never rotate; k and m suffixes
  mkdir f g
  printf 's0\n' > f/config
  lines 3000 40 | "$SVLOGD" f
  assert_eq 0 "$(nold f)" "rotations with s0"
  printf 's1k\n' > g/config
  lines 100 32 | "$SVLOGD" -l 20 g
  assert_eq 1024 "$(stat -c %s g/"$(old g | head -n 1)")" "s1k file size"
}

t_retention_n () {
  # runit deletes one old file per rotation: an over-full directory stays over-full.
  # We delete every .s file over n; .u files (waiting for the processor) are never counted or deleted.
  mkdir d
  for i in 1 2 3 4 5 6 ; do echo "old $i" > "d/@40000000000000000000000$i.s" ; done
  echo "leftover" > d/@400000000000000000000008.t
  printf 'n3\ns100\n' > d/config
  lines 3 40 | "$SVLOGD" -l 20 d
  assert_eq 3 "$(nold d)" ".s files after one rotation with n3"
  assert_eq "@400000000000000000000005.s @400000000000000000000006.s" "$(old d | head -n 2 | tr '\n' ' ' | sed 's/ $//')" "the newest old ones stay"
  test ! -e d/@400000000000000000000008.t || fail "processor leftover .t was kept"
  # a .u pending for a processor that fails is kept, and not counted
  mkdir p
  for i in 1 2 3 ; do echo "old $i" > "p/@40000000000000000000000$i.s" ; done
  echo "pending" > p/@400000000000000000000000.u
  printf 'n2\ns100\n!false\n' > p/config
  lines 3 40 | "$SVLOGD" -l 20 p 2> /dev/null
  test -e p/@400000000000000000000000.u || fail ".u file was deleted"
  assert_eq 2 "$(nold p)" ".s files with n2"
  # n0 keeps everything
  mkdir e
  printf 'n0\ns100\n' > e/config
  lines 30 40 | "$SVLOGD" -l 20 e
  assert_eq 15 "$(nold e)" "rotated files with n0"
  # the default is 10
  mkdir f
  printf 's100\n' > f/config
  lines 40 40 | "$SVLOGD" -l 20 f
  assert_eq 10 "$(nold f)" "rotated files with the default n"
}

t_retention_clock_stepped_back () {
  # files from the "future" (a clock that went back since): the file just
  # rotated sorts first, and runit 2.1.2 prunes exactly that one
  mkdir d
  for i in 1 2 3 ; do echo "future $i" > "d/@400000007ffffff${i}00000000.s" ; done
  printf 'n2\n' > d/config
  sl_start d
  sl_send "precious"
  wait_for 5 "test -s d/current"
  kill -ALRM "$SL_PID"
  wait_for 5 "test \$(nold d) -eq 2" "two old files"
  new=$(old d | head -n 1)
  assert_file "d/$new" "precious"
  test -e d/@400000007ffffff300000000.s || fail "the newest future file went instead of the oldest"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
}

t_min_n_on_full_disk () {
  need_root
  mkdir d
  mount -t tmpfs -o size=256k tmpfs d 2> /dev/null || skip "cannot mount a tmpfs here"
  trap 'umount d' EXIT
  # with N below n, a full disk deletes old files (down to N) instead of pausing
  for i in 1 2 3 4 5 ; do head -c 40960 /dev/zero > "d/@40000000000000000000000$i.s" ; done
  printf 'n9\nN2\ns0\n' > d/config
  lines 3000 50 > in.txt
  "$SVLOGD" d < in.txt 2> err ; assert_eq 0 $? "exit code"
  assert_eq 2 "$(nold d)" "old files left (N2)"
  test -e d/@400000000000000000000005.s || fail "not the oldest ones went"
  grep -q "^svlogd: warning: out of disk space, delete: d/@400000000000000000000001.s$" err || fail "no delete warning: $(cat err)"
  cmp -s in.txt d/current || fail "lines lost"
}

t_timeout_rotation () {
  mkdir d
  printf 't1\n' > d/config
  sl_start d
  sl_send "timed"
  wait_rotated d 1 4
  assert_file "d/$(old d)" "timed"
  # an empty current is never rotated
  still_for 1.5 "test \$(nold d) -eq 1" "no rotation of an empty current"
  sl_send "again"
  wait_rotated d 2 4
  sl_stop
  assert_eq "timed again" "$(all d | tr '\n' ' ' | sed 's/ $//')" "content"
  # suffixes: t1m is 60 s, so nothing within a second
  mkdir e
  printf 't1m\n' > e/config
  sl_start e
  sl_send "slow"
  still_for 1.5 "test \$(nold e) -eq 0" "no rotation before a minute"
  sl_stop
}

t_processor () {
  mkdir d
  # upper-cases each file; keeps a count of its runs in state (fd 4 in, fd 5 out)
  printf 's100\n!tr a-z A-Z ; n=$(cat <&4) ; echo $((n + 1)) >&5\n' > d/config
  lines 12 20 | "$SVLOGD" -l 20 d ; assert_eq 0 $? "exit code"
  assert_eq 3 "$(nold d)" "processed files"
  for f in $(old d) ; do assert_eq 744 "$(stat -c %a d/"$f")" "mode of $f" ; done
  assert_eq 0 "$(nold d u)" ".u files left"
  assert_eq 0 "$(nold d t)" ".t files left"
  assert_eq "LINE 000001 XXXXXXX" "$(head -n 1 d/"$(old d | head -n 1)")" "processed content"
  assert_file d/state "3"
  test ! -e d/newstate || fail "newstate left"
  # the processor runs in the log directory
  mkdir e
  printf 's20\n!pwd -P > where ; cat\n' > e/config
  lines 1 20 | "$SVLOGD" -l 5 e
  assert_file e/where "$(cd e && pwd -P)"
}

t_processor_failure_retried () {
  mkdir d
  # fails on its first run, succeeds on the second: the .u is processed again
  printf 's20\n!if test -e tried ; then cat ; else touch tried ; echo partial ; exit 1 ; fi\n' > d/config
  lines 1 20 | "$SVLOGD" -l 5 d 2> err
  assert_eq 1 "$(nold d)" "processed files"
  assert_eq "line 000001 xxxxxxx" "$(cat d/"$(old d)")" "processed content (and not the failed output)"
  assert_eq 0 "$(nold d u)" ".u files left"
  assert_eq 0 "$(nold d t)" ".t files left"
  grep -q "^svlogd: warning: processor failed, restart: d$" err || fail "no restart warning: $(cat err)"
}

t_processor_blocks_next_rotation () {
  # one processor per directory: the next rotation waits until it is done
  mkdir d
  printf 's20\n!while test ! -e go ; do sleep 0.05 ; done ; cat\n' > d/config
  sl_start -l 5 d
  sl_send "0123456789012345678901234"
  wait_for 5 "test \$(nold d u) -eq 1" "the first .u"
  sl_send "abcdefghijklmnopqrstuvwxy"
  still_for 0.5 "test \$(nold d u) -eq 1" "one .u while its processor runs"
  touch d/go
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 2 "$(nold d)" "both processed"
  assert_eq "0123456789012345678901234 abcdefghijklmnopqrstuvwxy" "$(all d | tr '\n' ' ' | sed 's/ $//')" "content"
}

t_select_patterns () {
  mkdir d
  printf -- '-*\n+*keep*\n-*drop*\ne*alert*\nE*quiet*\n' > d/config
  printf '%s\n' "keep 1" "other" "keep but drop" "alert keep" "alert quiet" "keep alert" | "$SVLOGD" d 2> err
  assert_eq "keep 1|alert keep|keep alert" "$(tr '\n' '|' < d/current | sed 's/|$//')" "selected for the log"
  # stderr selection is independent of log selection; the last matching pattern decides
  assert_eq "alert keep|keep alert" "$(tr '\n' '|' < err | sed 's/|$//')" "selected for stderr"
  # the man page's example
  mkdir e
  printf -- '-*pid*\n' > e/config
  printf '%s\n' "2005 tcpsvd: info: pid 1977 from 10.4.1.14" | "$SVLOGD" e
  assert_eq 1 "$(wc -l < e/current | tr -d ' ')" "-*pid* does not match (the first * stops at the p of tcpsvd)"
  printf -- '-*: *: pid *\n' > e/config
  printf '%s\n' "2005 tcpsvd: info: pid 1977 from 10.4.1.14" | "$SVLOGD" e
  assert_eq 1 "$(wc -l < e/current | tr -d ' ')" "-*: *: pid * matches"
  # + : one or more
  mkdir f
  printf -- '-*\n+a+b\n' > f/config
  printf '%s\n' ab abbb abc b | "$SVLOGD" f
  assert_eq "ab abbb" "$(tr '\n' ' ' < f/current | sed 's/ $//')" "a+b"
}

t_prefix () {
  mkdir d
  printf 'p[svc] \ne*\n' > d/config
  printf 'hello\n' | "$SVLOGD" -tt d 2> err
  assert_match "????-??-??_??:??:??.????? [[]svc] hello" "$(cat d/current)" "log line"
  assert_match "????-??-??_??:??:??.????? [[]svc] hello" "$(cat err)" "stderr line"
  # patterns see the line without stamp or prefix
  printf 'p[svc] \n-[svc]*\n' > d/config
  printf 'world\n' | "$SVLOGD" d
  assert_eq "[svc] world" "$(tail -n 1 d/current)"
}

t_files_and_docker_logs () {
  # svlogd(8)'s recipe: every line into the files and, prefixed with the
  # service's name, onto svlogd's stderr (under runsv: runsvdir's, docker logs')
  mkdir main
  printf 'pweb: \ne*\n' > main/config
  sl_start -tt main
  sl_send "hello" "world"
  wait_for 5 "test \$(wc -l < err) -ge 2" "the lines on stderr"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "web: hello|web: world" "$(unstamp main/current | tr '\n' '|' | sed 's/|$//')" "the file"
  assert_eq "web: hello|web: world" "$(unstamp err | tr '\n' '|' | sed 's/|$//')" "stderr"
  cmp -s main/current err || fail "stderr differs from the file: $(cat err)"
  # the variant without the prefix in the files: a second directory for stderr only
  mkdir plain docker
  printf 'pweb: \n-*\ne*\n' > docker/config
  printf 'a\nb\n' | "$SVLOGD" -tt plain docker 2> err2
  assert_eq "a|b" "$(unstamp plain/current | tr '\n' '|' | sed 's/|$//')" "the file of the variant"
  assert_eq "web: a|web: b" "$(unstamp err2 | tr '\n' '|' | sed 's/|$//')" "stderr of the variant"
  assert_eq 0 "$(wc -c < docker/current | tr -d ' ')" "the stderr-only directory's current"
  # the real thing: log/run is "exec svlogd -tt ./main" under runsv, whose
  # stderr (svc.log here) is what docker logs shows
  mksvc svc 'echo one ; echo two ; exec sleep 600'
  mksvc svc/log 'exec svlogd -tt ./main'
  mkdir svc/log/main
  printf 'psvc: \ne*\n' > svc/log/main/config
  start_runsv svc
  wait_for 10 "grep -q '^[0-9-]*_[0-9:.]* svc: two\$' svc.log" "the lines in runsv's output"
  assert_eq "svc: one|svc: two" "$(grep ' svc: ' svc.log | unstamp /dev/stdin | tr '\n' '|' | sed 's/|$//')" "runsv's output"
  wait_for 5 "grep -q 'svc: two' svc/log/main/current" "the lines in the file"
  assert_eq "svc: one|svc: two" "$(unstamp svc/log/main/current | tr '\n' '|' | sed 's/|$//')" "the service's log file"
  ctl svc x
  wait "$RUNSV_PID"
}

t_stderr_lines_whole () {
  # lines for stderr are written whole, in writes that end on a line and are
  # at most PIPE_BUF bytes (one longer line alone): in docker logs, the other
  # writers of the pipe never land inside a line
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir d
  printf 'p[d] \ne*\n' > d/config
  { lines 300 90 ; head -c 6000 /dev/zero | tr '\0' a ; echo ; lines 10 90 ; } > in.txt
  # (a sanitized build's leak checker cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -s 100000 -e trace=write,writev -o trace "$SVLOGD" -l 7000 -b 8000 d < in.txt 2> err || skip "strace cannot trace here"
  sed 's/^/[d] /' in.txt | cmp -s - err || fail "stderr is not the input, prefixed"
  grep -q '^writev(2,' trace && fail "lines to stderr through writev: $(grep '^writev(2,' trace | head -n 1 | cut -c 1-100)"
  n=$(grep -c '^write(2,' trace)
  test "$n" -ge 8 || fail "$n writes to stderr for 31 KB"
  test "$n" -lt 30 || fail "$n writes to stderr: one per line?"
  bad=$(grep '^write(2,' trace | grep -v -c '\\n", [0-9]*) = [0-9]*$')
  assert_eq 0 "$bad" "writes to stderr not ending on a newline"
  # at most PIPE_BUF, but for the long line's own
  sizes=$(grep '^write(2,' trace | sed 's/.* = //' | sort -n | tail -n 2 | tr '\n' ' ')
  assert_match "[0-9]* 6005 " "$sizes" "the largest writes"
  test "$(echo "$sizes" | cut -d' ' -f1)" -le 4096 || fail "a write of more than PIPE_BUF with short lines: $sizes"
}

t_sighup_new_config () {
  mkdir d
  sl_start d
  sl_send "before"
  wait_for 5 "grep -q before d/current"
  printf 'pNEW:\n-*skip*\n' > d/config
  kill -HUP "$SL_PID"
  # a HUP closes current cleanly and reopens it: wait for the new config to act
  wait_for 5 "sl_send probe ; grep -q '^NEW:probe' d/current" "the new config"
  sl_send "skip me" "after"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "before" "$(head -n 1 d/current)"
  assert_eq "NEW:after" "$(tail -n 1 d/current)"
  grep -q "skip me" d/current && fail "deselected line logged"
  # a HUP when no directory can be reopened: exit 111
  mkdir e
  sl_start e
  sl_send "x"
  wait_for 5 "test -s e/current"
  mv e gone
  kill -HUP "$SL_PID"
  sl_wait
  assert_eq 111 "$SL_RC" "exit code without a usable directory"
  grep -q "^svlogd: fatal: no functional log directories.$" err || fail "no fatal message: $(cat err)"
  assert_file gone/current "x"
}

t_sigalrm () {
  mkdir d e
  sl_start -v d e
  sl_send "one"
  wait_for 5 "test -s d/current && test -s e/current"
  assert_eq 644 "$(stat -c %a d/current)" "mode of current while in use"
  kill -ALRM "$SL_PID"
  wait_rotated d 1
  wait_rotated e 1
  assert_file "d/$(old d)" "one"
  # an empty current is not rotated
  kill -ALRM "$SL_PID"
  wait_for 5 "test \$(grep -c 'sigalarm received' err) -eq 2" "the second SIGALRM"
  sl_send "two"
  wait_for 5 "test -s d/current"
  assert_eq 1 "$(nold d)" "rotations"
  sl_stop
  assert_file d/current "two"
  assert_eq 744 "$(stat -c %a d/current)" "mode of current after a clean exit"
}

t_opt_l () {
  mkdir d
  printf 'e*\n' > d/config
  printf '%s\n' 012 0123 0123456789 | "$SVLOGD" -l 4 d 2> err
  # stderr gets len bytes and ... when the line is that long or longer; the log gets everything
  assert_eq "012|0123...|0123..." "$(tr '\n' '|' < err | sed 's/|$//')" "stderr"
  assert_eq "012|0123|0123456789" "$(tr '\n' '|' < d/current | sed 's/|$//')" "log"
  # patterns only see the first len bytes
  printf -- '-*\n+*9\n+0123\n' > d/config
  printf '%s\n' 0123456789 | "$SVLOGD" -l 4 d
  assert_eq "0123456789" "$(tail -n 1 d/current)" "matched on 4 bytes"
  printf -- '-*\n+*9\n' > d/config
  printf '%s\n' 0123456789 xyz9 | "$SVLOGD" -l 4 d
  assert_eq "xyz9" "$(tail -n 1 d/current)" "*9 sees xyz9"
  assert_eq 5 "$(wc -l < d/current | tr -d ' ')" "*9 cannot see byte 10"
  # -l 0 is the default, 1000
  printf 'e*\n' > d/config
  head -c 1500 /dev/zero | tr '\0' a | "$SVLOGD" -l 0 d 2> err
  assert_eq 1004 "$(wc -c < err | tr -d ' ')" "stderr line with -l 0"
}

t_opt_r_and_R () {
  mkdir a b c d
  printf 'a\tb\001c\377d\n' | "$SVLOGD" -r . a
  assert_file a/current "a.b.c.d"
  printf 'abcXYZ\n' | "$SVLOGD" -R XZ b
  assert_file b/current "abc_Y_"
  printf 'abcXYZ\n' | "$SVLOGD" -R XZ -r - c
  assert_file c/current "abc-Y-"
  # runit replaces within the first len bytes only
  printf 'a\tbcXYZ\tXYZ\n' | "$SVLOGD" -l 3 -R Z d
  printf 'a_bcXYZ\tXYZ\n' > want
  cmp -s want d/current || fail "-l 3 -R Z: got $(od -c d/current)"
  # replacement happens before matching
  mkdir e
  printf -- '-*\n+a_b\n' > e/config
  printf 'a\tb\n' | "$SVLOGD" -r _ e
  assert_file e/current "a_b"
}

t_eof_flush () {
  # runit drops a last line without a newline; we write it, with a newline
  mkdir d e
  printf 'a\nb' | "$SVLOGD" -tt d ; assert_eq 0 $? "exit code"
  assert_eq "a|b" "$(unstamp d/current | tr '\n' '|' | sed 's/|$//')"
  assert_eq 2 "$(wc -l < d/current | tr -d ' ')" "newlines"
  printf 'only-partial' | "$SVLOGD" e
  assert_file e/current "only-partial"
  assert_eq 744 "$(stat -c %a e/current)" "mode after EOF"
  # a partial line longer than the buffer (its head was written already)
  mkdir f
  head -c 300000 /dev/zero | tr '\0' z | "$SVLOGD" f
  assert_eq 300001 "$(wc -c < f/current | tr -d ' ')" "long partial line"
  assert_eq 1 "$(wc -l < f/current | tr -d ' ')" "one line"
}

t_sigterm_finishes_line () {
  mkdir d
  sl_start -v d
  printf 'full\npart' >&3
  wait_for 5 "grep -q full d/current"
  kill -TERM "$SL_PID"
  wait_for 5 "grep -q 'sigterm received' err" "svlogd to see SIGTERM"
  printf 'ial\nnext\n' >&3
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "full|partial" "$(tr '\n' '|' < d/current | sed 's/|$//')" "the line being read is finished"
  assert_eq 744 "$(stat -c %a d/current)" "mode after TERM"
  # and the rest is left in the pipe for the next reader
  timeout 5 head -n 1 < in > rest &
  exec 3>&-
  wait $!
  assert_file rest "next"
}

t_sigterm_idle_and_partial () {
  mkdir d e
  sl_start d
  sl_send "a"
  wait_for 5 "test -s d/current"
  kill -TERM "$SL_PID"
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_file d/current "a"
  # a partial line that never ends is written after a second
  sl_start e
  printf 'x\nnever ends' >&3
  wait_for 5 "test -s e/current"
  kill -TERM "$SL_PID"
  sl_wait
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq "x|never ends" "$(tr '\n' '|' < e/current | sed 's/|$//')"
}

t_two_dirs () {
  mkdir a b
  printf -- '-*\n+*a*\n' > b/config
  printf 's50\n' > a/config
  lines 5 20 | sed '3s/^/a /' | "$SVLOGD" -l 10 a b nosuch 2> err ; assert_eq 0 $? "exit code"
  assert_eq 5 "$(all a | wc -l | tr -d ' ')" "lines in a"
  assert_eq 2 "$(nold a)" "rotations in a"
  assert_eq "a line 000003 xxxxxxx" "$(cat b/current)" "b selects only lines with an a"
  assert_file err "svlogd: warning: unable to open log directory: nosuch: file does not exist"
  # the same directory twice: the second cannot lock it
  mkdir c
  printf 'x\n' | "$SVLOGD" c c 2> err
  assert_file err "svlogd: warning: unable to lock directory: c: temporary failure"
  assert_file c/current "x"
}

t_unusable_dirs () {
  "$SVLOGD" nosuch < /dev/null 2> err ; assert_eq 111 $? "exit code for a missing directory"
  assert_eq "svlogd: warning: unable to open log directory: nosuch: file does not exist|svlogd: fatal: no functional log directories." "$(tr '\n' '|' < err | sed 's/|$//')"
  touch file
  "$SVLOGD" file < /dev/null 2> err ; assert_eq 111 $? "exit code for a file"
  assert_eq "svlogd: warning: unable to change directory: file: not a directory" "$(head -n 1 err)"
  # locked by another svlogd
  mkdir l
  sl_start l
  wait_for 5 "test -e l/current" "the first svlogd to lock l"
  "$SVLOGD" l < /dev/null 2> err2 ; assert_eq 111 $? "exit code for a locked directory"
  assert_eq "svlogd: warning: unable to lock directory: l: temporary failure" "$(head -n 1 err2)"
  sl_stop
  # a directory nobody may write
  need_root
  mkdir ro
  mount -t tmpfs -o ro,size=64k tmpfs ro 2> /dev/null || skip "cannot mount a read-only tmpfs here"
  trap 'umount ro' EXIT
  printf 'x\n' > in.txt
  "$SVLOGD" ro < in.txt 2> err ; assert_eq 111 $? "exit code for a read-only directory"
  assert_eq "svlogd: warning: unable to lock directory: ro: read-only file system|svlogd: fatal: no functional log directories." "$(tr '\n' '|' < err | sed 's/|$//')"
}

t_garbage_config () {
  mkdir d
  printf 's100x\nsfoo\n S10\nulocalhost\nu127.0.0.1:99999\nn2\n\377\001junk\n-*drop*\n' > d/config
  lines 20 20 | sed '2s/$/ drop/' | "$SVLOGD" -l 30 d 2> err ; assert_eq 0 $? "exit code"
  cat > want <<'EOF'
svlogd: warning: trailing garbage ignored: d/config:1: s100x
svlogd: warning: unable to scan size: d/config:2: foo
svlogd: warning: unknown directive ignored: d/config:3:  S10
svlogd: warning: unable to scan ip address: d/config:4: localhost
svlogd: warning: unable to scan port number: d/config:5: 99999
svlogd: warning: unknown directive ignored: d/config:7: ??junk
EOF
  diff want err > /dev/null || fail "warnings: $(cat err)"
  # the good lines still count: s100, n2 and the pattern
  assert_eq 2 "$(nold d)" "rotated files (s100 n2)"
  all d | grep -q drop && fail "-*drop* ignored"
  # a config that is a directory: runit's message, defaults
  rm -rf d ; mkdir -p d/config
  printf 'x\n' | "$SVLOGD" d 2> err ; assert_eq 0 $? "exit code with config a directory"
  assert_file err "svlogd: warning: unable to read config: d: is a directory"
  assert_file d/current "x"
  # endless garbage is not read forever
  rm -rf d ; mkdir d ; ln -s /dev/zero d/config
  printf 'y\n' | timeout 10 "$SVLOGD" d 2> err ; assert_eq 0 $? "exit code with config /dev/zero"
  assert_file err "svlogd: warning: unable to read config: d: file too big"
  # many bad lines: ten warnings, then one line
  rm -rf d ; mkdir d ; seq 1 50 | sed 's/^/?/' > d/config
  printf 'z\n' | "$SVLOGD" d 2> err
  assert_eq 11 "$(wc -l < err | tr -d ' ')" "warning lines"
  assert_eq "svlogd: warning: d/config: more problems not shown" "$(tail -n 1 err)"
}

t_full_disk () {
  need_root
  mkdir d
  mount -t tmpfs -o size=1m tmpfs d 2> /dev/null || skip "cannot mount a tmpfs here"
  trap 'umount d' EXIT
  printf 's0\n' > d/config
  head -c 2000000 /dev/zero > d/filler 2> /dev/null
  lines 12000 50 > in.txt
  sl_start d
  cat in.txt >&3 &
  writer=$!
  wait_for 10 "grep -q 'pausing: unable to write to current: d: out of disk space' err" "the pausing message"
  # the writer is held back by the pipe, not dropped
  still_for 0.5 "is_running $writer" "writer blocked while the disk is full"
  rm d/filler
  wait_for 10 "gone $writer" "the writer to finish"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  cmp -s in.txt d/current || fail "lines lost or reordered: $(wc -l < d/current) of 12000"
  assert_eq 1 "$(grep -c pausing err)" "pausing messages (once per stall)"
}

t_udp () {
  command -v perl > /dev/null || skip "perl is not installed"
  # a receiver on an ephemeral port of 127.0.0.1; every datagram into ./got as [text]
  perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Proto => "udp") or die "socket: $!" ;
    open(my $p, ">", "port.tmp") or die ; print $p $s->sockport() ; close $p ; rename "port.tmp", "port" ;
    open(my $o, ">", "got") or die ; $o->autoflush(1) ;
    while (1) { my $b ; $s->recv($b, 65536) ; print $o "[$b]" }' &
  wait_for 5 "test -s port" "the UDP receiver"
  port=$(cat port)
  mkdir u U
  printf 'u127.0.0.1:%s\npPRE:\n' "$port" > u/config
  printf 'hello udp\n0123456789abcdef\n' | "$SVLOGD" -l 8 u
  wait_for 5 "grep -q 01234567 got" "the datagrams"
  assert_eq "[PRE:hello ud...
][PRE:01234567...
]" "$(cat got)" "datagrams"
  assert_eq "PRE:hello udp|PRE:0123456789abcdef" "$(tr '\n' '|' < u/current | sed 's/|$//')" "u also logs"
  # U: only UDP
  : > got
  printf 'U127.0.0.1:%s\n-*skip*\n' "$port" > U/config
  printf 'only udp\nskip me\n' | "$SVLOGD" -tt U
  wait_for 5 "grep -q 'only udp' got" "the datagram"
  assert_match "[[]????-??-??_??:??:??.????? only udp
]" "$(cat got)" "-tt datagram"
  assert_eq 0 "$(wc -c < U/current | tr -d ' ')" "U does not log"
  # failures are logged in the directory, as runit does
  mkdir f
  printf 'u255.255.255.255\n' > f/config
  printf 'bcast\n' | "$SVLOGD" f
  assert_eq "warning: failure sending through udp: bcast|bcast" "$(tr '\n' '|' < f/current | sed 's/|$//')"
}

t_unclean_current () {
  mkdir d
  # no execute bit and not empty: svlogd did not close it (kill -9): with
  # no processor, kept as a complete .s (runit keeps it as a .u for ever)
  printf 'crashed\n' > d/current
  chmod 644 d/current
  printf 'new\n' | "$SVLOGD" d 2> err
  assert_eq 0 "$(nold d u)" ".u files"
  assert_eq 1 "$(nold d)" ".s files"
  assert_file "d/$(old d)" "crashed"
  assert_eq 744 "$(stat -c %a "d/$(old d)")" "mode of the kept file"
  assert_file d/current "new"
  # a clean one is appended to
  printf 'more\n' | "$SVLOGD" d
  assert_eq "new|more" "$(tr '\n' '|' < d/current | sed 's/|$//')"
  assert_eq 1 "$(nold d)" ".s files"
  # kill -9 leaves current without the bit: the next one starts anew
  sl_start d
  sl_send "lost?"
  wait_for 5 "grep -q lost d/current"
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  assert_eq 644 "$(stat -c %a d/current)" "mode after kill -9"
  printf 'after\n' | "$SVLOGD" d
  assert_eq 2 "$(nold d)" ".s files"
  assert_eq "new|more|lost?" "$(tr '\n' '|' < "d/$(old d | tail -n 1)" | sed 's/|$//')" "the killed one's current"
  assert_file d/current "after"
  # with a processor, the unclean current is kept as a .u and processed
  mkdir p
  printf '!tr a-z A-Z\n' > p/config
  printf 'crashed\n' > p/current
  printf 'new\n' | "$SVLOGD" p
  assert_eq 0 "$(nold p u)" ".u files with a processor"
  assert_file "p/$(old p)" "CRASHED"
}

t_u_recovered () {
  # a .u left by a svlogd killed mid-rotation is not left for ever
  u=@400000006b0ad05a00000000.u s=@400000006b0ad05a00000000.s
  # no processor: it becomes the .s of the same name, at start-up
  mkdir d
  printf 'one\ntwo\n' > "d/$u"
  chmod 644 "d/$u"
  sl_start -v d
  wait_for 5 "test -e d/$s && test ! -e d/$u" "the .u to become the .s"
  assert_eq "one|two" "$(tr '\n' '|' < "d/$s" | sed 's/|$//')" "content of the .s"
  assert_eq 744 "$(stat -c %a "d/$s")" "mode of the .s"
  grep -q "^svlogd: info: rename: d/$u $s\$" err || fail "no rename message: $(cat err)"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  # its .s already there (a processor's booking cut short): both are kept
  mkdir b
  echo processed > "b/$s"
  echo raw > "b/$u"
  printf 'x\n' | "$SVLOGD" b
  assert_eq 0 "$(nold b u)" ".u files"
  assert_file "b/$s" "processed"
  assert_eq "processed|raw" "$(for f in $(old b) ; do cat "b/$f" ; done | tr '\n' '|' | sed 's/|$//')" "both files"
  # with a processor: processed as at a rotation, its output the .s
  mkdir p
  printf '!tr a-z A-Z ; echo done >&5\n' > p/config
  printf 'one\ntwo\n' > "p/$u"
  sl_start p
  wait_for 5 "test -e p/$s && test ! -e p/$u" "the .u to be processed"
  assert_eq "ONE|TWO" "$(tr '\n' '|' < "p/$s" | sed 's/|$//')" "processed content"
  assert_eq 744 "$(stat -c %a "p/$s")" "mode of the .s"
  assert_file p/state "done"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 0 "$(nold p t)" ".t files left"
}

t_u_recovered_after_kill () {
  # the real thing: SIGKILL while a slow processor runs, then a new svlogd.
  # The killed one's processor goes on (nothing kills it) and writes when
  # released: into a file of its own, not into what became the .s
  mkdir d
  printf 's20\n!if mkdir first 2> /dev/null ; then while test ! -e go ; do sleep 0.05 ; done ; echo ORPHAN ; cat ; touch orphan.done ; else tr a-z A-Z ; fi\n' > d/config
  sl_start -l 5 d
  sl_send "0123456789abcdef"
  wait_for 5 "test \$(nold d u) -eq 1 && test -d d/first" "the first processor to run"
  u=$(old d u)
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  exec 3>&-
  test -e "d/$u" || fail "the .u went with the kill"
  sl_start -l 5 d
  s=${u%.u}.s
  wait_for 5 "test -e d/$s && test ! -e d/$u" "the .u to be processed by the next svlogd"
  assert_file "d/$s" "0123456789ABCDEF"
  touch d/go
  wait_for 5 "test -e d/orphan.done" "the orphaned processor to finish"
  assert_file "d/$s" "0123456789ABCDEF"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  assert_eq 0 "$(nold d u)" ".u files"
  # and without a processor, the killed one's .u becomes a .s
  mkdir e
  printf 's20\n!while test ! -e go ; do sleep 0.05 ; done ; cat\n' > e/config
  sl_start -l 5 e
  sl_send "abcdefghijklmnop"
  wait_for 5 "test \$(nold e u) -eq 1" "the .u"
  u=$(old e u)
  kill -KILL "$SL_PID"
  wait "$SL_PID"
  exec 3>&-
  printf 's20\n' > e/config
  printf 'next\n' | "$SVLOGD" e
  assert_file "e/${u%.u}.s" "abcdefghijklmnop"
  assert_eq 0 "$(nold e u)" ".u files"
  touch e/go
}

t_modes () {
  mkdir d
  sl_start d
  sl_send "x"
  wait_for 5 "test -s d/current"
  assert_eq 644 "$(stat -c %a d/current)" "current while in use"
  assert_eq 600 "$(stat -c %a d/lock)" "lock"
  sl_stop
  assert_eq 744 "$(stat -c %a d/current)" "current after the end"
  # modes are set explicitly: a tight umask does not change them
  mkdir e
  printf 's10\n' > e/config
  (umask 077 ; lines 3 20 | "$SVLOGD" -l 5 e)
  assert_eq 744 "$(stat -c %a e/current)" "current with umask 077"
  assert_eq 744 "$(stat -c %a e/"$(old e | head -n 1)")" "rotated with umask 077"
  test ! -e e/state || fail "state made without a processor"
}

t_verbose () {
  mkdir d
  printf 's20\n' > d/config
  lines 2 20 | "$SVLOGD" -v -l 5 d 2> err
  sed 's/@[0-9a-f]\{24\}/@T/' err > got
  cat > want <<'EOF'
svlogd: info: read: d/config
svlogd: info: new: d/current
svlogd: info: rename: d/current @T.s 20
svlogd: info: rename: d/current @T.s 20
svlogd: info: close: d
EOF
  diff want got > /dev/null || fail "verbose output: $(cat err)"
}

t_long_lines () {
  # lines longer than every buffer are written whole (and split only by s)
  mkdir d e
  { head -c 400000 /dev/zero | tr '\0' a ; echo ; echo short ; } > in.txt
  "$SVLOGD" -tt d < in.txt
  assert_eq 2 "$(wc -l < d/current | tr -d ' ')" "lines"
  assert_eq "$(( 400000 + 1 + 6 + 2 * 26 ))" "$(wc -c < d/current | tr -d ' ')" "bytes"
  assert_eq short "$(unstamp d/current | tail -n 1)"
  printf 's100000\n' > e/config
  "$SVLOGD" e < in.txt
  all e > out.txt
  cmp -s in.txt out.txt || fail "split long line lost bytes"
  assert_eq 4 "$(nold e)" "rotated files"
}

t_no_per_line_syscalls () {
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir d
  echo s0 > d/config
  lines 20000 100 > in.txt
  # (a sanitized build's leak checker cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -e trace=read,write -o trace "$SVLOGD" -tt d < in.txt 2> /dev/null || skip "strace cannot trace here"
  unstamp d/current > out.txt
  cmp -s in.txt out.txt || fail "lines lost"
  n=$(grep -c 'write(' trace)
  test "$n" -lt 100 || fail "$n writes for 20000 lines"
  n=$(grep -c 'read(0' trace)
  test "$n" -lt 100 || fail "$n reads for 20000 lines"
}

t_failing_processor_never_wedges () {
  # runit's svlogd (and ours before) waited at the second rotation for a
  # processor that always fails: input stopped and SIGTERM was ignored
  mkdir d
  printf 's100\n!false\n' > d/config
  lines 20 20 > in.txt
  sl_start -l 20 d
  cat in.txt >&3
  wait_for 30 "test \"\$(all d | wc -l)\" -ge 20" "every line through the rotations"
  # each file is tried three times, then given up: not run again every second
  wait_for 10 "test \$(grep -c '^svlogd: warning: processor failed, giving up: d/@[0-9a-f]*\.u$' err) -eq \$(nold d u)" "every file given up"
  n=$(grep -c '^svlogd: warning: processor failed, restart: d$' err)
  assert_eq "$(( $(nold d u) * 2 ))" "$n" "restarts: two per file"
  still_for 1.5 "test \$(grep -c 'processor failed, restart' err) -eq $n" "no more restarts"
  # (read once nothing runs: a retry renames a file while all reads the dir,
  # and on a loaded machine the retries outlast the last line)
  all d > got.txt
  cmp -s in.txt got.txt || fail "lines lost or out of order"
  test "$(nold d u)" -ge 3 || fail "rotated files kept as .u: $(nold d u)"
  assert_eq 0 "$(nold d)" ".s files"
  sl_send "last"
  wait_for 5 "grep -q '^last$' d/current"
  kill -TERM "$SL_PID"
  wait_for 10 "gone $SL_PID" "svlogd to end on SIGTERM"
  wait "$SL_PID"
  assert_eq 0 $? "exit code"
  printf 'last\n' >> in.txt
  all d > got.txt
  cmp -s in.txt got.txt || fail "lines lost at SIGTERM"
  assert_eq 744 "$(stat -c %a d/current)" "mode of current after SIGTERM"
  assert_eq 0 "$(nold d t)" ".t files left"
}

t_pending_processed_later () {
  # files given up on are processed once the processor works again: after it
  # next succeeds, and when svlogd rereads its config (SIGHUP) or starts
  mkdir d
  printf 's100\n!test -e ok && exec tr a-z A-Z\n' > d/config
  lines 30 20 > in.txt
  sl_start -l 20 d
  head -n 10 in.txt >&3
  wait_for 20 "test \$(grep -c 'giving up' err) -ge 2" "two files given up"
  test "$(nold d u)" -ge 2 || fail "files pending: $(nold d u)"
  touch d/ok
  tail -n 20 in.txt >&3
  wait_for 20 "test \$(nold d u) -eq 0 && test \$(nold d) -ge 6" "every .u processed"
  tr a-z A-Z < in.txt > want.txt
  { for f in $(old d) ; do cat "d/$f" ; done ; tr a-z A-Z < d/current ; } > got.txt
  cmp -s want.txt got.txt || fail "processed files differ from the input"
  sl_stop
  assert_eq 0 "$SL_RC" "exit code"
  # SIGHUP with a processor that works now: what was given up is processed
  mkdir e
  printf 's100\n!false\n' > e/config
  sl_start -l 20 e
  lines 10 20 >&3
  wait_for 20 "test \$(grep -c 'giving up' err) -ge 2" "two files given up in e"
  n=$(nold e u)
  printf 's100\n!cat\n' > e/config
  kill -HUP "$SL_PID"
  wait_for 20 "test \$(nold e u) -eq 0" "every .u of e processed after SIGHUP"
  assert_eq "$n" "$(nold e)" "processed files"
  sl_stop
  # and a new svlogd takes up what an earlier one left
  mkdir f
  printf 's100\n!false\n' > f/config
  lines 10 20 | "$SVLOGD" -l 20 f 2> /dev/null
  n=$(nold f u)
  test "$n" -ge 2 || fail "files left pending by the first svlogd: $n"
  printf 's100\n!cat\n' > f/config
  sl_start -l 20 f
  wait_for 20 "test \$(nold f u) -eq 0" "every .u of f processed by the next svlogd"
  assert_eq "$n" "$(nold f)" "processed files"
  sl_stop
}

t_stdin_left_blocking () {
  # the log pipe is shared with the next logger, which may not be svlogd:
  # svlogd must not leave it non-blocking (cat would get EAGAIN and exit)
  mkdir d
  rm -f in ; mkfifo in
  ( exec 4<&0 ; "$SVLOGD" d <&4 4<&- 2> err & echo $! > slpid ; wait $! ; echo $? > rc ; exec cat > out ) < in 2> caterr &
  holder=$!
  exec 3> in
  wait_for 5 "test -s slpid"
  printf 'one\n' >&3
  wait_for 5 "grep -q one d/current"
  kill -TERM "$(cat slpid)"
  wait_for 5 "test -s rc" "svlogd to exit"
  assert_eq 0 "$(cat rc)" "svlogd's exit code"
  wait_for 5 "gone $holder || test \"\$(readlink /proc/$holder/exe)\" = \"\$(readlink -f \"\$(command -v cat)\")\"" "cat to start"
  is_running "$holder" || fail "cat exited at once: $(cat caterr)"
  flags=$(awk '/^flags:/ { print $2 }' /proc/$holder/fdinfo/0)
  assert_eq 0 "$(( 0$flags & 04000 ))" "O_NONBLOCK on the pipe after svlogd (flags $flags)"
  printf 'two\n' >&3
  wait_for 5 "grep -q two out" "cat to read what follows"
  is_running "$holder" || fail "cat exited: $(cat caterr)"
  exec 3>&-
  wait "$holder"
}

t_read_never_blocks () {
  # svlogd reads only when iopause says readable, and stdin stays blocking
  # (t_stdin_left_blocking); another reader of the pipe may take the bytes
  # in between. strace holds each read(2) of svlogd back 0.3 s, so that cat
  # takes them first, every time: svlogd must not then sit in read(2), deaf
  # to SIGTERM
  command -v strace > /dev/null || skip "strace is not installed"
  mkdir d
  # (a sanitized build's leak checker cannot run under ptrace)
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
  export ASAN_OPTIONS
  sl_start -v d
  wait_for 5 "grep -q 'new: d/current' err" "svlogd to start"
  # attached once running: a sanitized build's start-up reads would crawl
  strace -p "$SL_PID" -o /dev/null -e trace=read -e inject=read:delay_enter=300000 2> strace.err &
  wait_for 5 "grep -q attached strace.err || ! is_running $!" "strace to attach"
  grep -q attached strace.err || skip "strace cannot attach here: $(head -n 1 strace.err)"
  cat < in > stolen &
  printf 'taken by cat\n' >&3
  wait_for 5 "grep -q 'taken by cat' stolen" "cat to take the line"
  kill -TERM "$SL_PID"
  wait_for 5 "gone $SL_PID" "svlogd to end on SIGTERM"
  wait "$SL_PID"
  assert_eq 0 $? "exit code"
}
