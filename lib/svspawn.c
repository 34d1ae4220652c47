/* svspawn.c - fork + exec with a clean signal mask (see svspawn.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/exec.h>
#include <skalibs/posixplz.h>
#include <skalibs/nsig.h>
#include "errword.h"
#include "svspawn.h"

/* child_fd: make fd TARGET be FD (or closed); exits the child on failure */
static void child_fd (int target, int fd, spawn_opts const *o)
{
  if (fd == SPAWN_INHERIT) return ;
  if (fd == SPAWN_CLOSE) { close(target) ; return ; }
  if (fd == target ? uncoe(fd) < 0 : fd_copy(target, fd) < 0)
    sverr_diesys(o->failcode, "unable to set up fd for ", o->what ? o->what : "child") ;
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

pid_t spawn (char const *file, char const *const *argv, char const *const *envp, spawn_opts const *o)
{
  static spawn_opts const zero = SPAWN_OPTS_ZERO ;
  pid_t pid ;
  if (!o) o = &zero ;
  if (!envp) envp = (char const *const *)environ ;
  if (!ignored_known) find_ignored() ;
  pid = fork() ;
  if (pid < 0) return 0 ;
  if (pid) return pid ;

  /* child: signals first, so nothing stays blocked or ignored whatever fails
     next. An ignored signal survives exec: a runsvdir started with & from a
     shell has SIGINT and SIGQUIT ignored, and so would every service. */
  {
    sigset_t none ;
    struct sigaction sa ;
    memset(&sa, 0, sizeof(sa)) ;
    sa.sa_handler = SIG_DFL ;
    sigemptyset(&sa.sa_mask) ;
    for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
      if (sigismember(&ignored, sig) == 1) sigaction(sig, &sa, 0) ;
    sigemptyset(&none) ;
    sigprocmask(SIG_SETMASK, &none, 0) ;
  }
  child_fd(0, o->fd0, o) ;
  child_fd(1, o->fd1, o) ;
  if (o->setsid) setsid() ;
  if (o->dir && chdir(o->dir) < 0)
    sverr_diesys(o->failcode, "unable to change to directory ", o->dir) ;
  exec_ae(file, argv, envp) ;
  sverr_diesys(o->failcode, "unable to start ", o->what ? o->what : file) ;
}
