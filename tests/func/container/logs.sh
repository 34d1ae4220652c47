# tests/func/container/logs.sh - every line in docker logs: runsvdir -p
# (RUNSVDIR_PREFIX) passes each line of a service without log/ to its
# stdout as "NAME: line", whole, once, in order (runsv(8), "Prefixed output").
# Runsvdir's stdout is a pipe here, as docker's is, so that the test sees
# what two services' writes into one pipe make of each other.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Single-quoted $VARs below are the service scripts' to expand:
# shellcheck disable=SC2016

# chatty DIR NAME COUNT: a service writing COUNT numbered lines "NAME I" and,
# every 1000th, 5000 more bytes of digits (longer than PIPE_BUF); then it
# says done and sleeps
chatty () {
  mksvc "$1" "awk 'BEGIN { pad = sprintf(\"%05000d\", 7) ; for (i = 1 ; i <= $3 ; i++) print \"$2\", i, (i % 1000 ? \"\" : pad) ; print \"$2 done\" }'
exec sleep 600"
}
# joined FILE NAME: NAME's lines of FILE, prefix off, pieces of a long line
# joined back (every piece but a line's last ends in a backslash)
joined () {
  awk -v p="$2: " 'index($0, p) == 1 { l = substr($0, length(p) + 1) ; if (l ~ /\\$/) { acc = acc substr(l, 1, length(l) - 1) ; next } print acc l ; acc = "" }' "$1"
}
# to_pipe: a FIFO whose reader copies into out: runsvdir's stdout is a pipe, as docker's
to_pipe () {
  mkfifo pipe
  cat pipe > out &
  CAT=$!
}
# prefixed_run ARGS...: runsvdir -p ARGS, stdout through a pipe into out, stderr in err; RSD its pid
prefixed_run () {
  to_pipe
  "$SV_BIN/runsvdir" -p "$@" > pipe 2> err &
  RSD=$!
  wait_for 10 'traps_term "$RSD"' "runsvdir -p to start"
}
# stop_prefixed: SIGTERM to runsvdir; wait for it and for the pipe's reader
stop_prefixed () {
  kill -TERM "$RSD"
  wait "$RSD"
  wait "$CAT"
}

t_two_chatty_services_every_line_once_whole_in_order () {
  mkdir sd
  chatty sd/a a 100000
  chatty sd/b b 100000
  prefixed_run -g sd
  wait_for 120 "grep -q '^a: a done\$' out && grep -q '^b: b done\$' out" "both services' last lines"
  stop_prefixed
  # every output line is one service's, prefixed: no line cut into another
  bad=$(grep -v -c -e '^a: ' -e '^b: ' out)
  assert_eq 0 "$bad" "lines not prefixed by a or b: $(grep -v -e '^a: ' -e '^b: ' out | head -n 3 | cut -c 1-80)"
  for s in a b ; do
    joined out $s > $s.lines
    awk -v s=$s '
      $1 != s { print "foreign: " substr($0, 1, 60) ; exit 1 }
      $2 == "done" { done = 1 ; next }
      $2 != n + 1 { print "line " n + 1 " expected, got " $2 ; exit 1 }
      { n = $2 ; want = (n % 1000 ? "" : sprintf("%05000d", 7)) ; if ($3 != want) { print "line " n " is not whole: " length($3) " bytes" ; exit 1 } }
      END { if (n != 100000 || !done) { print "lines: " n ; exit 1 } }' $s.lines > $s.check || fail "service $s: $(cat $s.check)"
  done
  # the long lines came in pieces, each prefixed and at most PIPE_BUF (4096) bytes
  awk 'length($0) + 1 > 4096 { print "a line of " length($0) + 1 " bytes" ; exit 1 }' out > long.check || fail "$(cat long.check)"
  grep -q '^a: a 1000 0*\\$' out || fail "no piece of a long line ends in a backslash"
}

t_killed_mid_line_and_a_restart_loop_lose_nothing () {
  mkdir sd
  # each run says its number, then leaves a line unfinished and is killed
  mksvc sd/a 'n=$(( $(cat n 2> /dev/null || echo 0) + 1 )) ; echo $n > n
echo "run $n start"
printf "run $n unfinished"
kill -KILL $$'
  echo 0 > sd/a/restart-delay
  prefixed_run -g sd
  wait_for 20 "test \"\$(cat sd/a/n 2> /dev/null)\" -ge 20" "twenty runs"
  stop_prefixed
  runs=$(cat sd/a/n)
  # every run's two lines, in order: the unfinished one ended with a newline
  # before the next run's start
  awk -v runs="$runs" '
    /^a: / { l[++n] = substr($0, 4) }
    END {
      for (i = 1 ; i < runs ; i++) {
        if (l[2 * i - 1] != "run " i " start") { print "line " 2 * i - 1 ": [" l[2 * i - 1] "]" ; exit 1 }
        if (l[2 * i] != "run " i " unfinished") { print "line " 2 * i ": [" l[2 * i] "]" ; exit 1 }
      }
    }' out > check || fail "$(cat check)"
}

t_term_to_pid1_writes_every_line_before_exit () {
  need_root
  mkdir sd
  # on TERM it writes 20000 more lines, then its last one, then exits
  mksvc sd/a 'trap "awk \"BEGIN { for (i = 1 ; i <= 20000 ; i++) print \\\"late\\\", i }\" ; echo last ; exit 0" TERM
echo up
sleep 600 & wait'
  to_pipe
  RUNSVDIR_PREFIX=1 unshare --pid --fork --mount-proc "$SV_BIN/runsvdir" sd > pipe 2> err &
  uns=$!
  wait_for 10 "grep -q '^a: up\$' out" "the service up"
  kill -TERM "$(pgrep -P "$uns")"
  wait "$uns"
  assert_eq 0 "$?" "PID 1's exit code: $(cat err)"
  wait "$CAT"
  assert_eq 20000 "$(grep -c '^a: late [0-9]*$' out)" "late lines, after the SIGTERM"
  assert_eq "a: last" "$(grep '^a: ' out | tail -n 1)" "the last line, last"
}

t_time_format_and_stderr_apart () {
  mkdir sd
  mksvc sd/web 'echo to-stdout ; echo to-stderr >&2 ; exec sleep 600'
  h0=$(date -u +%Y-%m-%dT%H)
  RUNSVDIR_PREFIX='[%t] %n %% ' RUNSVDIR_PREFIX_STDERR=1 runsvdir -g sd > out 2> err &
  rsd=$!
  wait_for 10 "grep -q to-stdout out && grep -q to-stderr err" "both lines"
  # the hour the line was stamped in: the one before or the one after (an
  # hour may turn between the two)
  t0=$h0 h1=$(date -u +%Y-%m-%dT%H)
  case "$(cat out)" in "[$h1:"*) t0=$h1 ;; esac
  assert_match "\\[${t0}:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z\\] web % to-stdout" "$(cat out)" "stdout's line, %t (ISO 8601 UTC, ms), %n, %%"
  assert_match "\\[*Z\\] web % to-stderr" "$(grep to-stderr err)" "stderr's line on runsvdir's stderr"
  kill -TERM "$rsd"
  wait "$rsd"
}

t_without_prefix_output_is_inherited_as_in_runit () {
  mkdir sd
  mksvc sd/web 'echo plain ; exec sleep 600'
  mksvc sd/logged 'echo into-the-log ; exec sleep 600'
  mksvc sd/logged/log 'exec cat > ../logged.out'
  runsvdir -g sd > out 2> err &
  rsd=$!
  wait_for 10 "grep -q plain out && grep -q into-the-log sd/logged/logged.out" "both lines"
  assert_eq plain "$(cat out)" "unprefixed"
  kill -TERM "$rsd"
  wait "$rsd"
  # with -p, a service with log/ still writes to its logger, unprefixed
  rm -f sd/logged/logged.out
  runsvdir -g -p sd > out 2> err &
  rsd=$!
  wait_for 10 "grep -q 'web: plain' out && grep -q into-the-log sd/logged/logged.out" "both lines under -p"
  assert_eq into-the-log "$(cat sd/logged/logged.out)" "the logger's line, unprefixed"
  ! grep -q into-the-log out || fail "a service with log/ went to stdout"
  kill -TERM "$rsd"
  wait "$rsd"
}

t_bad_format_is_said_and_the_default_used () {
  mkdir sd
  mksvc sd/web 'echo hello ; exec sleep 600'
  RUNSVDIR_PREFIX='%q' runsvdir -g sd > out 2> err &
  rsd=$!
  wait_for 10 "grep -q 'web: hello' out" "the line with the default prefix"
  assert_eq 'runsv web: warning: RUNSVDIR_PREFIX: "%q" is not a format of at most 64 bytes with %n, %t and %%: "%n: " is used' "$(cat err)" "the warning"
  kill -TERM "$rsd"
  wait "$rsd"
}

t_init_tasks_output_is_prefixed_before_the_services () {
  mkdir sd init
  mksvc sd/a 'echo a up
exec sleep 600'
  # a last line without its newline, stderr too, and a long line in pieces
  printf '#!/bin/sh\necho one out\necho one err >&2\nawk "BEGIN { printf \\"%%05000d\\", 9 }"\n' > init/10-one
  printf '#!/bin/sh\nprintf "two no newline"\n' > init/20-two
  chmod +x init/10-one init/20-two
  prefixed_run -i init sd
  wait_for 10 "grep -q '^a: a up\$' out" "the service's line"
  stop_prefixed
  assert_eq "10-one: one out" "$(sed -n 1p out)" "the first task's stdout, named"
  assert_eq "10-one: one err" "$(sed -n 2p out)" "its stderr, same pipe"
  assert_eq "$(printf '%05000d' 9)" "$(joined out 10-one | sed -n 3p)" "its long line, whole once joined"
  assert_eq "20-two: two no newline" "$(grep '^20-two' out)" "a last line gets its newline"
  last_task=$(grep -n '^20-two' out | cut -d : -f 1)
  first_svc=$(grep -n '^a: ' out | head -n 1 | cut -d : -f 1)
  test "$last_task" -lt "$first_svc" || fail "task output after the service's: $(cat out | cut -c 1-60)"
}

t_init_task_stderr_apart () {
  mkdir sd init
  mksvc sd/a 'exec sleep 600'
  printf '#!/bin/sh\necho to out\necho to err >&2\n' > init/t
  chmod +x init/t
  RUNSVDIR_PREFIX_STDERR=1 prefixed_run -i init sd
  wait_for 10 "grep -q '^t: to err\$' err" "the task's stderr on runsvdir's stderr"
  stop_prefixed
  assert_eq "t: to out" "$(cat out)" "only stdout on stdout"
}

t_names_with_a_newline_are_escaped () {
  # a name is any bytes but / and NUL: "evil<newline>web" printed as it is
  # forged a line "web: hello" (prefixed output) and a report line for web
  mkdir sd init
  evil=$(printf 'evil\nweb')
  mksvc "sd/$evil" 'echo hello ; exec sleep 600'
  echo x > "sd/$evil/notification-fd"
  mksvc sd/plain 'echo plain ; exec sleep 600'
  task=$(printf 'bad\ntask')
  printf '#!/bin/sh\necho task says\n' > "init/$task"
  chmod +x "init/$task"
  prefixed_run -i init sd
  wait_for 10 "grep -Fxq 'evil\\nweb: hello' out && grep -q '^plain: plain\$' out" "both services' lines"
  stop_prefixed
  # shown as skalibs quotes it: a newline is \n; other names as they are
  grep -Fxq 'bad\ntask: task says' out || fail "the task's line: $(cat out)"
  ! grep -q '^web: \|^task: ' out || fail "a forged line: $(cat out)"
  # runsv's own messages, and runsvdir's report, name it so too
  grep -Fq 'runsv evil\nweb: warning: ' err || fail "runsv's warning: $(cat err)"
  assert_match 'runsvdir sd: evil\\nweb: stopped in * s (signal TERM)' "$(grep -F 'runsvdir sd: evil\n' err)" "the report line"
  assert_match 'runsvdir sd: plain: stopped in * s (signal TERM)' "$(grep 'runsvdir sd: plain: ' err)" "a plain name, as it is"
  ! grep -q '^web\|^task' err || fail "a forged line on stderr: $(cat err)"
}
