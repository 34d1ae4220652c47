/* check_superstate.c - supervise/state: the documented bytes, round trips, bad files. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include "checkmain.h"
#include "tai64n.h"
#include "superstate.h"

static superstate sample (void)
{
  superstate st = SUPERSTATE_ZERO ;
  st.flags = SUPERSTATE_DECLARES | SUPERSTATE_READY | SUPERSTATE_EXITED ;
  tai64n_from_unix(&st.readystamp, 1700000000, 5000) ;
  st.restarts = 0x01020304 ;
  st.lastwstat = 0x0100 ;  /* exit 1 */
  tai64n_from_unix(&st.nextstart, 1700000009, 7000) ;
  st.failures = 3 ;
  st.leftovers = 0x0a0b ;
  st.window = 60 ;
  st.textlen = 5 ;
  memcpy(st.text, "ready", 5) ;
  return st ;
}

START_TEST(test_bytes)
{
  char s[SUPERSTATE_SIZE] ;
  superstate st = sample() ;
  size_t n = superstate_pack(s, &st) ;
  char label[12] ;
  ck_assert_uint_eq(n, SUPERSTATE_FIXED + 5) ;
  ck_assert_int_eq(s[0], 2) ;
  ck_assert_int_eq(s[1], 7) ;
  ck_assert_int_eq(s[2], 0) ;
  ck_assert_int_eq(s[3], 0) ;
  tai64n_pack(label, &st.readystamp) ;
  ck_assert(!memcmp(s + 4, label, 12)) ;
  ck_assert(!memcmp(s + 16, "\x01\x02\x03\x04", 4)) ;  /* big-endian */
  ck_assert(!memcmp(s + 20, "\x00\x00\x01\x00", 4)) ;
  tai64n_pack(label, &st.nextstart) ;
  ck_assert(!memcmp(s + 24, label, 12)) ;
  ck_assert(!memcmp(s + 36, "\x00\x00\x00\x03", 4)) ;
  ck_assert(!memcmp(s + 40, "\x00\x00\x0a\x0b", 4)) ;
  ck_assert(!memcmp(s + 44, "\x00\x00\x00\x3c", 4)) ;
  ck_assert(!memcmp(s + 48, "\x00\x05", 2)) ;
  ck_assert(!memcmp(s + 50, "ready", 5)) ;
}
END_TEST

/* no next start: twelve zero bytes, not the label of 1970 */
START_TEST(test_no_next_start)
{
  static char const zero[12] = { 0 } ;
  char s[SUPERSTATE_SIZE] ;
  superstate st = SUPERSTATE_ZERO, back = sample() ;
  size_t n = superstate_pack(s, &st) ;
  ck_assert(!memcmp(s + 24, zero, 12)) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert(!tai_sec(tain_secp(&back.nextstart))) ;
}
END_TEST

/* found by tests/fuzz/fuzz_superstate: zero seconds with nanoseconds read as
   a start (sv -j's nextstart test saw one) that packing then dropped */
START_TEST(test_next_start_zero_seconds)
{
  char s[SUPERSTATE_SIZE] ;
  superstate st = SUPERSTATE_ZERO, back = sample() ;
  size_t n = superstate_pack(s, &st) ;
  memcpy(s + 24, "\0\0\0\0\0\0\0\0\x32\x01\0\0", 12) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert(!tai_sec(tain_secp(&back.nextstart)) && !back.nextstart.nano) ;
}
END_TEST

/* version 1, as the runsv before this one wrote it: read, the later members zero */
START_TEST(test_version_1)
{
  char s[SUPERSTATE_FIXED_V1 + 2] = { 1, 5, 0, 0 } ;
  superstate back = sample() ;
  memcpy(s + 16, "\x00\x00\x00\x09", 4) ;
  memcpy(s + 24, "\x00\x02", 2) ;
  memcpy(s + 26, "ok", 2) ;
  ck_assert_int_eq(superstate_unpack(s, sizeof(s), &back), 1) ;
  ck_assert_int_eq(back.flags, 5) ;
  ck_assert_uint_eq(back.restarts, 9) ;
  ck_assert_uint_eq(back.failures, 0) ;
  ck_assert_uint_eq(back.leftovers, 0) ;
  ck_assert_uint_eq(back.window, 0) ;
  ck_assert(!tai_sec(tain_secp(&back.nextstart))) ;
  ck_assert_uint_eq(back.textlen, 2) ;
  ck_assert(!memcmp(back.text, "ok", 2)) ;
  ck_assert_int_eq(superstate_unpack(s, sizeof(s) - 1, &back), 0) ;  /* its text cut */
}
END_TEST

START_TEST(test_round_trip)
{
  char s[SUPERSTATE_SIZE] ;
  superstate st = sample(), back = SUPERSTATE_ZERO ;
  size_t n ;
  st.lastwstat = -1 ;
  n = superstate_pack(s, &st) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert_int_eq(back.flags, st.flags) ;
  ck_assert(!tain_less(&back.readystamp, &st.readystamp) && !tain_less(&st.readystamp, &back.readystamp)) ;
  ck_assert_uint_eq(back.restarts, st.restarts) ;
  ck_assert_int_eq(back.lastwstat, -1) ;
  ck_assert(!tain_less(&back.nextstart, &st.nextstart) && !tain_less(&st.nextstart, &back.nextstart)) ;
  ck_assert_uint_eq(back.failures, 3) ;
  ck_assert_uint_eq(back.leftovers, 0x0a0b) ;
  ck_assert_uint_eq(back.window, 60) ;
  ck_assert_uint_eq(back.textlen, 5) ;
  ck_assert(!memcmp(back.text, "ready", 5)) ;
}
END_TEST

/* a text longer than the most is cut, never written past the buffer */
START_TEST(test_text_cut)
{
  char s[SUPERSTATE_SIZE] ;
  superstate st = SUPERSTATE_ZERO, back ;
  memset(st.text, 'x', SUPERSTATE_TEXTMAX) ;
  st.textlen = SUPERSTATE_TEXTMAX + 100 ;
  ck_assert_uint_eq(superstate_pack(s, &st), SUPERSTATE_FIXED + SUPERSTATE_TEXTMAX) ;
  ck_assert_int_eq(superstate_unpack(s, SUPERSTATE_FIXED + SUPERSTATE_TEXTMAX, &back), 1) ;
  ck_assert_uint_eq(back.textlen, SUPERSTATE_TEXTMAX) ;
}
END_TEST

/* version 3: the names waited for, only while there are some */
START_TEST(test_waiting)
{
  char s[SUPERSTATE_SIZE] ;
  superstate st = sample(), back = SUPERSTATE_ZERO ;
  size_t n = superstate_pack(s, &st) ;
  ck_assert_int_eq(s[0], 2) ;
  st.flags |= SUPERSTATE_WAITING ;
  memcpy(st.waiting, "db\ncache\n", 9) ;
  st.waitlen = 9 ;
  n = superstate_pack(s, &st) ;
  ck_assert_int_eq(s[0], 3) ;
  ck_assert_uint_eq(n, SUPERSTATE_FIXED + 5 + 2 + 9) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert(back.flags & SUPERSTATE_WAITING) ;
  ck_assert_uint_eq(back.waitlen, 9) ;
  ck_assert(!memcmp(back.waiting, "db\ncache\n", 9)) ;
  ck_assert(!memcmp(back.text, "ready", 5)) ;
  ck_assert_int_eq(superstate_unpack(s, n - 1, &back), 0) ;
  ck_assert_int_eq(superstate_unpack(s, n + 1, &back), 0) ;
  s[SUPERSTATE_FIXED + 5] = 0x02 ;  /* W = 521: more than the most */
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;
  /* the most is kept, never more */
  memset(st.waiting, 'x', SUPERSTATE_WAITMAX) ;
  st.waitlen = SUPERSTATE_WAITMAX + 7 ;
  n = superstate_pack(s, &st) ;
  ck_assert_uint_eq(n, SUPERSTATE_FIXED + 5 + 2 + SUPERSTATE_WAITMAX) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert_uint_eq(back.waitlen, SUPERSTATE_WAITMAX) ;
}
END_TEST

START_TEST(test_clock)
{
  char s[SUPERSTATE_SIZE + 1] ;
  superstate st = sample(), back ;
  size_t n, at ;
  st.check_interval = 1000 ;
  st.check_failures = 2 ;
  st.check_last = SUPERSTATE_CHECK_FAIL ;
  st.check_at.sec.x = 0x400000006a000000ULL ; st.check_at.nano = 5 ;
  st.sched_flags = SUPERSTATE_SCHED_ON ;
  st.sched_next.sec.x = 0x400000006a001000ULL ; st.sched_next.nano = 0 ;
  st.sched_runs = 7 ;
  st.sched_skipped = 1 ;
  memcpy(st.spec, "0 3 * * *", 9) ;
  st.speclen = 9 ;
  n = superstate_pack(s, &st) ;
  /* version 4: W (0, nothing waited for), then the check and schedule blocks */
  at = SUPERSTATE_FIXED + st.textlen ;
  ck_assert_int_eq(s[0], 4) ;
  ck_assert_uint_eq(n, at + 2 + 24 + 26 + 9) ;
  ck_assert_int_eq(s[at], 0) ; ck_assert_int_eq(s[at + 1], 0) ;
  ck_assert(!memcmp(s + at + 2, "\000\000\003\350\000\000\000\002\002", 9)) ;
  ck_assert_int_eq(s[at + 2 + 24], SUPERSTATE_SCHED_ON) ;
  ck_assert(!memcmp(s + at + 2 + 24 + 16, "\000\000\000\007\000\000\000\001\000\011", 10)) ;
  ck_assert(!memcmp(s + at + 2 + 24 + 26, "0 3 * * *", 9)) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert_uint_eq(back.check_interval, 1000) ;
  ck_assert_uint_eq(back.check_failures, 2) ;
  ck_assert_uint_eq(back.check_last, SUPERSTATE_CHECK_FAIL) ;
  ck_assert(!tain_less(&back.check_at, &st.check_at) && !tain_less(&st.check_at, &back.check_at)) ;
  ck_assert_uint_eq(back.sched_flags, SUPERSTATE_SCHED_ON) ;
  ck_assert(!tain_less(&back.sched_next, &st.sched_next) && !tain_less(&st.sched_next, &back.sched_next)) ;
  ck_assert_uint_eq(back.sched_runs, 7) ;
  ck_assert_uint_eq(back.sched_skipped, 1) ;
  ck_assert_uint_eq(back.speclen, 9) ;
  ck_assert(!(back.flags & SUPERSTATE_WAITING)) ;
  ck_assert_int_eq(superstate_unpack(s, n - 1, &back), 0) ;   /* spec cut */
  ck_assert_int_eq(superstate_unpack(s, n + 1, &back), 0) ;   /* trailing byte */
  s[at + 2 + 8] = 3 ;                                          /* no such last check */
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;
  s[at + 2 + 8] = 2 ;
  /* a wait and a clock together: both told */
  st.flags |= SUPERSTATE_WAITING ;
  memcpy(st.waiting, "db\n", 3) ;
  st.waitlen = 3 ;
  n = superstate_pack(s, &st) ;
  ck_assert_int_eq(s[0], 4) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert_uint_eq(back.waitlen, 3) ;
  ck_assert_uint_eq(back.sched_runs, 7) ;
  /* no clock: version 2 again, the clock's members read as zero */
  st = sample() ;
  n = superstate_pack(s, &st) ;
  ck_assert_int_eq(s[0], 2) ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 1) ;
  ck_assert_uint_eq(back.check_interval, 0) ;
  ck_assert_uint_eq(back.sched_flags, 0) ;
}
END_TEST

START_TEST(test_malformed)
{
  char s[SUPERSTATE_SIZE + 1] ;
  superstate st = sample(), back ;
  size_t n = superstate_pack(s, &st) ;
  errno = 0 ;
  ck_assert_int_eq(superstate_unpack(s, SUPERSTATE_FIXED - 1, &back), 0) ;   /* short */
  ck_assert_int_eq(errno, EPROTO) ;
  ck_assert_int_eq(superstate_unpack(s, n - 1, &back), 0) ;               /* text cut */
  ck_assert_int_eq(superstate_unpack(s, n + 1, &back), 0) ;               /* trailing byte */
  s[0] = 5 ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;                   /* unknown version */
  s[0] = 4 ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;                   /* a version 2 file said to be 4: no blocks */
  s[0] = 3 ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;                   /* a version 2 file said to be 3: no W */
  s[0] = 1 ;
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;                   /* a version 2 file said to be 1 */
  s[0] = 2 ; s[48] = 0x01 ; s[49] = 0x01 ;                             /* L = 257 */
  ck_assert_int_eq(superstate_unpack(s, n, &back), 0) ;
}
END_TEST

START_TEST(test_files)
{
  superstate st = sample(), back = SUPERSTATE_ZERO ;
  struct stat sb ;
  ck_assert_int_eq(mkdir("supervise", 0700), 0) ;
  errno = 0 ;
  ck_assert_int_eq(superstate_read("supervise", &back), 0) ;  /* runit's runsv writes none */
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_int_eq(superstate_write("supervise", &st), 1) ;
  ck_assert_int_eq(stat("supervise/state.new", &sb), -1) ;  /* renamed over state */
  ck_assert_int_eq(superstate_read("supervise", &back), 1) ;
  ck_assert_uint_eq(back.restarts, st.restarts) ;
  ck_assert_int_eq(openwritenclose_unsafe("supervise/state", "\001\000", 2), 1) ;
  ck_assert_int_eq(superstate_read("supervise", &back), -1) ;
  ck_assert_int_eq(errno, EPROTO) ;
}
END_TEST

START_TEST(test_flags_alone)
{
  superstate st = sample() ;
  unsigned char flags = 0 ;
  char v1[SUPERSTATE_FIXED_V1] = { 1, SUPERSTATE_SELECTED_DOWN } ;
  ck_assert_int_eq(mkdir("supervise", 0700), 0) ;
  errno = 0 ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 0) ;  /* runit's runsv writes none */
  ck_assert_int_eq(errno, ENOENT) ;
  /* every version's flags, from its header alone */
  st.flags = SUPERSTATE_READY | SUPERSTATE_SELECTED_DOWN ;
  ck_assert_int_eq(superstate_write("supervise", &st), 1) ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 1) ;
  ck_assert_uint_eq(flags, SUPERSTATE_READY | SUPERSTATE_SELECTED_DOWN) ;
  st.flags = SUPERSTATE_WAITING ; st.waitlen = 3 ; memcpy(st.waiting, "db\n", 3) ;
  ck_assert_int_eq(superstate_write("supervise", &st), 1) ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 1) ;
  ck_assert_uint_eq(flags, SUPERSTATE_WAITING) ;
  ck_assert_int_eq(openwritenclose_unsafe("supervise/state", v1, sizeof(v1)), 1) ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 1) ;
  ck_assert_uint_eq(flags, SUPERSTATE_SELECTED_DOWN) ;
  /* too short for any header, or a version there is not */
  flags = 7 ;
  ck_assert_int_eq(openwritenclose_unsafe("supervise/state", "\002\100", 2), 1) ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 0) ;
  ck_assert_int_eq(errno, EPROTO) ;
  v1[0] = 5 ;
  ck_assert_int_eq(openwritenclose_unsafe("supervise/state", v1, sizeof(v1)), 1) ;
  ck_assert_int_eq(superstate_readflags("supervise/state", &flags), 0) ;
  ck_assert_int_eq(errno, EPROTO) ;
  ck_assert_uint_eq(flags, 7) ;  /* untouched */
}
END_TEST

CHECK_MAIN("superstate", test_bytes, test_no_next_start, test_next_start_zero_seconds, test_version_1, test_round_trip, test_text_cut, test_waiting, test_clock, test_malformed, test_files, test_flags_alone)
