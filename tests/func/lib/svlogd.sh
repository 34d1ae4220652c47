# tests/func/lib/svlogd.sh - helpers shared by the svlogd_*.sh test files
# (sourced by them after lib.sh; not a test file: tests/func/run takes
# tests/func/*.sh only).
# Its variables are for the files that source it:
# shellcheck disable=SC2034

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
