/* liveness.c - ./check on a clock while the run is up (see liveness.h). */
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <skalibs/types.h>
#include "errword.h"
#include "forkexec.h"
#include "instance.h"
#include "knobs.h"
#include "liveness.h"
#include "tai64n.h"

/* eligible: the run is up (not stopping), and ready when it declares readiness */
static int eligible (service const *s)
{
  if (!s->check.interval || s->life.stage != LIFE_UP) return 0 ;
  return !(s->ready.flags & SUPERSTATE_DECLARES) || (s->ready.flags & SUPERSTATE_READY) ;
}

/* start: ./check now, in a group of its own (a timeout kills the group) */
static void start (service *s, tain const *now)
{
  char const *argv[3] = { "./check", 0, 0 } ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  supervisor *sp = s->sup ;
  pid_t pid ;
  o.setpgrp = 1 ;
  o.fd0 = FORKEXEC_CLOSE ;
  o.fd1 = sp->haslog && sp->logpipe[1] >= 0 ? sp->logpipe[1] : sp->out.fd[1] >= 0 ? sp->out.fd[1] : FORKEXEC_INHERIT ;
  o.what = "./check" ;
  /* the next check counts from this one's start: every interval, never two at once */
  backoff_after(&s->check.due, now, s->check.interval) ;
  instance_args(argv) ;
  /* a vfork: no copy of runsv's page tables at each check (bench/run's
     figure 18). One that cannot exec (no ./check) says why and exits 111:
     a failed check, counted as any other */
  pid = forkexec(argv[0], argv, 0, &o) ;
  if (!pid)
  {
    errword_warnsys("unable to fork for ./check") ;
    return ;
  }
  s->check.pid = pid ;
  s->check.timedout = 0 ;
  backoff_after(&s->check.kill_at, now, s->check.timeout) ;
}

/* kill_check: the running check and its group, at once */
static void kill_check (service *s)
{
  if (kill(-s->check.pid, SIGKILL) < 0) kill(s->check.pid, SIGKILL) ;
}

void liveness_init (service *s)
{
  s->check.interval = s->check.timeout = 0 ;
  s->check.limit = LIVENESS_FAILURES ;
  s->check.pid = 0 ;
  s->check.timedout = 0 ;
  s->check.due = tain_infinite ;
  s->check.kill_at = tain_infinite ;
  s->check.failures = 0 ;
  s->check.last = SUPERSTATE_CHECK_NONE ;
  s->check.at = tain_zero ;
  s->check.shown_at = tain_zero ;
  s->check.shown_mono = tain_zero ;
}

void liveness_knobs (service *s)
{
  if (s->life.islog) return ;
  s->check.interval = knobs_ms(s, "check-interval", 0, "no liveness check") ;
  s->check.timeout = s->check.interval ? knobs_ms(s, "check-timeout", s->check.interval, "the interval") : 0 ;
  if (s->check.interval && !s->check.timeout) s->check.timeout = s->check.interval ;
  s->check.limit = s->check.interval ? knobs_count(s, "check-failures", LIVENESS_FAILURES, "3") : LIVENESS_FAILURES ;
  if (!s->check.limit) s->check.limit = 1 ;
  s->check.failures = 0 ;
  s->check.due = tain_infinite ;
}

void liveness_tick (service *s, tain const *now, tain *deadline)
{
  if (s->check.pid)
  {
    /* a check outlives the run's being up, or its own time: killed, and
       its end (a failure when it timed out) comes with its SIGCHLD */
    if (!eligible(s)) { kill_check(s) ; s->check.pid = 0 ; }
    else if (!s->check.timedout && !tain_less(now, &s->check.kill_at)) { kill_check(s) ; s->check.timedout = 1 ; }
    else if (!s->check.timedout && tain_less(&s->check.kill_at, deadline)) *deadline = s->check.kill_at ;
  }
  if (!eligible(s)) { s->check.due = tain_infinite ; return ; }
  /* armed when the run is up (and ready): the first check one interval later */
  if (!tain_less(&s->check.due, &tain_infinite)) backoff_after(&s->check.due, now, s->check.interval) ;
  if (!s->check.pid && !tain_less(now, &s->check.due)) start(s, now) ;
  if (!s->check.pid && tain_less(&s->check.due, deadline)) *deadline = s->check.due ;
  if (s->check.pid && !s->check.timedout && tain_less(&s->check.kill_at, deadline)) *deadline = s->check.kill_at ;
}

/* show: what supervise/state says of the last check; a pass after a pass
   moves its label at most every LIVENESS_SHOWN_MS */
static void show (service *s, int same, tain const *now)
{
  tain next ;
  backoff_after(&next, &s->check.shown_mono, LIVENESS_SHOWN_MS) ;
  if (same && tain_less(now, &next)) return ;
  s->check.shown_at = s->check.at ;
  s->check.shown_mono = *now ;
}

int liveness_reaped (service *s, pid_t pid, int wstat, tain const *now)
{
  int pass, same ;
  if (!pid || pid != s->check.pid) return 0 ;
  s->check.pid = 0 ;
  pass = !s->check.timedout && WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
  if (!tai64n_now(&s->check.at)) s->check.at = tain_zero ;
  same = pass && s->check.last == SUPERSTATE_CHECK_PASS ;
  s->check.last = pass ? SUPERSTATE_CHECK_PASS : SUPERSTATE_CHECK_FAIL ;
  show(s, same, now) ;
  if (pass) { s->check.failures = 0 ; return 1 ; }
  if (s->check.failures < UINT32_MAX) s->check.failures++ ;
  if (s->check.failures < s->check.limit || s->life.stage != LIFE_UP) return 1 ;
  {
    char n[UINT32_FMT] ;
    n[uint32_fmt(n, s->check.failures)] = 0 ;
    errword_warn("./check failed ", n, " times in a row: restarting the run") ;
  }
  return 2 ;
}

void liveness_shown (service const *s, superstate *st)
{
  st->check_interval = s->check.interval ;
  st->check_failures = s->check.failures ;
  st->check_last = s->check.last ;
  st->check_at = s->check.shown_at ;
}
