/* outbuf.c - log-buffer, the output kept for sv tail (see outbuf.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "pathjoin.h"
#include "outbuf.h"

#define CUT " [cut]"
#define CUTLEN 6

/* reopen: a new output, appended to if it is there (runsv started again) */
static void reopen (outbuf *b)
{
  struct stat st ;
  b->fd = open(b->path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0644) ;
  b->size = b->fd >= 0 && !fstat(b->fd, &st) ? (size_t)st.st_size : 0 ;
}

int outbuf_open (outbuf *b, char const *super, uint32_t cap)
{
  b->fd = -1 ;
  b->cap = cap && cap < OUTBUF_MIN ? OUTBUF_MIN : cap ;
  b->size = b->linelen = 0 ;
  b->cutting = 0 ;
  if (!path_join(b->path, sizeof(b->path), super, "output")
   || !path_join(b->old, sizeof(b->old), super, "output.old")) return 0 ;
  if (!b->cap)
  {
    /* what is there is no longer kept up to date: sv tail must not show it */
    if ((unlink(b->path) < 0 && errno != ENOENT) || (unlink(b->old) < 0 && errno != ENOENT)) return 0 ;
    return 1 ;
  }
  reopen(b) ;
  return b->fd >= 0 ;
}

/* what put has gathered for one write: a write per read of the pipe, not
   two per line (at 100-byte lines that halved the throughput); apart from
   the record, untouched without prefixing */
static char pending[8192] ;
static size_t pendlen = 0 ;

/* flush: what put gathered, written; a failure is counted, not fatal */
static void flush (outbuf *b)
{
  if (pendlen && b->fd >= 0 && allwrite(b->fd, pending, pendlen) < pendlen) b->dropped++ ;
  pendlen = 0 ;
}

/* put: N bytes of CHUNK for the file, counted in its size now */
static void put (outbuf *b, char const *s, size_t n)
{
  if (!n || b->fd < 0) return ;
  b->size += n ;
  while (n)
  {
    size_t k = sizeof(pending) - pendlen < n ? sizeof(pending) - pendlen : n ;
    memcpy(pending + pendlen, s, k) ;
    pendlen += k ; s += k ; n -= k ;
    if (pendlen == sizeof(pending)) flush(b) ;
  }
}

/* rotate: output becomes output.old, at the end of a line */
static void rotate (outbuf *b)
{
  flush(b) ;
  fd_close(b->fd) ;
  b->fd = -1 ;
  if (rename(b->path, b->old) < 0) b->dropped++ ;
  reopen(b) ;
}

void outbuf_put (char const *s, size_t len, void *ctx)
{
  outbuf *b = ctx ;
  size_t most = b->cap / 4 ;
  if (b->fd < 0) return ;
  while (len)
  {
    char const *nl = memchr(s, '\n', len) ;
    size_t n = nl ? (size_t)(nl - s) : len ;
    size_t room = most - b->linelen ;
    size_t k = n < room ? n : room ;
    if (n > room) b->cutting = 1 ;
    put(b, s, k) ;
    b->linelen += k ;
    if (!nl) break ;
    if (b->cutting) put(b, CUT "\n", CUTLEN + 1) ;
    else put(b, "\n", 1) ;
    b->linelen = 0 ;
    b->cutting = 0 ;
    if (b->size >= most) rotate(b) ;
    s += n + 1 ; len -= n + 1 ;
  }
  flush(b) ;
}

void outbuf_end (outbuf *b)
{
  if (b->fd < 0 || (!b->linelen && !b->cutting)) return ;
  outbuf_put("\n", 1, b) ;
}
