/* logstamp.c - svlogd's line stamps (see logstamp.h).
 *
 * tm_gmtoff (BSD, glibc, musl; POSIX only since 2024) gives -T its offset,
 * hence nonposix.h first. */
#include <skalibs/nonposix.h>
#include <string.h>
#include <time.h>
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

/* datetime: "YYYY-MM-DD?HH:MM:SS" (19 chars), SEP between date and time;
   a year out of four digits is clamped, not let spill over */
static void datetime (char *s, int64_t year, unsigned int month, unsigned int day,
                      unsigned int hour, unsigned int min, unsigned int sec, char sep)
{
  uint64_t y = year < 0 ? 0 : year > 9999 ? 9999 : (uint64_t)year ;
  two(s, (unsigned int)(y / 100)) ;
  two(s + 2, (unsigned int)(y % 100)) ;
  s[4] = '-' ;
  two(s + 5, month) ;
  s[7] = '-' ;
  two(s + 8, day) ;
  s[10] = sep ;
  two(s + 11, hour) ;
  s[13] = ':' ;
  two(s + 14, min) ;
  s[16] = ':' ;
  two(s + 17, sec) ;
}

size_t logstamp_utc (char *s, int64_t secs, char sep)
{
  /* days since 1970-01-01 to a civil date (proleptic Gregorian, era-based) */
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400) ;
  int64_t rem = secs - days * 86400 ;
  int64_t z = days + 719468 ;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097 ;
  int64_t doe = z - era * 146097 ;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 ;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100) ;
  int64_t mp = (5 * doy + 2) / 153 ;
  unsigned int day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1) ;
  unsigned int month = (unsigned int)(mp < 10 ? mp + 3 : mp - 9) ;
  datetime(s, yoe + era * 400 + (month <= 2), month, day,
           (unsigned int)(rem / 3600), (unsigned int)(rem / 60 % 60), (unsigned int)(rem % 60), sep) ;
  return 19 ;
}

size_t logstamp_local (char *s, int64_t secs, unsigned int ms)
{
  time_t t = (time_t)secs ;
  struct tm tm ;
  long off = 0 ;
  unsigned long a ;
  if (localtime_r(&t, &tm))
  {
    datetime(s, tm.tm_year + (int64_t)1900, (unsigned int)tm.tm_mon + 1, (unsigned int)tm.tm_mday,
             (unsigned int)tm.tm_hour, (unsigned int)tm.tm_min, (unsigned int)tm.tm_sec, 'T') ;
    off = tm.tm_gmtoff ;
  }
  else logstamp_utc(s, secs, 'T') ;  /* beyond what the zone can say: UTC, and +00:00 says so */
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
        logstamp_utc(c->s, tai64n_unix(t), c->kind == 2 ? '_' : 'T') ;
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
