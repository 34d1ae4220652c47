/* stop.c - the graceful stop: what runsvdir does on SIGTERM/SIGINT as PID 1 (or with -g).
 *
 * Every runsv gets SIGTERM at the same moment (runsv takes it as the x
 * command: TERM and CONT to the service, ./finish, then EOF for the logger,
 * which writes its last lines and exits). runsvdir waits, sleeping until
 * SIGCHLD, for every runsv to exit, up to one deadline; at the deadline each
 * runsv still there gets SIGKILL on its whole process group (each one leads
 * its own, in graceful mode). As PID 1 of its PID namespace it then sweeps
 * the processes left (TERM and CONT, a short wait, KILL), and exits as soon
 * as nothing is left: no fixed sleep anywhere.
 */
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <skalibs/types.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "secs.h"
#include "svscan.h"
#include "runsvdir.h"

#define PHASE_RUN 0       /* not stopping */
#define PHASE_WAIT 1      /* runsv's told to exit; waiting up to the deadline */
#define PHASE_KILLWAIT 2  /* the deadline's SIGKILL went out; waiting to reap */
#define PHASE_SWEEP 3     /* PID 1: runsv's gone; sweeping what is left */
#define PHASE_SWEEPWAIT 4 /* PID 1: strays got TERM; waiting for them */
#define PHASE_DONE 5
#define SWEEP_MIN_SECS 1  /* a stray gets at least this long after TERM */
#define KILLWAIT_SECS 1   /* how long to wait for SIGKILLed runsv's to be reaped */

static uint32_t grace = 7000 ;  /* ms */
static int phase = PHASE_RUN ;
static int exitcode = 0 ;
static int killed = 0 ;         /* something got SIGKILL */
static int strays = 0 ;         /* 0: none; 1: gone after SIGTERM; 2: killed */
static tain t0 ;                /* when the stop began */
static tain deadline ;          /* t0 + grace */
static tain kill_at ;           /* when runsv's got SIGKILL */
static tain wait_until ;        /* end of the current short wait (reap after kill, sweep) */
static tain sweep_at, sweep_end ;

void stop_init (uint32_t grace_ms)
{
  grace = grace_ms ;
}

int stopping (void)
{
  return phase != PHASE_RUN ;
}

void stop_begin (int code)
{
  unsigned int n = svscan_n(&table) ;
  tain g = TAIN_ZERO ;
  tain_now_g() ;
  exitcode = code ;
  t0 = STAMP ;
  tain_ulong(&g, grace / 1000) ;
  g.nano = (grace % 1000) * 1000000U ;
  tain_add(&deadline, &t0, &g) ;
  phase = PHASE_WAIT ;
  watch_close() ;  /* nothing is started or restarted from now on */
  for (unsigned int i = 0 ; i < n ; i++)
  {
    svscan_entry *e = svscan_at(&table, i) ;
    if (!e->pid) continue ;
    kill(e->pid, SIGTERM) ;
    e->stopping = 1 ;
    e->stop_at = t0 ;
  }
}

void stop_hurry (void)
{
  tain_now_g() ;
  if (phase == PHASE_WAIT) deadline = STAMP ;
  else if (phase == PHASE_SWEEPWAIT) wait_until = STAMP ;
}

/* runsvs_left: is any runsv still running? */
static int runsvs_left (void)
{
  unsigned int n = svscan_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (svscan_at(&table, i)->pid) return 1 ;
  return 0 ;
}

/* others_left: as PID 1, is any other process left in our namespace?
   (our own zombies are reaped first: they would count) */
static int others_left (void)
{
  reap() ;
  return kill(-1, 0) == 0 || errno != ESRCH ;
}

/* killed_groups_left: as PID 1, is anything left of the process groups killed at the
   deadline? (what dies there comes back to us: SIGCHLD says when to look again) */
static int killed_groups_left (void)
{
  unsigned int n = svscan_n(&table) ;
  if (!pid1) return 0 ;
  reap() ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    svscan_entry const *e = svscan_at(&table, i) ;
    if (e->killed && kill(-e->pgid, 0) == 0) return 1 ;
  }
  return 0 ;
}

/* kill_groups: the deadline: SIGKILL to every remaining runsv's process group */
static void kill_groups (void)
{
  unsigned int n = svscan_n(&table) ;
  kill_at = STAMP ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    svscan_entry *e = svscan_at(&table, i) ;
    if (!e->pid) continue ;
    e->pgid = e->pid ;
    kill(-e->pgid, SIGKILL) ;  /* runsv, service, finish, logger */
    kill(e->pid, SIGKILL) ;
    e->killed = 1 ;
    killed = 1 ;
  }
}

/* lower: *d = min(*d, t) */
static void lower (tain *d, tain const *t)
{
  if (tain_less(t, d)) *d = *t ;
}

int stop_step (tain *d)
{
  tain_now_g() ;
  for (;;)
  {
    switch (phase)
    {
      case PHASE_WAIT :
        if (!runsvs_left()) { phase = PHASE_SWEEP ; break ; }
        if (tain_future(&deadline)) { lower(d, &deadline) ; return 0 ; }
        kill_groups() ;
        tain_addsec_g(&wait_until, KILLWAIT_SECS) ;
        phase = PHASE_KILLWAIT ;
        break ;
      case PHASE_KILLWAIT :
        if ((runsvs_left() || killed_groups_left()) && tain_future(&wait_until)) { lower(d, &wait_until) ; return 0 ; }
        phase = PHASE_SWEEP ;
        break ;
      case PHASE_SWEEP :
        /* never kill(-1) unless we are the init of our own PID namespace */
        if (!pid1 || !others_left()) { phase = PHASE_DONE ; break ; }
        kill(-1, SIGTERM) ;
        kill(-1, SIGCONT) ;
        sweep_at = STAMP ;
        tain_addsec_g(&wait_until, SWEEP_MIN_SECS) ;
        if (tain_less(&wait_until, &deadline)) wait_until = deadline ;
        strays = 1 ;
        phase = PHASE_SWEEPWAIT ;
        break ;
      case PHASE_SWEEPWAIT :
        if (others_left())
        {
          if (tain_future(&wait_until)) { lower(d, &wait_until) ; return 0 ; }
          kill(-1, SIGKILL) ;
          killed = 1 ;
          strays = 2 ;
        }
        sweep_end = STAMP ;
        phase = PHASE_DONE ;
        break ;
      default : return 1 ;
    }
  }
}

/* since: "S.CC" seconds from A to B */
static char const *since (char *buf, tain const *a, tain const *b)
{
  tain dt ;
  int ms ;
  tain_sub(&dt, b, a) ;
  ms = tain_to_millisecs(&dt) ;
  buf[secs_fmt(buf, ms < 0 ? 0 : (uint32_t)ms)] = 0 ;
  return buf ;
}

/* report_entry: how one service ended */
static void report_entry (svscan_entry const *e)
{
  char t[SECS_FMT + 1], code[INT_FMT + 1] ;
  if (!e->stopping) { strerr_warn(PROG, ": ", e->name, ": not running") ; return ; }
  if (e->killed)
  {
    strerr_warn(PROG, ": ", e->name, ": killed at the deadline after ", since(t, &e->stop_at, &kill_at), " s",
      e->ended ? "" : " (and still not reaped)") ;
    return ;
  }
  if (WIFSIGNALED(e->wstat))
  {
    strerr_warn(PROG, ": ", e->name, ": stopped in ", since(t, &e->stop_at, &e->end_at), " s (signal ",
      sig_name(WTERMSIG(e->wstat)), ")") ;
    return ;
  }
  code[int_fmt(code, WEXITSTATUS(e->wstat))] = 0 ;
  strerr_warn(PROG, ": ", e->name, ": stopped in ", since(t, &e->stop_at, &e->end_at), " s (exit ", code, ")") ;
}

int stop_report (void)
{
  unsigned int n = svscan_n(&table), nkilled = 0 ;
  char t[SECS_FMT + 1], num[UINT_FMT + 1], nk[UINT_FMT + 1] ;
  svscan_sort(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    report_entry(svscan_at(&table, i)) ;
    nkilled += svscan_at(&table, i)->killed ;
  }
  if (strays == 1) strerr_warn(PROG, ": other processes: gone in ", since(t, &sweep_at, &sweep_end), " s after SIGTERM") ;
  else if (strays == 2) strerr_warn(PROG, ": other processes: killed after ", since(t, &sweep_at, &sweep_end), " s") ;
  num[uint_fmt(num, n)] = 0 ;
  nk[uint_fmt(nk, nkilled)] = 0 ;
  tain_now_g() ;
  strerr_warn(PROG, ": stopped ", num, n == 1 ? " service" : " services", " in ", since(t, &t0, &STAMP), " s",
    nkilled ? "; " : "", nkilled ? nk : "", nkilled ? " killed at the deadline" : "",
    strays == 2 ? "; other processes killed" : "") ;
  return killed ? RUNSVDIR_EXIT_KILLED : exitcode ;
}
