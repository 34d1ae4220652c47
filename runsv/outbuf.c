/* outbuf.c - log-buffer, the output kept for sv tail (see outbuf.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "coldbss.h"
#include "pathjoin.h"
#include "outbuf.h"

#define CUT " [cut]"
#define CUTLEN 6

/* reopen: a new output, appended to if it is there (runsv started again) */
static void reopen (outbuf *b)
{
  b->fd = open(b->path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0644) ;
}

int outbuf_open (outbuf *b, char const *super, uint32_t cap)
{
  struct stat st ;
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
  if (b->fd >= 0 && !fstat(b->fd, &st)) b->size = (size_t)st.st_size ;
  return b->fd >= 0 ;
}

/* What put has gathered since the last flush, and the rotations due
   before the last part of it. It is written when the service pauses (its
   pipe drained), or after 16 turns of a writer faster than runsv (1 MiB
   at most), not at every line: rotating every quarter of the buffer (4
   KiB by default) took prefixed output from 1.66 to 0.05 x svlogd's
   throughput (bench figure 14), and a write and two rotations a turn
   still cost it two thirds. A burst costs a write or two and at most two
   rotations, and the lines its own rotations would drop are never
   written. Apart from the record, untouched without prefixing; room for
   two files' worth at the default size (a quarter of the buffer, plus a
   line of at most a quarter and its mark, each): a larger size flushes
   when it is full. One area: a runsv has one outbuf (its service's
   stdout); its counts are the outbuf's. */
static char pending[16384] COLDBSS ;

/* append: N bytes to output; a failure is counted, not fatal */
static void append (outbuf *b, char const *s, size_t n)
{
  if (n && b->fd >= 0 && allwrite(b->fd, s, n) < n) b->dropped++ ;
}

/* rotate: output becomes output.old, and a new output is started; a
   follower's inode is never reused (sv tail -f reads the old one to its
   end). The old output.old is removed first, not renamed over: ext4
   writes a file renamed over another to disk at once (auto_da_alloc),
   which made each rotation a disk write */
static void rotate (outbuf *b)
{
  if (b->fd >= 0) fd_close(b->fd) ;
  if ((unlink(b->old) < 0 && errno != ENOENT) || rename(b->path, b->old) < 0) b->dropped++ ;
  reopen(b) ;
}

void outbuf_flush (outbuf *b)
{
  if (!b->pendlen && !b->due) return ;  /* and nothing written: pending stays cold (coldbss.h) without prefixing */
  if (b->due >= 2) rotate(b) ;
  if (b->due) { append(b, pending, b->pendcut) ; rotate(b) ; }
  append(b, pending + b->pendcut, b->pendlen - b->pendcut) ;
  b->pendlen = b->pendcut = 0 ;
  b->due = b->turns = 0 ;
}

int outbuf_pending (outbuf const *b)
{
  return b->pendlen || b->due ;
}

void outbuf_turn (outbuf *b, int more)
{
  if (!more || ++b->turns >= 16) outbuf_flush(b) ;
}

/* put: N bytes for the file, counted in its size now */
static void put (outbuf *b, char const *s, size_t n)
{
  b->size += n ;
  while (n)
  {
    size_t k = sizeof(pending) - b->pendlen < n ? sizeof(pending) - b->pendlen : n ;
    memcpy(pending + b->pendlen, s, k) ;
    b->pendlen += k ; s += k ; n -= k ;
    if (b->pendlen == sizeof(pending)) outbuf_flush(b) ;
  }
}

/* mark: a rotation due here, at the end of a line; a second one drops
   what the first would have made output.old */
static void mark (outbuf *b)
{
  if (b->due)
  {
    memmove(pending, pending + b->pendcut, b->pendlen - b->pendcut) ;
    b->pendlen -= b->pendcut ;
    b->due = 2 ;
  }
  else b->due = 1 ;
  b->pendcut = b->pendlen ;
  b->size = 0 ;
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
    if (b->size >= most) mark(b) ;
    s += n + 1 ; len -= n + 1 ;
  }
}

void outbuf_end (outbuf *b)
{
  if (b->fd >= 0 && (b->linelen || b->cutting)) outbuf_put("\n", 1, b) ;
  outbuf_flush(b) ;
}
