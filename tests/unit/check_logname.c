/* check_logname.c - rotated file names, and which old files retention deletes. */
#include "checkmain.h"
#include <string.h>
#include "logname.h"
#include "tai64n.h"

START_TEST(test_fmt)
{
  tain t ;
  char s[LOGNAME_SIZE] ;
  tai64n_from_unix(&t, 1795870800, 0x338a928c) ;
  ck_assert_uint_eq(logname_fmt(s, &t, 's'), 27) ;
  ck_assert_str_eq(s, "@400000006b0ad05a338a928c.s") ;
  logname_fmt(s, &t, 'u') ;
  ck_assert_str_eq(s, "@400000006b0ad05a338a928c.u") ;
  ck_assert_int_eq(logname_kind(s), 'u') ;
}
END_TEST

START_TEST(test_kind)
{
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928c.s"), 's') ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928c.t"), 't') ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928c.x"), 0) ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928c.ss"), 0) ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928.s"), 0) ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a92zz.s"), 0) ;
  ck_assert_int_eq(logname_kind("x400000006b0ad05a338a928c.s"), 0) ;
  ck_assert_int_eq(logname_kind("@400000006b0ad05a338a928c_s"), 0) ;
  ck_assert_int_eq(logname_kind("current"), 0) ;
  ck_assert_int_eq(logname_kind("@"), 0) ;
}
END_TEST

static char names[8][LOGNAME_SIZE] ;

static void set (size_t i, char const *s)
{
  strcpy(names[i], s) ;
}

START_TEST(test_names_sort_by_time)
{
  tain a, b ;
  char sa[LOGNAME_SIZE], sb[LOGNAME_SIZE] ;
  tai64n_from_unix(&a, 1795870800, 999999500) ;
  tai64n_from_unix(&b, 1795870801, 500) ;
  logname_fmt(sa, &a, 'u') ;
  logname_fmt(sb, &b, 's') ;
  ck_assert_int_lt(strcmp(sa, sb), 0) ;
}
END_TEST

START_TEST(test_prune_all_over_the_limit)
{
  /* runit deletes one per rotation; we delete every file over the limit, oldest first */
  set(0, "@400000006b0ad05e00000000.s") ;
  set(1, "@400000006b0ad05a00000000.s") ;
  set(2, "@400000006b0ad05c00000000.u") ;
  set(3, "@400000006b0ad05b00000000.s") ;
  set(4, "@400000006b0ad05d00000000.s") ;
  ck_assert_uint_eq(logname_prune(names[0], 5, 2, 0), 3) ;
  ck_assert_str_eq(names[0], "@400000006b0ad05a00000000.s") ;
  ck_assert_str_eq(names[1], "@400000006b0ad05b00000000.s") ;
  ck_assert_str_eq(names[2], "@400000006b0ad05c00000000.u") ;
  ck_assert_str_eq(names[3], "@400000006b0ad05d00000000.s") ;
  ck_assert_str_eq(names[4], "@400000006b0ad05e00000000.s") ;
}
END_TEST

START_TEST(test_prune_limits)
{
  set(0, "@400000006b0ad05b00000000.s") ;
  set(1, "@400000006b0ad05a00000000.s") ;
  ck_assert_uint_eq(logname_prune(names[0], 2, 2, 0), 0) ;
  ck_assert_uint_eq(logname_prune(names[0], 2, 3, 0), 0) ;
  ck_assert_uint_eq(logname_prune(names[0], 2, 0, 0), 0) ;  /* n0: keep everything */
  ck_assert_uint_eq(logname_prune(names[0], 2, 1, 0), 1) ;
  ck_assert_str_eq(names[0], "@400000006b0ad05a00000000.s") ;
  ck_assert_uint_eq(logname_prune(names[0], 0, 1, 0), 0) ;
}
END_TEST

START_TEST(test_prune_clock_stepped_back)
{
  /* the file just rotated got a label older than the others: it must survive */
  set(0, "@400000006b0ad05e00000000.s") ;
  set(1, "@400000006b0ad05f00000000.s") ;
  set(2, "@400000006b0ad00000000000.u") ;
  ck_assert_uint_eq(logname_prune(names[0], 3, 1, "@400000006b0ad00000000000.u"), 2) ;
  ck_assert_str_eq(names[0], "@400000006b0ad05e00000000.s") ;
  ck_assert_str_eq(names[1], "@400000006b0ad05f00000000.s") ;
  ck_assert_str_eq(names[2], "@400000006b0ad00000000000.u") ;
  /* even a limit of 1 with only the excluded file left deletes nothing more */
  set(0, "@400000006b0ad00000000000.u") ;
  ck_assert_uint_eq(logname_prune(names[0], 1, 1, "@400000006b0ad00000000000.u"), 0) ;
  set(0, "@400000006b0ad05e00000000.s") ;
  set(1, "@400000006b0ad00000000000.u") ;
  ck_assert_uint_eq(logname_prune(names[0], 2, 1, "@400000006b0ad00000000000.u"), 1) ;
  ck_assert_str_eq(names[0], "@400000006b0ad05e00000000.s") ;
}
END_TEST

START_TEST(test_prune_exclude_absent)
{
  set(0, "@400000006b0ad05b00000000.s") ;
  set(1, "@400000006b0ad05a00000000.s") ;
  ck_assert_uint_eq(logname_prune(names[0], 2, 1, "@400000006b0ad05900000000.s"), 1) ;
  ck_assert_str_eq(names[0], "@400000006b0ad05a00000000.s") ;
}
END_TEST

CHECK_MAIN("logname", test_fmt, test_kind, test_names_sort_by_time, test_prune_all_over_the_limit,
           test_prune_limits, test_prune_clock_stepped_back, test_prune_exclude_absent)
