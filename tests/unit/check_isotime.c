/* check_isotime.c - ISO 8601 date and time, UTC and from a struct tm. */
#include "checkmain.h"
#include <string.h>
#include <time.h>
#include "isotime.h"

START_TEST(test_utc_matches_gmtime)
{
  /* every 7 hours and 13 seconds over 60 years, against libc */
  char s[20], want[20] ;
  for (int64_t t = 0 ; t < 1900000000 ; t += 25213)
  {
    time_t tt = (time_t)t ;
    struct tm tm ;
    gmtime_r(&tt, &tm) ;
    strftime(want, sizeof want, "%Y-%m-%d_%H:%M:%S", &tm) ;
    s[isotime_utc(s, t, '_')] = 0 ;
    ck_assert_str_eq(s, want) ;
  }
}
END_TEST

START_TEST(test_clamped_and_tm)
{
  char s[ISOTIME_LEN + 1] ;
  struct tm tm ;
  /* a year past four digits is clamped, not spilled over */
  s[isotime_utc(s, (int64_t)400000 * 365 * 86400, 'T')] = 0 ;
  ck_assert_int_eq(strncmp(s, "9999-", 5), 0) ;
  memset(&tm, 0, sizeof(tm)) ;
  tm.tm_year = 126 ; tm.tm_mon = 11 ; tm.tm_mday = 2 ; tm.tm_hour = 6 ; tm.tm_min = 1 ; tm.tm_sec = 2 ;
  s[isotime_tm(s, &tm, 'T')] = 0 ;
  ck_assert_str_eq(s, "2026-12-02T06:01:02") ;
}
END_TEST

CHECK_MAIN("isotime", test_utc_matches_gmtime, test_clamped_and_tm)
