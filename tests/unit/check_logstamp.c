/* check_logstamp.c - -t, -tt and -ttt prefixes, byte for byte. */
#include "checkmain.h"
#include <string.h>
#include <time.h>
#include "logstamp.h"
#include "tai64n.h"

static void fmt (logstamp *c, char *out, int64_t secs, uint32_t nano)
{
  tain t ;
  size_t n ;
  tai64n_from_unix(&t, secs, nano) ;
  n = logstamp_fmt(c, out, &t) ;
  out[n] = 0 ;
}

START_TEST(test_none)
{
  logstamp c = LOGSTAMP_ZERO(0) ;
  char s[LOGSTAMP_MAX + 1] ;
  fmt(&c, s, 1795870800, 864719500) ;
  ck_assert_str_eq(s, "") ;
}
END_TEST

START_TEST(test_tai64n)
{
  logstamp c = LOGSTAMP_ZERO(1) ;
  char s[LOGSTAMP_MAX + 1] ;
  fmt(&c, s, 1795870800, 0x338a928c) ;
  ck_assert_str_eq(s, "@400000006b0ad05a338a928c ") ;
  /* same second, new nanoseconds: only the tail changes */
  fmt(&c, s, 1795870800, 0x00000500) ;
  ck_assert_str_eq(s, "@400000006b0ad05a00000500 ") ;
  fmt(&c, s, 1795870801, 0x3b9ac9ff) ;
  ck_assert_str_eq(s, "@400000006b0ad05b3b9ac9ff ") ;
}
END_TEST

START_TEST(test_tt)
{
  logstamp c = LOGSTAMP_ZERO(2) ;
  char s[LOGSTAMP_MAX + 1] ;
  /* 2026-11-28 13:00:00 UTC; nano 864719500 -> 86471 (truncated, not rounded) */
  fmt(&c, s, 1795870800, 864719500) ;
  ck_assert_str_eq(s, "2026-11-28_13:00:00.86471 ") ;
  fmt(&c, s, 1795870800, 500) ;
  ck_assert_str_eq(s, "2026-11-28_13:00:00.00000 ") ;
  fmt(&c, s, 1795870859, 999999500) ;
  ck_assert_str_eq(s, "2026-11-28_13:00:59.99999 ") ;
  fmt(&c, s, 0, 10000) ;
  ck_assert_str_eq(s, "1970-01-01_00:00:00.00001 ") ;
}
END_TEST

START_TEST(test_ttt)
{
  logstamp c = LOGSTAMP_ZERO(3) ;
  char s[LOGSTAMP_MAX + 1] ;
  fmt(&c, s, 1795870800, 123450000) ;
  ck_assert_str_eq(s, "2026-11-28T13:00:00.12345 ") ;
  /* leap day and the end of a year */
  fmt(&c, s, 951825599, 0) ;
  ck_assert_str_eq(s, "2000-02-29T11:59:59.00000 ") ;
  fmt(&c, s, 1767225599, 0) ;
  ck_assert_str_eq(s, "2025-12-31T23:59:59.00000 ") ;
}
END_TEST

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
    s[logstamp_utc(s, t, '_')] = 0 ;
    ck_assert_str_eq(s, want) ;
  }
}
END_TEST

CHECK_MAIN("logstamp", test_none, test_tai64n, test_tt, test_ttt, test_utc_matches_gmtime)
