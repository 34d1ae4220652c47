# tests/func/completion.sh - sv's bash completion (sv/sv.bash-completion) and
# its installation by make install. Sourced by tests/func/run after lib.sh.

comp_file () {
  echo "$(cd "$(dirname "$SV_TESTFILE")/../.." && pwd)/sv/sv.bash-completion"
}
need_bash () {
  command -v bash > /dev/null || skip "bash is not installed"
}
# complete_sv WORD...: what bash offers for "sv WORD..." (the last word is the
# one being completed), one candidate a line, sorted; the function is called
# the way readline calls it, with COMP_WORDS, COMP_CWORD and COMP_LINE
complete_sv () {
  bash --norc --noprofile -c '. "$1" ; shift
    COMP_WORDS=(sv "$@") ; COMP_CWORD=$# ; COMP_LINE="sv $*" ; COMP_POINT=${#COMP_LINE}
    f=$(complete -p sv | sed -n "s/^complete -F \([^ ]*\) sv$/\1/p")
    test -n "$f" || { echo "no complete -F for sv" >&2 ; exit 1 ; }
    "$f" sv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' bash "$(comp_file)" "$@"
}
offers () { complete_sv "$@" | tr '\n' ' ' | sed 's/ $//' ; }

t_completion_is_registered_for_sv () {
  need_bash
  out=$(bash --norc --noprofile -c '. "$1" && complete -p sv' bash "$(comp_file)") || fail "complete -p sv: $out"
  assert_eq "complete -F _sv sv" "$out" "complete -p sv"
}

t_completion_of_commands_and_options () {
  need_bash
  assert_eq "start status stop" "$(offers st)" "commands for st"
  assert_eq "force-reload force-restart force-shutdown force-stop" "$(offers force-)" "commands for force-"
  assert_eq "health hup" "$(offers h)" "commands for h"
  assert_eq 28 "$(complete_sv '' | wc -l | tr -d ' ')" "every command word for an empty word"
  assert_eq "-j -v -w" "$(offers -)" "options"
  # after the options (and -w's value) the command still comes first
  assert_eq "up" "$(offers -v -w 5 u)" "command after -v -w 5"
  assert_eq "" "$(offers -w '')" "nothing for -w's seconds"
  assert_eq "" "$(offers tail -n '')" "nothing for -n's count"
}

t_completion_of_service_names_from_svdir () {
  need_bash
  mkdir -p svc/web svc/worker svc/db svc/.hidden other/api
  : > svc/README
  ln -s ../other/api svc/api
  ln -s ../nowhere svc/dangling
  SVDIR=$T/svc ; export SVDIR
  # directories and links to one; no dot names, plain files or dangling links
  assert_eq "api db web worker" "$(offers up '')" "every service for sv up"
  assert_eq "web worker" "$(offers -w 5 restart w)" "services for w"
  assert_eq "db" "$(offers status web d)" "services after another service"
  # a path completes as a directory
  assert_eq "./other ./svc" "$(offers down ./)" "paths for ./"
  # $SVDIR unset: /etc/service's entries (or none), never an error
  unset SVDIR
  complete_sv up zz-no-such-service > out 2> err || fail "completion without SVDIR: $(cat err)"
  assert_eq "" "$(cat out err)" "candidates and errors without SVDIR for a name that is nowhere"
}

t_completion_of_instances_not_templates () {
  need_bash
  mkdir -p svc/web svc/worker@/.instances/1 svc/worker@/.instances/2 state/worker@3 state/web
  ln -s worker@ svc/worker@x
  SVDIR=$T/svc ; export SVDIR
  assert_eq "web worker@1 worker@2 worker@x" "$(offers up '')" "instances, not the template"
  RUNSV_STATEDIR=$T/state ; export RUNSV_STATEDIR
  assert_eq "web worker@3 worker@x" "$(offers up '')" "instances under the state dir"
}

t_make_install_installs_the_completion () {
  repo=$(cd "$(dirname "$SV_TESTFILE")/../.." && pwd)
  make -s -C "$repo" install-data DESTDIR="$T/inst" BASHCOMPDIR=/bc MANDIR=/man > out 2>&1 || fail "make install-data: $(cat out)"
  cmp "$(comp_file)" inst/bc/sv || fail "the installed completion differs from sv/sv.bash-completion"
  for p in runsvdir runsv sv chpst svlogd ; do
    test -s "inst/man/man8/$p.8" || fail "no $p.8 installed: $(ls -R inst)"
  done
}
