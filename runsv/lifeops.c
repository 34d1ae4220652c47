/* lifeops.c - the system around a life, as runsv makes it (see lifeops.h). */
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/posixplz.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "errword.h"
#include "instance.h"
#include "knobs.h"
#include "lifeops.h"
#include "liveness.h"
#include "needs.h"
#include "output.h"
#include "readiness.h"
#include "service.h"
#include "supervise.h"
#include "forkexec.h"
#include "sweep.h"
#include "tai64n.h"

/* custom: run control/C if it is owner-executable; 1 if it handled the command (exit 0) */
static int custom (service *s, char c)
{
  char path[10] = "control/?" ;
  char const *argv[3] = { path, 0, 0 } ;
  struct stat sb ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  pid_t pid ;
  int wstat ;
  supervisor *sp = s->sup ;
  if (s->life.islog) return 0 ;  /* the log service's commands are never customised */
  path[8] = c ;
  if (stat(path, &sb) < 0)
  {
    if (errno != ENOENT) errword_warnsys("unable to stat ", path) ;
    return 0 ;
  }
  if (!(sb.st_mode & S_IXUSR)) return 0 ;
  /* the script may look at the status (sv status .) */
  supervise_write(&sp->svc[0]) ;
  if (sp->haslog) supervise_write(&sp->svc[1]) ;
  o.fd1 = sp->haslog && sp->logpipe[1] >= 0 ? sp->logpipe[1] : sp->out.fd[1] >= 0 ? sp->out.fd[1] : FORKEXEC_INHERIT ;
  o.what = path ;
  instance_args(argv) ;
  pid = forkexec(path, argv, 0, &o) ;
  if (!pid)
  {
    errword_warnsys("unable to fork for ", path) ;
    return 0 ;
  }
  /* synchronous, as runit: nothing else happens until the script is done */
  if (wait_pid(pid, &wstat) != pid) return 0 ;
  /* runit counts a script killed by a signal as "handled"; only a real exit 0 does here */
  return WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
}

/* unstartable: why WHAT (FILE, relative to the service dir) did not start,
   said by runsv itself: the child that failed says nothing */
static void unstartable (char const *what, char const *file, char const *dir, forkexec_failure const *f)
{
  struct stat sb ;
  switch (f->step)
  {
    case FORKEXEC_FD :
      errword_warn("unable to set up fd for ", what, ": ", errword(f->err)) ;
      break ;
    case FORKEXEC_DIR :
      errword_warn("unable to change to directory ", dir, ": ", errword(f->err)) ;
      break ;
    default :
      /* ENOENT for a file that is there: the kernel could not find what its
         #! line (or its ELF header) names */
      if (f->err == ENOENT && stat(file, &sb) == 0)
        errword_warn("unable to start ", what, ": its interpreter does not exist") ;
      else errword_warn("unable to start ", what, ": ", errword(f->err)) ;
      break ;
  }
}

/* spawn: ./run (FINISH 0), ./finish or log/run, each leading a process
   group of its own, so that an exit can stop what it leaves behind; the
   label and the throttle count from the fork, not from when the exec was
   confirmed, so the second between two starts is exactly a second */
static int spawn (life *l, int finish, pid_t *pidp, tain *forked, tain *label)
{
  service *s = l->ctx ;
  supervisor *sp = s->sup ;
  char code[INT_FMT], sig[INT_FMT] ;
  char const *argv[5] = { "./run", 0, 0, 0, 0 } ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  forkexec_failure failed ;
  int notew = -1 ;
  size_t envn = env_len((char const *const *)environ) ;
  char const *envv[envn + 2] ;
  char const *const *envp = 0 ;
  char modif[14 + SDNOTIFY_NAMEMAX] ;
  tain started = *label ;
  pid_t pid ;

  o.report = &failed ;
  o.setpgrp = 1 ;
  if (l->islog)
  {
    o.dir = "log" ;
    o.fd0 = sp->logpipe[0] ;
    o.what = "log/./run" ;
  }
  else
  {
    if (sp->haslog && sp->logpipe[1] >= 0) o.fd1 = sp->logpipe[1] ;
    if (sp->out.fd[1] >= 0)
    {
      o.fd1 = sp->out.fd[1] ;
      o.fd2 = sp->err.fd[1] >= 0 ? sp->err.fd[1] : sp->out.fd[1] ;
    }
    if (finish)
    {
      argv[0] = "./finish" ;
      code[WIFEXITED(l->wstat) ? int_fmt(code, WEXITSTATUS(l->wstat)) : int_fmt(code, -1)] = 0 ;
      sig[int_fmt(sig, l->wstat & 0xff)] = 0 ;
      argv[1] = code ;
      argv[2] = sig ;
    }
    else custom(s, 'u') ;  /* control/u runs before every ./run; its result is ignored */
    o.what = argv[0] ;
  }
  if (!finish)
  {
    knobs_read(s) ;
    liveness_knobs(s) ;
    o.fdx = (int)readiness_prepare(s, &notew) ;
    o.fdx_from = notew ;
    if (s->ready.fdsock >= 0)
    {
      /* NOTIFY_SOCKET for the run alone, not for ./finish or control scripts */
      size_t m = strlen(s->ready.sockname) ;
      memcpy(modif, "NOTIFY_SOCKET=", 14) ;
      memcpy(modif + 14, s->ready.sockname, m + 1) ;
      if (env_merge(envv, envn + 2, (char const *const *)environ, envn, modif, 15 + m)) envp = envv ;
      else errword_warnsys("unable to set NOTIFY_SOCKET for ", o.what) ;
    }
  }
  if (!tai64n_now(&started)) errword_warnsys("unable to read the clock") ;
  tain_now_g() ;
  *forked = STAMP ;
  instance_args(argv) ;
  pid = forkexec(argv[0], argv, envp, &o) ;
  if (notew >= 0) fd_close(notew) ;
  if (!pid) readiness_abandon(s) ;  /* nothing ran that could notify */
  if (!pid && failed.step == FORKEXEC_FORK)
  {
    /* fork failed: try again in a little while, from the loop, not in a sleep */
    errno = failed.err ;
    errword_warnsys("unable to fork, retrying") ;
    *label = started ;
    return LIFE_SPAWN_FORK ;
  }
  if (!pid)
  {
    unstartable(o.what, l->islog ? "log/run" : finish ? "finish" : "run", o.dir, &failed) ;
    *label = started ;
    return LIFE_SPAWN_EXEC ;
  }
  *pidp = pid ;
  *label = started ;
  if (finish) s->pgrp_finish = pid ;
  else
  {
    s->pgrp_run = pid ;
    readiness_started(s, &started) ;
  }
  return LIFE_SPAWN_OK ;
}

/* signal_to: SIG to PID, or to its whole process group when GROUP (falling
   back to the process: it may have left the group). An exit's TERM to the
   run's group is remembered: the sweep after the run's end does not send it
   again (a second TERM reruns a shell's trap, and makes some daemons skip
   their graceful stop) */
static void signal_to (life *l, pid_t pid, int sig, int group)
{
  service *s = l->ctx ;
  if (pid <= 0) return ;  /* never kill(0) nor kill(-1) */
  if (group && kill(-pid, sig) == 0)
  {
    if (sig == SIGTERM && l->want == LIFE_WANT_EXIT && pid == s->pgrp_run) s->pgrp_termed = pid ;
    return ;
  }
  kill(pid, sig) ;
}

/* custom_of: the life's control/C */
static int custom_of (life *l, char c)
{
  return custom(l->ctx, c) ;
}

/* finish_exists: ./finish is run when it can be opened for reading, as in runit */
static int finish_exists (life *l)
{
  int fd = open_read("finish") ;
  (void)l ;
  if (fd < 0) return 0 ;
  fd_close(fd) ;
  return 1 ;
}

/* ended: the run ended: not ready, its last words out before anything else
   starts, and what it left counted, or with kill-group swept */
static void ended (life *l, int wstat, int executed)
{
  service *s = l->ctx ;
  (void)wstat ;
  readiness_ended(s) ;
  if (!executed) return ;
  if (!l->islog) output_drain(s->sup) ;
  if (l->knobs.killgroup) sweep_start(s, l->knobs.tkill) ;
  else sweep_update(s) ;
}

static int sweeping (life *l)
{
  return ((service *)l->ctx)->left.sweeping ;
}

static int ready (life *l)
{
  return readiness_ready(l->ctx) ;
}

/* essential: an essential run ended for good: runsv exits once the service
   is down, its logger drained, with SUPERSTATE_RUNSV_ESSENTIAL */
static void essential (life *l, int wstat, int executed)
{
  service *s = l->ctx ;
  char code[INT_FMT] ;
  if (!executed)
    errword_warn("essential ./run could not be started: not restarted, runsv exits") ;
  else if (WIFSIGNALED(wstat))
    errword_warn("essential ./run killed by SIG", sig_name(WTERMSIG(wstat)), ": not restarted, runsv exits") ;
  else
  {
    code[int_fmt(code, WEXITSTATUS(wstat))] = 0 ;
    errword_warn("essential ./run exited ", code, ": not restarted, runsv exits") ;
  }
  s->sup->essential = 1 ;
  if (s->sup->phase == SUPERVISOR_SERVING) s->sup->phase = SUPERVISOR_EXITING ;
}

/* gave_up: max-failures gave up, said once */
static void gave_up (life *l)
{
  char n[UINT32_FMT], secs[UINT32_FMT] ;
  n[uint32_fmt(n, l->policy.failures)] = 0 ;
  secs[uint32_fmt(secs, l->policy.window)] = 0 ;
  errword_warn(l->islog ? "log/run" : "./run", " failed ", n, " times within ", secs, " s (max-failures): not restarted until sv up") ;
}

static int label (tain *t)
{
  if (tai64n_now(t)) return 1 ;
  errword_warnsys("unable to read the clock") ;
  return 0 ;
}

static int needs_of (life *l, uint32_t *timeout)
{
  return needs_met(l->ctx, timeout) ;
}

static void waited_out (life *l)
{
  needs_waited_out(l->ctx) ;
}

static void now_of (tain *now)
{
  tain_now_g() ;
  *now = STAMP ;
}

life_ops const lifeops =
{
  .spawn = &spawn, .custom = &custom_of, .signal = &signal_to, .finish_exists = &finish_exists,
  .ended = &ended, .sweeping = &sweeping, .ready = &ready, .essential = &essential,
  .gave_up = &gave_up, .label = &label, .needs = &needs_of, .waited_out = &waited_out, .now = &now_of
} ;
