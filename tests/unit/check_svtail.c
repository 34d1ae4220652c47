/* check_svtail.c - sv tail's lines, last lines and svlogd's directory. */
#include <string.h>
#include <skalibs/stralloc.h>
#include "checkmain.h"
#include "svtail.h"

/* got: every line fed out, each followed by '|' */
static void got (char const *s, size_t len, void *ctx)
{
  stralloc *sa = ctx ;
  ck_assert(stralloc_catb(sa, s, len) && stralloc_catb(sa, "|", 1)) ;
}

static void last_is (char const *s, unsigned int n, char const *want, unsigned int wantcount)
{
  unsigned int c = 99 ;
  size_t i = svtail_start(s, strlen(s), n, &c) ;
  ck_assert_str_eq(s + i, want) ;
  ck_assert_uint_eq(c, wantcount) ;
}

START_TEST(test_start)
{
  last_is("a\nb\nc\n", 2, "b\nc\n", 2) ;
  last_is("a\nb\nc\n", 1, "c\n", 1) ;
  last_is("a\nb\nc\n", 3, "a\nb\nc\n", 3) ;
  last_is("a\nb\nc\n", 10, "a\nb\nc\n", 3) ;
  /* a last line not ended is no line yet; it stays after the start */
  last_is("a\nb\nc", 1, "b\nc", 1) ;
  last_is("abc", 5, "abc", 0) ;
  last_is("", 5, "", 0) ;
  last_is("\n\n\n", 2, "\n\n", 2) ;
  last_is("a\nb\n", 0, "", 0) ;
}
END_TEST

START_TEST(test_feed)
{
  svtail t = { .partlen = 0, .cutting = 0 } ;
  stralloc sa = STRALLOC_ZERO ;
  svtail_feed(&t, "one\ntw", 6, &got, &sa) ;
  svtail_feed(&t, "o\n\nthr", 6, &got, &sa) ;
  ck_assert(stralloc_0(&sa)) ;
  ck_assert_str_eq(sa.s, "one|two||") ;
  ck_assert_uint_eq(t.partlen, 3) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_cut)
{
  static svtail t ;
  static char big[SVTAIL_LINEMAX + 100] ;
  stralloc sa = STRALLOC_ZERO ;
  memset(big, 'x', sizeof(big)) ;
  svtail_feed(&t, big, sizeof(big), &got, &sa) ;
  svtail_feed(&t, big, 10, &got, &sa) ;
  svtail_feed(&t, "\nok\n", 4, &got, &sa) ;
  ck_assert_uint_eq(sa.len, SVTAIL_LINEMAX + SVTAIL_CUTLEN + 1 + 3) ;
  ck_assert(!memcmp(sa.s + SVTAIL_LINEMAX, " [cut]|ok|", 10)) ;
  /* exactly the most: not cut */
  sa.len = 0 ;
  svtail_feed(&t, big, SVTAIL_LINEMAX, &got, &sa) ;
  svtail_feed(&t, "\n", 1, &got, &sa) ;
  ck_assert_uint_eq(sa.len, SVTAIL_LINEMAX + 1) ;
  stralloc_free(&sa) ;
}
END_TEST

#define CMD(s) s, sizeof(s)

START_TEST(test_logdir)
{
  ck_assert_str_eq(svtail_logdir(CMD("svlogd\0-tt\0./main")), "./main") ;
  ck_assert_str_eq(svtail_logdir(CMD("/usr/bin/svlogd\0main\0other")), "main") ;
  ck_assert_str_eq(svtail_logdir(CMD("svlogd\0-l\0100\0-b\0512\0-r\0_\0/var/log/x")), "/var/log/x") ;
  ck_assert_str_eq(svtail_logdir(CMD("svlogd\0-l100\0-vt\0-R\0abc\0d")), "d") ;
  ck_assert_str_eq(svtail_logdir(CMD("svlogd\0-tR\0abc\0d")), "d") ;
  ck_assert_str_eq(svtail_logdir(CMD("svlogd\0--\0-odd")), "-odd") ;
  ck_assert_ptr_null(svtail_logdir(CMD("svlogd\0-tt"))) ;
  ck_assert_ptr_null(svtail_logdir(CMD("logger\0main"))) ;
  ck_assert_ptr_null(svtail_logdir(CMD("xsvlogd\0main"))) ;
  ck_assert_ptr_null(svtail_logdir("svlogd\0main", 11)) ;  /* not NUL-terminated */
  ck_assert(svtail_issvlogd("/a/b/svlogd", 11)) ;
  ck_assert(!svtail_issvlogd("/a/b/svlogd2", 12)) ;
}
END_TEST

CHECK_MAIN("svtail", test_start, test_feed, test_cut, test_logdir)
