/* check_svline.c - sv's status line, against lines runit 2.1.2 printed, and
   the wait told after it. */
#include <string.h>
#include <skalibs/stralloc.h>
#include "checkmain.h"
#include "superstatus_mk.h"
#include "tai64n.h"
#include "svline.h"

/* formats ST seen at unix second NOW and compares STATE and REST */
static void line_is (superstatus const *st, int normallyup, int64_t now, char const *state, char const *rest)
{
  char s[SVLINE_FMT] ;
  tain t ;
  size_t n ;
  tai64n_from_unix(&t, now, 0) ;
  n = svline_fmt(s, st, normallyup, &t) ;
  ck_assert_str_eq(svline_state(st), state) ;
  ck_assert_msg(n == strlen(rest) && !memcmp(s, rest, n), "got [%.*s], want [%s]", (int)n, s, rest) ;
}

static superstatus mk (uint32_t pid, unsigned char state, char want, int paused, int term, int64_t secs)
{
  return superstatus_mk(pid, state, want, paused, term, secs, 999999500) ;  /* the fraction never counts */
}

START_TEST(test_runit_lines)
{
  superstatus st ;
  st = mk(10347, SUPERSTATUS_RUN, 'u', 0, 0, 100) ;
  line_is(&st, 1, 108, "run: ", "(pid 10347) 8s") ;                       /* run: a: (pid 10347) 8s */
  st = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 100) ;
  line_is(&st, 1, 101, "down: ", "1s, normally up") ;                    /* down: a: 1s, normally up */
  st = mk(10602, SUPERSTATUS_RUN, 'd', 0, 0, 100) ;
  line_is(&st, 1, 101, "run: ", "(pid 10602) 1s, want down") ;
  line_is(&st, 0, 101, "run: ", "(pid 10602) 1s, normally down, want down") ;
  st = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 100) ;
  line_is(&st, 1, 101, "down: ", "1s, normally up, want up") ;
  st = mk(11291, SUPERSTATUS_FINISH, 'u', 0, 0, 100) ;
  line_is(&st, 1, 101, "finish: ", "(pid 11291) 1s") ;
  st = mk(11834, SUPERSTATUS_RUN, 'd', 0, 1, 100) ;
  line_is(&st, 1, 104, "run: ", "(pid 11834) 4s, want down, got TERM") ;
  st = mk(21274, SUPERSTATUS_RUN, 'u', 1, 0, 100) ;
  line_is(&st, 1, 100, "run: ", "(pid 21274) 0s, paused") ;
  st = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 100) ;
  line_is(&st, 0, 100, "down: ", "0s") ;                                 /* down: ./s/d: 0s */
}
END_TEST

START_TEST(test_flags_need_a_pid)
{
  /* paused, want down and got TERM show only with a process; want up only without */
  superstatus st = mk(0, SUPERSTATUS_DOWN, 'd', 1, 1, 100) ;
  line_is(&st, 0, 100, "down: ", "0s") ;
  st = mk(5, SUPERSTATUS_RUN, 'u', 1, 1, 100) ;
  line_is(&st, 1, 100, "run: ", "(pid 5) 0s, paused, got TERM") ;
  /* every flag at once, in runit's order */
  st = mk(4294967295u, SUPERSTATUS_FINISH, 'd', 1, 1, 100) ;
  line_is(&st, 0, 100, "finish: ", "(pid 4294967295) 0s, normally down, paused, want down, got TERM") ;
}
END_TEST

START_TEST(test_unknown_normally)
{
  /* ./down could not be looked at: no "normally" flag either way */
  superstatus st = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 100) ;
  line_is(&st, -1, 102, "down: ", "2s, want up") ;
  st = mk(3, SUPERSTATUS_RUN, 'u', 0, 0, 100) ;
  line_is(&st, -1, 102, "run: ", "(pid 3) 2s") ;
}
END_TEST

START_TEST(test_odd_bytes)
{
  /* runit prints no state word for a state byte it does not know, but the pid */
  superstatus st = mk(12, 7, 'u', 0, 0, 100) ;
  line_is(&st, 1, 100, "", "(pid 12) 0s") ;
  /* a label in the future (clock stepped back) reads 0s */
  st = mk(12, SUPERSTATUS_RUN, 'u', 0, 0, 5000) ;
  line_is(&st, 1, 100, "run: ", "(pid 12) 0s") ;
  /* a label of 0 (garbage) gives a huge age, not a crash */
  st = mk(0, SUPERSTATUS_DOWN, 'x', 0, 0, 0) ;
  st.stamp.sec.x = 0 ;
  line_is(&st, 1, 0, "down: ", "4611686018427387914s, normally up") ;
  /* a garbage want byte is neither up nor down */
  st = mk(9, SUPERSTATUS_RUN, '?', 1, 2, 100) ;
  line_is(&st, 1, 100, "run: ", "(pid 9) 0s, paused, got TERM") ;
}
END_TEST

START_TEST(test_maywait)
{
  /* a wait is told of only while down and wanted up */
  superstatus st = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 100) ;
  ck_assert(svline_maywait(&st)) ;
  st = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
  st = mk(0, SUPERSTATUS_DOWN, 'x', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
  st = mk(5, SUPERSTATUS_RUN, 'u', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
  st = mk(5, SUPERSTATUS_FINISH, 'u', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
  /* no pid but a state byte that is not down: garbage, no wait */
  st = mk(0, SUPERSTATUS_FINISH, 'u', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
  st = mk(0, 7, 'u', 0, 0, 100) ;
  ck_assert(!svline_maywait(&st)) ;
}
END_TEST

/* W: a string literal and its length, NULs and all */
#define W(s) s, sizeof(s) - 1

/* waiting_is: svline_waiting of the LEN bytes W, appended after PRE, gives WANT */
static void waiting_is (char const *pre, char const *w, size_t len, char const *want)
{
  stralloc sa = STRALLOC_ZERO ;
  ck_assert(stralloc_cats(&sa, pre)) ;
  ck_assert(svline_waiting(&sa, w, len)) ;
  ck_assert_msg(sa.len == strlen(want) && !memcmp(sa.s, want, sa.len), "got [%.*s], want [%s]", (int)sa.len, sa.s, want) ;
  stralloc_free(&sa) ;
}

START_TEST(test_waiting)
{
  /* the names in the state's order, newlines turned into ", " */
  waiting_is("", W("db\n"), "waiting for db") ;
  waiting_is("", W("db\ncache\nqueue\n"), "waiting for db, cache, queue") ;
  /* appended to what SA holds */
  waiting_is("; ", W("db\n"), "; waiting for db") ;
  /* the last terminator missing: still a name */
  waiting_is("", W("db\ncache"), "waiting for db, cache") ;
  /* empty names are no names; none at all is a bare "waiting" */
  waiting_is("", W("\ndb\n\ncache\n\n"), "waiting for db, cache") ;
  waiting_is("", W(""), "waiting") ;
  waiting_is("", W("\n\n"), "waiting") ;
  /* escaped as namequote shows names: controls, backslash, bytes past ASCII;
     a space, a comma and other printable ASCII as they are */
  waiting_is("", W("a\tb\nc\\d\ncaf\303\251\n"), "waiting for a\\tb, c\\\\d, caf\\0xc3\\0xa9") ;
  waiting_is("", W("my db,x\n"), "waiting for my db,x") ;
  /* a NUL in a name (a state no runsv writes): escaped, not an end */
  waiting_is("", W("a\0b\n"), "waiting for a\\0x00b") ;
}
END_TEST

/* next_is: a schedule's next run at NEXT (unix seconds and nanoseconds;
   secs 0 and nano 0: the zero label) seen at NOW reads WANT */
static void next_is (int64_t nsecs, uint32_t nnano, int64_t now, uint32_t nownano, char const *want)
{
  char s[SVLINE_NEXT_FMT] ;
  tain next = TAIN_ZERO, t ;
  size_t n ;
  if (nsecs || nnano) tai64n_from_unix(&next, nsecs, nnano) ;
  tai64n_from_unix(&t, now, nownano) ;
  n = svline_nextrun(s, &next, &t) ;
  ck_assert_msg(n == strlen(want) && !memcmp(s, want, n), "got [%.*s], want [%s]", (int)n, s, want) ;
}

START_TEST(test_nextrun)
{
  next_is(1025, 0, 1000, 0, "next run in 25s") ;
  /* rounded up: a fraction left is a whole second */
  next_is(1025, 0, 1000, 1, "next run in 25s") ;
  next_is(1024, 500000000, 1000, 0, "next run in 25s") ;
  next_is(1000, 1, 1000, 0, "next run in 1s") ;
  /* due or past: nothing; no next run (the zero label): nothing */
  next_is(1000, 0, 1000, 0, "") ;
  next_is(999, 0, 1000, 0, "") ;
  next_is(0, 0, 1000, 0, "") ;
  /* far ahead: every digit */
  next_is(1000 + 86400 * 365, 0, 1000, 0, "next run in 31536000s") ;
}
END_TEST

CHECK_MAIN("svline", test_runit_lines, test_flags_need_a_pid, test_unknown_normally, test_odd_bytes, test_maywait, test_waiting, test_nextrun)
