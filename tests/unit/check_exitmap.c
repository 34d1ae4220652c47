/* check_exitmap.c - RUNSVDIR_EXIT_REMAP: what is accepted, what is refused, what it maps. */
#include <string.h>
#include "checkmain.h"
#include "exitmap.h"

/* refused: S is not a remap; the first bad pair is at offset AT */
static void refused (char const *s, size_t at)
{
  exitmap m ;
  size_t bad = 999 ;
  exitmap_init(&m) ;
  ck_assert_msg(!exitmap_parse(&m, s, &bad), "accepted [%s]", s) ;
  ck_assert_msg(bad == at, "[%s]: bad pair at %zu, not %zu", s, bad, at) ;
}

START_TEST(test_identity)
{
  exitmap m ;
  exitmap_init(&m) ;
  for (int i = 0 ; i < 256 ; i++) ck_assert_int_eq(exitmap_apply(&m, i), i) ;
  ck_assert_int_eq(exitmap_apply(&m, -1), -1) ;
  ck_assert_int_eq(exitmap_apply(&m, 256), 256) ;
}
END_TEST

START_TEST(test_pairs)
{
  exitmap m ;
  size_t bad ;
  exitmap_init(&m) ;
  ck_assert(exitmap_parse(&m, "143=0 137=0", &bad)) ;
  ck_assert_int_eq(exitmap_apply(&m, 143), 0) ;
  ck_assert_int_eq(exitmap_apply(&m, 137), 0) ;
  ck_assert_int_eq(exitmap_apply(&m, 3), 3) ;
  ck_assert(exitmap_parse(&m, " 3=4,4=5\t\n 143=1 ", &bad)) ;
  ck_assert_int_eq(exitmap_apply(&m, 3), 4) ;
  ck_assert_int_eq(exitmap_apply(&m, 4), 5) ;  /* one step: 3 does not go on to 5 */
  ck_assert_int_eq(exitmap_apply(&m, 143), 1) ;  /* the last pair wins */
  ck_assert(exitmap_parse(&m, "", &bad)) ;
  ck_assert(exitmap_parse(&m, "0=255 255=0", &bad)) ;
  ck_assert_int_eq(exitmap_apply(&m, 0), 255) ;
  ck_assert_int_eq(exitmap_apply(&m, 255), 0) ;
}
END_TEST

START_TEST(test_refused)
{
  refused("143", 0) ;
  refused("143=", 0) ;
  refused("=0", 0) ;
  refused("143=0 256=0", 6) ;
  refused("143=0 1=256", 6) ;
  refused("1=0000", 0) ;
  refused("1=2x", 0) ;
  refused("a=b", 0) ;
  refused("1=2 ;", 4) ;
  refused("-1=0", 0) ;
  refused("1==2", 0) ;
}
END_TEST

CHECK_MAIN("exitmap", test_identity, test_pairs, test_refused)
