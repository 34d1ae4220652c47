/* forkexec.c - fork + exec with a clean signal mask (see forkexec.h). */
#include <sys/uio.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
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

/* child_extra_give: make fd TARGET the copy TMP (not close-on-exec) */
static int child_extra_give (int target, int tmp)
{
  if (tmp == target) return uncoe(tmp) >= 0 ;
  return fd_move(target, tmp) >= 0 ;
}

/* child_say: the child could not become FILE (STEP, errno E), in runit's
   words on its own stderr, as errword_diesys words it; from the stack in
   one writev, since a vfork child may write nothing of its parent's (not
   even skalibs' buffer_2) */
static void child_say (int step, int e, char const *file, forkexec_opts const *o)
{
  char const *what = step == FORKEXEC_FD ? "unable to set up fd for " : step == FORKEXEC_DIR ? "unable to change to directory " : "unable to start " ;
  char const *obj = step == FORKEXEC_FD ? (o->what ? o->what : "child") : step == FORKEXEC_DIR ? o->dir : (o->what ? o->what : file) ;
  char const *word = errword(e) ;
  struct iovec v[7] =
  {
    { .iov_base = (char *)PROG, .iov_len = strlen(PROG) },
    { .iov_base = (char *)": fatal: ", .iov_len = 9 },
    { .iov_base = (char *)what, .iov_len = strlen(what) },
    { .iov_base = (char *)obj, .iov_len = strlen(obj) },
    { .iov_base = (char *)": ", .iov_len = 2 },
    { .iov_base = (char *)word, .iov_len = strlen(word) },
    { .iov_base = (char *)"\n", .iov_len = 1 }
  } ;
  ssize_t r = writev(2, v, 7) ;
  (void)r ;  /* nowhere left to say it */
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

/* vfork is no longer in POSIX, but glibc and musl both have it: a child that
   borrows the caller's memory until its exec, so nothing is copied (no page
   tables, no copy-on-write faults after), and the caller goes on once the
   child has exec'd or failed: the report needs no pipe */
extern pid_t vfork (void) ;

static pid_t vforkexec (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o) ;

pid_t forkexec (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o)
{
  static forkexec_opts const zero = FORKEXEC_OPTS_ZERO ;
  if (!ignored_known) find_ignored() ;
  return vforkexec(file, argv, envp ? envp : (char const *const *)environ, o ? o : &zero) ;
}

/* vforkexec: forkexec's vfork and child (nothing here is assigned after
   the vfork but step and err, so nothing can be clobbered) */
static pid_t vforkexec (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o)
{
  /* the child's, seen by the caller: they share memory until the exec */
  volatile int step = FORKEXEC_OK, err = 0 ;
  pid_t pid = vfork() ;
  if (pid < 0)
  {
    int e = errno ;
    if (o->report)
    {
      o->report->step = FORKEXEC_FORK ;
      o->report->err = e ;
    }
    return (errno = e, 0) ;
  }
  if (!pid)
  {
    /* the child, in the caller's memory: system calls only, no allocation,
       nothing written but step and err (and errno, which the caller sets
       again). Signals first, so nothing stays blocked or ignored whatever
       fails next: a runsvdir started with & from a shell has SIGINT and
       SIGQUIT ignored, and so would every service. No handler can run
       here: our programs catch signals through a signalfd, none by a
       handler. skalibs' sig_restoreto and sig_blocknone are sigaction and
       sigprocmask with their arguments on the stack, and exec_ae searches
       PATH with its buffer on the stack (skalibs' execvep) */
    int xtmp = -1, s = FORKEXEC_FD ;
    sig_restoreto(&ignored, SKALIBS_NSIG) ;
    sig_blocknone() ;
    /* the extra fd is copied before fds 0 to 2 change, so that none of them overwrites it */
    if (o->fdx > 2 && (xtmp = child_extra_take(o->fdx_from)) < 0) goto fail ;
    if (!child_fd(0, o->fd0) || !child_fd(1, o->fd1) || !child_fd(2, o->fd2)) goto fail ;
    if (xtmp >= 0 && !child_extra_give(o->fdx, xtmp)) goto fail ;
    if (o->setsid) setsid() ;
    else if (o->setpgrp) setpgid(0, 0) ;
    s = FORKEXEC_DIR ;
    if (o->dir && chdir(o->dir) < 0) goto fail ;
    s = FORKEXEC_EXEC ;
    exec_ae(file, argv, envp) ;
   fail:
    err = errno ;
    step = s ;
    /* with a report the caller says why and the child stays silent; without,
       the child says it and exits, as runit's does: to the caller, a
       process that exited at once */
    if (!o->report) child_say(s, err, file, o) ;
    _exit(o->failcode) ;
  }
  /* parent, once the child has exec'd or exited. Without a report it sets
     the group too, as it always did (after the exec this fails, harmlessly) */
  if (o->setpgrp && !o->setsid && !o->report) setpgid(pid, pid) ;
  if (!o->report) return pid ;
  if (step != FORKEXEC_OK)
  {
    int wstat ;
    waitpid(pid, &wstat, 0) ;  /* it exited right after failing */
    o->report->step = step ;
    o->report->err = err ;
    return (errno = err, 0) ;
  }
  o->report->step = FORKEXEC_OK ;
  o->report->err = 0 ;
  return pid ;
}
