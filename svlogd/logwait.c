/* logwait.c - where svlogd waits: the signals it traps, and the pause
 * after a failed write or rename.
 *
 * The bottom of svlogd's files: logdir.c and processor.c wait here, and
 * svlogd.c's loop reads the same selfpipe. Signals are only recorded here;
 * svlogd.c acts on them between two reads, processor.c reaps its children.
 */
#include <errno.h>
#include <signal.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "logwait.h"

static int fdsig = -1 ;
static unsigned int got = 0 ;     /* LOGWAIT_* received and not taken */
static unsigned int verbose = 0 ;

int logwait_init (unsigned int v)
{
  sigset_t set ;
  verbose = v ;
  fdsig = selfpipe_init() ;
  if (fdsig < 0) errword_diesys(111, "unable to init selfpipe") ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGTERM) ;
  sigaddset(&set, SIGHUP) ;
  sigaddset(&set, SIGALRM) ;
  sigaddset(&set, SIGCHLD) ;
  if (!selfpipe_trapset(&set)) errword_diesys(111, "unable to trap signals") ;
  return fdsig ;
}

void logwait_handle (void)
{
  for (;;)
  {
    int sig = selfpipe_read() ;
    switch (sig)
    {
      case -1 : errword_warnsys("unable to read signals") ; return ;
      case 0 : return ;
      case SIGTERM :
        if (verbose) errword_info("sigterm received.") ;
        got |= LOGWAIT_TERM ;
        break ;
      case SIGHUP :
        if (verbose) errword_info("sighangup received.") ;
        got |= LOGWAIT_HUP ;
        break ;
      case SIGALRM :
        if (verbose) errword_info("sigalarm received.") ;
        got |= LOGWAIT_ALRM ;
        break ;
      case SIGCHLD :
        if (verbose) errword_info("sigchild received.") ;
        got |= LOGWAIT_CHLD ;
        break ;
      default : break ;
    }
  }
}

unsigned int logwait_pending (void)
{
  return got ;
}

int logwait_take (unsigned int what)
{
  int r = !!(got & what) ;
  got &= ~what ;
  return r ;
}

void logwait_until (tain const *deadline)
{
  iopause_fd x = { .fd = fdsig, .events = IOPAUSE_READ, .revents = 0 } ;
  int r = iopause_g(&x, 1, deadline) ;
  if (r < 0 && errno != EINTR) errword_warnsys("unable to iopause") ;
  if (r > 0) logwait_handle() ;
}

void logwait_pause (char const *name, unsigned int *pauses, char const *what, int e)
{
  tain deadline ;
  /* runit repeats this every 3 s for as long as it lasts; once a minute is enough */
  if (!((*pauses)++ % 20))
  {
    errno = e ;
    errword_pausesys(what, ": ", name) ;
  }
  tain_addsec_g(&deadline, 3) ;
  while (tain_future(&deadline)) logwait_until(&deadline) ;
}
