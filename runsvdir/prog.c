/* prog.c - the main command (see prog.h). */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/sig.h>
#include "errword.h"
#include "forkexec.h"
#include "prog.h"

static int gave_tty = 0 ;  /* PROG's group holds the terminal's foreground */

/* our_foreground: do we hold the foreground of the terminal on stdin? */
static int our_foreground (void)
{
  pid_t fg ;
  if (!isatty(0)) return 0 ;
  fg = tcgetpgrp(0) ;
  return fg > 0 && fg == getpgrp() ;
}

pid_t prog_start (char const *const *argv, int *code)
{
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  forkexec_failure f ;
  pid_t pid ;
  int tty = our_foreground() ;
  o.setpgrp = 1 ;
  o.report = &f ;
  o.what = argv[0] ;
  pid = forkexec(argv[0], argv, 0, &o) ;
  if (!pid)
  {
    *code = f.step == FORKEXEC_FORK ? 111 : f.step == FORKEXEC_EXEC && (f.err == ENOENT || f.err == ENOTDIR) ? 127 : 126 ;
    errno = f.err ;
    errword_warnsys("unable to start the main command ", argv[0]) ;
    return 0 ;
  }
  if (tty)
  {
    /* from the background now on, runsvdir may still take the terminal back */
    sig_ignore(SIGTTOU) ;
    if (tcsetpgrp(0, pid) == 0)
    {
      gave_tty = 1 ;
      /* a shell that looked before it had the terminal stopped itself (SIGTTIN) */
      kill(-pid, SIGCONT) ;
    }
    else errword_warnsys("unable to give the terminal to the main command") ;
  }
  return pid ;
}

void prog_ended (void)
{
  if (!gave_tty) return ;
  gave_tty = 0 ;
  if (tcsetpgrp(0, getpgrp()) < 0) errword_warnsys("unable to take the terminal back") ;
}
