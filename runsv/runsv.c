/* runsv.c - supervise one service directory and its log service, as runit's runsv.
 *
 * Each supervised process (./run with its ./finish, and log/run) lives as
 * a state machine (runsv/lib/life.h) whose system around it is lifeops.c.
 * This file holds main and the loop: iopause over the selfpipe (SIGCHLD,
 * SIGTERM), the control FIFOs, the readiness channels of a running run and
 * the prefixed output, with one deadline (the earliest of the lives', the
 * sweeps', and a status write that may wait). Every event becomes a step of
 * a life; what supervise/ says is written before runsv next sleeps.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "errword.h"
#include "instance.h"
#include "lifeops.h"
#include "liveness.h"
#include "needs.h"
#include "output.h"
#include "readiness.h"
#include "schedule.h"
#include "service.h"
#include "supervise.h"
#include "leftover.h"
#include "namequote.h"
#include "sweep.h"
#include "tai64n.h"

#define USAGE "runsv dir"

static void setup (supervisor *sp, char const *dir) ;
static int term_pending (void) ;
static int exiting (supervisor *sp) ;
static void handle_signals (supervisor *sp) ;
static void command (supervisor *sp, service *s, char c) ;
static void read_commands (supervisor *sp, service *s) ;
static void step (service *s, life_event ev, char c, int sig, int wstat) ;
static void waiting (service *s, int readable, tain *deadline) ;
static void clock_tick (service *s, tain *deadline) ;

int main (int argc, char const *const *argv)
{
  static supervisor sup ;
  supervisor *sp = &sup ;
  iopause_fd x[10] ;
  char const *dir ;
  int termed_at_birth ;
  PROG = "runsv" ;
  if (argc != 2 || !argv[1][0]) errword_dieusage(1, USAGE) ;
  dir = argv[1] ;
  /* an instance (instance.h) is named T@I, runs in its template dir T@ */
  char const *named = instance_init(dir) ;
  /* messages say "runsv DIR: ...", DIR escaped (namequote.h: a newline in it
     would forge a line): main's frame lives as long as the process */
  char const *shown = namequote_show(named) ;
  char prog[strlen(shown) + 7] ;
  memcpy(prog, "runsv ", 6) ;
  memcpy(prog + 6, shown, strlen(shown) + 1) ;
  PROG = prog ;
  if (!fd_sanitize()) errword_diesys(111, "unable to sanitize standard fds") ;
  if (!tain_now_set_stopwatch_g()) errword_diesys(111, "unable to read the clock") ;
  /* selfpipe_init empties the signal mask: a SIGTERM pending since before
     runsv started (blocked by whoever exec'd it) would kill it there */
  termed_at_birth = term_pending() ;
  x[0].fd = selfpipe_init() ;
  if (x[0].fd < 0) errword_diesys(111, "unable to init selfpipe") ;
  {
    sigset_t set ;
    sigemptyset(&set) ;
    sigaddset(&set, SIGCHLD) ;
    sigaddset(&set, SIGTERM) ;
    if (!selfpipe_trapset(&set)) errword_diesys(111, "unable to trap signals") ;
  }
  if (chdir(dir) < 0) errword_diesys(111, "unable to change to directory") ;
  setup(sp, named) ;

  /* a SIGTERM pending at birth, or since, is an x before anything starts */
  if (termed_at_birth) command(sp, &sp->svc[0], 'x') ;
  handle_signals(sp) ;

  for (;;)
  {
    tain deadline = tain_infinite ;
    unsigned int n = 2 ;
    unsigned int inote[2] = { 0, 0 }, isock[2] = { 0, 0 } ;  /* their places in x, 0: none */
    unsigned int iout = 0, ierr = 0, ineeds = 0 ;
    if (exiting(sp)) break ;
    /* the schedule's tick before the lives' deadlines: a run waiting for
       this tick starts, one still going makes it a skipped one */
    clock_tick(&sp->svc[0], &deadline) ;
    /* the logger first, so it is there before the service writes */
    for (int i = sp->haslog ; i >= 0 ; i--)
    {
      service *s = &sp->svc[i] ;
      if (!tain_less(&STAMP, &s->life.deadline)) step(s, LIFE_EV_DEADLINE, 0, 0, 0) ;
      if (tain_less(&s->life.deadline, &deadline)) deadline = s->life.deadline ;
      if (sweep_deadline(s, &STAMP, &deadline)) step(s, LIFE_EV_SWEPT, 0, 0, 0) ;
    }
    waiting(&sp->svc[0], 0, &deadline) ;
    liveness_tick(&sp->svc[0], &STAMP, &deadline) ;
    for (int i = 0 ; i <= sp->haslog ; i++) supervise_write_due(&sp->svc[i], &STAMP, &deadline) ;
    /* kept lines waiting: written once the pipe is drained, not left there
       while the service is quiet */
    if (output_waiting(sp)) deadline = STAMP ;
    if (sp->svc[0].fdok < 0)
    {
      /* supervise/ok last: whoever sees this runsv finds a status (with the
         first pids) already written */
      sp->svc[0].fdok = supervise_fifo(sp->svc[0].super, "ok") ;
      if (sp->haslog) sp->svc[1].fdok = supervise_fifo(sp->svc[1].super, "ok") ;
    }

    x[0].events = IOPAUSE_READ ;
    x[1].fd = sp->svc[0].fdcontrol ; x[1].events = IOPAUSE_READ ;
    if (sp->haslog) { x[2].fd = sp->svc[1].fdcontrol ; x[2].events = IOPAUSE_READ ; n = 3 ; }
    for (int i = 0 ; i <= sp->haslog ; i++)
    {
      /* the notify socket only while the run runs: what comes between is drained at the next start */
      service *s = &sp->svc[i] ;
      if (s->ready.fdnote >= 0) { x[n].fd = s->ready.fdnote ; x[n].events = IOPAUSE_READ ; inote[i] = n++ ; }
      if (s->ready.fdsock >= 0 && life_running(&s->life)) { x[n].fd = s->ready.fdsock ; x[n].events = IOPAUSE_READ ; isock[i] = n++ ; }
    }
    if (sp->out.fd[0] >= 0) { x[n].fd = sp->out.fd[0] ; x[n].events = IOPAUSE_READ ; iout = n++ ; }
    if (sp->err.fd[0] >= 0) { x[n].fd = sp->err.fd[0] ; x[n].events = IOPAUSE_READ ; ierr = n++ ; }
    if (sp->svc[0].need.fd >= 0) { x[n].fd = sp->svc[0].need.fd ; x[n].events = IOPAUSE_READ ; ineeds = n++ ; }
    /* no deadline: sleep until a signal or a command, no periodic wake-up */
    if (iopause_g(x, n, tain_less(&deadline, &tain_infinite) ? &deadline : 0) < 0)
      errword_diesys(111, "unable to iopause") ;
    /* output first: a run's lines before the reaping that says it ended */
    if (iout || ierr)
      output_read(sp, iout && x[iout].revents & IOPAUSE_READ, ierr && x[ierr].revents & IOPAUSE_READ) ;
    if (x[0].revents & IOPAUSE_READ) handle_signals(sp) ;
    if (x[1].revents & IOPAUSE_READ) read_commands(sp, &sp->svc[0]) ;
    if (sp->haslog && x[2].revents & IOPAUSE_READ) read_commands(sp, &sp->svc[1]) ;
    if (ineeds && x[ineeds].revents & IOPAUSE_READ) waiting(&sp->svc[0], 1, &deadline) ;
    /* after the reaping: a run that ended has had its pipe closed, and
       cannot be ready after its end */
    for (int i = 0 ; i <= sp->haslog ; i++)
    {
      service *s = &sp->svc[i] ;
      if (inote[i] && x[inote[i]].fd == s->ready.fdnote && x[inote[i]].revents & (IOPAUSE_READ | IOPAUSE_EXCEPT)
       && readiness_read_note(s, s->life.pid) && life_running(&s->life))
        step(s, LIFE_EV_READY, 0, 0, 0) ;
      if (isock[i] && x[isock[i]].fd == s->ready.fdsock && life_running(&s->life) && x[isock[i]].revents & IOPAUSE_READ
       && readiness_read_sock(s, s->life.pid))
        step(s, LIFE_EV_READY, 0, 0, 0) ;
    }
  }
  output_drain(sp) ;  /* every line out before runsv exits */
  for (int i = 0 ; i <= sp->haslog ; i++)
  {
    supervise_write(&sp->svc[i]) ;
    readiness_close(&sp->svc[i]) ;
  }
  return sp->essential ? SUPERSTATE_RUNSV_ESSENTIAL : 0 ;
}

/* step: event EV (C, SIG, WSTAT as life_step takes them) in S's life, now;
   a cell that cannot happen is a bug of runsv's, said and ignored */
static void step (service *s, life_event ev, char c, int sig, int wstat)
{
  tain now = STAMP ;  /* the ops read the clock again: the step keeps its own now */
  if (life_step(&s->life, &lifeops, ev, &now, c, sig, wstat) == LIFE_BUG)
    errword_warn("internal error: event ", life_event_name(ev), " in stage ", life_stage_name(s->life.stage), " ignored") ;
}

/* waiting: while S's run waits for what it needs, look again when that
   may have changed (READABLE: its watch said so), and start it once all is
   there; the look's next poll lowers *DEADLINE */
static void waiting (service *s, int readable, tain *deadline)
{
  uint32_t timeout ;
  if (s->life.stage != LIFE_WAIT)
  {
    if (s->need.fd >= 0 || s->need.polling) needs_done(s) ;
    return ;
  }
  if (!needs_due(s, readable, &STAMP, deadline)) return ;
  /* (when not, the names may have changed: supervise/state tells it before runsv sleeps) */
  if (needs_met(s, &timeout)) step(s, LIFE_EV_MET, 0, 0, 0) ;
  else needs_due(s, 0, &STAMP, deadline) ;
}

/* clock_tick: S's schedule at its tick: the run starts if it waits for
   it (wanted up, nothing of it running), a tick that finds a run still
   going is counted skipped; the next tick lowers *DEADLINE */
static void clock_tick (service *s, tain *deadline)
{
  life_stage g ;
  if (!schedule_due(s, &STAMP, deadline)) return ;
  g = s->life.stage ;
  if (g == LIFE_PAUSE && s->life.want == LIFE_WANT_UP) step(s, LIFE_EV_DEADLINE, 0, 0, 0) ;
  schedule_ticked(s, &STAMP, g == LIFE_UP || g == LIFE_STOPPING || g == LIFE_FINISH || g == LIFE_SWEEP) ;
  schedule_due(s, &STAMP, deadline) ;
}

/* service_init: S at runsv's start, its supervise/ SUPER, wanted up unless
   DOWNFILE exists or SELECTED (RUNSV_DOWN=1) says it starts down */
static void service_init (supervisor *sp, service *s, char const *super, char const *downfile, int islog, int selected)
{
  static leftovers const leftzero = { .count = 0, .shown = 0, .sweeping = 0, .killing = 0, .kill_at = TAIN_ZERO } ;
  struct stat sb ;
  tain label = tain_zero ;
  if (!tai64n_now(&label)) errword_warnsys("unable to read the clock") ;
  life_init(&s->life, islog, selected || stat(downfile, &sb) == 0 ? LIFE_WANT_DOWN : LIFE_WANT_UP, &tain_zero, &label, s) ;
  s->selected_down = selected ;
  s->sup = sp ;
  s->super = super ;
  s->fdcontrol = s->fdcontrolw = s->fdok = -1 ;
  s->reloadsig = SIGHUP ;
  s->reloading = 0 ;
  s->pgrp_run = s->pgrp_finish = s->pgrp_termed = 0 ;
  s->left = leftzero ;
  memset(&s->wr, 0, sizeof(s->wr)) ;
  s->wr.pid = (uint32_t)-1 ;  /* supervise/pid and stat are written once at start */
  readiness_init(s) ;
  needs_init(s) ;
  liveness_init(s) ;
  memset(&s->sched, 0, sizeof(s->sched)) ;
  s->sched.tick = tain_infinite ;
}

/* down_env: RUNSV_DOWN=1 (runsvdir's RUNSVDIR_ONLY, RUNSVDIR_SKIP):
   the service starts down; the variable is runsv's alone, removed before
   anything starts, so ./run, ./finish, ./check and the logger never see it */
static int down_env (void)
{
  char const *v = getenv("RUNSV_DOWN") ;
  int down = v && !strcmp(v, "1") ;
  if (v && unsetenv("RUNSV_DOWN") < 0) errword_diesys(111, "unable to unset RUNSV_DOWN") ;
  return down ;
}

/* setup: the service (and a log/ directory's logger, with the pipe runsv
   holds), prefixed output, the supervise/ directories locked, the control
   FIFOs open; DIR is the service dir as runsv was given it */
static void setup (supervisor *sp, char const *dir)
{
  struct stat sb ;
  int selected = down_env() ;
  sp->logpipe[0] = sp->logpipe[1] = -1 ;
  sp->out = (linepump)LINEPUMP_ZERO ;  /* a few bytes: the prefixes live apart (output.c) */
  sp->err = (linepump)LINEPUMP_ZERO ;
  sp->keep = (outbuf)OUTBUF_ZERO ;
  /* what a service abandons (a double fork, setsid) comes back to runsv, to
     be counted, reaped, and with kill-group stopped */
  sp->self = getpid() ;
  if (!leftover_subreaper() && errno != ENOSYS) errword_warnsys("unable to become a subreaper") ;
  service_init(sp, &sp->svc[0], "supervise", "down", 0, selected) ;
  schedule_read(&sp->svc[0], &STAMP) ;
  if (stat("log", &sb) < 0) { if (errno != ENOENT) errword_warnsys("unable to stat() ./log") ; }
  else if (!S_ISDIR(sb.st_mode)) errword_warn("./log: not a directory.") ;
  else
  {
    sp->haslog = 1 ;
    service_init(sp, &sp->svc[1], "log/supervise", "log/down", 1, 0) ;
    if (pipecoe(sp->logpipe) < 0) errword_diesys(111, "unable to create pipe for log") ;
  }
  output_setup(sp, dir) ;
  supervise_place(&sp->svc[0], dir) ;
  if (sp->haslog) supervise_place(&sp->svc[1], dir) ;
  supervise_lock(sp->svc[0].super, "", 0) ;
  if (sp->haslog) supervise_lock(sp->svc[1].super, "log", 1) ;
  for (int i = 0 ; i <= sp->haslog ; i++) supervise_control(&sp->svc[i]) ;
  output_keep(sp) ;
}

/* term_pending: take a SIGTERM that is blocked and pending; 1 if there was one */
static int term_pending (void)
{
  sigset_t set ;
  struct timespec zero = { .tv_sec = 0, .tv_nsec = 0 } ;
  if (sigpending(&set) < 0 || !sigismember(&set, SIGTERM)) return 0 ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGTERM) ;
  return sigtimedwait(&set, 0, &zero) == SIGTERM ;
}

/* logpipe_unread: bytes waiting in the log pipe, 0 if unknown */
static int logpipe_unread (supervisor const *sp)
{
  int n = 0 ;
  if (ioctl(sp->logpipe[0], FIONREAD, &n) < 0) return 0 ;
  return n ;
}

/* exiting: runsv's exit, step by step: once the service is down, what its
   run and finish left in their groups is told to stop, the logger gets
   what is in the pipe, and the pipe is closed; 1 when all is done */
static int exiting (supervisor *sp)
{
  service *m = &sp->svc[0], *lg = &sp->svc[1] ;
  if (sp->phase == SUPERVISOR_SERVING) return 0 ;
  if (sp->phase == SUPERVISOR_EXITING)
  {
    int left ;
    if (m->life.stage != LIFE_DOWN) return 0 ;
    /* ./run and ./finish are gone; their helpers may still hold the log
       pipe, and the logger sees EOF only once they let go */
    if (m->pgrp_termed != m->pgrp_run) sweep_group(m->pgrp_run, SIGTERM) ;
    sweep_group(m->pgrp_finish, SIGTERM) ;
    sweep_group(m->pgrp_run, SIGCONT) ;
    sweep_group(m->pgrp_finish, SIGCONT) ;
    sp->phase = SUPERVISOR_DRAINING ;
    if (!sp->haslog) return 1 ;
    /* the logger is down (crashed, in its pause): once more, the pause
       waived, if there is something for it to read */
    left = lg->life.pid ? 0 : logpipe_unread(sp) ;
    if (left && lg->life.want == LIFE_WANT_UP) { step(lg, LIFE_EV_KICK, 0, 0, 0) ; left = lg->life.pid ? 0 : logpipe_unread(sp) ; }
    if (left)
    {
      char fmt[INT_FMT] ;
      fmt[int_fmt(fmt, left)] = 0 ;
      errword_warn("log/run is down: ", fmt, " bytes in the log pipe are lost") ;
    }
    if (!lg->life.pid) return 1 ;
    step(lg, LIFE_EV_LAST, 0, 0, 0) ;
    fd_close(sp->logpipe[0]) ;
    fd_close(sp->logpipe[1]) ;
    sp->logpipe[0] = sp->logpipe[1] = -1 ;
  }
  return !sp->haslog || !lg->life.pid ;
}

/* command: one control byte C for S */
static void command (supervisor *sp, service *s, char c)
{
  /* r is ours: sv reload writes rh, so that runit's runsv, which ignores
     the r, still sends HUP, and ours can send reload-signal */
  int reload = s->reloading ;
  s->reloading = c == 'r' ;
  /* an exit, once asked for, is final: a ./finish saying sv down . must not
     cancel it, nor a u restart ./run with no logger behind it */
  if (sp->phase != SUPERVISOR_SERVING && (c == 'u' || c == 'd' || c == 'o')) return ;
  switch (c)
  {
    case 'u' :
      /* an edited schedule counts from the next sv up */
      if (!s->life.islog) schedule_read(s, &STAMP) ;
      step(s, LIFE_EV_UP, c, 0, 0) ;
      break ;
    case 'd' : step(s, LIFE_EV_DOWN, c, 0, 0) ; break ;
    case 'o' : step(s, LIFE_EV_ONCE, c, 0, 0) ; break ;
    case 'x' :
      if (s->life.islog) break ;  /* a logger is told to exit only by runsv itself */
      if (sp->phase == SUPERVISOR_SERVING) sp->phase = SUPERVISOR_EXITING ;
      step(s, LIFE_EV_EXIT, c, 0, 0) ;
      break ;
    case 't' : step(s, LIFE_EV_TERM, c, 0, 0) ; break ;
    case 'p' : step(s, LIFE_EV_PAUSE, c, 0, 0) ; break ;
    case 'c' : step(s, LIFE_EV_CONT, c, 0, 0) ; break ;
    case 'k' : step(s, LIFE_EV_SIGNAL, c, SIGKILL, 0) ; break ;
    case 'h' : step(s, LIFE_EV_SIGNAL, c, reload ? s->reloadsig : SIGHUP, 0) ; break ;
    case 'a' : step(s, LIFE_EV_SIGNAL, c, SIGALRM, 0) ; break ;
    case 'i' : step(s, LIFE_EV_SIGNAL, c, SIGINT, 0) ; break ;
    case 'q' : step(s, LIFE_EV_SIGNAL, c, SIGQUIT, 0) ; break ;
    case '1' : step(s, LIFE_EV_SIGNAL, c, SIGUSR1, 0) ; break ;
    case '2' : step(s, LIFE_EV_SIGNAL, c, SIGUSR2, 0) ; break ;
    default : break ;  /* unknown bytes are ignored, as in runit */
  }
}

/* read_commands: every byte waiting in S's control FIFO, executed in order */
static void read_commands (supervisor *sp, service *s)
{
  char buf[64] ;
  for (;;)
  {
    ssize_t r = sanitize_read(fd_read(s->fdcontrol, buf, sizeof(buf))) ;
    if (r <= 0) break ;
    for (ssize_t i = 0 ; i < r ; i++) command(sp, s, buf[i]) ;
  }
}

/* reap: collect every dead child: the services' processes (the end of the
   state's run or finish), and what they left behind (runsv is their
   subreaper; orphans too when it is PID 1), whose end changes the count of
   leftovers and may end a sweep */
static void reap (supervisor *sp)
{
  int other = 0 ;
  for (;;)
  {
    int wstat, ours = 0 ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) break ;
    for (int i = 0 ; i <= sp->haslog ; i++)
      if (sp->svc[i].life.pid == pid) { step(&sp->svc[i], LIFE_EV_ENDED, 0, 0, wstat) ; ours = 1 ; break ; }
    if (!ours)
    {
      int r = liveness_reaped(&sp->svc[0], pid, wstat, &STAMP) ;
      if (r == 2) step(&sp->svc[0], LIFE_EV_UNHEALTHY, 0, 0, 0) ;
      ours = r > 0 ;
    }
    if (!ours) other = 1 ;
  }
  if (!other) return ;
  for (int i = 0 ; i <= sp->haslog ; i++)
  {
    service *s = &sp->svc[i] ;
    if ((s->left.count || s->left.sweeping) && sweep_update(s)) step(s, LIFE_EV_SWEPT, 0, 0, 0) ;
  }
}

/* handle_signals: SIGCHLD reaps, SIGTERM is the x command */
static void handle_signals (supervisor *sp)
{
  for (;;)
  {
    switch (selfpipe_read())
    {
      case -1 : errword_diesys(111, "unable to read selfpipe") ;
      case 0 : return ;
      case SIGCHLD : reap(sp) ; break ;
      case SIGTERM : command(sp, &sp->svc[0], 'x') ; break ;
      default : break ;
    }
  }
}
