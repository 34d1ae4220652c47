# tests/func/lib/runsv.sh - helpers shared by the runsv_*.sh test files
# (sourced by them after lib.sh; not a test file: tests/func/run takes
# tests/func/*.sh only).

# sigsvc DIR: a service whose run notes every signal it gets in DIR/sigs, keeps
# running, and exits 0 on TERM (after a moment, to see the CONT that follows);
# its pid goes to DIR/runpid; it leaves no child behind holding its stdout
sigsvc () {
  mksvc "$1" 'for s in HUP ALRM INT QUIT USR1 USR2 CONT ; do trap "echo $s >> sigs" $s ; done
trap "echo TERM >> sigs ; stop=1" TERM
echo $$ > runpid
stop=
while test -z "$stop" ; do sleep 100 & wait $! ; kill $! 2>/dev/null ; done
sleep 0.2 & wait $!
exit 0'
}

# state_is DIR STAT: supervise/stat says exactly STAT
state_is () { test "$(stat_of "$1")" = "$2" ; }

# supervise/state (runsv(8)): the flags byte, big-endian numbers, the label, the text
state_restarts () { state_u32 "$1" 16 ; }
state_wstat () { state_u32 "$1" 20 ; }
state_label () { od -An -tx1 -j4 -N12 "$1/supervise/state" | tr -d ' \n' ; }
state_text () { tail -c +51 "$1/supervise/state" ; }

# declares DIR / is_ready DIR: flag bits 0 and 1
declares () { _f=$(state_flags "$1") ; test "$_f" != none && test $(( _f & 1 )) -ne 0 ; }
# gave_up DIR: flag 16, max-failures gave up
gave_up () { _f=$(state_flags "$1") ; test "$_f" != none && test $(( _f & 16 )) -ne 0 ; }
is_ready () { _f=$(state_flags "$1") ; test "$_f" != none && test $(( _f & 2 )) -ne 0 ; }

# count FILE: lines in a file a run script appends to at every start
count () { if test -f "$1" ; then wc -l < "$1" | tr -d ' ' ; else echo 0 ; fi ; }

# forking_runsv DIR: our runsv under strace -ttt, its forks and its writes
# (for rs_plans) in DIR.trace
forking_runsv () {
  command -v strace > /dev/null || skip "strace is not installed"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -qq -ttt -x -s 64 -e trace=clone,clone3,fork,vfork,open,openat,write -o "$1.trace" "$SV_BIN/runsv" "$1" > "$1.log" 2>&1 &
  RUNSV_PID=$!
  wait_for 10 "alive '$1'" "runsv $1 to open supervise/ok"
}
# fork_gaps FILE: the milliseconds between one fork of runsv and the next, one per line
fork_gaps () {
  awk '$2 ~ /^(clone|clone3|fork|vfork)\(/ && / = [0-9]+$/ { if (p) printf "%d\n", ($1 - p) * 1000 ; p = $1 }' "$1"
}
