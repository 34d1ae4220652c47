/* forkexec.c - fork + exec with a clean signal mask (see forkexec.h). */
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/exec.h>
#include <skalibs/posixplz.h>
#include <skalibs/nsig.h>
#include <skalibs/sig.h>
#include "errword.h"
#include "forkexec.h"

/* child_fd: make fd TARGET be FD (or closed); 1, or 0 with errno */
static int child_fd (int target, int fd)
{
  if (fd == FORKEXEC_INHERIT) return 1 ;
  if (fd == FORKEXEC_CLOSE) { close(target) ; return 1 ; }
  return (fd == target ? uncoe(fd) : fd_copy(target, fd)) >= 0 ;
}

/* child_extra_take: a close-on-exec copy of FROM at a free number (3 or
   more), taken before fds 0 and 1 change, so that neither they nor the
   report pipe can be overwritten by it or overwrite it; -1 with errno */
static int child_extra_take (int from)
{
  return fcntl(from, F_DUPFD_CLOEXEC, 3) ;
}

/* child_extra_give: make fd TARGET the copy TMP (not close-on-exec); the
   report pipe's end *PIPEW moves away first if it sits on TARGET */
static int child_extra_give (int target, int tmp, int *pipew)
{
  if (tmp == target) return uncoe(tmp) >= 0 ;
  if (*pipew == target)
  {
    int w = fcntl(*pipew, F_DUPFD_CLOEXEC, 3) ;
    if (w < 0) return 0 ;
    *pipew = w ;  /* the old number is replaced by the dup2 below */
  }
  return fd_move(target, tmp) >= 0 ;
}

/* child_fail: the child could not become FILE; with a report pipe the parent
   says why (the child stays silent), else the child says it, as runit's does */
static void child_fail (int step, int pipew, char const *file, forkexec_opts const *o)
{
  if (pipew >= 0)
  {
    forkexec_failure f = { .step = step, .err = errno } ;
    fd_write(pipew, (char const *)&f, sizeof(f)) ;
    _exit(o->failcode) ;
  }
  switch (step)
  {
    case FORKEXEC_FD : errword_diesys(o->failcode, "unable to set up fd for ", o->what ? o->what : "child") ;
    case FORKEXEC_DIR : errword_diesys(o->failcode, "unable to change to directory ", o->dir) ;
    default : errword_diesys(o->failcode, "unable to start ", o->what ? o->what : file) ;
  }
}

/* ignored_at_start: the signals this process had set to SIG_IGN when it first
   spawned (inherited, typically SIGINT and SIGQUIT from a shell's &); only
   those need resetting in children, since caught ones reset at exec. Our
   programs never ignore a signal themselves (they catch or block). */
static sigset_t ignored ;
static int ignored_known = 0 ;

static void find_ignored (void)
{
  sigemptyset(&ignored) ;
  for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
  {
    struct sigaction sa ;
    if (sig != SIGKILL && sig != SIGSTOP && !sigaction(sig, 0, &sa) && sa.sa_handler == SIG_IGN)
      sigaddset(&ignored, sig) ;
  }
  ignored_known = 1 ;
}

pid_t forkexec (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o)
{
  static forkexec_opts const zero = FORKEXEC_OPTS_ZERO ;
  int p[2] = { -1, -1 } ;
  pid_t pid ;
  if (!o) o = &zero ;
  if (!envp) envp = (char const *const *)environ ;
  if (!ignored_known) find_ignored() ;
  /* the report pipe: close-on-exec, so a successful exec is the read's EOF */
  if (o->report && pipecoe(p) < 0)
  {
    o->report->step = FORKEXEC_FORK ;
    return (o->report->err = errno, 0) ;
  }
  pid = fork() ;
  if (pid < 0)
  {
    int e = errno ;
    if (o->report)
    {
      fd_close(p[0]) ; fd_close(p[1]) ;
      o->report->step = FORKEXEC_FORK ;
      o->report->err = e ;
    }
    return (errno = e, 0) ;
  }
  if (!pid)
  {
    int xtmp = -1 ;
    /* child: signals first, so nothing stays blocked or ignored whatever fails
       next. An ignored signal survives exec: a runsvdir started with & from a
       shell has SIGINT and SIGQUIT ignored, and so would every service. */
    sig_restoreto(&ignored, SKALIBS_NSIG) ;
    sig_blocknone() ;
    if (p[0] >= 0) close(p[0]) ;
    if (o->fdx > 2 && (xtmp = child_extra_take(o->fdx_from)) < 0) child_fail(FORKEXEC_FD, p[1], file, o) ;
    if (!child_fd(0, o->fd0) || !child_fd(1, o->fd1) || !child_fd(2, o->fd2)) child_fail(FORKEXEC_FD, p[1], file, o) ;
    if (xtmp >= 0 && !child_extra_give(o->fdx, xtmp, &p[1])) child_fail(FORKEXEC_FD, p[1], file, o) ;
    if (o->setsid) setsid() ;
    else if (o->setpgrp) setpgid(0, 0) ;
    if (o->dir && chdir(o->dir) < 0) child_fail(FORKEXEC_DIR, p[1], file, o) ;
    exec_ae(file, argv, envp) ;
    child_fail(FORKEXEC_EXEC, p[1], file, o) ;
  }
  /* parent. Without a report the parent sets the group too, so that it exists
     whichever of the two runs first (after the child's exec this fails, harmlessly) */
  if (o->setpgrp && !o->setsid && !o->report) setpgid(pid, pid) ;
  if (o->report)
  {
    forkexec_failure f ;
    ssize_t r ;
    fd_close(p[1]) ;
    r = fd_read(p[0], (char *)&f, sizeof(f)) ;
    fd_close(p[0]) ;
    if (r == (ssize_t)sizeof(f))
    {
      int wstat ;
      waitpid(pid, &wstat, 0) ;  /* it exits right after the write */
      *o->report = f ;
      return (errno = f.err, 0) ;
    }
    /* EOF (or a read error, which cannot tell us more): the exec happened */
    o->report->step = FORKEXEC_OK ;
    o->report->err = 0 ;
  }
  return pid ;
}

/* vfork is no longer in POSIX, but glibc and musl both have it: a child that
   borrows the caller's memory until its exec, so nothing is copied */
extern pid_t vfork (void) ;

/* vspawn: the vfork and the child of forkexec_spawn (nothing here is
   assigned after the vfork but err, so nothing can be clobbered) */
static pid_t vspawn (char const *file, char const *const *argv, char const *const *envp, int const *fds, int setpgrp)
{
  volatile int err = 0 ;  /* the child's, seen by the caller: they share memory until the exec */
  sigset_t none ;
  pid_t pid ;
  sigemptyset(&none) ;
  pid = vfork() ;
  if (pid < 0) return 0 ;
  if (!pid)
  {
    /* the child, in the caller's memory: system calls only, no allocation,
       nothing written but err. Signals as forkexec's child has them */
    struct sigaction dfl ;
    memset(&dfl, 0, sizeof(dfl)) ;
    dfl.sa_handler = SIG_DFL ;
    for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
      if (sigismember(&ignored, sig) == 1) sigaction(sig, &dfl, 0) ;
    sigprocmask(SIG_SETMASK, &none, 0) ;
    for (int i = 0 ; i < 3 ; i++)
    {
      if (fds[i] == FORKEXEC_CLOSE) close(i) ;
      else if (fds[i] == i) { if (fcntl(i, F_SETFD, 0) < 0) goto fail ; }
      else if (fds[i] != FORKEXEC_INHERIT && dup2(fds[i], i) < 0) goto fail ;
    }
    if (setpgrp) setpgid(0, 0) ;
    execve(file, (char *const *)argv, (char *const *)envp) ;
   fail:
    err = errno ;
    _exit(127) ;
  }
  if (err)
  {
    int e = err, wstat ;
    waitpid(pid, &wstat, 0) ;
    return (errno = e, 0) ;
  }
  return pid ;
}

pid_t forkexec_spawn (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o)
{
  int fds[3] ;
  if (o->dir || o->setsid || o->fdx || o->report || !strchr(file, '/')) return (errno = EINVAL, 0) ;
  if (!ignored_known) find_ignored() ;
  fds[0] = o->fd0 ; fds[1] = o->fd1 ; fds[2] = o->fd2 ;
  return vspawn(file, argv, envp ? envp : (char const *const *)environ, fds, o->setpgrp) ;
}
