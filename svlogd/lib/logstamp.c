/* logstamp.c - svlogd's line stamps (see logstamp.h).
 *
 * tm_gmtoff (BSD, glibc, musl; POSIX only since 2024) gives -T its offset,
 * hence nonposix.h first. */
#include <skalibs/nonposix.h>
#include <string.h>
#include <time.h>
#include "isotime.h"
#include "logstamp.h"
#include "tai64n.h"

/* two: two decimal digits */
static void two (char *s, unsigned int u)
{
  s[0] = '0' + u / 10 % 10 ;
  s[1] = '0' + u % 10 ;
}

/* three: three decimal digits */
static void three (char *s, unsigned int u)
{
  s[0] = '0' + u / 100 % 10 ;
  two(s + 1, u % 100) ;
}

size_t logstamp_local (char *s, int64_t secs, unsigned int ms)
{
  time_t t = (time_t)secs ;
  struct tm tm ;
  long off = 0 ;
  unsigned long a ;
  if (localtime_r(&t, &tm))
  {
    isotime_tm(s, &tm, 'T') ;
    off = tm.tm_gmtoff ;
  }
  else isotime_utc(s, secs, 'T') ;  /* beyond what the zone can say: UTC, and +00:00 says so */
  s[19] = '.' ;
  three(s + 20, ms) ;
  /* +00:00 for UTC, not Z: every stamp the same length, and the same form */
  s[23] = off < 0 ? '-' : '+' ;
  a = off < 0 ? 0UL - (unsigned long)off : (unsigned long)off ;
  two(s + 24, (unsigned int)(a / 3600 % 100)) ;
  s[26] = ':' ;
  two(s + 27, (unsigned int)(a / 60 % 60)) ;  /* seconds of an offset (old LMTs) are dropped */
  return 29 ;
}

size_t logstamp_fmt (logstamp *c, char *s, tain const *t)
{
  size_t len = logstamp_len(c->kind) ;
  switch (c->kind)
  {
    case 0 : return 0 ;
    case 1 :
      /* the seconds half changes once a second; nanoseconds every time */
      if (c->sec != t->sec.x)
      {
        tai64n_fmt(c->s, t) ;
        c->sec = t->sec.x ;
        c->s[25] = ' ' ;
      }
      else
      {
        static char const hex[] = "0123456789abcdef" ;
        for (unsigned int i = 0 ; i < 8 ; i++) c->s[17 + i] = hex[(t->nano >> (28 - 4 * i)) & 15] ;
      }
      break ;
    case LOGSTAMP_LOCAL :
    {
      unsigned int ms = t->nano / 1000000 ;  /* truncated, like the other fractions */
      if (c->sec != t->sec.x)
      {
        logstamp_local(c->s, tai64n_unix(t), ms) ;
        c->s[29] = ' ' ;
        c->sec = t->sec.x ;
      }
      else three(c->s + 20, ms) ;
      break ;
    }
    default :
    {
      uint32_t frac = t->nano / 10000 ;  /* tens of microseconds, truncated, as runit */
      if (c->sec != t->sec.x)
      {
        isotime_utc(c->s, tai64n_unix(t), c->kind == 2 ? '_' : 'T') ;
        c->s[19] = '.' ;
        c->s[25] = ' ' ;
        c->sec = t->sec.x ;
      }
      for (unsigned int i = 0 ; i < 5 ; i++, frac /= 10) c->s[24 - i] = '0' + frac % 10 ;
      break ;
    }
  }
  memcpy(s, c->s, len) ;
  return len ;
}
