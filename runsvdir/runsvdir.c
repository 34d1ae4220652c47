/* runsvdir.c - start and watch one runsv per service directory, as runit's runsvdir.
 *
 * The program is a tree: this file (options, the loop, scanning, starting
 * runsv's and what their ends mean) calls the files below it, which take
 * what they need as arguments and never call back up:
 *   watch.c      when to scan: inotify on DIR, the 5-second fallback, SIGALRM
 *   shutdown.c   the shutdown (PID 1 or -g): the order, deadline, kill, the strays, report
 *     dependencies.c  what each service needs (dependencies.d), read for its order
 *   proctitle.c  the LOG argument: stderr shown in runsvdir's own argv
 *   tasks.c      -i INITDIR: list and start the init tasks, read their RUNSVDIR_ENV
 *   prog.c       -- PROG: start the main command, hand it the terminal
 *   supervised.c a service's supervise/state: an essential end, readiness
 *   orphans.c    what a runsv killed by a signal left running (its session)
 *   secrets.c    RUNSVDIR_SECRETS: NAME from the file NAME_FILE names, once, before anything starts
 *   selected.c   RUNSVDIR_ONLY, RUNSVDIR_SKIP: RUNSV_DOWN=1 for a deselected service's runsv
 *   syslogd.c    RUNSVDIR_SYSLOG: a syslog socket whose messages go on as lines on stdout
 *   reaper.c     the one wait loop: each child that ended, to the caller's handler
 *                (this file's before the shutdown, shutdown.c's during it)
 *   lib/         scanned (the table of services), secs (durations),
 *                exitmap (RUNSVDIR_EXIT_REMAP), taskenv (RUNSVDIR_ENV lines),
 *                stoporder (who waits for whom in the shutdown),
 *                secretlist (RUNSVDIR_SECRETS' names and values),
 *                selection (RUNSVDIR_ONLY and RUNSVDIR_SKIP matched),
 *                syslogmsg (a syslog datagram's tag, priority and message)
 *
 * Linux: prctl(PR_SET_CHILD_SUBREAPER) for -s, hence nonposix.h first
 * (watch.c adds inotify and statfs).
 *
 * One loop: iopause over the selfpipe (SIGCHLD, SIGTERM, SIGHUP, SIGALRM,
 * and SIGINT in graceful mode), inotify on DIR and the LOG pipe, with
 * absolute deadlines (restart throttles, the fallback check of DIR, the
 * shutdown's deadline). A dead runsv is restarted as soon as SIGCHLD
 * says so; a changed DIR is rescanned as soon as inotify says so.
 *
 * Graceful mode (PID 1, -g, -i or a main command): SIGTERM and SIGINT stop
 * every service within one deadline (shutdown.c). Otherwise runit's semantics:
 * SIGTERM exits 0 at once, SIGHUP sends SIGTERM to every runsv and exits 111.
 *
 * The container's life, in order: the init tasks (-i), one at a time; then
 * the services; then, once every service that declares readiness and is
 * wanted up is ready (-R), the main command. What ends it: a signal, a failed task, the main
 * command's end, or the end of an essential service's run (its runsv exits
 * SUPERSTATE_RUNSV_ESSENTIAL), each a shutdown whose cause gives the exit
 * code, RUNSVDIR_EXIT_REMAP applied last.
 */
#include <skalibs/nonposix.h>
#include <sys/prctl.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "exitmap.h"
#include "secs.h"
#include "forkexec.h"
#include "namequote.h"
#include "scanned.h"
#include "superstate.h"
#include "orphans.h"
#include "proctitle.h"
#include "prog.h"
#include "reaper.h"
#include "secrets.h"
#include "selected.h"
#include "shutdown.h"
#include "supervised.h"
#include "syslogd.h"
#include "tasks.h"
#include "templates.h"
#include "watch.h"

#define USAGE "runsvdir [-P] [-g] [-s] [-p] [-w sec] [-i initdir] [-R sec] dir [log] [-- prog args...]"
#define GRACE_DEFAULT_MS 7000  /* inside Docker's 10 s between TERM and KILL */
#define READY_POLL_MS 10       /* -R: how often the services' states are read while waiting */

/* the boot, in order */
#define BOOT_TASKS 0     /* the init tasks run, one at a time */
#define BOOT_SERVICES 1  /* the services run; the main command waits for -R, or starts */
#define BOOT_DONE 2      /* everything is started */

static char const *dir ;     /* the scan directory, as given */
static scanned table = SCANNED_ZERO ;  /* its services and their runsv's */
static int pid1 = 0 ;        /* we are PID 1 of our PID namespace: reap every orphan, end the strays */
static int newsession = 0 ;  /* -P, or graceful mode: each runsv leads its own session and group */
static int graceful = 0 ;
static int quitcode = -1 ;   /* runit's semantics: exit with this after the current wait */
static exitmap remap ;       /* RUNSVDIR_EXIT_REMAP */
static int boot = BOOT_TASKS ;
static char const *initdir = 0 ;       /* -i */
static stralloc tasks = STRALLOC_ZERO ;  /* their names, each NUL-terminated */
static size_t tasknext = 0 ;           /* offset in tasks of the next one to run */
static char const *taskname = 0 ;      /* the one running */
static pid_t taskpid = 0 ;
static stralloc taskenv = STRALLOC_ZERO ;  /* its RUNSVDIR_ENV file */
static linepump taskout[2] = { LINEPUMP_ZERO, LINEPUMP_ZERO } ;  /* its prefixed stdout, stderr (-p) */
static char const *const *progargv = 0 ;   /* the main command, after -- */
static pid_t progpid = 0 ;
static uint32_t readyms = 0 ;          /* -R, in ms */
static int readyopt = 0 ;
static tain ready_end ;                /* -R's deadline */
static int devnull = -1 ;              /* the runsv's stdin when there is a main command */

/* scan_warn: what scanned_dir reports, in runit's words */
static void scan_warn (int what, char const *name, int e)
{
  if (what == SCANNED_WARN_FULL) errword_warn("unable to start runsv ", namequote_show(name), ": too many services.") ;
  else
  {
    errno = e ;
    errword_warnsys("unable to stat ", namequote_show(name)) ;
  }
}

/* end_pending: is a signal that ends runsvdir (the shutdown's, or runit's
   SIGTERM and SIGHUP) waiting? Then no more runsv's are started */
static int end_pending (void)
{
  sigset_t set ;
  if (sigpending(&set) < 0) return 0 ;
  return sigismember(&set, SIGTERM) == 1 || sigismember(&set, SIGHUP) == 1
    || (graceful && sigismember(&set, SIGINT) == 1) ;
}

/* start: a runsv for entry E, in DIR, named by its relative name as runit does */
static void start (scanned_entry *e)
{
  char what[6 + 256] = "runsv " ;
  char const *argv[3] = { "runsv", e->name, 0 } ;
  char const *const *envp = 0 ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  pid_t pid ;
  /* the child's message, should runsv not run: the name escaped (namequote.h) */
  if (namequote_fit(what + 6, sizeof(what) - 7, e->name, strlen(e->name)) < 0) memcpy(what + 6, "?", 2) ;
  o.dir = dir ;
  o.setsid = newsession ;
  if (devnull >= 0) o.fd0 = devnull ;  /* the main command's is the terminal's */
  o.what = what ;
  o.failcode = 100 ;  /* runit's code for "unable to start runsv" */
  /* an instance's runsv runs in its template, told which it is (templates.h) */
  if (e->instance) envp = templates_runsv(e->name, &argv[1]) ;
  pid = e->instance && !envp ? 0 : forkexec("runsv", argv, selected_env(e->name, envp), &o) ;
  if (!pid)
  {
    errword_warnsys("unable to fork for ", namequote_show(e->name)) ;
    tain_addsec_g(&e->restart_at, 5) ;
    return ;
  }
  e->pid = pid ;
  e->started = STAMP ;
}

/* twin_exiting: is the runsv of a removed entry for the same directory still
   exiting? Then the new one waits for it (its SIGCHLD), instead of dying on the lock */
static int twin_exiting (scanned_entry const *e)
{
  unsigned int n = scanned_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry const *f = scanned_at(&table, i) ;
    if (f->removed && f->pid && f->ino == e->ino && f->dev == e->dev
     && (!e->instance || !strcmp(f->name, e->name))) return 1 ;
  }
  return 0 ;
}

/* lacking: errno E says a resource ran out (descriptors, memory): try again */
static int lacking (int e)
{
  return e == EMFILE || e == ENFILE || e == ENOMEM || e == EAGAIN || e == EINTR ;
}

/* orphans_busy: is E's last runsv's session still holding processes
   (orphans.h)? They get TERM on the first look that can read /proc and the
   logger's pid (a look that runs out of descriptors or memory is tried again),
   SIGKILL at the deadline; meanwhile *d is lowered to the next look */
static int orphans_busy (scanned_entry *e, tain *d)
{
  tain t ;
  int n ;
  if (!e->orphans) return 0 ;
  if (!e->orphans_signalled)
  {
    pid_t logger ;
    errno = 0 ;
    logger = supervised_logpid(dir, e->name) ;
    n = logger || !lacking(errno) ? orphans_signal(e->orphans, orphans_pgrp(logger, e->orphans), SIGTERM) : -1 ;
    if (n > 0)
    {
      char sig[16] ;
      strncpy(sig, sig_name(WTERMSIG(e->wstat)), sizeof(sig) - 1) ;
      sig[sizeof(sig) - 1] = 0 ;
      errword_warn("runsv ", namequote_show(e->name), " killed by SIG", sig, ": stopping the processes it left") ;
      e->orphans_signalled = 1 ;
    }
  }
  else n = orphans_signal(e->orphans, 0, 0) ;
  /* none left; or no /proc at all (nothing can be known: runit's way) */
  if (!n || (n < 0 && !lacking(errno)))
  {
    e->orphans = 0 ;
    return 0 ;
  }
  tain_from_millisecs(&t, ORPHANS_KILL_MS) ;
  tain_add(&t, &e->orphans_at, &t) ;
  if (e->orphans_signalled < 2 && !tain_future(&t))
  {
    if (orphans_signal(e->orphans, 0, SIGKILL) >= 0)
    {
      errword_warn("killing what the runsv of ", namequote_show(e->name), " left behind (it ignored SIGTERM)") ;
      e->orphans_signalled = 2 ;
    }
  }
  tain_from_millisecs(&t, ORPHANS_POLL_MS) ;
  tain_add(&t, &STAMP, &t) ;
  if (tain_less(&t, d)) *d = t ;
  return 1 ;
}

/* start_due: a runsv for every service without one whose throttle allows it;
   lowers *d to the earliest throttled restart */
static void start_due (tain *d)
{
  unsigned int n = scanned_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry *e = scanned_at(&table, i) ;
    if (e->pid || e->removed) continue ;
    /* a killed runsv's orphans are dealt with at once, throttle or not */
    if (orphans_busy(e, d)) continue ;
    if (tain_future(&e->restart_at))
    {
      if (tain_less(&e->restart_at, d)) *d = e->restart_at ;
      continue ;
    }
    if (twin_exiting(e)) continue ;
    /* a TERM arriving while hundreds of services start is honoured now, not after */
    if (end_pending()) return ;
    start(e) ;
    /* a failed fork left no child whose SIGCHLD would wake us */
    if (!e->pid && tain_less(&e->restart_at, d)) *d = e->restart_at ;
  }
}

/* scan: read DIR; new services get a runsv (start_due), removed ones get SIGTERM */
static void scan (void)
{
  unsigned int i = 0 ;
  if (!scanned_dir(&table, dir, &scan_warn))
  {
    watch_scanned(0) ;  /* says why, once, and tries again in a second */
    return ;
  }
  templates_scanned() ;
  while (i < scanned_n(&table))
  {
    scanned_entry *e = scanned_at(&table, i) ;
    if (e->seen || e->removed) { i++ ; continue ; }
    if (!e->pid) { scanned_remove(&table, i) ; continue ; }
    /* runsv stops its service and logger, then exits; it is never restarted */
    kill(e->pid, SIGTERM) ;
    e->removed = 1 ;
    i++ ;
  }
  selected_scanned(&table) ;
  watch_scanned(1) ;
}

/* restart_later: when a runsv that ended may start again. At once if it ran
   for a second; else one second after its start, and five (runit's scan
   cadence) once it keeps dying at once (runsv missing, lock busy) */
static void restart_later (scanned_entry *e)
{
  tain ran, one ;
  tain_sub(&ran, &STAMP, &e->started) ;
  tain_from_millisecs(&one, 1000) ;
  if (!tain_less(&ran, &one))
  {
    e->quick = 0 ;
    e->restart_at = STAMP ;
    return ;
  }
  if (e->quick < 255) e->quick++ ;
  tain_addsec(&e->restart_at, &e->started, e->quick > 3 ? 5 : 1) ;
}

/* begin_shutdown: the shutdown begins, with exit CODE, for the cause WHY
   (0: a signal, and then 2 if something is killed); the foreground child
   gets FGSIG: nothing is started or restarted from now on */
static void begin_shutdown (int code, char const *why, int fgsig)
{
  watch_close() ;
  shutdown_begin(&table, dir, code, why, fgsig) ;
}

/* begin_shutdown_because: the shutdown begins, with exit CODE, for the cause A B C D
   (what ended, and how) */
static void begin_shutdown_because (int code, char const *a, char const *b, char const *c, char const *d)
{
  stralloc why = STRALLOC_ZERO ;
  if (!stralloc_cats(&why, a) || !stralloc_cats(&why, b) || !stralloc_cats(&why, c)
   || !stralloc_cats(&why, d) || !stralloc_0(&why))
  {
    begin_shutdown(code, a, SIGTERM) ;  /* no memory for the words: the first of them */
    stralloc_free(&why) ;
    return ;
  }
  begin_shutdown(code, why.s, SIGTERM) ;
  stralloc_free(&why) ;
}

/* cause_shutdown: WHAT (a service, a task, the main command) NAME ended as
   WSTAT says, and begins the shutdown with the exit code that makes: its
   exit code, or 128 + the signal; SUFFIX is added to the cause, and NAME
   is shown escaped (namequote.h) */
static void cause_shutdown (char const *what, char const *name, int wstat, char const *suffix)
{
  char how[16 + 16 + INT_FMT] ;
  int code ;
  if (WIFSIGNALED(wstat))
  {
    memcpy(how, " killed by SIG", 15) ;
    strncat(how, sig_name(WTERMSIG(wstat)), 16) ;
    code = 128 + WTERMSIG(wstat) ;
  }
  else
  {
    memcpy(how, " exited ", 8) ;
    how[8 + int_fmt(how + 8, WEXITSTATUS(wstat))] = 0 ;
    code = WEXITSTATUS(wstat) ;
  }
  begin_shutdown_because(code, what, namequote_show(name), how, suffix) ;
}

/* essential_ended: E's runsv exited because its essential service ended:
   its state says how, and the shutdown begins with that code */
static void essential_ended (scanned_entry *e)
{
  superstate st = SUPERSTATE_ZERO ;
  e->cause = 1 ;
  if (!supervised_read(dir, e->name, &st) || !(st.flags & SUPERSTATE_EXITED))
  {
    errword_warnsys("unable to read how ", namequote_show(e->name), " ended (supervise/state)") ;
    begin_shutdown_because(1, "essential service ", namequote_show(e->name), " ended", "") ;
    return ;
  }
  cause_shutdown("essential service ", e->name, st.lastwstat, "") ;
}

/* task_ended: the init task ended; the next one runs, or the shutdown begins */
static void task_ended (int wstat)
{
  taskpid = 0 ;
  shutdown_child(0, 0) ;
  tasks_pumps_end(taskout) ;  /* its last lines before a word about its end */
  if (WIFEXITED(wstat) && !WEXITSTATUS(wstat))
  {
    if (!tasks_env(taskname, &taskenv)) begin_shutdown_because(100, "init task ", namequote_show(taskname), ": bad RUNSVDIR_ENV", "") ;
    return ;
  }
  tasks_forget(&taskenv) ;
  cause_shutdown("init task ", taskname, wstat, ": no service started") ;
}

/* prog_done: the main command ended: the shutdown begins with its code */
static void prog_done (int wstat)
{
  progpid = 0 ;
  shutdown_child(0, 0) ;
  prog_ended() ;
  cause_shutdown("main command", "", wstat, "") ;
}

/* runsv_ended: a runsv ended, before the shutdown: restarted later, or
   forgotten if its entry was removed (anything else is an orphan, PID 1 or
   -s, or a stray: reaped, that is all) */
static void runsv_ended (pid_t pid, int wstat)
{
  scanned_entry *e ;
  int i = scanned_find_pid(&table, pid) ;
  if (i < 0) return ;
  e = scanned_at(&table, i) ;
  e->pid = 0 ;
  /* a runsv killed by a signal (SIGKILL, a crash) could not stop its
     service: its orphans are ended before the next one starts (orphans_busy) */
  if (newsession && !e->removed && WIFSIGNALED(wstat))
  {
    e->orphans = pid ;
    e->orphans_signalled = 0 ;
    e->orphans_at = STAMP ;
    e->wstat = wstat ;
  }
  if (e->removed) scanned_remove(&table, (unsigned int)i) ;
  else if (WIFEXITED(wstat) && WEXITSTATUS(wstat) == SUPERSTATE_RUNSV_ESSENTIAL) essential_ended(e) ;
  else restart_later(e) ;
}

/* child_ended: the reaper's handler before the shutdown: what a child's end
   means (a runsv, the init task, the main command). 0 once an end began the
   shutdown: shutdown_step collects the rest, and notes their ends for its
   report */
static int child_ended (pid_t pid, int wstat, void *ctx)
{
  (void)ctx ;
  if (taskpid && pid == taskpid) task_ended(wstat) ;
  else if (progpid && pid == progpid) prog_done(wstat) ;
  else runsv_ended(pid, wstat) ;
  return !shutdown_begun() ;
}

/* task_next: the next init task starts, or the services once none is left */
static void task_next (void)
{
  if (taskpid) return ;
  if (tasknext >= tasks.len)
  {
    tain w = TAIN_ZERO ;
    boot = BOOT_SERVICES ;
    tain_now_g() ;
    tain_ulong(&w, readyms / 1000) ;
    w.nano = (readyms % 1000) * 1000000U ;
    tain_add(&ready_end, &STAMP, &w) ;  /* -R counts from the services' start */
    return ;
  }
  taskname = tasks.s + tasknext ;
  tasknext += strlen(taskname) + 1 ;
  taskpid = tasks_start(initdir, taskname, &taskenv, taskout) ;
  if (!taskpid)
  {
    begin_shutdown_because(111, "init task ", namequote_show(taskname), " could not start: no service started", "") ;
    return ;
  }
  {
    stralloc name = STRALLOC_ZERO ;
    if (stralloc_cats(&name, "init task ") && stralloc_cats(&name, namequote_show(taskname)) && stralloc_0(&name))
      shutdown_child(taskpid, name.s) ;  /* shutdown_child keeps a copy */
    else shutdown_child(taskpid, "init task") ;
    stralloc_free(&name) ;
  }
}

/* not_ready: the first service that declares readiness, is wanted up and
   is not ready, or 0. One wanted down (a down file) will not be ready until
   someone asks: sv health counts it healthy, and -R does not wait for it */
static char const *not_ready (void)
{
  unsigned int n = scanned_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry const *e = scanned_at(&table, i) ;
    if (!e->removed && supervised_unready(dir, e->name)) return e->name ;
  }
  return 0 ;
}

/* prog_due: the main command starts once the services are started (and,
   with -R, ready); lowers *d to when readiness is looked at again */
static void prog_due (tain *d)
{
  char const *name ;
  int code ;
  if (!progargv) { boot = BOOT_DONE ; return ; }
  if (readyopt && (name = not_ready()))
  {
    tain next ;
    tain_now_g() ;
    if (!tain_less(&STAMP, &ready_end))
    {
      char secs[SECS_FMT + 1] ;
      secs[secs_fmt(secs, readyms)] = 0 ;
      begin_shutdown_because(1, namequote_show(name), " not ready after -R ", secs, " s") ;
      return ;
    }
    tain_from_millisecs(&next, READY_POLL_MS) ;
    tain_add(&next, &STAMP, &next) ;
    if (tain_less(&ready_end, &next)) next = ready_end ;
    if (tain_less(&next, d)) *d = next ;
    return ;
  }
  boot = BOOT_DONE ;
  progpid = prog_start(progargv, &code) ;
  if (!progpid)
  {
    begin_shutdown(code, "the main command could not start", SIGTERM) ;
    return ;
  }
  shutdown_child(progpid, "main command") ;
}

/* hup: runit's SIGHUP: SIGTERM to every runsv, then exit 111 without waiting */
static void hup (void)
{
  unsigned int n = scanned_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (scanned_at(&table, i)->pid) kill(scanned_at(&table, i)->pid, SIGTERM) ;
  quitcode = 111 ;  /* runit's code for SIGHUP */
}

/* alarm_now: SIGALRM (as Debian's runsvdir): rescan now, and restart waiting runsv's now */
static void alarm_now (void)
{
  unsigned int n = scanned_n(&table) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry *e = scanned_at(&table, i) ;
    if (!e->pid)
    {
      e->restart_at = tain_zero ;
      e->quick = 0 ;
    }
  }
  watch_force() ;
}

/* handle_signals: every signal the selfpipe holds */
static void handle_signals (void)
{
  for (;;)
  {
    int sig = selfpipe_read() ;
    switch (sig)
    {
      case -1 : errword_diesys(111, "unable to read selfpipe") ;
      case 0 : return ;
      case SIGCHLD :
        /* once the shutdown has begun, shutdown_step collects */
        if (!shutdown_begun()) { tain_now_g() ; reaper_collect(&child_ended, 0) ; }
        break ;
      case SIGALRM : if (!shutdown_begun()) alarm_now() ; break ;
      case SIGTERM :
      case SIGINT :
        if (!graceful) { quitcode = 0 ; break ; }
        if (shutdown_begun()) shutdown_hurry() ;
        else begin_shutdown(0, 0, sig) ;  /* the main command gets the same signal, first */
        break ;
      case SIGHUP :
        if (!graceful) hup() ;
        else if (!shutdown_begun()) begin_shutdown(111, 0, SIGTERM) ;  /* runit's code for SIGHUP */
        break ;
      default : break ;
    }
  }
}

/* grace_env: $RUNSVDIR_GRACE if set, else the default */
static uint32_t grace_env (void)
{
  uint32_t ms = GRACE_DEFAULT_MS ;
  char const *env = getenv("RUNSVDIR_GRACE") ;
  if (env && *env && !secs0_scan(env, &ms))
    errword_die(100, "invalid RUNSVDIR_GRACE: ", env, " (seconds, e.g. 7 or 2.5)") ;
  return ms ;
}

/* set_prog: "runsvdir DIR", the prefix of every message, as in runit */
static void set_prog (void)
{
  static char prog[4096 + 10] = "runsvdir " ;
  size_t n = strlen(dir) ;
  if (n > 4096) n = 4096 ;
  memcpy(prog + 9, dir, n) ;
  prog[9 + n] = 0 ;
  PROG = prog ;
}

/* trap_signals: the selfpipe, with its signals back to their default
   disposition first: an ignored signal (sh does that to SIGINT for
   background jobs) would never reach it */
static int trap_signals (void)
{
  static int const sigs[] = { SIGCHLD, SIGTERM, SIGHUP, SIGALRM, SIGINT } ;
  unsigned int nsigs = graceful ? 5 : 4 ;  /* runit's runsvdir dies of SIGINT */
  sigset_t set ;
  /* writing init tasks' prefixed lines: a docker logs pipe that is gone costs the lines, not runsvdir */
  int pipes = (initdir && linepump_spec()) || syslogd_fd() >= 0 ;
  int fd = selfpipe_init() ;
  if (fd < 0) errword_diesys(111, "unable to init selfpipe") ;
  sigemptyset(&set) ;
  for (unsigned int i = 0 ; i < nsigs ; i++)
  {
    sig_restore(sigs[i]) ;
    sigaddset(&set, sigs[i]) ;
  }
  if (pipes) sigaddset(&set, SIGPIPE) ;
  if (!selfpipe_trapset(&set)) errword_diesys(111, "unable to trap signals") ;
  return fd ;
}

/* remap_env: $RUNSVDIR_EXIT_REMAP into remap (bad: dies 100) */
static void remap_env (void)
{
  char const *env = getenv("RUNSVDIR_EXIT_REMAP") ;
  size_t bad ;
  exitmap_init(&remap) ;
  if (env && !exitmap_parse(&remap, env, &bad))
    errword_die(100, "invalid RUNSVDIR_EXIT_REMAP: \"", env + bad, "\" is not FROM=TO (exit codes 0 to 255, e.g. 143=0)") ;
}

/* operands: DIR, then LOG and/or -- PROG ARGS... */
static void operands (int argc, char **argv, char **log)
{
  if (!argc || !argv[0][0]) errword_dieusage(1, USAGE) ;
  dir = argv[0] ;
  *log = 0 ;
  argc-- ; argv++ ;
  if (argc && strcmp(argv[0], "--")) { *log = argv[0] ; argc-- ; argv++ ; }
  if (!argc) return ;
  if (strcmp(argv[0], "--") || argc < 2) errword_die(1, "after dir and log, only -- prog args...", "\nusage: " USAGE "\n") ;
  progargv = (char const *const *)argv + 1 ;
}

/* options: -P -g -s -w -i -R, then the operands; runit's usage code 1 */
static void options (int argc, char **argv, char **log, int *subreaper)
{
  subgetopt l = SUBGETOPT_ZERO ;
  uint32_t grace = 0 ;
  int wopt = 0 ;
  for (;;)
  {
    int opt = subgetopt_r(argc, (char const *const *)argv, "Pgspw:i:R:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'P' : newsession = 1 ; break ;
      case 'g' : graceful = 1 ; break ;
      case 's' : *subreaper = 1 ; break ;
      case 'p' :
        /* every runsv reads it; a format given in the environment is kept */
        if (setenv("RUNSVDIR_PREFIX", "1", 0) < 0) errword_diesys(111, "unable to set RUNSVDIR_PREFIX") ;
        break ;
      case 'w' :
        if (!secs0_scan(l.arg, &grace))
          errword_die(100, "invalid grace time for -w: ", l.arg, " (seconds, e.g. 7 or 2.5)") ;
        wopt = 1 ;
        break ;
      case 'i' : initdir = l.arg ; break ;
      case 'R' :
        if (!secs0_scan(l.arg, &readyms))
          errword_die(100, "invalid readiness time for -R: ", l.arg, " (seconds, e.g. 30 or 2.5)") ;
        readyopt = 1 ;
        break ;
      default :
      {
        char c[2] = { (char)l.problem, 0 } ;
        /* the reason, then runit's usage lines, with runit's usage code 1 */
        if (l.problem == 'w' || l.problem == 'R') errword_die(1, "option -", c, " needs a number of seconds", "\nusage: " USAGE "\n") ;
        if (l.problem == 'i') errword_die(1, "option -i needs a directory", "\nusage: " USAGE "\n") ;
        errword_die(1, "unknown option -", c, "\nusage: " USAGE "\n") ;
      }
    }
  }
  operands(argc - (int)l.ind, argv + l.ind, log) ;
  set_prog() ;
  if (readyopt && !progargv) errword_die(1, "-R waits for readiness before a main command: none after --", "\nusage: " USAGE "\n") ;
  remap_env() ;
  selected_init() ;
  pid1 = getpid() == 1 ;
  /* the container's life needs the shutdown: a main command or init tasks ask for it */
  if (pid1 || progargv || initdir) graceful = 1 ;
  if (graceful) newsession = 1 ;  /* the deadline's SIGKILL goes to each runsv's process group */
  /* an essential service's end begins the shutdown, in any mode */
  shutdown_init(wopt ? grace : grace_env(), pid1) ;
}

/* wait_events: sleep until a signal, an inotify event, LOG output, a
   syslog message, room on stdout for syslog lines or deadline D, and
   handle what came */
static void wait_events (int sfd, tain const *d)
{
  iopause_fd x[7] ;
  unsigned int nx = 1 ;
  int wfd = watch_fd(), pfd = proctitle_fd(), lfd = syslogd_fd() ;
  x[0].fd = sfd ; x[0].events = IOPAUSE_READ ;
  if (wfd >= 0) { x[nx].fd = wfd ; x[nx].events = IOPAUSE_READ ; nx++ ; }
  if (pfd >= 0) { x[nx].fd = pfd ; x[nx].events = IOPAUSE_READ ; nx++ ; }
  for (unsigned int i = 0 ; i < 2 ; i++)
    if (taskout[i].fd[0] >= 0) { x[nx].fd = taskout[i].fd[0] ; x[nx].events = IOPAUSE_READ ; nx++ ; }
  if (lfd >= 0) { x[nx].fd = lfd ; x[nx].events = IOPAUSE_READ ; nx++ ; }
  if (syslogd_pending()) { x[nx].fd = 1 ; x[nx].events = IOPAUSE_WRITE ; nx++ ; }
  if (iopause_g(x, nx, tain_less(d, &tain_infinite) ? d : 0) < 0)
    errword_diesys(111, "unable to iopause") ;
  /* a task's output before the SIGCHLD that says it ended */
  for (unsigned int i = 1 ; i < nx ; i++)
  {
    if (x[i].events == IOPAUSE_WRITE)
    {
      if (x[i].revents & (IOPAUSE_WRITE | IOPAUSE_EXCEPT)) syslogd_write() ;
      continue ;
    }
    if (!(x[i].revents & (IOPAUSE_READ | IOPAUSE_EXCEPT))) continue ;
    if (x[i].fd == wfd) watch_event() ;
    else if (x[i].fd == lfd) syslogd_read() ;
    else if (x[i].fd == pfd) proctitle_read() ;
    else
    {
      linepump *t = x[i].fd == taskout[0].fd[0] ? &taskout[0] : &taskout[1] ;
      if (!linepump_read(t, 0)) { linepump_flush(t) ; linepump_close(t) ; }  /* EOF: the task's children are done too */
    }
  }
  if (x[0].revents & IOPAUSE_READ) handle_signals() ;
}

int main (int argc, char **argv)
{
  char *log ;
  int subreaper = 0, sfd, code ;
  PROG = "runsvdir" ;
  options(argc, argv, &log, &subreaper) ;
  if (!fd_sanitize()) errword_diesys(111, "unable to sanitize standard fds") ;
  syslogd_init() ;  /* before anything starts: an init task may log */
  secrets_load() ;  /* into our environment: every task, runsv and the main command inherits it */
  if (!tain_now_set_stopwatch_g()) errword_diesys(111, "unable to read the clock") ;
  sfd = trap_signals() ;
  if (subreaper && !pid1 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
    errword_warnsys("unable to become a child subreaper") ;
  proctitle_init(log) ;
  if (progargv)
  {
    devnull = openc_read("/dev/null") ;
    if (devnull < 0) errword_warnsys("unable to open /dev/null: the services share the main command's stdin") ;
  }
  if (initdir) tasks_list(initdir, &tasks) ;
  table.count = &templates_count ;
  watch_init(dir) ;

  /* the init tasks, then: scan when told to, start what is due, and the main
     command; once the shutdown has begun, only it goes on */
  for (;;)
  {
    tain deadline = tain_infinite ;
    if (!shutdown_begun() && boot == BOOT_TASKS) task_next() ;
    if (!shutdown_begun() && boot != BOOT_TASKS)
    {
      if (watch_due()) scan() ;
      start_due(&deadline) ;
      watch_deadline(&deadline) ;
      if (boot == BOOT_SERVICES && !shutdown_begun()) prog_due(&deadline) ;
    }
    if (shutdown_begun() && shutdown_step(&table, &deadline)) break ;
    proctitle_tick(&deadline) ;
    wait_events(sfd, &deadline) ;
    if (quitcode >= 0) { syslogd_end() ; return exitmap_apply(&remap, quitcode) ; }  /* runit's SIGTERM and SIGHUP */
  }
  code = shutdown_report(&table, dir) ;
  syslogd_end() ;  /* the services are down: what they sent last goes on */
  return exitmap_apply(&remap, code) ;
}
