/* check_namequote.c - names escaped for lines of output: what is escaped, how, the cut. */
#include <string.h>
#include <skalibs/skamisc.h>
#include <skalibs/stralloc.h>
#include "checkmain.h"
#include "namequote.h"

/* esc: NAME (LEN bytes) escaped, NUL-terminated, in a buffer of ours */
static char const *esc (char const *name, size_t len)
{
  static stralloc sa = STRALLOC_ZERO ;
  sa.len = 0 ;
  ck_assert(namequote_escape(&sa, name, len)) ;
  ck_assert(stralloc_0(&sa)) ;
  return sa.s ;
}

START_TEST(test_printable_unchanged)
{
  /* every usual name, and the printable bytes a name may hold, as they are */
  ck_assert_str_eq(esc("web", 3), "web") ;
  ck_assert_str_eq(esc("php-fpm_8.2 \"x\" 'y' %n ~", 24), "php-fpm_8.2 \"x\" 'y' %n ~") ;
  ck_assert_str_eq(namequote_show("db@1"), "db@1") ;
}
END_TEST

START_TEST(test_controls_escaped)
{
  /* a newline would end the line and forge the next one */
  ck_assert_str_eq(esc("evil\nweb", 8), "evil\\nweb") ;
  ck_assert_str_eq(esc("a\tb\rc\x1b[2J", 9), "a\\tb\\rc\\0x1b[2J") ;
  ck_assert_str_eq(esc("back\\slash", 10), "back\\\\slash") ;
  ck_assert_str_eq(esc("\x7f", 1), "\\0x7f") ;
  ck_assert_str_eq(esc("caf\xc3\xa9", 5), "caf\\0xc3\\0xa9") ;
  ck_assert_str_eq(namequote_show("evil\nweb"), "evil\\nweb") ;
  /* no byte of an escaped name ends or breaks a line */
  for (unsigned int c = 1 ; c < 256 ; c++)
  {
    char b = (char)c ;
    char const *s = esc(&b, 1) ;
    for (char const *x = s ; *x ; x++) ck_assert_msg(*x >= 0x20 && *x < 0x7f, "byte %u escaped to [%s]", c, s) ;
  }
}
END_TEST

START_TEST(test_round_trip)
{
  /* skalibs' string_unquote gives the name back */
  static char const name[] = "e\nv\ti\\l\x01\xff web" ;
  char back[64] ;
  char const *s = esc(name, sizeof(name) - 1) ;
  ssize_t n = string_unquote_nodelim(back, s, strlen(s)) ;
  ck_assert_int_eq(n, (ssize_t)sizeof(name) - 1) ;
  ck_assert(!memcmp(back, name, sizeof(name) - 1)) ;
}
END_TEST

START_TEST(test_fit_cuts_between_escapes)
{
  char out[16] ;
  ck_assert_int_eq(namequote_fit(out, 8, "web", 3), 3) ;
  ck_assert_str_eq(out, "web") ;
  ck_assert_int_eq(namequote_fit(out, 8, "abcdefghij", 10), 8) ;
  ck_assert_str_eq(out, "abcdefgh") ;
  /* "ab\n" is "ab\\n", 4 bytes; "\x01" after it is 5 more: cut before it, not inside */
  ck_assert_int_eq(namequote_fit(out, 8, "ab\n\x01z", 5), 4) ;
  ck_assert_str_eq(out, "ab\\n") ;
  ck_assert_int_eq(namequote_fit(out, 9, "ab\n\x01z", 5), 9) ;
  ck_assert_str_eq(out, "ab\\n\\0x01") ;
  ck_assert_int_eq(namequote_fit(out, 8, "", 0), 0) ;
  ck_assert_str_eq(out, "") ;
}
END_TEST

CHECK_MAIN("namequote", test_printable_unchanged, test_controls_escaped, test_round_trip, test_fit_cuts_between_escapes)
