/* superstate.c - pack, unpack, read and write supervise/state (see superstate.h). */
#include <errno.h>
#include <string.h>
#include <skalibs/uint16.h>
#include <skalibs/uint32.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "pathjoin.h"
#include "replacefile.h"
#include "tai64n.h"
#include "superstate.h"

/* label_pack, label_unpack: a TAI64N label where all zero means none (a
   zero tain would pack as the label of 1970), and back */
static void label_pack (char *s, tain const *t)
{
  if (tai_sec(tain_secp(t))) tai64n_pack(s, t) ;
  else memset(s, 0, 12) ;
}

static void label_unpack (char const *s, tain *t)
{
  static char const zero[12] = { 0 } ;
  *t = tain_zero ;
  /* a label whose seconds are zero (whatever its nanoseconds) is none, or a
     file read and written back would change what it says */
  if (memcmp(s, zero, 12)) tai64n_unpack(s, t) ;
  if (!tai_sec(tain_secp(t))) *t = tain_zero ;
}

/* pack_clock: version 4's check and schedule blocks into S; their length */
static size_t pack_clock (char *s, superstate const *st)
{
  size_t n = st->speclen > SUPERSTATE_SPECMAX ? SUPERSTATE_SPECMAX : st->speclen ;
  memset(s, 0, SUPERSTATE_CHECKLEN + SUPERSTATE_SCHEDLEN) ;
  uint32_pack_big(s, st->check_interval) ;
  uint32_pack_big(s + 4, st->check_failures) ;
  s[8] = (char)st->check_last ;
  label_pack(s + 12, &st->check_at) ;
  s += SUPERSTATE_CHECKLEN ;
  s[0] = (char)st->sched_flags ;
  label_pack(s + 4, &st->sched_next) ;
  uint32_pack_big(s + 16, st->sched_runs) ;
  uint32_pack_big(s + 20, st->sched_skipped) ;
  uint16_pack_big(s + 24, (uint16_t)n) ;
  memcpy(s + SUPERSTATE_SCHEDLEN, st->spec, n) ;
  return SUPERSTATE_CHECKLEN + SUPERSTATE_SCHEDLEN + n ;
}

/* unpack_clock: the blocks of N bytes at S (all the rest of the file); 1, or 0 */
static int unpack_clock (char const *s, size_t n, superstate *st)
{
  uint16_t spec ;
  unsigned char last ;
  if (n < SUPERSTATE_CHECKLEN + SUPERSTATE_SCHEDLEN) return 0 ;
  uint16_unpack_big(s + SUPERSTATE_CHECKLEN + 24, &spec) ;
  last = (unsigned char)s[8] ;
  if (spec > SUPERSTATE_SPECMAX || n != SUPERSTATE_CHECKLEN + SUPERSTATE_SCHEDLEN + (size_t)spec || last > SUPERSTATE_CHECK_FAIL) return 0 ;
  uint32_unpack_big(s, &st->check_interval) ;
  uint32_unpack_big(s + 4, &st->check_failures) ;
  st->check_last = last ;
  label_unpack(s + 12, &st->check_at) ;
  s += SUPERSTATE_CHECKLEN ;
  st->sched_flags = (unsigned char)s[0] ;
  label_unpack(s + 4, &st->sched_next) ;
  uint32_unpack_big(s + 16, &st->sched_runs) ;
  uint32_unpack_big(s + 20, &st->sched_skipped) ;
  st->speclen = spec ;
  memcpy(st->spec, s + SUPERSTATE_SCHEDLEN, spec) ;
  return 1 ;
}

size_t superstate_pack (char *s, superstate const *st)
{
  size_t len = st->textlen > SUPERSTATE_TEXTMAX ? SUPERSTATE_TEXTMAX : st->textlen ;
  int clock ;
  s[0] = SUPERSTATE_VERSION ;
  s[1] = (char)st->flags ;
  s[2] = s[3] = 0 ;
  tai64n_pack(s + 4, &st->readystamp) ;
  uint32_pack_big(s + 16, st->restarts) ;
  uint32_pack_big(s + 20, (uint32_t)st->lastwstat) ;
  label_pack(s + 24, &st->nextstart) ;
  uint32_pack_big(s + 36, st->failures) ;
  uint32_pack_big(s + 40, st->leftovers) ;
  uint32_pack_big(s + 44, st->window) ;
  uint16_pack_big(s + 48, (uint16_t)len) ;
  memcpy(s + SUPERSTATE_FIXED, st->text, len) ;
  clock = st->check_interval || st->sched_flags ;
  if (!(st->flags & SUPERSTATE_WAITING) && !clock) return SUPERSTATE_FIXED + len ;
  {
    /* version 3 only while there is a wait to tell of, 4 with a clock */
    size_t w = !(st->flags & SUPERSTATE_WAITING) ? 0 : st->waitlen > SUPERSTATE_WAITMAX ? SUPERSTATE_WAITMAX : st->waitlen ;
    size_t at = SUPERSTATE_FIXED + len + 2 + w ;
    s[0] = clock ? SUPERSTATE_VERSION_CLOCK : SUPERSTATE_VERSION_WAITING ;
    uint16_pack_big(s + SUPERSTATE_FIXED + len, (uint16_t)w) ;
    memcpy(s + SUPERSTATE_FIXED + len + 2, st->waiting, w) ;
    if (!clock) return at ;
    return at + pack_clock(s + at, st) ;
  }
}

int superstate_unpack (char const *s, size_t n, superstate *st)
{
  uint32_t w ;
  uint16_t len ;
  uint16_t waitlen = 0 ;
  size_t fixed = n && s[0] == 1 ? SUPERSTATE_FIXED_V1 : SUPERSTATE_FIXED ;
  int v3 = n && s[0] == SUPERSTATE_VERSION_WAITING ;
  int v4 = n && s[0] == SUPERSTATE_VERSION_CLOCK ;
  superstate clock = SUPERSTATE_ZERO ;
  if (n < fixed || (s[0] != 1 && s[0] != SUPERSTATE_VERSION && !v3 && !v4)) return (errno = EPROTO, 0) ;
  uint16_unpack_big(s + fixed - 2, &len) ;
  if (len > SUPERSTATE_TEXTMAX) return (errno = EPROTO, 0) ;
  if (v3 || v4)
  {
    size_t at ;
    /* version 3 is written only to tell of a wait */
    if ((v3 && !(s[1] & SUPERSTATE_WAITING)) || n < fixed + (size_t)len + 2) return (errno = EPROTO, 0) ;
    uint16_unpack_big(s + fixed + len, &waitlen) ;
    at = fixed + (size_t)len + 2 + waitlen ;
    if (waitlen > SUPERSTATE_WAITMAX || n < at) return (errno = EPROTO, 0) ;
    if (v3 && n != at) return (errno = EPROTO, 0) ;
    if (v4 && !unpack_clock(s + at, n - at, &clock)) return (errno = EPROTO, 0) ;
  }
  else if (n != fixed + (size_t)len) return (errno = EPROTO, 0) ;
  st->flags = (unsigned char)s[1] ;
  tai64n_unpack(s + 4, &st->readystamp) ;
  uint32_unpack_big(s + 16, &st->restarts) ;
  uint32_unpack_big(s + 20, &w) ;
  st->lastwstat = (int)w ;
  st->nextstart = tain_zero ;
  st->failures = st->leftovers = st->window = 0 ;
  if (fixed == SUPERSTATE_FIXED)
  {
    label_unpack(s + 24, &st->nextstart) ;
    uint32_unpack_big(s + 36, &st->failures) ;
    uint32_unpack_big(s + 40, &st->leftovers) ;
    uint32_unpack_big(s + 44, &st->window) ;
  }
  st->textlen = len ;
  memcpy(st->text, s + fixed, len) ;
  st->waitlen = waitlen ;
  if (waitlen) memcpy(st->waiting, s + fixed + len + 2, waitlen) ;
  if (!v3 && !v4) st->flags &= ~SUPERSTATE_WAITING ;
  if (!(st->flags & SUPERSTATE_WAITING)) st->waitlen = 0 ;
  st->check_interval = clock.check_interval ;
  st->check_failures = clock.check_failures ;
  st->check_last = clock.check_last ;
  st->check_at = clock.check_at ;
  st->sched_flags = clock.sched_flags ;
  st->sched_next = clock.sched_next ;
  st->sched_runs = clock.sched_runs ;
  st->sched_skipped = clock.sched_skipped ;
  st->speclen = clock.speclen ;
  memcpy(st->spec, clock.spec, clock.speclen) ;
  return 1 ;
}

int superstate_readfd (int fd, superstate *st)
{
  /* one byte more than the largest file, to see one that is too long */
  char s[SUPERSTATE_SIZE + 1] ;
  ssize_t r = fd_read(fd, s, sizeof(s)) ;
  if (r < 0) return -1 ;
  return superstate_unpack(s, (size_t)r, st) ? 1 : -1 ;
}

int superstate_read (char const *superdir, superstate *st)
{
  char path[path_joinsize(superdir, "state")] ;
  int fd, r ;
  if (!path_join(path, sizeof(path), superdir, "state")) return 0 ;
  fd = openc_read(path) ;
  if (fd < 0) return 0 ;
  r = superstate_readfd(fd, st) ;
  fd_close(fd) ;
  return r ;
}

int superstate_readflags (char const *path, unsigned char *flags)
{
  /* the fixed part of the smallest version: enough to see a header */
  char s[SUPERSTATE_FIXED_V1] ;
  ssize_t r ;
  int fd = openc_read(path) ;
  if (fd < 0) return 0 ;
  r = fd_read(fd, s, sizeof(s)) ;
  fd_close(fd) ;
  if (r < 0) return 0 ;
  if (r < (ssize_t)sizeof(s) || s[0] < 1 || s[0] > SUPERSTATE_VERSION_CLOCK) return (errno = EPROTO, 0) ;
  *flags = (unsigned char)s[1] ;
  return 1 ;
}

int superstate_write (char const *superdir, superstate const *st)
{
  char buf[SUPERSTATE_SIZE] ;
  return superstate_writepacked(superdir, buf, superstate_pack(buf, st)) ;
}

int superstate_writepacked (char const *superdir, char const *s, size_t n)
{
  /* runsv's supervise dirs have short names; a small frame keeps its stack small */
  char path[256] ;
  return path_join(path, sizeof(path), superdir, "state")
      && replacefile_write(path, s, n) ;
}
