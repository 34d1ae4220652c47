/* isotime.c - the date and time of ISO 8601 (see isotime.h). */
#include <skalibs/types.h>
#include "isotime.h"

/* datetime: "YYYY-MM-DD?HH:MM:SS" (19 chars), SEP between date and time;
   a year out of four digits is clamped, not let spill over */
static void datetime (char *s, int64_t year, unsigned int month, unsigned int day,
                      unsigned int hour, unsigned int min, unsigned int sec, char sep)
{
  uint0_fmt(s, (unsigned int)(year < 0 ? 0 : year > 9999 ? 9999 : year), 4) ;
  s[4] = '-' ;
  uint0_fmt(s + 5, month % 100, 2) ;
  s[7] = '-' ;
  uint0_fmt(s + 8, day % 100, 2) ;
  s[10] = sep ;
  uint0_fmt(s + 11, hour % 100, 2) ;
  s[13] = ':' ;
  uint0_fmt(s + 14, min % 100, 2) ;
  s[16] = ':' ;
  uint0_fmt(s + 17, sec % 100, 2) ;
}

void isotime_civil (int64_t days, int64_t *year, unsigned int *month, unsigned int *day)
{
  /* days since 1970-01-01 to a civil date (proleptic Gregorian, era-based) */
  int64_t z = days + 719468 ;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097 ;
  int64_t doe = z - era * 146097 ;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 ;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100) ;
  int64_t mp = (5 * doy + 2) / 153 ;
  *day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1) ;
  *month = (unsigned int)(mp < 10 ? mp + 3 : mp - 9) ;
  *year = yoe + era * 400 + (*month <= 2) ;
}

size_t isotime_utc (char *s, int64_t secs, char sep)
{
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400) ;
  int64_t rem = secs - days * 86400 ;
  int64_t year ;
  unsigned int month, day ;
  isotime_civil(days, &year, &month, &day) ;
  datetime(s, year, month, day,
           (unsigned int)(rem / 3600), (unsigned int)(rem / 60 % 60), (unsigned int)(rem % 60), sep) ;
  return ISOTIME_LEN ;
}

size_t isotime_tm (char *s, struct tm const *tm, char sep)
{
  datetime(s, tm->tm_year + (int64_t)1900, (unsigned int)tm->tm_mon + 1, (unsigned int)tm->tm_mday,
           (unsigned int)tm->tm_hour, (unsigned int)tm->tm_min, (unsigned int)tm->tm_sec, sep) ;
  return ISOTIME_LEN ;
}
