/* check_lineprefix.c - prefixed whole-line output: formats, batching, long lines, the end. */
#include <string.h>
#include "checkmain.h"
#include "lineprefix.h"

/* what the writes gave: all bytes, and how many writes (each must be whole lines) */
static char got[65536] ;
static size_t gotlen ;
static unsigned int writes ;

static void collect (char const *s, size_t len, void *ctx)
{
  (void)ctx ;
  ck_assert_msg(len <= LINEPREFIX_MAX, "a write of %zu bytes", len) ;
  ck_assert_msg(len && s[len - 1] == '\n', "a write that does not end a line") ;
  ck_assert(gotlen + len <= sizeof(got)) ;
  memcpy(got + gotlen, s, len) ;
  gotlen += len ;
  writes++ ;
}

static void reset (void)
{
  gotlen = 0 ;
  writes = 0 ;
  got[0] = 0 ;
}

static void mk (lineprefix *p, char const *fmt, char const *name)
{
  memset(p, 0, sizeof(*p)) ;
  ck_assert_msg(lineprefix_format(p, fmt), "format [%s] refused", fmt) ;
  ck_assert(lineprefix_name(p, name, strlen(name))) ;
}

START_TEST(test_formats)
{
  lineprefix p ;
  char out[LINEPREFIX_PREFIXMAX] ;
  size_t n ;
  mk(&p, "1", "web") ;
  n = lineprefix_expand(&p, out, 0, 0) ;
  ck_assert_int_eq(n, 5) ;
  ck_assert(!memcmp(out, "web: ", 5)) ;
  mk(&p, "%t %n| 100%% ", "db") ;
  n = lineprefix_expand(&p, out, 1796187662, 345) ;  /* 2026-12-02T05:01:02Z */
  out[n] = 0 ;
  ck_assert_str_eq(out, "2026-12-02T05:01:02.345Z db| 100% ") ;
  ck_assert(!lineprefix_format(&p, "")) ;
  ck_assert(!lineprefix_format(&p, "%x")) ;
  ck_assert(!lineprefix_format(&p, "50%")) ;
  ck_assert(!lineprefix_format(&p, "%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t%t")) ;  /* too long */
}
END_TEST

/* found by tests/fuzz/fuzz_lineprefix: 32 %n take 32 names of 64 bytes,
   2048 bytes, more than the LINEPREFIX_PREFIXMAX the prefix is expanded
   into; the format was accepted and the expansion overran the stack */
START_TEST(test_format_many_names)
{
  static char const name[LINEPREFIX_NAMEMAX + 1] =
    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" ;
  lineprefix p ;
  char out[LINEPREFIX_PREFIXMAX] ;
  char fmt[LINEPREFIX_FMTMAX + 1] ;
  unsigned int k ;
  ck_assert(!lineprefix_format(&p, "%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n%n")) ;
  /* every format accepted expands into LINEPREFIX_PREFIXMAX bytes, with the longest name */
  for (k = 1 ; 2 * k <= LINEPREFIX_FMTMAX ; k++)
  {
    for (unsigned int i = 0 ; i < k ; i++) memcpy(fmt + 2 * i, "%n", 2) ;
    fmt[2 * k] = 0 ;
    if (!lineprefix_format(&p, fmt)) break ;
    lineprefix_name(&p, name, LINEPREFIX_NAMEMAX) ;
    ck_assert_uint_le(lineprefix_expand(&p, out, 0, 0), LINEPREFIX_PREFIXMAX) ;
  }
  ck_assert_uint_gt(k, 1) ;
}
END_TEST

START_TEST(test_lines_batch)
{
  lineprefix p ;
  mk(&p, "1", "a") ;
  reset() ;
  lineprefix_feed(&p, "one\ntwo\nthr", 11, 0, 0, &collect, 0) ;
  got[gotlen] = 0 ;
  ck_assert_str_eq(got, "a: one\na: two\n") ;
  ck_assert_int_eq(writes, 1) ;  /* one write for both lines */
  lineprefix_feed(&p, "ee\n\n", 4, 0, 0, &collect, 0) ;
  got[gotlen] = 0 ;
  ck_assert_str_eq(got, "a: one\na: two\na: three\na: \n") ;
  reset() ;
  lineprefix_feed(&p, "no end", 6, 0, 0, &collect, 0) ;
  ck_assert_int_eq(writes, 0) ;
  lineprefix_flush(&p, 0, 0, &collect, 0) ;
  got[gotlen] = 0 ;
  ck_assert_str_eq(got, "a: no end\n") ;
  reset() ;
  lineprefix_flush(&p, 0, 0, &collect, 0) ;
  ck_assert_int_eq(writes, 0) ;
}
END_TEST

START_TEST(test_many_lines_fill_writes)
{
  lineprefix p ;
  char in[20000] ;
  size_t n = 0 ;
  mk(&p, "1", "s") ;
  reset() ;
  for (int i = 0 ; i < 1000 ; i++) { memcpy(in + n, "0123456789abcdefgh\n", 19) ; n += 19 ; }
  lineprefix_feed(&p, in, n, 0, 0, &collect, 0) ;
  ck_assert_int_eq(gotlen, 1000 * 22) ;
  ck_assert_uint_le(writes, 1000 * 22 / (LINEPREFIX_MAX - 22) + 1) ;
}
END_TEST

START_TEST(test_long_line_in_pieces)
{
  lineprefix p ;
  static char in[3 * LINEPREFIX_MAX] ;
  size_t pieces = 0, total = 0 ;
  mk(&p, "1", "long") ;
  reset() ;
  memset(in, 'x', sizeof(in) - 1) ;
  in[sizeof(in) - 1] = '\n' ;
  /* fed in odd chunks: a piece is cut at the same places whatever the reads */
  for (size_t off = 0 ; off < sizeof(in) ; off += 1000)
    lineprefix_feed(&p, in + off, sizeof(in) - off < 1000 ? sizeof(in) - off : 1000, 0, 0, &collect, 0) ;
  for (size_t i = 0 ; i < gotlen ; )
  {
    char const *nl = memchr(got + i, '\n', gotlen - i) ;
    size_t len = (size_t)(nl - (got + i)) ;
    ck_assert(!memcmp(got + i, "long: ", 6)) ;
    ck_assert_uint_le(len + 1, LINEPREFIX_MAX) ;
    if (i + len + 1 < gotlen) { ck_assert(got[i + len - 1] == '\\') ; total += len - 7 ; }
    else { ck_assert(got[i + len - 1] == 'x') ; total += len - 6 ; }
    pieces++ ;
    i += len + 1 ;
  }
  ck_assert_uint_eq(total, sizeof(in) - 1) ;
  ck_assert_uint_eq(pieces, 4) ;
}
END_TEST

/* a name with a newline forged a line ("evil\nweb" made "web: hello"):
   %n shows it escaped (namequote.h), cut between escapes */
START_TEST(test_name_escaped)
{
  lineprefix p ;
  char out[LINEPREFIX_PREFIXMAX] ;
  char name[LINEPREFIX_NAMEMAX] ;
  size_t n ;
  mk(&p, "1", "evil\nweb") ;
  n = lineprefix_expand(&p, out, 0, 0) ;
  out[n] = 0 ;
  ck_assert_str_eq(out, "evil\\nweb: ") ;
  reset() ;
  lineprefix_feed(&p, "hello\n", 6, 0, 0, &collect, 0) ;
  got[gotlen] = 0 ;
  ck_assert_str_eq(got, "evil\\nweb: hello\n") ;
  ck_assert_uint_eq(writes, 1) ;
  /* 64 newlines: 128 bytes escaped, cut to the 32 whole escapes that fit */
  memset(name, '\n', sizeof(name)) ;
  ck_assert(lineprefix_name(&p, name, sizeof(name))) ;
  ck_assert_uint_eq(strlen(p.name), LINEPREFIX_NAMEMAX) ;
  ck_assert(!memchr(p.name, '\n', LINEPREFIX_NAMEMAX)) ;
  ck_assert(!memcmp(p.name, "\\n\\n", 4)) ;
  /* 0x01 is 5 bytes escaped: 12 fit in 64, not 12.8 */
  memset(name, 1, sizeof(name)) ;
  ck_assert(lineprefix_name(&p, name, sizeof(name))) ;
  ck_assert_uint_eq(strlen(p.name), 60) ;
}
END_TEST

CHECK_MAIN("lineprefix", test_formats, test_format_many_names, test_lines_batch, test_many_lines_fill_writes, test_long_line_in_pieces, test_name_escaped)
