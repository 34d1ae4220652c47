/* superstatus.c - pack, unpack, read and write the supervise/ status files. */
#include <errno.h>
#include <string.h>
#include <skalibs/uint32.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "pathjoin.h"
#include "replacefile.h"
#include "tai64n.h"
#include "superstatus.h"

void superstatus_pack (char *s, superstatus const *st)
{
  tai64n_pack(s, &st->stamp) ;
  uint32_pack(s + 12, st->pid) ;
  s[16] = !!st->paused ;
  s[17] = st->want == 'u' ? 'u' : 'd' ;
  s[18] = !!st->gotterm ;
  s[19] = (char)st->proc ;
}

void superstatus_unpack (char const *s, superstatus *st)
{
  tai64n_unpack(s, &st->stamp) ;
  uint32_unpack(s + 12, &st->pid) ;
  st->paused = (unsigned char)s[16] ;
  st->want = s[17] ;
  st->gotterm = (unsigned char)s[18] ;
  st->proc = (unsigned char)s[19] ;
}

int superstatus_readfd (int fd, superstatus *st, char *raw)
{
  /* one byte more than the format, to see a file that is too long */
  char s[SUPERSTATUS_SIZE + 1] ;
  ssize_t r = fd_read(fd, s, sizeof(s)) ;
  if (r < 0) return -1 ;
  if (r != SUPERSTATUS_SIZE) return (errno = EPROTO, -1) ;
  superstatus_unpack(s, st) ;
  if (raw) memcpy(raw, s, SUPERSTATUS_SIZE) ;
  return 1 ;
}

int superstatus_read (char const *dir, superstatus *st)
{
  char path[path_joinsize(dir, "supervise/status")] ;
  int fd, r ;
  if (!path_join(path, sizeof(path), dir, "supervise/status")) return 0 ;
  fd = openc_read(path) ;
  if (fd < 0) return 0 ;
  r = superstatus_readfd(fd, st, 0) ;
  fd_close(fd) ;
  return r ;
}

size_t superstatus_stat_fmt (char *s, superstatus const *st)
{
  size_t n ;
  char const *word = st->proc == SUPERSTATUS_RUN ? "run" : st->proc == SUPERSTATUS_FINISH ? "finish" : "down" ;
  n = strlen(word) ;
  memcpy(s, word, n) ;
  if (st->paused) { memcpy(s + n, ", paused", 8) ; n += 8 ; }
  if (st->gotterm) { memcpy(s + n, ", got TERM", 10) ; n += 10 ; }
  if (st->proc != SUPERSTATUS_DOWN)
  {
    if (st->want == 'd') { memcpy(s + n, ", want down", 11) ; n += 11 ; }
    else if (st->want == 'x') { memcpy(s + n, ", want exit", 11) ; n += 11 ; }
  }
  s[n++] = '\n' ;
  return n ;
}

int superstatus_write (char const *superdir, superstatus const *st, unsigned int w)
{
  /* runsv's supervise dirs have short names; a small frame keeps its stack small */
  char path[256] ;
  char buf[SUPERSTATUS_STAT_FMT > PID_FMT + 1 ? SUPERSTATUS_STAT_FMT : PID_FMT + 1] ;
  size_t n ;
  /* pid and stat first, status last (runit's order): a client woken by the
     new status must find the pid and stat that go with it */
  if (w & SUPERSTATUS_W_PID)
  {
    n = 0 ;
    if (st->pid)
    {
      n = uint32_fmt(buf, st->pid) ;
      buf[n++] = '\n' ;
    }
    if (!path_join(path, sizeof(path), superdir, "pid")
     || !replacefile_write(path, buf, n)) return 0 ;
  }
  if (w & SUPERSTATUS_W_STAT)
  {
    n = superstatus_stat_fmt(buf, st) ;
    if (!path_join(path, sizeof(path), superdir, "stat")
     || !replacefile_write(path, buf, n)) return 0 ;
  }
  if (w & SUPERSTATUS_W_STATUS)
  {
    superstatus_pack(buf, st) ;
    if (!path_join(path, sizeof(path), superdir, "status")
     || !replacefile_write(path, buf, SUPERSTATUS_SIZE)) return 0 ;
  }
  return 1 ;
}
