/* check_backoff.c - the restart policy: runit's second by default, the
   doubling pause and its cap, restart-reset and readiness, the give-up window. */
#include "checkmain.h"
#include "backoff.h"

/* at: a monotonic time MS milliseconds after an arbitrary origin */
static tain at (uint64_t ms)
{
  tain t ;
  tai_uint(tain_secp(&t), 1000 + ms / 1000) ;
  t.nano = (uint32_t)(ms % 1000) * 1000000u ;
  return t ;
}

/* ms_of: the milliseconds of a time made by at() */
static uint64_t ms_of (tain const *t)
{
  return (tai_sec(tain_secp(t)) - 1000) * 1000 + t->nano / 1000000u ;
}

/* run: a run from START to END (ms), ready or not; the next start's ms, quick in *quick */
static uint64_t run (backoff *r, uint64_t start, uint64_t end, int ready, int *quick)
{
  tain s = at(start), e = at(end), next ;
  *quick = backoff_ended(r, &s, &e, ready, &next) ;
  return ms_of(&next) ;
}

START_TEST(test_runit_defaults)
{
  backoff r = BACKOFF_ZERO ;
  int quick ;
  /* a run of 300 ms: the next start a second after its start, for ever */
  for (unsigned int i = 0 ; i < 10 ; i++)
  {
    uint64_t t = i * 1000 ;
    ck_assert_uint_eq(run(&r, t, t + 300, 1, &quick), t + 1000) ;
    ck_assert(quick) ;
  }
  ck_assert_uint_eq(r.failures, 10) ;
  ck_assert(!r.failed) ;
  /* a run of a second or more: at once, and the count starts again */
  ck_assert_uint_eq(run(&r, 20000, 21000, 1, &quick), 21000) ;
  ck_assert(!quick) ;
  ck_assert_uint_eq(r.failures, 0) ;
}
END_TEST

START_TEST(test_doubling_to_the_cap)
{
  backoff r = BACKOFF_ZERO ;
  uint64_t t = 0, next ;
  uint32_t want[] = { 200, 400, 800, 1600, 2000, 2000 } ;
  int quick ;
  backoff_knobs(&r, 200, 2000, 1000, 0, 0) ;
  for (unsigned int i = 0 ; i < sizeof(want) / sizeof(want[0]) ; i++)
  {
    next = run(&r, t, t + 50, 1, &quick) ;
    ck_assert_uint_eq(next - t, want[i]) ;
    t = next ;
  }
  /* a run that lasts restart-reset: back to restart-delay */
  next = run(&r, t, t + 1500, 1, &quick) ;
  ck_assert(!quick) ;
  ck_assert_uint_eq(next, t + 1500) ;
  ck_assert_uint_eq(run(&r, next, next + 10, 1, &quick) - next, 200) ;
}
END_TEST

START_TEST(test_no_growth_without_max)
{
  backoff r = BACKOFF_ZERO ;
  int quick ;
  backoff_knobs(&r, 5000, 0, 1000, 0, 0) ;
  ck_assert_uint_eq(run(&r, 0, 10, 1, &quick), 5000) ;
  ck_assert_uint_eq(run(&r, 5000, 5010, 1, &quick), 10000) ;
  backoff_knobs(&r, 5000, 3000, 1000, 0, 0) ;  /* a cap under the delay: none */
  ck_assert_uint_eq(run(&r, 10000, 10010, 1, &quick), 15000) ;
  backoff_knobs(&r, 0, 0, 1000, 0, 0) ;        /* no pause at all, if asked for */
  ck_assert_uint_eq(run(&r, 15000, 15010, 1, &quick), 15010) ;
  ck_assert(quick) ;
}
END_TEST

START_TEST(test_reset_and_readiness)
{
  backoff r = BACKOFF_ZERO ;
  int quick ;
  backoff_knobs(&r, 1000, 8000, 5000, 0, 0) ;
  /* 3 s is quick under a restart-reset of 5 s: counted, past the pause so at once */
  ck_assert_uint_eq(run(&r, 0, 3000, 1, &quick), 3000) ;
  ck_assert(quick) ;
  ck_assert_uint_eq(r.failures, 1) ;
  ck_assert_uint_eq(r.delay, 2000) ;
  /* long enough but never ready: a failure too */
  ck_assert_uint_eq(run(&r, 3000, 13000, 0, &quick), 13000) ;
  ck_assert(quick) ;
  ck_assert_uint_eq(r.failures, 2) ;
  /* lasted, while running: cleared before any death */
  {
    tain s = at(13000), n = at(17999) ;
    ck_assert(!backoff_lasted(&r, &s, &n, 1)) ;
    n = at(18000) ;
    ck_assert(!backoff_lasted(&r, &s, &n, 0)) ;
    ck_assert(backoff_lasted(&r, &s, &n, 1)) ;
    ck_assert_uint_eq(r.failures, 0) ;
    ck_assert_uint_eq(r.delay, 1000) ;
  }
}
END_TEST

START_TEST(test_give_up_in_the_window)
{
  backoff r = BACKOFF_ZERO ;
  int quick ;
  backoff_knobs(&r, 1000, 0, 1000, 3, 10) ;
  run(&r, 0, 100, 1, &quick) ;
  run(&r, 1000, 1100, 1, &quick) ;
  ck_assert(!r.failed) ;
  /* the window opened at 100 ms closes at 10.1 s: this death opens the next */
  run(&r, 10200, 10300, 1, &quick) ;
  ck_assert(!r.failed) ;
  ck_assert_uint_eq(r.failures, 1) ;
  run(&r, 11300, 11400, 1, &quick) ;
  run(&r, 12400, 12500, 1, &quick) ;
  ck_assert(r.failed) ;
  ck_assert_uint_eq(r.failures, 3) ;
  backoff_clear(&r) ;
  ck_assert(!r.failed) ;
  ck_assert_uint_eq(r.failures, 0) ;
}
END_TEST

START_TEST(test_large_values)
{
  backoff r = BACKOFF_ZERO ;
  int quick ;
  backoff_knobs(&r, 4294967295u, 4294967295u, 4294967295u, 0, 0) ;
  ck_assert_uint_eq(run(&r, 0, 10, 1, &quick), 4294967295u) ;
  ck_assert_uint_eq(r.delay, 4294967295u) ;  /* doubling stops at the cap, no wrap */
  backoff_knobs(&r, 3000000000u, 4294967295u, 1000, 0, 0) ;
  ck_assert_uint_eq(r.delay, 4294967295u) ;
}
END_TEST

START_TEST(test_stopped_is_no_failure)
{
  backoff r = BACKOFF_ZERO ;
  tain s, e, next ;
  int quick ;
  backoff_knobs(&r, 100, 10000, 1000, 2, 60) ;
  /* one real failure: counted, the pause doubled */
  run(&r, 0, 50, 1, &quick) ;
  ck_assert_uint_eq(r.failures, 1) ;
  ck_assert_uint_eq(r.delay, 200) ;
  /* three stops asked for: nothing counted, nothing grown, no give-up; the
     next start waits for the base pause from the run's start, no more */
  for (unsigned int i = 0 ; i < 3 ; i++)
  {
    uint64_t t = 1000 + i * 1000 ;
    s = at(t) ; e = at(t + 20) ;
    backoff_stopped(&r, &s, &e, 1, &next) ;
    ck_assert_uint_eq(ms_of(&next), t + 100) ;
  }
  ck_assert_uint_eq(r.failures, 1) ;
  ck_assert_uint_eq(r.delay, 200) ;
  ck_assert(!r.failed) ;
  /* a stop after the run lasted restart-reset, ready: the failures end */
  s = at(10000) ; e = at(12000) ;
  backoff_stopped(&r, &s, &e, 1, &next) ;
  ck_assert_uint_eq(ms_of(&next), 12000) ;
  ck_assert_uint_eq(r.failures, 0) ;
  ck_assert_uint_eq(r.delay, 100) ;
}
END_TEST

CHECK_MAIN("backoff", test_stopped_is_no_failure, test_runit_defaults, test_doubling_to_the_cap, test_no_growth_without_max,
  test_reset_and_readiness, test_give_up_in_the_window, test_large_values)
