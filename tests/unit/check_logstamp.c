/* check_logstamp.c - -t, -tt, -ttt and -T prefixes, byte for byte. */
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

/* zone: TZ for the next local stamps (each test is a process of its own) */
static void zone (char const *tz)
{
  ck_assert_int_eq(setenv("TZ", tz, 1), 0) ;
  tzset() ;
}

/* local: logstamp_local of SECS and MS, as a C string in s */
static char const *local (char *s, int64_t secs, unsigned int ms)
{
  s[logstamp_local(s, secs, ms)] = 0 ;
  return s ;
}

START_TEST(test_local_zones)
{
  char s[30] ;
  /* 2026-12-02 05:01:02 UTC and 2026-07-15 12:00:00 UTC */
  zone("Europe/Madrid") ;
  ck_assert_str_eq(local(s, 1796187662, 345), "2026-12-02T06:01:02.345+01:00") ;
  ck_assert_str_eq(local(s, 1784116800, 0), "2026-07-15T14:00:00.000+02:00") ;
  zone("UTC") ;
  ck_assert_str_eq(local(s, 1796187662, 999), "2026-12-02T05:01:02.999+00:00") ;
  zone("America/New_York") ;
  ck_assert_str_eq(local(s, 1796187662, 7), "2026-12-02T00:01:02.007-05:00") ;
  ck_assert_str_eq(local(s, 1784116800, 70), "2026-07-15T08:00:00.070-04:00") ;
  zone("Asia/Kolkata") ;
  ck_assert_str_eq(local(s, 1796187662, 345), "2026-12-02T10:31:02.345+05:30") ;
  /* minutes of a negative offset, and a 45 */
  zone("America/St_Johns") ;
  ck_assert_str_eq(local(s, 1796187662, 345), "2026-12-02T01:31:02.345-03:30") ;
  zone("Asia/Kathmandu") ;
  ck_assert_str_eq(local(s, 1796187662, 345), "2026-12-02T10:46:02.345+05:45") ;
  /* a POSIX TZ string needs no zone files */
  zone("CET-1CEST,M3.5.0,M10.5.0/3") ;
  ck_assert_str_eq(local(s, 1784116800, 1), "2026-07-15T14:00:00.001+02:00") ;
  /* the day changes with the zone, not with UTC */
  zone("Asia/Kolkata") ;
  ck_assert_str_eq(local(s, 1767225599, 0), "2026-01-01T05:29:59.000+05:30") ;
}
END_TEST

START_TEST(test_T)
{
  logstamp c = LOGSTAMP_ZERO(LOGSTAMP_LOCAL) ;
  char s[LOGSTAMP_MAX + 1] ;
  zone("Europe/Madrid") ;
  ck_assert_uint_eq(logstamp_len(LOGSTAMP_LOCAL), 30) ;
  /* milliseconds truncated, not rounded */
  fmt(&c, s, 1796187662, 345999999) ;
  ck_assert_str_eq(s, "2026-12-02T06:01:02.345+01:00 ") ;
  fmt(&c, s, 1796187662, 999999) ;
  ck_assert_str_eq(s, "2026-12-02T06:01:02.000+01:00 ") ;
  /* the cached date and offset follow the clock across a DST change:
     2026-03-29 01:00:00 UTC, 02:00 in Madrid becomes 03:00 */
  fmt(&c, s, 1774745999, 999000000) ;
  ck_assert_str_eq(s, "2026-03-29T01:59:59.999+01:00 ") ;
  fmt(&c, s, 1774746000, 0) ;
  ck_assert_str_eq(s, "2026-03-29T03:00:00.000+02:00 ") ;
  /* and back, 2026-10-25 01:00:00 UTC: 03:00 in Madrid becomes 02:00 */
  fmt(&c, s, 1792889999, 500000000) ;
  ck_assert_str_eq(s, "2026-10-25T02:59:59.500+02:00 ") ;
  fmt(&c, s, 1792890000, 0) ;
  ck_assert_str_eq(s, "2026-10-25T02:00:00.000+01:00 ") ;
}
END_TEST

START_TEST(test_lengths)
{
  /* what svlogd reserves for each kind is what the formatter writes */
  char s[LOGSTAMP_MAX + 1] ;
  zone("UTC") ;
  for (unsigned int k = 0 ; k <= LOGSTAMP_LOCAL ; k++)
  {
    logstamp c = LOGSTAMP_ZERO(k) ;
    tain t ;
    tai64n_from_unix(&t, 1796187662, 1) ;
    ck_assert_uint_eq(logstamp_fmt(&c, s, &t), logstamp_len(k)) ;
    ck_assert_uint_le(logstamp_len(k), LOGSTAMP_MAX) ;
  }
}
END_TEST

START_TEST(test_local_matches_strftime)
{
  /* every 7 hours and 13 seconds over 60 years, in a zone with DST, against libc */
  char s[30], want[40] ;
  zone("America/New_York") ;
  for (int64_t t = 0 ; t < 1900000000 ; t += 25213)
  {
    time_t tt = (time_t)t ;
    struct tm tm ;
    size_t n ;
    localtime_r(&tt, &tm) ;
    n = strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S.042%z", &tm) ;
    /* %z is -0500: the colon goes in */
    memmove(want + n - 1, want + n - 2, 3) ;
    want[n - 2] = ':' ;
    ck_assert_str_eq(local(s, t, 42), want) ;
  }
}
END_TEST

CHECK_MAIN("logstamp", test_none, test_tai64n, test_tt, test_ttt,
           test_local_zones, test_T, test_lengths, test_local_matches_strftime)
