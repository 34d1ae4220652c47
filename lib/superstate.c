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

size_t superstate_pack (char *s, superstate const *st)
{
  size_t len = st->textlen > SUPERSTATE_TEXTMAX ? SUPERSTATE_TEXTMAX : st->textlen ;
  s[0] = SUPERSTATE_VERSION ;
  s[1] = (char)st->flags ;
  s[2] = s[3] = 0 ;
  tai64n_pack(s + 4, &st->readystamp) ;
  uint32_pack_big(s + 16, st->restarts) ;
  uint32_pack_big(s + 20, (uint32_t)st->lastwstat) ;
  /* a zero tain would pack as the label of 1970: zero means "none" here */
  if (tai_sec(tain_secp(&st->nextstart))) tai64n_pack(s + 24, &st->nextstart) ;
  else memset(s + 24, 0, 12) ;
  uint32_pack_big(s + 36, st->failures) ;
  uint32_pack_big(s + 40, st->leftovers) ;
  uint32_pack_big(s + 44, st->window) ;
  uint16_pack_big(s + 48, (uint16_t)len) ;
  memcpy(s + SUPERSTATE_FIXED, st->text, len) ;
  if (!(st->flags & SUPERSTATE_WAITING)) return SUPERSTATE_FIXED + len ;
  {
    /* version 3 only while there is a wait to tell of */
    size_t w = st->waitlen > SUPERSTATE_WAITMAX ? SUPERSTATE_WAITMAX : st->waitlen ;
    s[0] = SUPERSTATE_VERSION_WAITING ;
    uint16_pack_big(s + SUPERSTATE_FIXED + len, (uint16_t)w) ;
    memcpy(s + SUPERSTATE_FIXED + len + 2, st->waiting, w) ;
    return SUPERSTATE_FIXED + len + 2 + w ;
  }
}

int superstate_unpack (char const *s, size_t n, superstate *st)
{
  static char const zero[12] = { 0 } ;
  uint32_t w ;
  uint16_t len ;
  uint16_t waitlen = 0 ;
  size_t fixed = n && s[0] == 1 ? SUPERSTATE_FIXED_V1 : SUPERSTATE_FIXED ;
  int v3 = n && s[0] == SUPERSTATE_VERSION_WAITING ;
  if (n < fixed || (s[0] != 1 && s[0] != SUPERSTATE_VERSION && !v3)) return (errno = EPROTO, 0) ;
  uint16_unpack_big(s + fixed - 2, &len) ;
  if (len > SUPERSTATE_TEXTMAX) return (errno = EPROTO, 0) ;
  if (v3)
  {
    /* version 3 is written only to tell of a wait */
    if (!(s[1] & SUPERSTATE_WAITING) || n < fixed + (size_t)len + 2) return (errno = EPROTO, 0) ;
    uint16_unpack_big(s + fixed + len, &waitlen) ;
    if (waitlen > SUPERSTATE_WAITMAX || n != fixed + (size_t)len + 2 + waitlen) return (errno = EPROTO, 0) ;
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
    /* "none" as superstate_pack means it: a label whose seconds are zero
       (whatever its nanoseconds) is no start, or a file read and written
       back would change what it says */
    if (memcmp(s + 24, zero, 12)) tai64n_unpack(s + 24, &st->nextstart) ;
    if (!tai_sec(tain_secp(&st->nextstart))) st->nextstart = tain_zero ;
    uint32_unpack_big(s + 36, &st->failures) ;
    uint32_unpack_big(s + 40, &st->leftovers) ;
    uint32_unpack_big(s + 44, &st->window) ;
  }
  st->textlen = len ;
  memcpy(st->text, s + fixed, len) ;
  st->waitlen = waitlen ;
  if (waitlen) memcpy(st->waiting, s + fixed + len + 2, waitlen) ;
  if (!v3) st->flags &= ~SUPERSTATE_WAITING ;
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
  char path[4096] ;
  int fd, r ;
  if (!path_join(path, sizeof(path), superdir, "state")) return 0 ;
  fd = openc_read(path) ;
  if (fd < 0) return 0 ;
  r = superstate_readfd(fd, st) ;
  fd_close(fd) ;
  return r ;
}

int superstate_write (char const *superdir, superstate const *st)
{
  /* runsv's supervise dirs have short names; a small frame keeps its stack small */
  char path[256] ;
  char buf[SUPERSTATE_SIZE] ;
  size_t n = superstate_pack(buf, st) ;
  return path_join(path, sizeof(path), superdir, "state")
      && replacefile_write(path, buf, n) ;
}
