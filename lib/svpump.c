/* svpump.c - a pipe whose lines go on prefixed (see svpump.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/types.h>
#include "errword.h"
#include "svpump.h"

char const *svpump_spec (void)
{
  static int warned = 0 ;
  svprefix test ;
  char const *spec = getenv("RUNSVDIR_PREFIX") ;
  if (!spec || !*spec || !strcmp(spec, "0")) return 0 ;
  if (svprefix_format(&test, spec)) return spec ;
  if (!warned++)
    sverr_warn("RUNSVDIR_PREFIX: \"", spec, "\" is not a format of at most 64 bytes with %n, %t and %%: \"" SVPREFIX_DEFAULT "\" is used") ;
  return "1" ;
}

int svpump_open (svpump *p, char const *fmt, char const *name, size_t len, int to)
{
  if (pipecoe(p->fd) < 0) { p->fd[0] = p->fd[1] = -1 ; return 0 ; }
  if (ndelay_on(p->fd[0]) < 0) { svpump_close(p) ; return 0 ; }
  p->to = to ;
  p->p.partlen = 0 ;
  if (!svprefix_format(&p->p, fmt)) svprefix_format(&p->p, "1") ;
  if (!svprefix_name(&p->p, name, len)) { int e = errno ; svpump_close(p) ; errno = e ; return 0 ; }
  return 1 ;
}

/* put: one write of whole lines to the fd CTX points to */
static void put (char const *s, size_t len, void *ctx)
{
  int fd = *(int const *)ctx ;
  char num[INT_FMT] ;
  if (allwrite(fd, s, len) >= len || errno == EPIPE) return ;
  num[int_fmt(num, fd)] = 0 ;
  sverr_warnsys("unable to write prefixed output to fd ", num) ;
}

/* now: the wall clock, for %t */
static void now (int64_t *secs, uint32_t *msecs)
{
  struct timespec ts ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) ts.tv_sec = ts.tv_nsec = 0 ;
  *secs = ts.tv_sec ;
  *msecs = (uint32_t)(ts.tv_nsec / 1000000) ;
}

int svpump_read (svpump *p, int all)
{
  char buf[4096] ;
  if (p->fd[0] < 0) return 0 ;
  for (unsigned int i = 0 ; all || i < 16 ; i++)
  {
    int64_t secs ;
    uint32_t msecs ;
    ssize_t r = fd_read(p->fd[0], buf, sizeof(buf)) ;
    if (!r) return 0 ;
    if (r < 0) break ;  /* EAGAIN: drained for now */
    now(&secs, &msecs) ;
    svprefix_feed(&p->p, buf, (size_t)r, secs, msecs, &put, &p->to) ;
  }
  return 1 ;
}

void svpump_flush (svpump *p)
{
  int64_t secs ;
  uint32_t msecs ;
  now(&secs, &msecs) ;
  svprefix_flush(&p->p, secs, msecs, &put, &p->to) ;
}

void svpump_drain (svpump *p)
{
  if (p->fd[0] < 0) return ;
  svpump_read(p, 1) ;
  svpump_flush(p) ;
}

void svpump_close_write (svpump *p)
{
  if (p->fd[1] >= 0) fd_close(p->fd[1]) ;
  p->fd[1] = -1 ;
}

void svpump_close (svpump *p)
{
  svpump_close_write(p) ;
  if (p->fd[0] >= 0) fd_close(p->fd[0]) ;
  p->fd[0] = -1 ;
}
