/* tai64n.c - runit-style TAI64N labels (see tai64n.h for why not skalibs' clock). */
#include <time.h>
#include <skalibs/tai.h>
#include "tai64n.h"

void tai64n_from_unix (tain *t, int64_t secs, uint32_t nsec)
{
  t->sec.x = TAI64N_OFFSET + (uint64_t)secs ;
  t->nano = nsec ;
}

int tai64n_now (tain *t)
{
  struct timespec ts ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return 0 ;
  tai64n_from_unix(t, (int64_t)ts.tv_sec, (uint32_t)(ts.tv_nsec / 1000) * 1000 + 500) ;
  return 1 ;
}

int64_t tai64n_unix (tain const *t)
{
  return (int64_t)(t->sec.x - TAI64N_OFFSET) ;
}

void tai64n_pack (char *s, tain const *t)
{
  tain_pack(s, t) ;
}

void tai64n_unpack (char const *s, tain *t)
{
  tain_unpack(s, t) ;
}

size_t tai64n_fmt (char *s, tain const *t)
{
  static char const hex[] = "0123456789abcdef" ;
  char pack[TAI64N_PACK] ;
  tai64n_pack(pack, t) ;
  s[0] = '@' ;
  for (unsigned int i = 0 ; i < TAI64N_PACK ; i++)
  {
    s[1 + 2 * i] = hex[(unsigned char)pack[i] >> 4] ;
    s[2 + 2 * i] = hex[(unsigned char)pack[i] & 15] ;
  }
  return TAI64N_FMT ;
}

static int hexval (char c)
{
  if (c >= '0' && c <= '9') return c - '0' ;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10 ;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10 ;
  return -1 ;
}

size_t tai64n_scan (char const *s, tain *t)
{
  char pack[TAI64N_PACK] ;
  if (s[0] != '@') return 0 ;
  for (unsigned int i = 0 ; i < TAI64N_PACK ; i++)
  {
    int hi = hexval(s[1 + 2 * i]), lo ;
    if (hi < 0) return 0 ;
    lo = hexval(s[2 + 2 * i]) ;
    if (lo < 0) return 0 ;
    pack[i] = (char)(hi << 4 | lo) ;
  }
  tai64n_unpack(pack, t) ;
  return TAI64N_FMT ;
}
