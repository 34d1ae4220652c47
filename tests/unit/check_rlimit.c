/* check_rlimit.c - limit and nice arguments, and clamping soft limits to the hard one. */
#include <errno.h>
#include <limits.h>
#include <sys/resource.h>
#include "checkmain.h"
#include "rlimit.h"

START_TEST(test_scan)
{
  rlim_t v = 9 ;
  ck_assert_int_eq(rlimit_scan("0", &v, 0), 1) ;
  ck_assert_uint_eq(v, 0) ;
  ck_assert_int_eq(rlimit_scan("100000000", &v, 0), 1) ;
  ck_assert_uint_eq(v, 100000000) ;
  ck_assert_int_eq(rlimit_scan("007", &v, 0), 1) ;
  ck_assert_uint_eq(v, 7) ;
  /* the largest value is the infinity, which means "the hard limit" */
  ck_assert_int_eq(rlimit_scan("18446744073709551615", &v, 0), 1) ;
  ck_assert(v == RLIM_INFINITY) ;
  ck_assert_int_eq(rlimit_scan("=", &v, 1), 1) ;
  ck_assert(v == RLIM_INFINITY) ;
}
END_TEST

START_TEST(test_scan_bad)
{
  /* runit reads "" as 0 and wraps on overflow; suffixes and signs are refused by both */
  static char const *const bad[] = { "", "12x", "1k", "-1", "+5", " 5", "5 ", "18446744073709551616", "99999999999999999999999", "=", "==", "=5", 0 } ;
  rlim_t v = 9 ;
  for (unsigned int i = 0 ; bad[i] ; i++)
  {
    errno = 0 ;
    ck_assert_msg(!rlimit_scan(bad[i], &v, 0), "accepted [%s]", bad[i]) ;
    ck_assert_int_eq(errno, EINVAL) ;
  }
  ck_assert_int_eq(rlimit_scan("==", &v, 1), 0) ;
  ck_assert_int_eq(rlimit_scan("=5", &v, 1), 0) ;
  ck_assert_uint_eq(v, 9) ;
}
END_TEST

START_TEST(test_clamp)
{
  ck_assert_uint_eq(rlimit_clamp(100, 200), 100) ;
  ck_assert_uint_eq(rlimit_clamp(200, 200), 200) ;
  ck_assert_uint_eq(rlimit_clamp(300, 200), 200) ;
  ck_assert_uint_eq(rlimit_clamp(RLIM_INFINITY, 200), 200) ;
  ck_assert(rlimit_clamp(RLIM_INFINITY, RLIM_INFINITY) == RLIM_INFINITY) ;
  ck_assert_uint_eq(rlimit_clamp(5, RLIM_INFINITY), 5) ;
}
END_TEST

START_TEST(test_soft)
{
  /* Check forks each test, so the limits changed here die with it */
  struct rlimit r ;
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &r), 0) ;
  r.rlim_cur = 50 ;
  r.rlim_max = 100 ;
  ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &r), 0) ;
  ck_assert_int_eq(rlimit_soft(RLIMIT_NOFILE, 70), 1) ;
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &r), 0) ;
  ck_assert_uint_eq(r.rlim_cur, 70) ;
  ck_assert_uint_eq(r.rlim_max, 100) ;
  ck_assert_int_eq(rlimit_soft(RLIMIT_NOFILE, 1000), 1) ;   /* above the hard limit: clamped, no error */
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &r), 0) ;
  ck_assert_uint_eq(r.rlim_cur, 100) ;
  ck_assert_int_eq(rlimit_soft(RLIMIT_NOFILE, 10), 1) ;
  ck_assert_int_eq(rlimit_soft(RLIMIT_NOFILE, RLIM_INFINITY), 1) ;
  ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &r), 0) ;
  ck_assert_uint_eq(r.rlim_cur, 100) ;
  ck_assert_uint_eq(r.rlim_max, 100) ;
  ck_assert_int_eq(rlimit_soft(-1, 10), 0) ;   /* no such resource: getrlimit fails */
  ck_assert_int_eq(errno, EINVAL) ;
}
END_TEST

START_TEST(test_nice)
{
  int n = 99 ;
  ck_assert_int_eq(rlimit_nice_scan("5", &n), 1) ;
  ck_assert_int_eq(n, 5) ;
  ck_assert_int_eq(rlimit_nice_scan("+5", &n), 1) ;
  ck_assert_int_eq(n, 5) ;
  ck_assert_int_eq(rlimit_nice_scan("-5", &n), 1) ;
  ck_assert_int_eq(n, -5) ;
  ck_assert_int_eq(rlimit_nice_scan("0", &n), 1) ;
  ck_assert_int_eq(n, 0) ;
  ck_assert_int_eq(rlimit_nice_scan("-0", &n), 1) ;
  ck_assert_int_eq(n, 0) ;
  ck_assert_int_eq(rlimit_nice_scan("2147483647", &n), 1) ;
  ck_assert_int_eq(n, INT_MAX) ;
  ck_assert_int_eq(rlimit_nice_scan("-2147483648", &n), 1) ;
  ck_assert_int_eq(n, INT_MIN) ;
}
END_TEST

START_TEST(test_nice_bad)
{
  static char const *const bad[] = { "", "+", "-", "abc", "5x", "--5", "+-5", " 5", "2147483648", "-2147483649", "99999999999999999999", 0 } ;
  int n = 99 ;
  for (unsigned int i = 0 ; bad[i] ; i++)
  {
    errno = 0 ;
    ck_assert_msg(!rlimit_nice_scan(bad[i], &n), "accepted [%s]", bad[i]) ;
    ck_assert_int_eq(errno, EINVAL) ;
  }
  ck_assert_int_eq(n, 99) ;
}
END_TEST

CHECK_MAIN("rlimit", test_scan, test_scan_bad, test_clamp, test_soft, test_nice, test_nice_bad)
