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

/* skalibs' timestamp form is the same text: '@', 24 lowercase hex digits */
size_t tai64n_fmt (char *s, tain const *t)
{
  return timestamp_fmt(s, t) ;
}

size_t tai64n_scan (char const *s, tain *t)
{
  return timestamp_scan(s, t) ;
}
