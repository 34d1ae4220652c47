/* check_logcfg.c - svlogd's config language: every directive, defaults, garbage. */
#include "checkmain.h"
#include <stdio.h>
#include <string.h>
#include "logcfg.h"

/* the warnings of the last parse, "LINE:WHAT:TEXT|" each */
static char warned[4096] ;

static void warn (void *ctx, unsigned int line, char const *what, char const *text, size_t len)
{
  size_t n = strlen(warned) ;
  (void)ctx ;
  n += (size_t)snprintf(warned + n, sizeof warned - n, "%u:%s:", line, what) ;
  if (len > sizeof warned - n - 2) len = sizeof warned - n - 2 ;
  memcpy(warned + n, text, len) ;
  warned[n + len] = '|' ;
  warned[n + len + 1] = 0 ;
}

static logcfg c = LOGCFG_ZERO ;

static void parse (char const *s)
{
  warned[0] = 0 ;
  ck_assert(logcfg_parse(&c, s, strlen(s), &warn, 0)) ;
}

START_TEST(test_defaults)
{
  parse("") ;
  ck_assert(c.size == 1000000) ;
  ck_assert_uint_eq(c.nmax, 10) ;
  ck_assert_uint_eq(c.nmin, 10) ;
  ck_assert_uint_eq(c.timeout, 0) ;
  ck_assert_int_eq(c.udp, 0) ;
  ck_assert_uint_eq(c.processorlen, 0) ;
  ck_assert_uint_eq(c.prefixlen, 0) ;
  ck_assert_uint_eq(logcfg_npatterns(&c), 0) ;
  ck_assert_str_eq(warned, "") ;
}
END_TEST

START_TEST(test_size)
{
  parse("s100\n") ;
  ck_assert(c.size == 100) ;
  parse("s4k\n") ;
  ck_assert(c.size == 4096) ;
  parse("s2m") ;
  ck_assert(c.size == 2097152) ;
  parse("s0\n") ;
  ck_assert(c.size == 0) ;
  /* blanks after the value are fine (editors leave \r and spaces) */
  parse("s100 \t\r\n") ;
  ck_assert(c.size == 100) ;
  ck_assert_str_eq(warned, "") ;
  /* the last one wins */
  parse("s100\ns200\n") ;
  ck_assert(c.size == 200) ;
}
END_TEST

START_TEST(test_counts_and_timeout)
{
  parse("n3\nN1\nt60\n") ;
  ck_assert_uint_eq(c.nmax, 3) ;
  ck_assert_uint_eq(c.nmin, 1) ;
  ck_assert_uint_eq(c.timeout, 60) ;
  parse("t2m\n") ;
  ck_assert_uint_eq(c.timeout, 120) ;
  parse("t3h\n") ;
  ck_assert_uint_eq(c.timeout, 10800) ;
  parse("n0\nt0\n") ;
  ck_assert_uint_eq(c.nmax, 0) ;
  ck_assert_uint_eq(c.timeout, 0) ;
  /* the defaults come back on every parse (svlogd re-reads on SIGHUP) */
  parse("s5\n") ;
  ck_assert_uint_eq(c.nmax, 10) ;
  ck_assert_uint_eq(c.timeout, 0) ;
  ck_assert_str_eq(warned, "") ;
}
END_TEST

START_TEST(test_strings)
{
  parse("!gzip -c \np[svc] \n") ;
  /* the argument is the rest of the line, trailing blanks included */
  ck_assert_uint_eq(c.processorlen, 8) ;
  ck_assert_str_eq(logcfg_text(&c, c.processor), "gzip -c ") ;
  ck_assert_uint_eq(c.prefixlen, 6) ;
  ck_assert_str_eq(logcfg_text(&c, c.prefix), "[svc] ") ;
  /* empty ones are ignored and do not erase an earlier one */
  parse("pA:\np\n!\n") ;
  ck_assert_str_eq(logcfg_text(&c, c.prefix), "A:") ;
  ck_assert_uint_eq(c.processorlen, 0) ;
  ck_assert_str_eq(warned, "") ;
}
END_TEST

START_TEST(test_patterns)
{
  logcfg_pattern *p ;
  parse("-*\n+*error*\ne*warn*\nE*debug*\n+\n# -ignored\n") ;
  ck_assert_uint_eq(logcfg_npatterns(&c), 5) ;
  p = logcfg_pattern_at(&c, 0) ;
  ck_assert_int_eq(p->op, '-') ;
  ck_assert_str_eq(logcfg_text(&c, p->pos), "*") ;
  p = logcfg_pattern_at(&c, 1) ;
  ck_assert_int_eq(p->op, '+') ;
  ck_assert_str_eq(logcfg_text(&c, p->pos), "*error*") ;
  ck_assert_uint_eq(p->len, 7) ;
  p = logcfg_pattern_at(&c, 2) ;
  ck_assert_int_eq(p->op, 'e') ;
  p = logcfg_pattern_at(&c, 3) ;
  ck_assert_int_eq(p->op, 'E') ;
  ck_assert_str_eq(logcfg_text(&c, p->pos), "*debug*") ;
  /* an empty pattern is legal: it matches empty lines */
  p = logcfg_pattern_at(&c, 4) ;
  ck_assert_int_eq(p->op, '+') ;
  ck_assert_uint_eq(p->len, 0) ;
  ck_assert_str_eq(warned, "") ;
}
END_TEST

START_TEST(test_udp)
{
  parse("u127.0.0.1\n") ;
  ck_assert_int_eq(c.udp, 'u') ;
  ck_assert_mem_eq(c.ip, "\177\0\0\1", 4) ;
  ck_assert_uint_eq(c.port, 514) ;
  parse("U10.1.2.3:5140 \n") ;
  ck_assert_int_eq(c.udp, 'U') ;
  ck_assert_mem_eq(c.ip, "\12\1\2\3", 4) ;
  ck_assert_uint_eq(c.port, 5140) ;
  ck_assert_str_eq(warned, "") ;
}
END_TEST

START_TEST(test_udp_garbage)
{
  /* runit's own words for these two */
  parse("ulocalhost\n") ;
  ck_assert_int_eq(c.udp, 0) ;
  ck_assert_str_eq(warned, "1:unable to scan ip address:localhost|") ;
  parse("u1.2.3\n") ;
  ck_assert_str_eq(warned, "1:unable to scan ip address:1.2.3|") ;
  parse("u\n") ;
  ck_assert_str_eq(warned, "1:unable to scan ip address:|") ;
  parse("u127.0.0.1:x\n") ;
  ck_assert_int_eq(c.udp, 0) ;
  ck_assert_str_eq(warned, "1:unable to scan port number:x|") ;
  parse("u127.0.0.1:0\n") ;
  ck_assert_str_eq(warned, "1:unable to scan port number:0|") ;
  /* runit wraps 99999 to some other port; we refuse it */
  parse("u127.0.0.1:99999\n") ;
  ck_assert_int_eq(c.udp, 0) ;
  ck_assert_str_eq(warned, "1:unable to scan port number:99999|") ;
  /* a bad line does not undo a good one */
  parse("u127.0.0.1:600\nU1.2.3\n") ;
  ck_assert_int_eq(c.udp, 'u') ;
  ck_assert_uint_eq(c.port, 600) ;
}
END_TEST

START_TEST(test_bad_numbers)
{
  /* runit reads these as 0 (never rotate!); we warn and keep the default */
  parse("sfoo\ns-5\ns 100\ns\n") ;
  ck_assert(c.size == 1000000) ;
  ck_assert_str_eq(warned, "1:unable to scan size:foo|2:unable to scan size:-5|3:unable to scan size: 100|4:unable to scan size:|") ;
  parse("nx\nN\ntfoo\n") ;
  ck_assert_uint_eq(c.nmax, 10) ;
  ck_assert_uint_eq(c.nmin, 10) ;
  ck_assert_uint_eq(c.timeout, 0) ;
  ck_assert_str_eq(warned, "1:unable to scan number of files:x|2:unable to scan minimum number of files:|3:unable to scan timeout:foo|") ;
}
END_TEST

START_TEST(test_trailing_garbage)
{
  /* runit uses the number and drops the rest; we do too, and say so */
  parse("s100x\nn5 files\n") ;
  ck_assert(c.size == 100) ;
  ck_assert_uint_eq(c.nmax, 5) ;
  ck_assert_str_eq(warned, "1:trailing garbage ignored:s100x|2:trailing garbage ignored:n5 files|") ;
  /* a suffix the directive does not know is garbage too */
  parse("t5k\n") ;
  ck_assert_uint_eq(c.timeout, 5) ;
  ck_assert_str_eq(warned, "1:trailing garbage ignored:t5k|") ;
}
END_TEST

START_TEST(test_overlong_values)
{
  char big[300] ;
  parse("s18446744073709551615\n") ;
  ck_assert(c.size == UINT64_MAX) ;
  parse("s18446744073709551616\n") ;
  ck_assert(c.size == 1000000) ;
  ck_assert_str_eq(warned, "1:unable to scan size:18446744073709551616|") ;
  parse("s18014398509481984k\n") ;  /* 2^54 * 1024 overflows */
  ck_assert(c.size == 1000000) ;
  parse("n4294967296\nt4294967295\n") ;
  ck_assert_uint_eq(c.nmax, 10) ;
  ck_assert_uint_eq(c.timeout, 4294967295u) ;
  parse("t1193047h\n") ;  /* 1193047 * 3600 > 2^32 */
  ck_assert_uint_eq(c.timeout, 0) ;
  ck_assert_str_eq(warned, "1:unable to scan timeout:1193047h|") ;
  /* long strings are kept whole */
  memset(big, 'x', sizeof big) ;
  big[0] = 'p' ;
  big[sizeof big - 1] = 0 ;
  parse(big) ;
  ck_assert_uint_eq(c.prefixlen, sizeof big - 2) ;
  ck_assert_str_eq(logcfg_text(&c, c.prefix), big + 1) ;
}
END_TEST

START_TEST(test_garbage_lines)
{
  /* empty and blank lines and comments are silent; anything else is named */
  parse("\n   \n#c\n s10\nS50\nxyz\ns20") ;
  ck_assert(c.size == 20) ;
  ck_assert_str_eq(warned, "4:unknown directive ignored: s10|5:unknown directive ignored:S50|6:unknown directive ignored:xyz|") ;
  /* binary junk: no crash, NUL bytes included */
  {
    static char const junk[] = "\0\1\2s5\0\n\377\376\n+a\0b\n" ;
    warned[0] = 0 ;
    ck_assert(logcfg_parse(&c, junk, sizeof junk - 1, &warn, 0)) ;
    ck_assert(c.size == 1000000) ;
    ck_assert_uint_eq(logcfg_npatterns(&c), 1) ;
    ck_assert_uint_eq(logcfg_pattern_at(&c, 0)->len, 3) ;
  }
  /* a final line without newline counts, even one byte long (runit drops it) */
  parse("s7\n+") ;
  ck_assert(c.size == 7) ;
  ck_assert_uint_eq(logcfg_npatterns(&c), 1) ;
  /* no callback: still parses */
  ck_assert(logcfg_parse(&c, "sfoo\nn2\n", 8, 0, 0)) ;
  ck_assert_uint_eq(c.nmax, 2) ;
  logcfg_free(&c) ;
}
END_TEST

CHECK_MAIN("logcfg", test_defaults, test_size, test_counts_and_timeout, test_strings, test_patterns,
           test_udp, test_udp_garbage, test_bad_numbers, test_trailing_garbage, test_overlong_values,
           test_garbage_lines)
