/* check_logpattern.c - svlogd's pattern language, with runit's observed answers. */
#include "checkmain.h"
#include <string.h>
#include "logpattern.h"

static int m (char const *p, char const *s)
{
  return logpattern_match(p, strlen(p), s, strlen(s)) ;
}

START_TEST(test_literal)
{
  ck_assert(m("ab", "ab")) ;
  ck_assert(!m("ab", "abc")) ;
  ck_assert(!m("ab", "a")) ;
  ck_assert(!m("ab", "")) ;
  ck_assert(m("", "")) ;
  ck_assert(!m("", "a")) ;
}
END_TEST

START_TEST(test_star)
{
  /* the man page's example: the first * stops at the p of tcpsvd */
  ck_assert(!m("*pid*", "2005 tcpsvd: info: pid 1977 from")) ;
  ck_assert(m("*: *: pid *", "2005 tcpsvd: info: pid 1977 from")) ;
  ck_assert(m("*", "")) ;
  ck_assert(m("*", "anything")) ;
  ck_assert(m("a*", "a")) ;
  ck_assert(m("a*", "abc")) ;
  ck_assert(!m("a*", "")) ;
  ck_assert(m("*warn*", "warning: x")) ;
  ck_assert(m("*warn*", "xwarn")) ;
  /* no backtracking: *b stops at the first b, then the line must end */
  ck_assert(m("*b", "b")) ;
  ck_assert(m("*b", "ab")) ;
  ck_assert(!m("*b", "abb")) ;
  ck_assert(!m("*b", "abc")) ;
  ck_assert(!m("*b", "ac")) ;
}
END_TEST

START_TEST(test_star_special_stop)
{
  /* "**" means "contains a *": the second star is the stop byte, then ends the pattern */
  ck_assert(m("**", "*")) ;
  ck_assert(m("**", "a*")) ;
  ck_assert(!m("**", "a")) ;
  ck_assert(!m("**", "")) ;
  /* "*+a": stop at the first '+', which must then be a run of 'a's: never true */
  ck_assert(!m("*+a", "b+a")) ;
  ck_assert(!m("*+a", "a")) ;
}
END_TEST

START_TEST(test_plus)
{
  ck_assert(m("a+b", "ab")) ;
  ck_assert(m("a+b", "abbb")) ;
  ck_assert(!m("a+b", "abc")) ;
  ck_assert(!m("a+b", "b")) ;
  ck_assert(m("+a", "a")) ;
  ck_assert(m("+a", "aa")) ;
  ck_assert(!m("+a", "b")) ;
  ck_assert(m("x+yz", "xyyz")) ;
  /* runit: a run that ends the line matches, whatever the pattern still holds */
  ck_assert(m("a+bc", "ab")) ;
  ck_assert(m("a+bc", "abc")) ;
  ck_assert(m("a+bc", "abbc")) ;
  ck_assert(!m("a+bc", "abd")) ;
}
END_TEST

START_TEST(test_past_the_end)
{
  /* where runit reads leftover memory, we answer no */
  ck_assert(!m("a+bc", "a")) ;
  ck_assert(!m("+a", "")) ;
  ck_assert(!m("+", "")) ;
  ck_assert(!m("x+", "x")) ;
  ck_assert(!m("x+", "x+")) ;
}
END_TEST

START_TEST(test_binary_and_length)
{
  /* lengths are explicit: NUL bytes are ordinary bytes */
  ck_assert(logpattern_match("a\0b", 3, "a\0b", 3)) ;
  ck_assert(!logpattern_match("a\0b", 3, "a\0c", 3)) ;
  ck_assert(logpattern_match("*\0", 2, "xy\0", 3)) ;
  /* only the first len bytes are offered: the caller truncates to -l */
  ck_assert(m("*b", "ab")) ;
  ck_assert(!logpattern_match("ab", 2, "abc", 3)) ;
  ck_assert(logpattern_match("ab", 2, "abc", 2)) ;
}
END_TEST

CHECK_MAIN("logpattern", test_literal, test_star, test_star_special_stop, test_plus, test_past_the_end,
           test_binary_and_length)
