/* check_svjson.c - JSON strings: escapes, UTF-8 kept or escaped, round trips. */
#include <string.h>
#include <sys/wait.h>
#include "checkmain.h"
#include "tai64n.h"
#include "svjson.h"

/* is: S (N bytes) escapes to WANT, and the length-only call agrees */
static void is (char const *s, size_t n, char const *want)
{
  char d[2 + SVJSON_MAXPERBYTE * 64] ;
  size_t len = svjson_string(d, s, n) ;
  ck_assert_uint_eq(svjson_string(0, s, n), len) ;
  ck_assert_msg(len == strlen(want) && !memcmp(d, want, len), "got [%.*s], want [%s]", (int)len, d, want) ;
}

/* unescape: what a JSON reader gets back, one byte per \u00XX (the only
   \u form svjson writes); returns the length, or -1 if D is not of that form */
static long unescape (char const *d, size_t n, unsigned char *out)
{
  size_t i = 1, w = 0 ;
  if (n < 2 || d[0] != '"' || d[n - 1] != '"') return -1 ;
  while (i < n - 1)
  {
    unsigned char c = (unsigned char)d[i] ;
    if (c == '"' || c < 0x20) return -1 ;  /* must have been escaped */
    if (c != '\\') { out[w++] = c ; i++ ; continue ; }
    if (i + 1 >= n - 1) return -1 ;
    switch (d[i + 1])
    {
      case '"' : out[w++] = '"' ; i += 2 ; break ;
      case '\\' : out[w++] = '\\' ; i += 2 ; break ;
      case 'n' : out[w++] = '\n' ; i += 2 ; break ;
      case 't' : out[w++] = '\t' ; i += 2 ; break ;
      case 'r' : out[w++] = '\r' ; i += 2 ; break ;
      case 'b' : out[w++] = '\b' ; i += 2 ; break ;
      case 'f' : out[w++] = '\f' ; i += 2 ; break ;
      case 'u' :
      {
        unsigned int v = 0 ;
        if (i + 6 > n - 1 || d[i + 2] != '0' || d[i + 3] != '0') return -1 ;
        for (int k = 4 ; k < 6 ; k++)
        {
          char h = d[i + k] ;
          v = v * 16 + (unsigned int)(h >= 'a' ? h - 'a' + 10 : h - '0') ;
        }
        out[w++] = (unsigned char)v ;
        i += 6 ;
        break ;
      }
      default : return -1 ;
    }
  }
  return (long)w ;
}

START_TEST(test_escapes)
{
  is("", 0, "\"\"") ;
  is("web", 3, "\"web\"") ;
  is("a\"b\\c", 5, "\"a\\\"b\\\\c\"") ;
  is("\n\t\r\b\f", 5, "\"\\n\\t\\r\\b\\f\"") ;
  is("\001\037\177", 3, "\"\\u0001\\u001f\177\"") ;
  is("a\0b", 3, "\"a\\u0000b\"") ;
  is("/", 1, "\"/\"") ;
}
END_TEST

START_TEST(test_utf8)
{
  is("caf\xc3\xa9", 5, "\"caf\xc3\xa9\"") ;                    /* U+00E9 kept */
  is("\xe2\x82\xac", 3, "\"\xe2\x82\xac\"") ;                  /* U+20AC */
  is("\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\"") ;          /* U+1F600 */
  is("\xf4\x8f\xbf\xbf", 4, "\"\xf4\x8f\xbf\xbf\"") ;          /* U+10FFFF, the last */
  is("\xe9", 1, "\"\\u00e9\"") ;                               /* Latin-1, not UTF-8 */
  is("\x80", 1, "\"\\u0080\"") ;                               /* stray continuation */
  is("\xc3", 1, "\"\\u00c3\"") ;                               /* truncated */
  is("\xc3(", 2, "\"\\u00c3(\"") ;
  is("\xc0\xaf", 2, "\"\\u00c0\\u00af\"") ;                    /* overlong '/' */
  is("\xe0\x80\xaf", 3, "\"\\u00e0\\u0080\\u00af\"") ;         /* overlong, 3 bytes */
  is("\xed\xa0\x80", 3, "\"\\u00ed\\u00a0\\u0080\"") ;         /* a surrogate */
  is("\xf4\x90\x80\x80", 4, "\"\\u00f4\\u0090\\u0080\\u0080\"") ; /* past U+10FFFF */
  is("\xf5\x80\x80\x80", 4, "\"\\u00f5\\u0080\\u0080\\u0080\"") ;
  is("\xff\xfe", 2, "\"\\u00ff\\u00fe\"") ;
}
END_TEST

/* every string of one and two bytes, and some of three: the output is of the
   form unescape reads, and reads back as the input */
START_TEST(test_round_trip)
{
  char d[2 + SVJSON_MAXPERBYTE * 3] ;
  unsigned char in[3], out[3 * SVJSON_MAXPERBYTE] ;
  for (unsigned int v = 0 ; v < 65536 + 256 ; v++)
  {
    size_t n = v < 256 ? 1 : 2 ;
    size_t len ;
    long got ;
    if (n == 1) in[0] = (unsigned char)v ;
    else { in[0] = (unsigned char)((v - 256) >> 8) ; in[1] = (unsigned char)(v - 256) ; }
    len = svjson_string(d, (char *)in, n) ;
    ck_assert_uint_le(len, 2 + SVJSON_MAXPERBYTE * n) ;
    got = unescape(d, len, out) ;
    ck_assert_msg(got == (long)n && !memcmp(in, out, n), "byte pair %u does not read back", v) ;
  }
  for (unsigned int v = 0 ; v < (1u << 24) ; v += 251)
  {
    size_t len ;
    in[0] = (unsigned char)(v >> 16) ; in[1] = (unsigned char)(v >> 8) ; in[2] = (unsigned char)v ;
    len = svjson_string(d, (char *)in, 3) ;
    ck_assert_msg(unescape(d, len, out) == 3 && !memcmp(in, out, 3), "bytes %06x do not read back", v) ;
  }
}
END_TEST

/* time_is: the label of Unix time SECS + NANO reads WANT */
static void time_is (int64_t secs, uint32_t nano, char const *want)
{
  char d[SVJSON_TIME_FMT] ;
  tain t ;
  size_t len ;
  tai64n_from_unix(&t, secs, nano) ;
  len = svjson_time(d, &t) ;
  ck_assert_msg(len == strlen(want) && !memcmp(d, want, len), "got [%.*s], want [%s]", (int)len, d, want) ;
}

START_TEST(test_time)
{
  /* runit's labels are 2^62 + 10 + Unix seconds, no leap seconds: not skalibs' clock */
  time_is(1764683624, 123456500, "1764683624.123456500") ;
  time_is(0, 0, "0.000000000") ;
  time_is(5, 7, "5.000000007") ;
  /* a label before 1970 (a zeroed or garbage status) still reads as its number */
  time_is(-5, 500000000, "-4.500000000") ;
  time_is(-5, 0, "-5.000000000") ;
  {
    /* the all-zero label: far before 1970, and it fits */
    char d[SVJSON_TIME_FMT] ;
    tain z = TAIN_ZERO ;
    size_t len = svjson_time(d, &z) ;
    ck_assert_uint_le(len, SVJSON_TIME_FMT) ;
    ck_assert_msg(len == 30 && !memcmp(d, "-4611686018427387914.000000000", len), "got [%.*s]", (int)len, d) ;
  }
}
END_TEST

/* state_is: FMT (an svjson_* member of a state) of SS reads WANT, within MAX */
static void state_is (size_t (*fmt) (char *, superstate const *), superstate const *ss, size_t max, char const *want)
{
  char d[SVJSON_SCHEDULE_FMT] ;
  size_t len = (*fmt)(d, ss) ;
  ck_assert_uint_le(len, max) ;
  ck_assert_msg(len == strlen(want) && !memcmp(d, want, len), "got [%.*s], want [%s]", (int)len, d, want) ;
}

START_TEST(test_exit)
{
  superstate ss = SUPERSTATE_ZERO ;
  state_is(svjson_exit, 0, SVJSON_EXIT_FMT, "null") ;
  /* a wait status without EXITED: nothing has ended yet */
  ss.lastwstat = 3 << 8 ;
  state_is(svjson_exit, &ss, SVJSON_EXIT_FMT, "null") ;
  ss.flags = SUPERSTATE_EXITED ;
  state_is(svjson_exit, &ss, SVJSON_EXIT_FMT, "{\"code\":3}") ;
  ss.lastwstat = 9 ;  /* killed by SIGKILL */
  state_is(svjson_exit, &ss, SVJSON_EXIT_FMT, "{\"signal\":9}") ;
}
END_TEST

START_TEST(test_check)
{
  superstate ss = SUPERSTATE_ZERO ;
  state_is(svjson_check, 0, SVJSON_CHECK_FMT, "null") ;
  /* no check-interval: no check, whatever else */
  ss.check_failures = 2 ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "null") ;
  ss.check_interval = 5000 ;
  ss.check_failures = 0 ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "{\"interval_ms\":5000,\"failures\":0,\"last\":null,\"last_at\":null}") ;
  ss.check_failures = 2 ;
  ss.check_last = SUPERSTATE_CHECK_FAIL ;
  tai64n_from_unix(&ss.check_at, 1764683624, 123456500) ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "{\"interval_ms\":5000,\"failures\":2,\"last\":\"fail\",\"last_at\":1764683624.123456500}") ;
  ss.check_last = SUPERSTATE_CHECK_PASS ;
  ss.check_failures = 0 ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "{\"interval_ms\":5000,\"failures\":0,\"last\":\"pass\",\"last_at\":1764683624.123456500}") ;
  /* a result this sv does not know of: null */
  ss.check_last = 7 ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "{\"interval_ms\":5000,\"failures\":0,\"last\":null,\"last_at\":1764683624.123456500}") ;
  /* the longest fits */
  ss.check_interval = ss.check_failures = 4294967295u ;
  tai64n_from_unix(&ss.check_at, -5, 1) ;
  state_is(svjson_check, &ss, SVJSON_CHECK_FMT, "{\"interval_ms\":4294967295,\"failures\":4294967295,\"last\":null,\"last_at\":-4.999999999}") ;
}
END_TEST

START_TEST(test_schedule)
{
  superstate ss = SUPERSTATE_ZERO ;
  state_is(svjson_schedule, 0, SVJSON_SCHEDULE_FMT, "null") ;
  state_is(svjson_schedule, &ss, SVJSON_SCHEDULE_FMT, "null") ;
  ss.sched_flags = SUPERSTATE_SCHED_ON ;
  memcpy(ss.spec, "*/5 * * * *", 11) ;
  ss.speclen = 11 ;
  state_is(svjson_schedule, &ss, SVJSON_SCHEDULE_FMT, "{\"spec\":\"*/5 * * * *\",\"next\":null,\"last_exit\":null,\"runs\":0,\"skipped\":0,\"valid\":true}") ;
  tai64n_from_unix(&ss.sched_next, 1764683700, 0) ;
  ss.sched_runs = 12 ;
  ss.sched_skipped = 1 ;
  ss.flags = SUPERSTATE_EXITED ;
  ss.lastwstat = 1 << 8 ;
  state_is(svjson_schedule, &ss, SVJSON_SCHEDULE_FMT, "{\"spec\":\"*/5 * * * *\",\"next\":1764683700.000000000,\"last_exit\":{\"code\":1},\"runs\":12,\"skipped\":1,\"valid\":true}") ;
  /* not valid: the clock starts nothing, next is none */
  ss.sched_flags |= SUPERSTATE_SCHED_BAD ;
  ss.sched_next = tain_zero ;
  memcpy(ss.spec, "bad \"x\"\n", 8) ;
  ss.speclen = 8 ;
  state_is(svjson_schedule, &ss, SVJSON_SCHEDULE_FMT, "{\"spec\":\"bad \\\"x\\\"\\n\",\"next\":null,\"last_exit\":{\"code\":1},\"runs\":12,\"skipped\":1,\"valid\":false}") ;
  /* the longest fits: every spec byte escaped, every number at its widest */
  {
    char d[SVJSON_SCHEDULE_FMT] ;
    memset(ss.spec, 1, SUPERSTATE_SPECMAX) ;
    ss.speclen = SUPERSTATE_SPECMAX ;
    ss.sched_runs = ss.sched_skipped = 4294967295u ;
    tai64n_from_unix(&ss.sched_next, -5, 1) ;
    ss.lastwstat = 9 ;
    ck_assert_uint_le(svjson_schedule(d, &ss), SVJSON_SCHEDULE_FMT) ;
    /* and a length beyond the state's room is cut to it */
    ss.speclen = 60000 ;
    ck_assert_uint_le(svjson_schedule(d, &ss), SVJSON_SCHEDULE_FMT) ;
  }
}
END_TEST

CHECK_MAIN("svjson", test_escapes, test_utf8, test_round_trip, test_time, test_exit, test_check, test_schedule)
