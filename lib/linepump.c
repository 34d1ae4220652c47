/* linepump.c - a pipe whose lines go on prefixed (see linepump.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/types.h>
#include <skalibs/gccattributes.h>
#include "coldbss.h"
#include "errword.h"
#include "linepump.h"

/* valid: is SPEC a format? Apart, so that its page-sized lineprefix is on
   the stack only when there is a format to try (not in every runsv) */
static int valid (char const *spec) gccattr_noinline ;
static int valid (char const *spec)
{
  lineprefix test ;
  return lineprefix_format(&test, spec) ;
}

char const *linepump_spec (void)
{
  static int warned = 0 ;
  char const *spec = getenv("RUNSVDIR_PREFIX") ;
  if (!spec || !*spec || !strcmp(spec, "0")) return 0 ;
  if (valid(spec)) return spec ;
  if (!warned++)
    errword_warn("RUNSVDIR_PREFIX: \"", spec, "\" is not a format of at most 64 bytes with %n, %t and %%: \"" LINEPREFIX_DEFAULT "\" is used") ;
  return "1" ;
}

int linepump_open (linepump *p, lineprefix *store, char const *fmt, char const *name, size_t len, int to)
{
  if (pipecoe(p->fd) < 0) { p->fd[0] = p->fd[1] = -1 ; return 0 ; }
  if (ndelay_on(p->fd[0]) < 0) { linepump_close(p) ; return 0 ; }
  p->to = to ;
  p->p = store ;
  p->p->partlen = 0 ;
  if (!lineprefix_format(p->p, fmt)) lineprefix_format(p->p, "1") ;
  if (!lineprefix_name(p->p, name, len)) { int e = errno ; linepump_close(p) ; errno = e ; return 0 ; }
  return 1 ;
}

/* put: one write of whole lines to the fd CTX points to */
static void put (char const *s, size_t len, void *ctx)
{
  int fd = *(int const *)ctx ;
  char num[INT_FMT] ;
  if (allwrite(fd, s, len) >= len || errno == EPIPE) return ;
  num[int_fmt(num, fd)] = 0 ;
  errword_warnsys("unable to write prefixed output to fd ", num) ;
}

/* now: the wall clock, for %t */
static void now (int64_t *secs, uint32_t *msecs)
{
  struct timespec ts ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) ts.tv_sec = ts.tv_nsec = 0 ;
  *secs = ts.tv_sec ;
  *msecs = (uint32_t)(ts.tv_nsec / 1000000) ;
}

/* what one read takes: 16 KiB, a quarter of a pipe, four times fewer
   reads and half the writes of 4 KiB ones (bench figure 14); static, not
   on the stack, so that its pages are touched only by prefixed output, and
   linepump_read is not reentrant */
static char readbuf[16384] COLDBSS ;

int linepump_read (linepump *p, int all)
{
  size_t got = 0 ;
  if (p->fd[0] < 0) return 0 ;
  for (;;)
  {
    int64_t secs ;
    uint32_t msecs ;
    ssize_t r = fd_read(p->fd[0], readbuf, sizeof(readbuf)) ;
    if (!r) return 0 ;
    if (r < 0) return 1 ;  /* EAGAIN: drained for now */
    if (p->tee) (*p->tee)(readbuf, (size_t)r, p->teectx) ;
    now(&secs, &msecs) ;
    lineprefix_feed(p->p, readbuf, (size_t)r, secs, msecs, &put, &p->to) ;
    got += (size_t)r ;
    if (!all && got >= LINEPUMP_TURN) return 2 ;
  }
}

void linepump_flush (linepump *p)
{
  int64_t secs ;
  uint32_t msecs ;
  if (!p->p) return ;  /* never opened */
  now(&secs, &msecs) ;
  lineprefix_flush(p->p, secs, msecs, &put, &p->to) ;
}

void linepump_drain (linepump *p)
{
  if (p->fd[0] < 0) return ;
  linepump_read(p, 1) ;
  linepump_flush(p) ;
}

void linepump_close_write (linepump *p)
{
  if (p->fd[1] >= 0) fd_close(p->fd[1]) ;
  p->fd[1] = -1 ;
}

void linepump_close (linepump *p)
{
  linepump_close_write(p) ;
  if (p->fd[0] >= 0) fd_close(p->fd[0]) ;
  p->fd[0] = -1 ;
}
