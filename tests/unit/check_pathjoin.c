/* check_pathjoin.c - DIR/NAME joining and its length limit. */
#include <errno.h>
#include "checkmain.h"
#include "pathjoin.h"

START_TEST(test_join)
{
  char buf[32] ;
  ck_assert(path_join(buf, sizeof(buf), "svc", "supervise/ok")) ;
  ck_assert_str_eq(buf, "svc/supervise/ok") ;
  ck_assert(path_join(buf, sizeof(buf), "svc/", "ok")) ;
  ck_assert_str_eq(buf, "svc/ok") ;
  ck_assert(path_join(buf, sizeof(buf), 0, "ok")) ;
  ck_assert_str_eq(buf, "ok") ;
  ck_assert(path_join(buf, sizeof(buf), "", "ok")) ;
  ck_assert_str_eq(buf, "ok") ;
}
END_TEST

START_TEST(test_too_long)
{
  char buf[8] ;
  errno = 0 ;
  ck_assert(!path_join(buf, sizeof(buf), "abcd", "efg")) ;
  ck_assert_int_eq(errno, ENAMETOOLONG) ;
  ck_assert(path_join(buf, sizeof(buf), "abc", "efg")) ;
  ck_assert_str_eq(buf, "abc/efg") ;
}
END_TEST

CHECK_MAIN("pathjoin", test_join, test_too_long)
