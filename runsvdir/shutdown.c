/* shutdown.c - the shutdown: what runsvdir does on SIGTERM/SIGINT as PID 1 (or with -g).
 *
 * Every runsv gets SIGTERM (runsv takes it as the x command: TERM and CONT
 * to the service, ./finish, then EOF for the logger, which writes its last
 * lines and exits) as soon as every service that needs its service (their
 * dependencies.d, read when the shutdown begins: dependencies.c) is down,
 * that is their runsv has exited: the stop runs in reverse dependency
 * order, and what nothing holds (every service without dependencies.d)
 * gets it at the same moment. runsvdir waits, sleeping until SIGCHLD, for
 * every runsv to exit, telling the next ones as each is reaped, up to the
 * runsv's deadline; there each runsv still there, told or not, gets SIGKILL
 * on its whole process group (each one leads its own, in graceful mode). As
 * PID 1 of its PID namespace it then ends the strays, the other processes
 * left (TERM and CONT, a wait, KILL), and exits as soon as nothing is left:
 * no fixed sleep anywhere.
 *
 * The grace time is the whole shutdown, not the services' share of it: a
 * container manager kills us at its own deadline (Docker: 10 s after TERM),
 * so the kill and the strays' end are budgeted inside it. As PID 1 the runsv's
 * deadline comes STRAYS_MAX_MS (at most half the grace) before the end: the
 * SIGKILLed process groups get up to half of it to be reaped (they are
 * usually gone in a millisecond), a stray ignoring TERM at least the other
 * half, and its SIGKILL goes out at the end. Not PID 1, the one wait past
 * the end is KILLWAIT_MS, to reap the runsv's SIGKILLed there.
 *
 * A foreground child (the main command, or an init task) gets its signal
 * first, and the runsv's theirs when it has ended, or when half the grace
 * is gone: a main command may need its services to stop cleanly. Its
 * process group is killed at the deadline with the runsv's. A shutdown with a
 * cause (an essential service, the main command, an init task) exits with
 * the cause's code, even when something had to be killed.
 */
#include <sys/wait.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/alloc.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/direntry.h>
#include <skalibs/sig.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "secs.h"
#include "namequote.h"
#include "scanned.h"
#include "superstate.h"
#include "procids.h"
#include "stoporder.h"
#include "supervised.h"
#include "dependencies.h"
#include "reaper.h"
#include "shutdown.h"

#define PHASE_RUN 0       /* no shutdown */
#define PHASE_FGWAIT 1    /* the foreground child got its signal; the runsv's wait for its end */
#define PHASE_WAIT 2      /* runsv's told to exit; waiting up to their deadline */
#define PHASE_KILLWAIT 3  /* the deadline's SIGKILL went out; waiting to reap */
#define PHASE_STRAYS 4    /* PID 1: runsv's gone; the strays (what else is left) get TERM */
#define PHASE_STRAYSWAIT 5 /* PID 1: strays got TERM; waiting for them */
#define PHASE_DONE 6
#define STRAYS_MAX_MS 1000 /* PID 1: the end of the grace kept for the strays (at most half of it) */
#define KILLWAIT_MS 100   /* not PID 1: how long to wait past the end for the runsv's SIGKILLed there */

static uint32_t grace = 7000 ;  /* ms */
static int pid1 = 0 ;           /* the init of our PID namespace: end its strays */
static int phase = PHASE_RUN ;
static int exitcode = 0 ;
static int killed = 0 ;         /* something got SIGKILL */
static int strays = 0 ;         /* 0: none; 1: gone after SIGTERM; 2: killed */
static tain t0 ;                /* when the shutdown began */
static tain end ;               /* t0 + grace: the shutdown is over */
static tain deadline ;          /* the runsv's: end, less the strays' share as PID 1 */
static tain kill_at ;           /* when runsv's got SIGKILL */
static tain wait_until ;        /* end of the wait to reap what that SIGKILL hit */
static tain strays_at, strays_end ;  /* when the strays got TERM; when they were gone */
static tain fg_until ;          /* t0 + half the grace: the runsv's wait for the foreground child no longer */
/* the process groups of services killed with their runsv's session, that
   killed_groups_left waits for (more may be killed, just not waited for) */
#define SESSGROUPS_MAX 64
static pid_t sessgroups[SESSGROUPS_MAX] ;
static unsigned int nsessgroups = 0 ;
/* the foreground child (the main command, or the init task running): the
   shutdown waits for it as for a runsv, and kills its process group at the deadline */
static pid_t fg = 0 ;
static char fgname[64] ;
static int fgsignalled = 0 ;  /* the shutdown signalled it */
static int fgended = 0 ;      /* ... and it was reaped since */
static int fgkilled = 0 ;
static int fgwstat = 0 ;
static tain fgend ;
static char cause[256] ;    /* what began the shutdown, other than a signal; "" for a signal */
static stoporder order = STOPORDER_ZERO ;  /* who waits for whom, by the table's index */
static unsigned int nended = 0 ;  /* runsv's reaped so far: their endseq */

void shutdown_init (uint32_t grace_ms, int ispid1)
{
  grace = grace_ms ;
  pid1 = ispid1 ;
}

int shutdown_begun (void)
{
  return phase != PHASE_RUN ;
}

/* after_ms: *t = FROM + MS milliseconds */
static void after_ms (tain *t, tain const *from, uint32_t ms)
{
  tain g = TAIN_ZERO ;
  tain_ulong(&g, ms / 1000) ;
  g.nano = (ms % 1000) * 1000000U ;
  tain_add(t, from, &g) ;
}

void shutdown_child (pid_t pid, char const *name)
{
  size_t n = name ? strlen(name) : 0 ;
  if (n >= sizeof(fgname)) n = sizeof(fgname) - 1 ;
  fg = pid ;
  memcpy(fgname, name ? name : "", n) ;
  fgname[n] = 0 ;
}

/* term_due: every runsv of T not told yet whose service nothing holds any
   more (each service that needs it is down: its runsv is gone) is told to
   exit now */
static void term_due (scanned *t)
{
  unsigned int n = scanned_n(t) ;
  /* first what is down, not running or reaped: it holds nothing */
  for (unsigned int i = 0 ; i < n ; i++)
    if (!scanned_at(t, i)->pid) stoporder_down(&order, i) ;
  tain_now_g() ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry *e = scanned_at(t, i) ;
    if (!e->pid || e->stopping || stoporder_held(&order, i)) continue ;
    kill(e->pid, SIGTERM) ;
    e->stopping = 1 ;
    e->stop_at = STAMP ;
  }
}

void shutdown_begin (scanned *t, char const *dir, int code, char const *why, int fgsig)
{
  uint32_t share = !pid1 ? 0 : grace / 2 < STRAYS_MAX_MS ? grace / 2 : STRAYS_MAX_MS ;
  /* read once, now: what a service needs is as it is at the stop */
  if (!dependencies_read(t, dir, &order)) errword_warnsys("unable to order the stop by dependencies.d, stopping every service at once") ;
  tain_now_g() ;
  exitcode = code ;
  t0 = STAMP ;
  after_ms(&end, &t0, grace) ;
  after_ms(&deadline, &t0, grace - share) ;
  if (why)
  {
    size_t len = strlen(why) ;
    if (len >= sizeof(cause)) len = sizeof(cause) - 1 ;
    memcpy(cause, why, len) ;
    cause[len] = 0 ;
    errword_say("stopping every service: ", cause) ;
  }
  if (fg)
  {
    /* the main command first: it may need the services to stop cleanly
       (a web app its database), so they go when it has ended, or when
       half the grace is gone and they need the rest */
    kill(fg, fgsig) ;
    if (fgsig != SIGCONT) kill(fg, SIGCONT) ;
    fgsignalled = 1 ;
    after_ms(&fg_until, &t0, grace / 2) ;
    phase = PHASE_FGWAIT ;
    return ;
  }
  phase = PHASE_WAIT ;
  term_due(t) ;
}

void shutdown_hurry (void)
{
  tain soon ;
  tain_now_g() ;
  if (phase == PHASE_FGWAIT) fg_until = STAMP ;
  if (phase == PHASE_WAIT || phase == PHASE_FGWAIT) deadline = STAMP ;
  /* what is killed now is reaped before the strays are killed */
  if (phase == PHASE_STRAYSWAIT) soon = STAMP ;
  else after_ms(&soon, &STAMP, KILLWAIT_MS) ;
  if (tain_less(&soon, &end)) end = soon ;
}

/* child_ended: the reaper's handler during the shutdown: the end of a
   runsv of T (CTX) or of the foreground child is noted for the report
   (anything else is an orphan, PID 1 or -s, or a stray: reaped, that is all) */
static int child_ended (pid_t pid, int wstat, void *ctx)
{
  scanned *t = ctx ;
  int i ;
  if (fg && pid == fg)
  {
    fg = 0 ;
    fgended = 1 ;
    fgwstat = wstat ;
    fgend = STAMP ;
    return 1 ;
  }
  i = scanned_find_pid(t, pid) ;
  if (i < 0) return 1 ;
  {
    scanned_entry *e = scanned_at(t, i) ;
    e->pid = 0 ;
    e->ended = 1 ;
    e->wstat = wstat ;
    e->end_at = STAMP ;
    e->endseq = ++nended ;
  }
  return 1 ;
}

/* runsvs_left: is any runsv (or the foreground child) still running? */
static int runsvs_left (scanned const *t)
{
  unsigned int n = scanned_n(t) ;
  if (fg) return 1 ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (scanned_at(t, i)->pid) return 1 ;
  return 0 ;
}

/* strays_left: as PID 1, is any other process (a stray) left in our namespace?
   (our own zombies are reaped first: they would count) */
static int strays_left (scanned *t)
{
  reaper_collect(&child_ended, t) ;
  return kill(-1, 0) == 0 || errno != ESRCH ;
}

/* killed_groups_left: as PID 1, is anything left of the process groups killed at the
   deadline? (what dies there comes back to us: SIGCHLD says when to look again) */
static int killed_groups_left (scanned *t)
{
  unsigned int n = scanned_n(t) ;
  if (!pid1) return 0 ;
  reaper_collect(&child_ended, t) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry const *e = scanned_at(t, i) ;
    if (e->killed && kill(-e->pgid, 0) == 0) return 1 ;
  }
  if (fgkilled && kill(-fgkilled, 0) == 0) return 1 ;
  for (unsigned int i = 0 ; i < nsessgroups ; i++)
    if (kill(-sessgroups[i], 0) == 0) return 1 ;
  return 0 ;
}

/* kill_sessions: SIGKILL to every process in the session of a runsv killed at
   the deadline. runsv gives ./run and ./finish process groups of their own
   (so runsv can end their leftovers at exit), so its own group no longer
   holds the service; its session does (runsv leads one in graceful mode),
   and Linux has no kill for a session: /proc says who is in it. Without
   /proc the PID 1 end of the strays still catches them, later. */
static void kill_sessions (scanned *t)
{
  unsigned int n = scanned_n(t) ;
  DIR *d = opendir("/proc") ;
  if (!d) return ;
  for (;;)
  {
    struct dirent *de ;
    pid_t pgrp, session ;
    uint64_t pid ;
    char pstate ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[uint640_scan(de->d_name, &pid)] || !pid) continue ;
    if (!procids_read(de->d_name, &pstate, &pgrp, &session)) continue ;
    for (unsigned int i = 0 ; i < n ; i++)
    {
      scanned_entry const *e = scanned_at(t, i) ;
      if (!e->killed || session != e->pid || (pid_t)pid == e->pid) continue ;
      kill((pid_t)pid, SIGKILL) ;
      if (pgrp != e->pgid && nsessgroups < SESSGROUPS_MAX)
      {
        unsigned int j = 0 ;
        while (j < nsessgroups && sessgroups[j] != pgrp) j++ ;
        if (j == nsessgroups) sessgroups[nsessgroups++] = pgrp ;
      }
      break ;
    }
  }
  dir_close(d) ;
}

/* kill_groups: the deadline: SIGKILL to every remaining runsv's process group,
   then to what else is in its session */
static void kill_groups (scanned *t)
{
  unsigned int n = scanned_n(t) ;
  kill_at = STAMP ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry *e = scanned_at(t, i) ;
    if (!e->pid) continue ;
    e->pgid = e->pid ;
    kill(-e->pgid, SIGKILL) ;  /* runsv, logger */
    kill(e->pid, SIGKILL) ;
    e->killed = 1 ;
    killed = 1 ;
  }
  if (fg)
  {
    kill(-fg, SIGKILL) ;  /* it leads its own group */
    kill(fg, SIGKILL) ;
    fgkilled = fg ;
    killed = 1 ;
  }
  if (killed) kill_sessions(t) ;
}

/* killwait_until: how long to wait for the groups SIGKILLed now to be reaped.
   As PID 1, half of what is left to the end: the strays keep the other half */
static void killwait_until (tain *w)
{
  tain left ;
  int ms = 0 ;
  if (!pid1) { after_ms(w, &STAMP, KILLWAIT_MS) ; return ; }
  if (tain_less(&STAMP, &end))
  {
    tain_sub(&left, &end, &STAMP) ;
    ms = tain_to_millisecs(&left) ;
  }
  after_ms(w, &STAMP, ms > 0 ? (uint32_t)ms / 2 : 0) ;
}

/* lower: *d = min(*d, t) */
static void lower (tain *d, tain const *t)
{
  if (tain_less(t, d)) *d = *t ;
}

int shutdown_step (scanned *t, tain *d)
{
  tain_now_g() ;
  reaper_collect(&child_ended, t) ;
  for (;;)
  {
    switch (phase)
    {
      case PHASE_FGWAIT :
        if (fg && tain_future(&fg_until)) { lower(d, &fg_until) ; return 0 ; }
        phase = PHASE_WAIT ;
        break ;
      case PHASE_WAIT :
        /* the runsv's whose turn came with those just reaped */
        term_due(t) ;
        if (!runsvs_left(t)) { phase = PHASE_STRAYS ; break ; }
        if (tain_future(&deadline)) { lower(d, &deadline) ; return 0 ; }
        kill_groups(t) ;
        killwait_until(&wait_until) ;
        phase = PHASE_KILLWAIT ;
        break ;
      case PHASE_KILLWAIT :
        if ((runsvs_left(t) || killed_groups_left(t)) && tain_future(&wait_until)) { lower(d, &wait_until) ; return 0 ; }
        phase = PHASE_STRAYS ;
        break ;
      case PHASE_STRAYS :
        /* never kill(-1) unless we are the init of our own PID namespace */
        if (!pid1 || !strays_left(t)) { phase = PHASE_DONE ; break ; }
        kill(-1, SIGTERM) ;
        kill(-1, SIGCONT) ;
        strays_at = STAMP ;
        strays = 1 ;
        phase = PHASE_STRAYSWAIT ;
        break ;
      case PHASE_STRAYSWAIT :
        if (strays_left(t))
        {
          if (tain_future(&end)) { lower(d, &end) ; return 0 ; }
          kill(-1, SIGKILL) ;
          killed = 1 ;
          strays = 2 ;
        }
        strays_end = STAMP ;
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

/* wstat_fmt: "exit N" or "signal SIG" for WSTAT after WHO ("" or "runsv ")
   into BUF (WSTAT_FMT bytes, NUL-terminated) */
#define WSTAT_FMT (6 + 7 + 16 + INT_FMT + 1)
static char const *wstat_fmt (char *buf, char const *who, int wstat)
{
  size_t n = strlen(who) ;
  memcpy(buf, who, n) ;
  if (WIFSIGNALED(wstat))
  {
    memcpy(buf + n, "signal ", 7) ; n += 7 ;
    strncpy(buf + n, sig_name(WTERMSIG(wstat)), 16) ;
    buf[n + 16] = 0 ;
    return buf ;
  }
  memcpy(buf + n, "exit ", 5) ; n += 5 ;
  buf[n + int_fmt(buf + n, WEXITSTATUS(wstat))] = 0 ;
  return buf ;
}

/* run_end: how E's service's last run ended, into BUF (WSTAT_FMT bytes):
   runsv records it in supervise/state, and runsv's own exit code (0 after
   any stop) says nothing of it (a daemon killed by the TERM it does not
   handle was "exit 0"). runsv's end instead when runsv itself did not end
   normally, or left no state to read (runit's runsv writes none) */
static char const *run_end (char *buf, char const *dir, scanned_entry const *e)
{
  superstate st = SUPERSTATE_ZERO ;
  if (!WIFEXITED(e->wstat) || WEXITSTATUS(e->wstat) || !supervised_read(dir, e->name, &st))
    return wstat_fmt(buf, "runsv ", e->wstat) ;
  if (!(st.flags & SUPERSTATE_EXITED)) return "never started" ;
  return wstat_fmt(buf, "", st.lastwstat) ;
}

/* report_untold: how service I of T (E), never told to exit, ended: killed at the
   deadline before its turn, or by itself */
static void report_untold (scanned const *t, unsigned int i, char const *dir)
{
  char s[SECS_FMT + 1], how[WSTAT_FMT], holder[256] ;
  scanned_entry const *e = scanned_at(t, i) ;
  char const *name = namequote_show(e->name) ;
  int h = stoporder_holder(&order, i) ;
  if (!e->killed)
  {
    errword_say(name, ": ended before its turn, after ", since(s, &t0, &e->end_at), " s (", run_end(how, dir, e), ")") ;
    return ;
  }
  /* a service that needs it was still running: the first such, by the table */
  if (h < 0 || namequote_fit(holder, sizeof(holder) - 1, scanned_at(t, h)->name, strlen(scanned_at(t, h)->name)) < 0)
    memcpy(holder, "?", 2) ;
  errword_say(name, ": killed at the deadline after ", since(s, &t0, &kill_at), " s, before its turn (",
    holder, " needs it)", e->ended ? "" : " (and still not reaped)") ;
}

/* report_entry: how service I of T ended (scan directory DIR) */
static void report_entry (scanned const *t, unsigned int i, char const *dir)
{
  char s[SECS_FMT + 1], how[WSTAT_FMT] ;
  scanned_entry const *e = scanned_at(t, i) ;
  char const *name = namequote_show(e->name) ;  /* a newline in it would forge a line */
  if (e->cause) { errword_say(name, ": ended first, the cause of the stop") ; return ; }
  if (!e->stopping && !e->ended && !e->killed) { errword_say(name, ": not running") ; return ; }
  if (!e->stopping) { report_untold(t, i, dir) ; return ; }
  if (e->killed)
  {
    errword_say(name, ": killed at the deadline after ", since(s, &e->stop_at, &kill_at), " s",
      e->ended ? "" : " (and still not reaped)") ;
    return ;
  }
  errword_say(name, ": stopped in ", since(s, &e->stop_at, &e->end_at), " s (", run_end(how, dir, e), ")") ;
}

/* stop_rank: where E comes in the report: the cause, then what was not
   running, then the runsv's reaped in the order they were, then what was
   never reaped */
static int stop_rank (scanned_entry const *e)
{
  if (e->cause) return 0 ;
  if (e->ended) return 2 ;
  if (e->stopping || e->killed) return 3 ;
  return 1 ;
}

/* stop_table: the report's table, for bystop's qsort */
static scanned const *stop_table ;

/* bystop: qsort order of two indices of stop_table, the order of the report */
static int bystop (void const *a, void const *b)
{
  scanned_entry const *x = scanned_at(stop_table, *(unsigned int const *)a) ;
  scanned_entry const *y = scanned_at(stop_table, *(unsigned int const *)b) ;
  int rx = stop_rank(x), ry = stop_rank(y) ;
  if (rx != ry) return rx < ry ? -1 : 1 ;
  if (rx == 2 && x->endseq != y->endseq) return x->endseq < y->endseq ? -1 : 1 ;
  return strcmp(x->name, y->name) ;
}

/* report_fg: how the foreground child ended, when the shutdown signalled it */
static void report_fg (void)
{
  char t[SECS_FMT + 1], how[WSTAT_FMT] ;
  if (!fgsignalled) return ;
  if (fgkilled) { errword_say(fgname, ": killed at the deadline after ", since(t, &t0, &kill_at), " s") ; return ; }
  if (!fgended) return ;
  errword_say(fgname, ": stopped in ", since(t, &t0, &fgend), " s (", wstat_fmt(how, "", fgwstat), ")") ;
}

int shutdown_report (scanned *t, char const *dir)
{
  unsigned int n = scanned_n(t), nkilled = 0 ;
  char secs[SECS_FMT + 1], num[UINT_FMT + 1], nk[UINT_FMT + 1] ;
  /* in the order they stopped: indices sorted, the table (which the order's
     indices name) left as it is; out of memory, in the table's order */
  unsigned int *v = alloc(sizeof(unsigned int) * ((size_t)n + 1)) ;
  if (v)
  {
    for (unsigned int i = 0 ; i < n ; i++) v[i] = i ;
    stop_table = t ;
    if (n > 1) qsort(v, n, sizeof(unsigned int), &bystop) ;
  }
  report_fg() ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    report_entry(t, v ? v[i] : i, dir) ;
    nkilled += scanned_at(t, i)->killed ;
  }
  alloc_free(v) ;
  stoporder_free(&order) ;
  if (strays == 1) errword_say("other processes: gone in ", since(secs, &strays_at, &strays_end), " s after SIGTERM") ;
  else if (strays == 2) errword_say("other processes: killed after ", since(secs, &strays_at, &strays_end), " s") ;
  num[uint_fmt(num, n)] = 0 ;
  nk[uint_fmt(nk, nkilled)] = 0 ;
  tain_now_g() ;
  errword_say("stopped ", num, n == 1 ? " service" : " services", " in ", since(secs, &t0, &STAMP), " s",
    nkilled ? "; " : "", nkilled ? nk : "", nkilled ? " killed at the deadline" : "",
    strays == 2 ? "; other processes killed" : "", cause[0] ? "; because " : "", cause) ;
  /* 2: something had to be SIGKILLed; but a cause (an essential service,
     the main command, an init task) wins: its code says why we shut down */
  return cause[0] ? exitcode : killed ? 2 : exitcode ;
}
