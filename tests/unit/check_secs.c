/* check_secs.c - durations in seconds: what is accepted, what is refused, how they print. */
#include <stdint.h>
#include <string.h>
#include "checkmain.h"
#include "secs.h"

/* ok: S is a whole duration of MS milliseconds */
static void ok (char const *s, uint32_t ms)
{
  uint32_t v = 12345 ;
  ck_assert_msg(secs0_scan(s, &v), "refused [%s]", s) ;
  ck_assert_msg(v == ms, "[%s] gave %u, not %u", s, (unsigned int)v, (unsigned int)ms) ;
}

/* bad: S is refused and *ms is left alone */
static void bad (char const *s)
{
  uint32_t v = 12345 ;
  ck_assert_msg(!secs0_scan(s, &v), "accepted [%s]", s) ;
  ck_assert_int_eq(v, 12345) ;
}

START_TEST(test_scan_accepts)
{
  ok("7", 7000) ;
  ok("0", 0) ;
  ok("2.5", 2500) ;
  ok("0.25", 250) ;
  ok("0.001", 1) ;
  ok("1.2345", 1234) ;  /* past milliseconds: cut, not rounded */
  ok("007", 7000) ;
  ok("4294967.295", 4294967295U) ;
}
END_TEST

START_TEST(test_scan_refuses)
{
  bad("") ;
  bad("abc") ;
  bad("-1") ;
  bad("+1") ;
  bad(" 7") ;
  bad("7 ") ;
  bad("7s") ;
  bad("7.") ;
  bad(".5") ;
  bad("1.2.3") ;
  bad("4294967.296") ;
  bad("4294968") ;
  bad("99999999999999999999") ;
}
END_TEST

START_TEST(test_scan_prefix)
{
  uint32_t v = 0 ;
  ck_assert_uint_eq(secs_scan("2.5s", &v), 3) ;
  ck_assert_uint_eq(v, 2500) ;
  ck_assert_uint_eq(secs_scan("3.x", &v), 1) ;  /* the dot is not part of it */
  ck_assert_uint_eq(v, 3000) ;
  ck_assert_uint_eq(secs_scan("x", &v), 0) ;
}
END_TEST

/* fmt: the printed form of MS */
static void fmt (uint32_t ms, char const *want)
{
  char buf[SECS_FMT + 1] ;
  size_t n = secs_fmt(buf, ms) ;
  ck_assert_uint_le(n, SECS_FMT) ;
  buf[n] = 0 ;
  ck_assert_str_eq(buf, want) ;
}

START_TEST(test_fmt)
{
  fmt(0, "0.00") ;
  fmt(310, "0.31") ;
  fmt(319, "0.31") ;
  fmt(7000, "7.00") ;
  fmt(7009, "7.00") ;
  fmt(7010, "7.01") ;
  fmt(123456, "123.45") ;
  fmt(UINT32_MAX, "4294967.29") ;
}
END_TEST

CHECK_MAIN("secs", test_scan_accepts, test_scan_refuses, test_scan_prefix, test_fmt)
