/* check_cronspec.c - the schedule line: every field form, names, the
   one-word forms, errors and their reasons; the next time in UTC (month
   ends, leap years, cron's day rule) and in a local zone across DST, checked
   against explicit epoch numbers (from date -u -d ... +%s) and against a
   minute-by-minute search. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "checkmain.h"
#include "cronspec.h"

#define CET "CET-1CEST,M3.5.0,M10.5.0/3"

/* bits: the bit set of the values from A to B, stepping S */
static uint64_t bits (unsigned int a, unsigned int b, unsigned int s)
{
  uint64_t r = 0 ;
  for (unsigned int i = a ; i <= b ; i += s) r |= (uint64_t)1 << i ;
  return r ;
}

/* ok: LINE parses, into *C */
static void ok (char const *line, cronspec *c)
{
  char const *why = 0 ;
  if (!cronspec_parse(line, c, &why)) ck_abort_msg("\"%s\" refused: %s", line, why) ;
}

/* next: the next time after T of LINE, in UTC or not */
static int64_t next (char const *line, int64_t t, int utc)
{
  cronspec c ;
  ok(line, &c) ;
  return cronspec_next(&c, t, utc) ;
}

static void zone (char const *tz)
{
  ck_assert_int_eq(setenv("TZ", tz, 1), 0) ;
  tzset() ;
}

START_TEST(test_stars)
{
  cronspec c ;
  ok("* * * * *", &c) ;
  ck_assert(c.minutes == bits(0, 59, 1)) ;
  ck_assert_uint_eq(c.hours, bits(0, 23, 1)) ;
  ck_assert_uint_eq(c.mdays, bits(1, 31, 1)) ;
  ck_assert_uint_eq(c.months, bits(1, 12, 1)) ;
  ck_assert_uint_eq(c.wdays, 0x7f) ;
  ck_assert(c.mday_any && c.wday_any) ;
  ck_assert_uint_eq(c.every, 0) ;
}
END_TEST

START_TEST(test_numbers_ranges_lists)
{
  cronspec c ;
  ok("5 4 3 2 1", &c) ;
  ck_assert(c.minutes == bits(5, 5, 1)) ;
  ck_assert_uint_eq(c.hours, bits(4, 4, 1)) ;
  ck_assert_uint_eq(c.mdays, bits(3, 3, 1)) ;
  ck_assert_uint_eq(c.months, bits(2, 2, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(1, 1, 1)) ;
  ck_assert(!c.mday_any && !c.wday_any) ;
  ok("0,59 0-23 1-31 1-12 0-6", &c) ;
  ck_assert(c.minutes == (bits(0, 0, 1) | bits(59, 59, 1))) ;
  ck_assert_uint_eq(c.hours, bits(0, 23, 1)) ;
  ck_assert_uint_eq(c.mdays, bits(1, 31, 1)) ;
  ck_assert_uint_eq(c.months, bits(1, 12, 1)) ;
  ck_assert_uint_eq(c.wdays, 0x7f) ;
  ck_assert(!c.mday_any && !c.wday_any) ;
  ok("1-5,10,20-22 9-17,23 1,15,31 3-5,11 1-5", &c) ;
  ck_assert(c.minutes == (bits(1, 5, 1) | bits(10, 10, 1) | bits(20, 22, 1))) ;
  ck_assert_uint_eq(c.hours, bits(9, 17, 1) | bits(23, 23, 1)) ;
  ck_assert_uint_eq(c.mdays, bits(1, 1, 1) | bits(15, 15, 1) | bits(31, 31, 1)) ;
  ck_assert_uint_eq(c.months, bits(3, 5, 1) | bits(11, 11, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(1, 5, 1)) ;
  ok("7-7 0 31 12 6", &c) ;  /* a range of one */
  ck_assert(c.minutes == bits(7, 7, 1)) ;
  ok("00 007 01 012 00", &c) ;  /* leading zeros */
  ck_assert(c.minutes == 1 && c.hours == bits(7, 7, 1) && c.mdays == 2 && c.months == bits(12, 12, 1) && c.wdays == 1) ;
}
END_TEST

START_TEST(test_steps)
{
  cronspec c ;
  ok("*/15 */6 */10 */5 */2", &c) ;
  ck_assert(c.minutes == bits(0, 59, 15)) ;
  ck_assert_uint_eq(c.hours, bits(0, 23, 6)) ;
  ck_assert_uint_eq(c.mdays, bits(1, 31, 10)) ;    /* 1 11 21 31 */
  ck_assert_uint_eq(c.months, bits(1, 12, 5)) ;    /* 1 6 11 */
  ck_assert_uint_eq(c.wdays, bits(0, 6, 2)) ;      /* 0 2 4 6 (8 is out) */
  ck_assert(c.mday_any && c.wday_any) ;            /* cronie: begins with '*' */
  ok("10-50/20 0-23/12 2-30/7 2-12/3 1-7/2", &c) ;
  ck_assert(c.minutes == bits(10, 50, 20)) ;       /* 10 30 50 */
  ck_assert_uint_eq(c.hours, bits(0, 12, 12)) ;
  ck_assert_uint_eq(c.mdays, bits(2, 30, 7)) ;     /* 2 9 16 23 30 */
  ck_assert_uint_eq(c.months, bits(2, 11, 3)) ;    /* 2 5 8 11 */
  ck_assert_uint_eq(c.wdays, bits(0, 5, 1) & ~bits(2, 2, 1) & ~bits(4, 4, 1)) ;  /* 1 3 5 7=0 */
  ck_assert(!c.mday_any && !c.wday_any) ;
  /* A/S: from A to the field's end */
  ok("7/15 20/2 25/3 11/1 3/2", &c) ;
  ck_assert(c.minutes == bits(7, 59, 15)) ;        /* 7 22 37 52 */
  ck_assert_uint_eq(c.hours, bits(20, 22, 2)) ;
  ck_assert_uint_eq(c.mdays, bits(25, 31, 3)) ;    /* 25 28 31 */
  ck_assert_uint_eq(c.months, bits(11, 12, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(0, 0, 1) | bits(3, 5, 2)) ;  /* 3 5 7=0 */
  /* a step beyond the range names its start (cronie warns, accepts) */
  ok("*/90 5-6/4294967295 * * *", &c) ;
  ck_assert(c.minutes == 1) ;
  ck_assert_uint_eq(c.hours, bits(5, 5, 1)) ;
  ok("0-59/59 * * * */7", &c) ;
  ck_assert(c.minutes == (bits(0, 0, 1) | bits(59, 59, 1))) ;
  ck_assert_uint_eq(c.wdays, 1) ;                  /* 0 and 7: Sunday */
  ok("*/1,5 * *,5 * *", &c) ;
  ck_assert(c.minutes == bits(0, 59, 1)) ;
  ck_assert(c.mday_any) ;
  ok("* * 5,* * 1,*", &c) ;                        /* not "*" for cronie: begins with 5 */
  ck_assert(!c.mday_any && !c.wday_any) ;
}
END_TEST

START_TEST(test_names)
{
  cronspec c ;
  ok("0 0 * jan,Feb,mAR,APR sun,SAT", &c) ;
  ck_assert_uint_eq(c.months, bits(1, 4, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(0, 0, 1) | bits(6, 6, 1)) ;
  ok("0 0 * may-aug mon-fri", &c) ;
  ck_assert_uint_eq(c.months, bits(5, 8, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(1, 5, 1)) ;
  ok("0 0 * jan-dec/2 mon-sat/2", &c) ;
  ck_assert_uint_eq(c.months, bits(1, 11, 2)) ;
  ck_assert_uint_eq(c.wdays, bits(1, 5, 2)) ;
  ok("0 0 * sep,10-dec tue,4,Fri", &c) ;
  ck_assert_uint_eq(c.months, bits(9, 12, 1)) ;
  ck_assert_uint_eq(c.wdays, bits(2, 2, 1) | bits(4, 5, 1)) ;
  ok("0 0 * * 7", &c) ;
  ck_assert_uint_eq(c.wdays, 1) ;
  ok("0 0 * * 0-7", &c) ;
  ck_assert_uint_eq(c.wdays, 0x7f) ;
  ok("0 0 * * 5-7", &c) ;
  ck_assert_uint_eq(c.wdays, bits(0, 0, 1) | bits(5, 6, 1)) ;
  /* cronie's exception to backward ranges: Sunday as 0 ending one */
  ok("0 0 * * fri-sun", &c) ;
  ck_assert_uint_eq(c.wdays, bits(0, 0, 1) | bits(5, 6, 1)) ;
  ok("0 0 * * 5-0", &c) ;
  ck_assert_uint_eq(c.wdays, bits(0, 0, 1) | bits(5, 6, 1)) ;
}
END_TEST

START_TEST(test_blanks)
{
  cronspec c, d ;
  ok("0 12 * * 1", &d) ;
  ok(" \t0\t12  *\t \t* 1 \t ", &c) ;
  ck_assert(!memcmp(&c, &d, sizeof(c))) ;
}
END_TEST

START_TEST(test_words)
{
  static char const *const pairs[][2] =
  {
    { "@hourly", "0 * * * *" },
    { "@daily", "0 0 * * *" },
    { "@midnight", "0 0 * * *" },
    { "@weekly", "0 0 * * 0" },
    { "@monthly", "0 0 1 * *" },
    { "@yearly", "0 0 1 1 *" },
    { "@annually", "0 0 1 1 *" },
    { "  @daily\t", "0 0 * * *" },
  } ;
  cronspec c, d ;
  for (unsigned int i = 0 ; i < sizeof(pairs) / sizeof(pairs[0]) ; i++)
  {
    ok(pairs[i][0], &c) ;
    ok(pairs[i][1], &d) ;
    ck_assert_msg(!memcmp(&c, &d, sizeof(c)), "%s is not %s", pairs[i][0], pairs[i][1]) ;
    ck_assert_uint_eq(c.every, 0) ;
  }
  ok("@every 60", &c) ;
  ck_assert_uint_eq(c.every, 60) ;
  ck_assert(!c.minutes && !c.hours && !c.mdays && !c.months && !c.wdays) ;
  ok(" @every \t 1 ", &c) ;
  ck_assert_uint_eq(c.every, 1) ;
  ok("@every 0000000090", &c) ;                    /* 10 digits */
  ck_assert_uint_eq(c.every, 90) ;
  ok("@every 4294967295", &c) ;
  ck_assert_uint_eq(c.every, 4294967295u) ;
}
END_TEST

START_TEST(test_errors)
{
  static char const *const bad[][2] =
  {
    { "", "empty schedule" },
    { " \t ", "empty schedule" },
    { "* * * *", "5 fields expected, got 4" },
    { "*", "5 fields expected, got 1" },
    { "* * * * * *", "5 fields expected, got 6" },
    { "0 0 * * * /bin/true", "5 fields expected, got 6" },
    { "61 * * * *", "minute: 61 is out of range 0-59" },
    { "60 * * * *", "minute: 60 is out of range 0-59" },
    { "99999999999 * * * *", "minute: 99999999999 is out of range 0-59" },
    { "4294967296 * * * *", "minute: 4294967296 is out of range 0-59" },
    { "* 24 * * *", "hour: 24 is out of range 0-23" },
    { "* * 0 * *", "day of month: 0 is out of range 1-31" },
    { "* * 32 * *", "day of month: 32 is out of range 1-31" },
    { "* * * 0 *", "month: 0 is out of range 1-12" },
    { "* * * 13 *", "month: 13 is out of range 1-12" },
    { "* * * * 8", "day of week: 8 is out of range 0-7" },
    { "* * * * 1-8", "day of week: 8 is out of range 0-7" },
    { "* * * * fooday", "day of week: bad name \"fooday\"" },
    { "* * * * monday", "day of week: bad name \"monday\"" },
    { "* * * * mo", "day of week: bad name \"mo\"" },
    { "* * * foo *", "month: bad name \"foo\"" },
    { "* * * * jan", "day of week: bad name \"jan\"" },
    { "* * * mon *", "month: bad name \"mon\"" },
    { "mon * * * *", "minute: not a number: \"mon\"" },
    { "5x * * * *", "minute: not a number: \"5x\"" },
    { "* * jan * *", "day of month: not a number: \"jan\"" },
    { "* * * * abcdefghijklmnopqrstuvwxyz", "day of week: bad name \"abcdefghijklmnopqrst...\"" },
    { "*/0 * * * *", "minute: a step of 0" },
    { "* * * jan-dec/0 *", "month: a step of 0" },
    { "* 1/00 * * *", "hour: a step of 0" },
    { "*/99999999999 * * * *", "minute: step 99999999999 is too large" },
    { "*/4294967296 * * * *", "minute: step 4294967296 is too large" },
    { "* 5-3 * * *", "hour: range 5-3 goes backwards" },
    { "* * 31-1 * *", "day of month: range 31-1 goes backwards" },
    { "* * * dec-jan *", "month: range dec-jan goes backwards" },
    { "* * * * sat-mon", "day of week: range sat-mon goes backwards" },
    { "* * * * 7-1", "day of week: range 7-1 goes backwards" },
    { "1,,2 * * * *", "minute: empty item in a list" },
    { "1, * * * *", "minute: empty item in a list" },
    { ",1 * * * *", "minute: empty item in a list" },
    { "*/ * * * *", "minute: a step is missing" },
    { "1-/2 * * * *", "minute: unexpected \"/\"" },
    { "*/x * * * *", "minute: unexpected \"x\"" },
    { "*/5x * * * *", "minute: unexpected \"x\"" },
    { "1- * * * *", "minute: a number is missing" },
    { "*5 * * * *", "minute: unexpected \"5\"" },
    { "** * * * *", "minute: unexpected \"*\"" },
    { "1-2-3 * * * *", "minute: unexpected \"-\"" },
    { "1/2/3 * * * *", "minute: unexpected \"/\"" },
    { "-1 * * * *", "minute: unexpected \"-\"" },
    { "+1 * * * *", "minute: unexpected \"+\"" },
    { "1.5 * * * *", "minute: unexpected \".\"" },
    { "0 0 * * *\r", "day of week: unexpected \"?\"" },
    { "0 0 * * *\n", "day of week: unexpected \"?\"" },
    { "@reboot", "@reboot: not supported (it names no time)" },
    { "@foo", "unknown word \"@foo\"" },
    { "@", "unknown word \"@\"" },
    { "@DAILY", "unknown word \"@DAILY\"" },
    { "@daily now", "@daily: unexpected \"now\" after it" },
    { "@hourly 0", "@hourly: unexpected \"0\" after it" },
    { "@every", "@every: not a positive number of seconds" },
    { "@every 0", "@every: not a positive number of seconds" },
    { "@every 0000000000", "@every: not a positive number of seconds" },
    { "@every 10s", "@every: not a positive number of seconds" },
    { "@every -5", "@every: not a positive number of seconds" },
    { "@every +5", "@every: not a positive number of seconds" },
    { "@every 5 6", "@every: not a positive number of seconds" },
    { "@every 00000000001", "@every: not a positive number of seconds" },  /* 11 digits */
    { "@every 4294967296", "@every: at most 4294967295 seconds" },
    { "@every 9999999999", "@every: at most 4294967295 seconds" },
    { "@every60", "unknown word \"@every60\"" },
  } ;
  for (unsigned int i = 0 ; i < sizeof(bad) / sizeof(bad[0]) ; i++)
  {
    cronspec c ;
    char const *why = 0 ;
    ck_assert_msg(!cronspec_parse(bad[i][0], &c, &why), "\"%s\" accepted", bad[i][0]) ;
    ck_assert_msg(why && !strcmp(why, bad[i][1]), "\"%s\": \"%s\", not \"%s\"", bad[i][0], why ? why : "(null)", bad[i][1]) ;
  }
}
END_TEST

START_TEST(test_next_minute)
{
  /* 2025-06-15 12:34:56 UTC = 1749990896; 12:35 = 1749990900 */
  ck_assert_int_eq(next("* * * * *", 1749990896, 1), 1749990900) ;
  /* on the minute itself: the next one, strictly after */
  ck_assert_int_eq(next("* * * * *", 1749990900, 1), 1749990960) ;
  /* 2025-12-31 23:59:30 = 1767225570 -> 2026-01-01 00:00 = 1767225600 */
  ck_assert_int_eq(next("* * * * *", 1767225570, 1), 1767225600) ;
  /* before the Epoch: 1969-12-31 23:59:30 = -30 -> 0 */
  ck_assert_int_eq(next("* * * * *", -30, 1), 0) ;
  ck_assert_int_eq(next("* * * * *", -61, 1), -60) ;
  /* 2025-06-15 12:35 -> "23 * * * *": 13:23 = 1749993780 */
  ck_assert_int_eq(next("23 * * * *", 1749990900, 1), 1749993780) ;
  /* "@hourly": 13:00 = 1749992400 */
  ck_assert_int_eq(next("@hourly", 1749990896, 1), 1749992400) ;
}
END_TEST

START_TEST(test_next_strictly_after)
{
  /* 2025-06-15 02:59:59 = 1749956399, 03:00 = 1749956400, 03:00:01 = 1749956401;
     2025-06-16 03:00 = 1750042800 */
  ck_assert_int_eq(next("0 3 * * *", 1749956399, 1), 1749956400) ;
  ck_assert_int_eq(next("0 3 * * *", 1749956400, 1), 1750042800) ;
  ck_assert_int_eq(next("0 3 * * *", 1749956401, 1), 1750042800) ;
}
END_TEST

START_TEST(test_next_month_ends)
{
  /* 2025-02-01 00:00 = 1738368000 -> 2025-03-31 00:00 = 1743379200 */
  ck_assert_int_eq(next("0 0 31 * *", 1738368000, 1), 1743379200) ;
  /* 2025-03-31 00:00 = 1743379200 -> 2025-05-31 00:00 (April has 30) */
  ck_assert_int_eq(next("0 0 31 * *", 1743379200, 1), 1748649600) ;  /* date -u -d '2025-05-31' +%s */
  /* days that never come: none within 8 years */
  ck_assert_int_eq(next("0 0 31 2 *", 1738368000, 1), -1) ;
  ck_assert_int_eq(next("0 0 30 2 *", 1738368000, 1), -1) ;
  ck_assert_int_eq(next("0 0 31 apr,jun,sep,nov *", 1738368000, 1), -1) ;
  ck_assert_int_eq(next("0 0 31 2 *", 1738368000, 0), -1) ;
}
END_TEST

START_TEST(test_next_leap_years)
{
  /* 2025-03-01 = 1740787200 -> 2028-02-29 = 1835395200 */
  ck_assert_int_eq(next("0 0 29 2 *", 1740787200, 1), 1835395200) ;
  /* 2096-03-01 = 3981398400 -> not 2100 (no leap year) -> 2104-02-29 = 4233686400,
     2920 days later: within 8 years */
  ck_assert_int_eq(next("0 0 29 2 *", 3981398400, 1), 4233686400) ;
  /* 2000 was one: 1999-03-01 = 920246400 -> 2000-02-29 = 951782400 */
  ck_assert_int_eq(next("0 0 29 feb *", 920246400, 1), 951782400) ;
}
END_TEST

START_TEST(test_next_day_rule)
{
  /* "0 0 13 * 5": the 13th OR any Friday.
     From 2025-06-12 (Thu) = 1749686400 -> Fri 13 June = 1749772800;
     from 2025-06-14 (Sat) = 1749859200 -> Fri 2025-06-20 = 1750377600;
     from 2025-07-11 (Fri) = 1752192000 -> Sun 2025-07-13 = 1752364800 */
  ck_assert_int_eq(next("0 0 13 * 5", 1749686400, 1), 1749772800) ;
  ck_assert_int_eq(next("0 0 13 * 5", 1749859200, 1), 1750377600) ;
  ck_assert_int_eq(next("0 0 13 * fri", 1752192000, 1), 1752364800) ;
  /* one of them "*": only the other restricts.
     From 2025-06-15 (Sun) = 1749859200 + 86400 = 1749945600:
     "0 0 * * 1" -> Mon 2025-06-16 = 1750032000; "0 0 1 * *" -> 2025-07-01 = 1751328000 */
  ck_assert_int_eq(next("0 0 * * 1", 1749945600, 1), 1750032000) ;
  ck_assert_int_eq(next("0 0 1 * *", 1749945600, 1), 1751328000) ;
  ck_assert_int_eq(next("@weekly", 1749945600, 1), 1750550400) ;   /* Sun 2025-06-22 */
  ck_assert_int_eq(next("@monthly", 1749945600, 1), 1751328000) ;
  ck_assert_int_eq(next("@yearly", 1749945600, 1), 1767225600) ;   /* 2026-01-01 */
  /* cronie: "*" + "/2" counts as "*", so both must match: odd days that are
     Mondays. From Mon 2025-06-16 = 1750032000: not Tue 17 (1750118400) but
     Mon 2025-06-23 = 1750636800 */
  ck_assert_int_eq(next("0 0 */2 * 1", 1750032000, 1), 1750636800) ;
  /* and with neither "*": either: Tue 17 (an odd day, 1-31/2) */
  ck_assert_int_eq(next("0 0 1-31/2 * 1", 1750032000, 1), 1750118400) ;
  /* the month restricts both: "0 0 13 jan 5" from 2025-06-14 -> Fri 2026-01-02 */
  ck_assert_int_eq(next("0 0 13 jan 5", 1749859200, 1), 1767312000) ;  /* date -u -d 2026-01-02 +%s */
}
END_TEST

START_TEST(test_next_every)
{
  ck_assert_int_eq(next("@every 60", 1000, 1), 1060) ;
  ck_assert_int_eq(next("@every 60", 1000, 0), 1060) ;
  ck_assert_int_eq(next("@every 4294967295", 0, 1), 4294967295) ;
}
END_TEST

START_TEST(test_local_dst)
{
  zone(CET) ;
  /* spring forward 2025-03-30 02:00 CET -> 03:00 CEST: "30 2" skips that day.
     From 2025-03-29 12:00 CET = 1743246000 -> 2025-03-31 02:30 CEST = 1743381000 */
  ck_assert_int_eq(next("30 2 * * *", 1743246000, 0), 1743381000) ;
  /* every minute: 01:59 CET = 1743296340 -> 03:00 CEST = 1743296400 */
  ck_assert_int_eq(next("* * * * *", 1743296340, 0), 1743296400) ;
  /* noon: 11:00 UTC in winter, 10:00 UTC in summer.
     2025-01-15 09:00 CET = 1736928000 -> 12:00 CET = 1736938800 (11:00 UTC);
     2025-07-15 09:00 CEST = 1752562800 -> 12:00 CEST = 1752573600 (10:00 UTC) */
  ck_assert_int_eq(next("0 12 * * *", 1736928000, 0), 1736938800) ;
  ck_assert_int_eq(next("0 12 * * *", 1752562800, 0), 1752573600) ;
  /* fall back 2025-10-26 03:00 CEST -> 02:00 CET: 02:30 comes twice, named twice.
     From 00:00 CEST = 1761429600 -> 02:30 CEST = 1761438600 -> 02:30 CET =
     1761442200 -> 2025-10-27 02:30 CET = 1761528600 */
  ck_assert_int_eq(next("30 2 * * *", 1761429600, 0), 1761438600) ;
  ck_assert_int_eq(next("30 2 * * *", 1761438600, 0), 1761442200) ;
  ck_assert_int_eq(next("30 2 * * *", 1761442200, 0), 1761528600) ;
  /* within the repeated hour, every minute: 02:59 CEST (1761440340) -> 02:00 CET (1761440400) */
  ck_assert_int_eq(next("* * * * *", 1761440340, 0), 1761440400) ;
  /* in the first 02:xx, the next minute comes first, before the second
     02:00: 02:40 CEST = 1761439200 -> 02:41 CEST = 1761439260 */
  ck_assert_int_eq(next("* * * * *", 1761439200, 0), 1761439260) ;
  /* UTC mode ignores TZ: 2025-01-15 12:00 UTC = 1736942400 */
  ck_assert_int_eq(next("0 12 * * *", 1736928000, 1), 1736942400) ;
  ck_assert_int_eq(next("0 0 29 2 *", 1740787200, 1), 1835395200) ;
  /* local leap day: 2028-02-29 00:00 CET = 1835395200 - 3600 */
  ck_assert_int_eq(next("0 0 29 2 *", 1740787200, 0), 1835391600) ;
}
END_TEST

/* matches: whether the broken-down time TM is named by C (the reference rule) */
static int matches (cronspec const *c, struct tm const *tm)
{
  int dm = c->mdays >> tm->tm_mday & 1, wm = c->wdays >> tm->tm_wday & 1 ;
  return (c->minutes >> tm->tm_min & 1) && (c->hours >> tm->tm_hour & 1) && (c->months >> (tm->tm_mon + 1) & 1)
    && (c->mday_any || c->wday_any ? dm && wm : dm || wm) ;
}

/* slow: the next time by trying every minute, up to LIMIT seconds after T */
static int64_t slow (cronspec const *c, int64_t t, int utc, int64_t limit)
{
  for (int64_t s = t - ((t % 60) + 60) % 60 + 60 ; s <= t + limit ; s += 60)
  {
    struct tm tm ;
    time_t tt = (time_t)s ;
    if (utc ? !gmtime_r(&tt, &tm) : !localtime_r(&tt, &tm)) return -2 ;
    if (matches(c, &tm)) return s ;
  }
  return -1 ;
}

/* against_slow: cronspec_next and the minute-by-minute search agree, for
   some lines from times around DST changes and month ends */
static void against_slow (int utc)
{
  static char const *const lines[] =
  {
    "* * * * *", "*/7 * * * *", "30 2 * * *", "0 3 * * *", "59 1,2,3 * * *",
    "15 */5 * * 1-5", "0 0 13 * 5", "0 12 */2 * sun", "0 0 28-31 * *",
    "45 23 * * 6", "0 2 * 3,10 0", "0 1-3 25-31 mar,oct *", "*/20 0-4 1,31 * *",
  } ;
  /* 2025-03-29 22:17:13 UTC, 2025-10-25 23:59:59 UTC, 2025-01-30 00:00 UTC,
     2024-02-27 05:00 UTC, 2025-10-26 00:40 UTC (02:40 CEST, in the hour
     repeated), 2025-11-02 05:20 UTC (01:20 EDT, likewise), 2025-03-09 06:50
     UTC (01:50 EST, before the US spring forward); each, and then 7 hours
     later, 5 times */
  static int64_t const starts[] = { 1743286633, 1761436799, 1738195200, 1709010000, 1761439200, 1762060800, 1741503000 } ;
  for (unsigned int i = 0 ; i < sizeof(lines) / sizeof(lines[0]) ; i++)
    for (unsigned int j = 0 ; j < sizeof(starts) / sizeof(starts[0]) ; j++)
      for (int64_t t = starts[j] ; t < starts[j] + 5 * 7 * 3600 ; t += 7 * 3600 + 17)
      {
        cronspec c ;
        int64_t want, got ;
        ok(lines[i], &c) ;
        want = slow(&c, t, utc, 40 * 86400) ;
        got = cronspec_next(&c, t, utc) ;
        /* none within the search's reach: cronspec_next's is beyond it */
        if (want == -1 && (got == -1 || got > t + 40 * 86400)) continue ;
        ck_assert_msg(want == got, "\"%s\" from %lld (%s): %lld, not %lld", lines[i],
          (long long)t, utc ? "UTC" : "local", (long long)got, (long long)want) ;
      }
}

START_TEST(test_against_slow_utc)
{
  zone(CET) ;
  against_slow(1) ;
}
END_TEST

START_TEST(test_against_slow_local)
{
  zone(CET) ;
  against_slow(0) ;
  zone("UTC0") ;
  against_slow(0) ;
  /* a zone west of Greenwich, with its DST rules */
  zone("EST5EDT,M3.2.0,M11.1.0") ;
  against_slow(0) ;
}
END_TEST

CHECK_MAIN("cronspec",
  test_stars, test_numbers_ranges_lists, test_steps, test_names, test_blanks, test_words, test_errors,
  test_next_minute, test_next_strictly_after, test_next_month_ends, test_next_leap_years,
  test_next_day_rule, test_next_every, test_local_dst, test_against_slow_utc, test_against_slow_local)
