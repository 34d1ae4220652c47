# tests/func/svlogd_config.sh - svlogd's config (svlogd(8), CONFIG,
# PATTERNS, FILES AND DOCKER LOGS AT ONCE): patterns, the prefix, lines for
# stderr, UDP, and garbage in the config.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/svlogd.sh.

# shellcheck source=tests/func/lib/svlogd.sh
. "$(dirname "$SV_TESTFILE")/lib/svlogd.sh"

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
