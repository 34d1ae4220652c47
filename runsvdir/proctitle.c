/* proctitle.c - runsvdir's LOG argument: recent stderr shown in its own argv.
 *
 * As runit (after daemontools' readproctitle): fd 2 becomes a non-blocking
 * pipe that runsvdir reads; every non-NUL byte is shifted into the memory of
 * the LOG argument, keeping its first six characters, so ps shows the tail
 * of what runsvdir, the runsv's and their services wrote to stderr. A dot
 * every 15 minutes lets old messages scroll away.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "proctitle.h"

#define DOT_SECS 900

static int pfd = -1 ;
static char *area ;         /* LOG after its first six characters */
static size_t arealen ;
static tain dot_at ;

void proctitle_init (char *log)
{
  int p[2] ;
  if (!log) return ;
  if (strlen(log) < 7)
  {
    errword_warn("log must have at least seven characters.") ;
    errword_warn("log service disabled.") ;
    return ;
  }
  if (pipenbcoe(p) < 0)
  {
    errword_warnsys("unable to create pipe for log") ;
    return ;
  }
  /* the new fd 2 is inherited by every runsv; our end stays close-on-exec */
  if (fd_move(2, p[1]) < 0)
  {
    errword_warnsys("unable to move pipe for log") ;
    fd_close(p[0]) ;
    fd_close(p[1]) ;
    return ;
  }
  pfd = p[0] ;
  area = log + 6 ;
  arealen = strlen(area) ;
  tain_addsec_g(&dot_at, DOT_SECS) ;
}

int proctitle_fd (void)
{
  return pfd ;
}

/* shift_in: the window moves left by N and the N new bytes go at its end */
static void shift_in (char const *s, size_t n)
{
  if (n >= arealen)
  {
    memcpy(area, s + n - arealen, arealen) ;
    return ;
  }
  memmove(area, area + n, arealen - n) ;
  memcpy(area + arealen - n, s, n) ;
}

void proctitle_read (void)
{
  char buf[4096] ;
  for (;;)
  {
    size_t m = 0 ;
    ssize_t r = sanitize_read(fd_read(pfd, buf, sizeof(buf))) ;
    if (r <= 0) break ;
    for (ssize_t i = 0 ; i < r ; i++)
      if (buf[i]) buf[m++] = buf[i] ;
    shift_in(buf, m) ;
  }
}

void proctitle_tick (tain *d)
{
  if (pfd < 0) return ;
  if (!tain_future(&dot_at))
  {
    fd_write(2, ".", 1) ;
    tain_addsec_g(&dot_at, DOT_SECS) ;
  }
  if (tain_less(&dot_at, d)) *d = dot_at ;
}
