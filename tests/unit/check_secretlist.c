/* check_secretlist.c - RUNSVDIR_SECRETS' list of names and the value a file gives. */
#include <string.h>
#include "checkmain.h"
#include "secretlist.h"

/* items: LIST's items, each followed by ' ' when a name and '!' when not,
   in OUT (a buffer of 256) */
static char const *items (char const *list, char *out)
{
  size_t pos = 0, len, o = 0 ;
  char const *name ;
  int r ;
  while ((r = secretlist_next(list, &pos, &name, &len)))
  {
    ck_assert(o + len + 2 < 256) ;
    memcpy(out + o, name, len) ;
    o += len ;
    out[o++] = r > 0 ? ' ' : '!' ;
  }
  out[o] = 0 ;
  return out ;
}

START_TEST(test_list)
{
  char b[256] ;
  ck_assert_str_eq(items("", b), "") ;
  ck_assert_str_eq(items("DB_PASSWORD", b), "DB_PASSWORD ") ;
  ck_assert_str_eq(items("DB_PASSWORD,API_TOKEN", b), "DB_PASSWORD API_TOKEN ") ;
  ck_assert_str_eq(items("_x,a9,Z", b), "_x a9 Z ") ;
  ck_assert_str_eq(items("A,A", b), "A A ") ;
}
END_TEST

START_TEST(test_bad_items)
{
  char b[256] ;
  ck_assert_str_eq(items(",", b), "!!") ;
  ck_assert_str_eq(items("A,", b), "A !") ;
  ck_assert_str_eq(items(",A", b), "!A ") ;
  ck_assert_str_eq(items("A,,B", b), "A !B ") ;
  ck_assert_str_eq(items("A, B", b), "A  B!") ;
  ck_assert_str_eq(items("9A,A-B,A B,A=B", b), "9A!A-B!A B!A=B!") ;
  ck_assert_str_eq(items("A\nB", b), "A\nB!") ;
}
END_TEST

START_TEST(test_isname)
{
  ck_assert(secretlist_isname("A", 1)) ;
  ck_assert(secretlist_isname("_", 1)) ;
  ck_assert(secretlist_isname("a_9Z", 4)) ;
  ck_assert(!secretlist_isname("", 0)) ;
  ck_assert(!secretlist_isname("9", 1)) ;
  ck_assert(!secretlist_isname("A.B", 3)) ;
  ck_assert(!secretlist_isname("\xc3\xa9", 2)) ;
  ck_assert(secretlist_isname("AB,", 2)) ;  /* LEN bytes only */
}
END_TEST

/* value: S (LEN bytes) gives what secretlist_value says, and VLEN */
static void value (char const *s, size_t len, int want, size_t vlen)
{
  size_t got = 12345 ;
  ck_assert_int_eq(secretlist_value(s, len, &got), want) ;
  if (want == SECRETLIST_OK) ck_assert_uint_eq(got, vlen) ;
}

START_TEST(test_value)
{
  static char big[SECRETLIST_MAX + 2] ;
  value("s3cret\n", 7, SECRETLIST_OK, 6) ;
  value("s3cret", 6, SECRETLIST_OK, 6) ;
  value("s3cret\n\n", 8, SECRETLIST_OK, 7) ;  /* one newline only */
  value("two\nlines\n", 10, SECRETLIST_OK, 9) ;
  value("crlf\r\n", 6, SECRETLIST_OK, 5) ;  /* the \r is the value's */
  value("", 0, SECRETLIST_OK, 0) ;
  value("\n", 1, SECRETLIST_OK, 0) ;
  value("a\0b", 3, SECRETLIST_NUL, 0) ;
  value("ab\n\0", 4, SECRETLIST_NUL, 0) ;
  memset(big, 'x', sizeof(big)) ;
  big[SECRETLIST_MAX - 1] = '\n' ;
  value(big, SECRETLIST_MAX, SECRETLIST_OK, SECRETLIST_MAX - 1) ;
  value(big, SECRETLIST_MAX + 1, SECRETLIST_BIG, 0) ;
  big[0] = 0 ;
  value(big, SECRETLIST_MAX + 1, SECRETLIST_BIG, 0) ;  /* too big first */
}
END_TEST

CHECK_MAIN("secretlist", test_list, test_bad_items, test_isname, test_value)
