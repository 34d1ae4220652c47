/* check_tai64n.c - runit-style labels: offset, byte order, text form. */
#include "checkmain.h"
#include <string.h>
#include <time.h>
#include "tai64n.h"

START_TEST(test_epoch_label)
{
  tain t ;
  char s[TAI64N_PACK] ;
  tai64n_from_unix(&t, 0, 1) ;
  tai64n_pack(s, &t) ;
  /* 2^62 + 10, big-endian, then nanoseconds big-endian */
  ck_assert_mem_eq(s, "\x40\0\0\0\0\0\0\x0a" "\0\0\0\x01", 12) ;
}
END_TEST

START_TEST(test_known_date)
{
  /* 2026-11-28 13:00:00 UTC = 1795870800 = 0x6b0ad050 */
  tain t ;
  char s[TAI64N_FMT + 1] ;
  tai64n_from_unix(&t, 1795870800, 0x338a928c) ;
  s[tai64n_fmt(s, &t)] = 0 ;
  ck_assert_str_eq(s, "@400000006b0ad05a338a928c") ;
  ck_assert_int_eq(tai64n_unix(&t), 1795870800) ;
}
END_TEST

START_TEST(test_now_is_runit_clock)
{
  /* time() may read a coarser clock that lags CLOCK_REALTIME by a tick */
  tain t ;
  struct timespec ts ;
  time_t before, after ;
  clock_gettime(CLOCK_REALTIME, &ts) ;
  before = ts.tv_sec ;
  ck_assert(tai64n_now(&t)) ;
  clock_gettime(CLOCK_REALTIME, &ts) ;
  after = ts.tv_sec ;
  /* no leap seconds: the label is the Unix time, not 27 s ahead */
  ck_assert_int_ge(tai64n_unix(&t), before) ;
  ck_assert_int_le(tai64n_unix(&t), after) ;
  ck_assert_uint_eq(t.nano % 1000, 500) ;
  ck_assert_uint_lt(t.nano, 1000000000) ;
}
END_TEST

START_TEST(test_scan_roundtrip)
{
  tain t, u ;
  char s[TAI64N_FMT] ;
  tai64n_from_unix(&t, 1234567890, 999999500) ;
  ck_assert_uint_eq(tai64n_fmt(s, &t), 25) ;
  ck_assert_uint_eq(tai64n_scan(s, &u), 25) ;
  ck_assert(u.sec.x == t.sec.x) ;
  ck_assert_uint_eq(u.nano, t.nano) ;
  ck_assert_uint_eq(tai64n_scan("@400000006B0AD05A338A928C", &u), 25) ;
  ck_assert_int_eq(tai64n_unix(&u), 1795870800) ;
}
END_TEST

START_TEST(test_scan_garbage)
{
  tain t ;
  ck_assert_uint_eq(tai64n_scan("400000006b0a9c5a338a928c", &t), 0) ;
  ck_assert_uint_eq(tai64n_scan("@400000006b0a9c5a338a928", &t), 0) ;
  ck_assert_uint_eq(tai64n_scan("@400000006b0a9c5a338a92xz", &t), 0) ;
  ck_assert_uint_eq(tai64n_scan("", &t), 0) ;
}
END_TEST

CHECK_MAIN("tai64n", test_epoch_label, test_known_date, test_now_is_runit_clock, test_scan_roundtrip,
           test_scan_garbage)
