/* check_svcmd.c - sv's command table (first-letter dispatch, LSB words) and wait conditions. */
#include <string.h>
#include "checkmain.h"
#include "superstatus_mk.h"
#include "tai64n.h"
#include "superstate.h"
#include "svcmd.h"

/* parses WORD and checks what it sends, waits for, and how */
static void cmd_is (char const *word, int lsb, char const *send, char const *want, int wait, int kill)
{
  svcmd c ;
  ck_assert_msg(svcmd_parse(word, lsb, &c), "%s should parse", word) ;
  ck_assert_msg(!strcmp(c.send, send), "%s sends [%s], not [%s]", word, c.send, send) ;
  ck_assert_msg(!strcmp(c.want, want), "%s waits for [%s], not [%s]", word, c.want, want) ;
  ck_assert_msg(c.wait == wait, "%s: wait %d, not %d", word, c.wait, wait) ;
  ck_assert_msg(c.kill == kill, "%s: kill %d, not %d", word, c.kill, kill) ;
  ck_assert_int_eq(c.status, 0) ;
  /* what waits for a run to be up waits for its readiness too */
  ck_assert_msg(c.ready == (strpbrk(want, "utkC") != 0), "%s: ready %d", word, c.ready) ;
}

START_TEST(test_letters)
{
  /* the daemontools-style commands: the first letter is the byte */
  cmd_is("up", 0, "u", "u", SVCMD_WAIT_V, 0) ;
  cmd_is("u", 0, "u", "u", SVCMD_WAIT_V, 0) ;
  cmd_is("down", 0, "d", "d", SVCMD_WAIT_V, 0) ;
  cmd_is("once", 0, "o", "o", SVCMD_WAIT_V, 0) ;
  cmd_is("pause", 0, "p", "p", SVCMD_WAIT_V, 0) ;
  cmd_is("cont", 0, "c", "c", SVCMD_WAIT_V, 0) ;
  cmd_is("hup", 0, "h", "h", SVCMD_WAIT_V, 0) ;
  cmd_is("alarm", 0, "a", "a", SVCMD_WAIT_V, 0) ;
  cmd_is("abc", 0, "a", "a", SVCMD_WAIT_V, 0) ;
  cmd_is("interrupt", 0, "i", "i", SVCMD_WAIT_V, 0) ;
  cmd_is("quit", 0, "q", "q", SVCMD_WAIT_V, 0) ;
  cmd_is("1", 0, "1", "1", SVCMD_WAIT_V, 0) ;
  cmd_is("2", 0, "2", "2", SVCMD_WAIT_V, 0) ;
  cmd_is("term", 0, "t", "t", SVCMD_WAIT_V, 0) ;
  cmd_is("kill", 0, "k", "k", SVCMD_WAIT_V, 0) ;
  cmd_is("exit", 0, "x", "x", SVCMD_WAIT_V, 0) ;
  cmd_is("e", 0, "x", "x", SVCMD_WAIT_V, 0) ;
  /* undocumented runit capitals: wait, and kill on timeout */
  cmd_is("X", 0, "x", "x", SVCMD_WAIT, 1) ;
  cmd_is("Exit", 0, "x", "x", SVCMD_WAIT, 1) ;
  cmd_is("Down", 0, "d", "d", SVCMD_WAIT, 1) ;
  cmd_is("T", 0, "tc", "tc", SVCMD_WAIT, 1) ;
}
END_TEST

START_TEST(test_words)
{
  cmd_is("start", 0, "u", "u", SVCMD_WAIT, 0) ;
  cmd_is("stop", 0, "d", "d", SVCMD_WAIT, 0) ;
  cmd_is("shutdown", 0, "x", "x", SVCMD_WAIT, 0) ;
  cmd_is("restart", 0, "tcu", "tcu", SVCMD_WAIT, 0) ;
  cmd_is("reload", 0, "rh", "rh", SVCMD_WAIT, 0) ;
  cmd_is("try-restart", 0, "tc", "tc", SVCMD_WAIT, 0) ;
  cmd_is("force-stop", 0, "d", "d", SVCMD_WAIT, 1) ;
  cmd_is("force-reload", 0, "tc", "tc", SVCMD_WAIT, 1) ;
  cmd_is("force-restart", 0, "tcu", "tcu", SVCMD_WAIT, 1) ;
  cmd_is("force-shutdown", 0, "x", "x", SVCMD_WAIT, 1) ;
  cmd_is("check", 0, "", "C", SVCMD_WAIT, 0) ;
  /* the same words as an init script */
  cmd_is("start", 1, "u", "u", SVCMD_WAIT, 0) ;
  cmd_is("force-restart", 1, "tcu", "tcu", SVCMD_WAIT, 1) ;
}
END_TEST

START_TEST(test_status_and_usage)
{
  svcmd c ;
  char const *bad[] = { "", "foo", "rfoo", "r", "f", "fx", "force", "y", "Z", "-", "U" } ;
  char const *status[] = { "status", "s", "stat", "sss" } ;
  for (unsigned int i = 0 ; i < sizeof(status) / sizeof(status[0]) ; i++)
  {
    ck_assert_msg(svcmd_parse(status[i], 0, &c), "%s", status[i]) ;
    ck_assert_int_eq(c.status, 1) ;
    ck_assert_int_eq(c.wait, 0) ;
    ck_assert_str_eq(c.send, "") ;
  }
  /* an init script must say status in full */
  ck_assert(svcmd_parse("status", 1, &c) && c.status) ;
  ck_assert(!svcmd_parse("stat", 1, &c)) ;
  ck_assert(!svcmd_parse("s", 1, &c)) ;
  for (unsigned int i = 0 ; i < sizeof(bad) / sizeof(bad[0]) ; i++)
    ck_assert_msg(!svcmd_parse(bad[i], 0, &c), "[%s] is no command", bad[i]) ;
}
END_TEST

/* a status: PID, STATE, WANT, flags, started at unix second SECS */
static superstatus mk (uint32_t pid, unsigned char state, char want, int paused, int term, int64_t secs)
{
  return superstatus_mk(pid, state, want, paused, term, secs, 500) ;
}

START_TEST(test_up_down)
{
  tain t0 ;
  superstatus run = mk(42, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus down = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus fin = mk(43, SUPERSTATUS_FINISH, 'd', 0, 0, 1000) ;
  tai64n_from_unix(&t0, 2000, 0) ;
  ck_assert_int_eq(svcmd_reached('u', &run, &t0), SVCMD_IFCHECK) ;
  ck_assert_int_eq(svcmd_reached('u', &down, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('u', &fin, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('d', &down, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('d', &run, &t0), SVCMD_NO) ;
  /* a running ./finish is waited for */
  ck_assert_int_eq(svcmd_reached('d', &fin, &t0), SVCMD_NO) ;
  /* exit is seen by runsv going away, never in a status */
  ck_assert_int_eq(svcmd_reached('x', &down, &t0), SVCMD_NO) ;
  /* signals: nothing to wait for */
  ck_assert_int_eq(svcmd_reached('h', &down, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('1', &run, &t0), SVCMD_YES) ;
}
END_TEST

START_TEST(test_check_wants)
{
  /* runit 2.3.0: check waits for what runsv wants, not for "anything" */
  tain t0 ;
  superstatus downwantup = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1000) ;
  superstatus downwantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus runwantup = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus runwantdown = mk(7, SUPERSTATUS_RUN, 'd', 0, 1, 1000) ;
  tai64n_from_unix(&t0, 2000, 0) ;
  ck_assert_int_eq(svcmd_reached('C', &downwantup, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('C', &downwantdown, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('C', &runwantup, &t0), SVCMD_IFCHECK) ;
  ck_assert_int_eq(svcmd_reached('C', &runwantdown, &t0), SVCMD_NO) ;
}
END_TEST

START_TEST(test_restart)
{
  tain t0 ;
  superstatus old = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 999) ;
  superstatus same = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus termed = mk(8, SUPERSTATUS_RUN, 'u', 0, 1, 1001) ;
  superstatus fresh = mk(8, SUPERSTATUS_RUN, 'u', 0, 0, 1001) ;
  superstatus gone = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 999) ;
  superstatus dead = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1001) ;
  tai64n_from_unix(&t0, 1000, 999999999) ;
  ck_assert_int_eq(svcmd_reached('t', &old, &t0), SVCMD_NO) ;
  /* a start earlier in sv's own second is the old process (runit, comparing
     whole seconds, took it for the new one) */
  ck_assert_int_eq(svcmd_reached('t', &same, &t0), SVCMD_NO) ;
  same.stamp.nano = 999999999 ;
  ck_assert_int_eq(svcmd_reached('t', &same, &t0), SVCMD_IFCHECK) ;
  ck_assert_int_eq(svcmd_reached('t', &termed, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('t', &fresh, &t0), SVCMD_IFCHECK) ;
  ck_assert_int_eq(svcmd_reached('k', &fresh, &t0), SVCMD_IFCHECK) ;
  /* told to stay down: nothing to restart */
  ck_assert_int_eq(svcmd_reached('t', &gone, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('t', &dead, &t0), SVCMD_NO) ;
}
END_TEST

START_TEST(test_once_pause_cont)
{
  tain t0 ;
  superstatus downbefore = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 999) ;
  superstatus downsamesecond = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus downafter = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1001) ;
  superstatus runonce = mk(9, SUPERSTATUS_RUN, 'd', 0, 0, 1000) ;
  superstatus runup = mk(9, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus paused = mk(9, SUPERSTATUS_RUN, 'u', 1, 0, 1000) ;
  superstatus downpaused = mk(0, SUPERSTATUS_DOWN, 'u', 1, 0, 1000) ;
  tai64n_from_unix(&t0, 1000, 600) ;
  ck_assert_int_eq(svcmd_reached('o', &downbefore, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('o', &downsamesecond, &t0), SVCMD_NO) ;
  downsamesecond.stamp.nano = 700 ;  /* ended just after sv started */
  ck_assert_int_eq(svcmd_reached('o', &downsamesecond, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('o', &downafter, &t0), SVCMD_YES) ;  /* ran and ended already */
  ck_assert_int_eq(svcmd_reached('o', &runonce, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('o', &runup, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('p', &runup, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('p', &paused, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('p', &downafter, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('c', &paused, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('c', &runup, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('c', &downpaused, &t0), SVCMD_YES) ;
}
END_TEST

START_TEST(test_skip_and_shows)
{
  superstatus wantup = mk(5, SUPERSTATUS_RUN, 'u', 0, 0, 1) ;
  superstatus stopping = mk(5, SUPERSTATUS_RUN, 'd', 0, 1, 1) ;
  superstatus wantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1) ;
  ck_assert(svcmd_skip("u", &wantup)) ;
  ck_assert(!svcmd_skip("d", &wantup)) ;
  ck_assert(svcmd_skip("d", &stopping)) ;
  /* after max-failures, u is written although the want is up */
  ck_assert(svcmd_revives("u", SUPERSTATE_FAILED)) ;
  ck_assert(svcmd_revives("u", SUPERSTATE_FAILED | SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(!svcmd_revives("u", SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(!svcmd_revives("d", SUPERSTATE_FAILED)) ;
  /* down again on a down service: harmless, so runit sends it */
  ck_assert(!svcmd_skip("d", &wantdown)) ;
  ck_assert(!svcmd_skip("u", &wantdown)) ;
  ck_assert(!svcmd_skip("tcu", &wantup)) ;
  ck_assert(!svcmd_skip("x", &wantdown)) ;
  ck_assert(svcmd_shows("u") && svcmd_shows("tcu") && svcmd_shows("C") && svcmd_shows("k")) ;
  ck_assert(!svcmd_shows("h") && !svcmd_shows("x") && !svcmd_shows("12") && !svcmd_shows("")) ;
}
END_TEST

START_TEST(test_failing_and_settled)
{
  tain now, left ;
  superstatus downwantup = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1000) ;
  superstatus downwantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus runwantup = superstatus_mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000, 250000000) ;
  superstatus finwantup = mk(7, SUPERSTATUS_FINISH, 'u', 0, 0, 1000) ;
  superstatus runwantdown = superstatus_mk(7, SUPERSTATUS_RUN, 'd', 0, 0, 1000, 0) ;
  /* failing: runsv wants it up and nothing runs */
  ck_assert(svcmd_failing(&downwantup, 0)) ;
  ck_assert(!svcmd_failing(&downwantdown, 0)) ;
  ck_assert(!svcmd_failing(&runwantup, 0)) ;
  ck_assert(!svcmd_failing(&finwantup, 0)) ;
  /* ... or the run follows a quick death (supervise/state says so) */
  ck_assert(svcmd_failing(&runwantup, SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(!svcmd_failing(&runwantup, SUPERSTATE_EXITED)) ;
  ck_assert(!svcmd_failing(&runwantdown, SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(!svcmd_failing(&finwantup, SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(svcmd_failing(&downwantup, SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  /* down while runsv waits for what it needs (dependencies.d) is no failure,
     unless the last run died quick */
  ck_assert(!svcmd_failing(&downwantup, SUPERSTATE_WAITING)) ;
  ck_assert(!svcmd_failing(&downwantup, SUPERSTATE_WAITING | SUPERSTATE_EXITED)) ;
  ck_assert(svcmd_failing(&downwantup, SUPERSTATE_WAITING | SUPERSTATE_EXITED | SUPERSTATE_QUICK)) ;
  ck_assert(!svcmd_failing(&downwantdown, SUPERSTATE_WAITING | SUPERSTATE_QUICK)) ;
  /* settled: the run has lasted runsv's 1 s throttle */
  tai64n_from_unix(&now, 1000, 950000000) ;
  ck_assert(!svcmd_settled(&runwantup, &now, &left)) ;
  ck_assert_uint_eq(left.sec.x, 0) ;
  ck_assert_uint_eq(left.nano, 300000000) ;
  tai64n_from_unix(&now, 1001, 250000000) ;
  ck_assert(svcmd_settled(&runwantup, &now, &left)) ;
  tai64n_from_unix(&now, 1001, 249999999) ;
  ck_assert(!svcmd_settled(&runwantup, &now, &left)) ;
  ck_assert_uint_eq(left.nano, 1) ;
  /* a label from the future (a clock stepped back): a second past it; sv's deadline bounds the wait */
  tai64n_from_unix(&now, 999, 0) ;
  ck_assert(!svcmd_settled(&runwantup, &now, &left)) ;
  ck_assert_uint_eq(left.sec.x, 2) ;
}
END_TEST

START_TEST(test_health)
{
  tain t0 ;
  svcmd c ;
  superstatus downwantup = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1000) ;
  superstatus downwantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus runwantup = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus runwantdown = mk(7, SUPERSTATUS_RUN, 'd', 0, 1, 1000) ;
  superstatus runwantexit = mk(7, SUPERSTATUS_RUN, 'x', 0, 1, 1000) ;
  superstatus finwantup = mk(7, SUPERSTATUS_FINISH, 'u', 0, 0, 1000) ;
  /* the exact word; every other h word is still HUP, and an init script has no health */
  ck_assert(svcmd_parse("health", 0, &c) && c.health && c.ready && !c.send[0] && !strcmp(c.want, "H") && c.wait == SVCMD_WAIT) ;
  cmd_is("healt", 0, "h", "h", SVCMD_WAIT_V, 0) ;
  cmd_is("healthy", 0, "h", "h", SVCMD_WAIT_V, 0) ;
  ck_assert(svcmd_parse("hup", 0, &c) && !c.health) ;
  ck_assert(svcmd_parse("health", 1, &c) && !c.health && !strcmp(c.send, "h")) ;
  /* wanted down or exiting: healthy whatever runs; wanted up: up, then readiness and ./check */
  tai64n_from_unix(&t0, 2000, 0) ;
  ck_assert_int_eq(svcmd_reached('H', &downwantdown, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('H', &runwantdown, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('H', &runwantexit, &t0), SVCMD_YES) ;
  ck_assert_int_eq(svcmd_reached('H', &downwantup, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('H', &finwantup, &t0), SVCMD_NO) ;
  ck_assert_int_eq(svcmd_reached('H', &runwantup, &t0), SVCMD_IFCHECK) ;
  /* the reasons */
  ck_assert_str_eq(svcmd_unhealthy(&downwantup, 0, 0, 0), "down, want up") ;
  ck_assert_str_eq(svcmd_unhealthy(&finwantup, 0, 0, 0), "finish, want up") ;
  ck_assert_str_eq(svcmd_unhealthy(&runwantup, SUPERSTATE_QUICK, 1, 0), "restarting, want up") ;
  ck_assert_str_eq(svcmd_unhealthy(&runwantup, SUPERSTATE_DECLARES, 0, 0), "not ready") ;
  ck_assert_str_eq(svcmd_unhealthy(&runwantup, SUPERSTATE_DECLARES | SUPERSTATE_READY, 0, 1), "not ready: ./check failed") ;
}
END_TEST

START_TEST(test_scheduled)
{
  superstatus downwantup = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1000) ;
  superstatus downwantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  superstatus runwantup = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus finwantup = mk(7, SUPERSTATUS_FINISH, 'u', 0, 0, 1000) ;
  unsigned char on = SUPERSTATE_SCHED_ON, bad = SUPERSTATE_SCHED_ON | SUPERSTATE_SCHED_BAD ;
  /* no schedule: the rules as ever */
  ck_assert(!svcmd_scheduled('u', &downwantup, 0)) ;
  ck_assert(!svcmd_scheduled('H', &downwantup, 0)) ;
  /* want up is the schedule on: up, start, check are done at once, run or not */
  ck_assert(svcmd_scheduled('u', &downwantup, on)) ;
  ck_assert(svcmd_scheduled('u', &runwantup, on)) ;
  ck_assert(svcmd_scheduled('u', &downwantup, bad)) ;
  ck_assert(svcmd_scheduled('C', &downwantup, on)) ;
  /* suspended (want down): down waits as ever, up is not there yet */
  ck_assert(!svcmd_scheduled('u', &downwantdown, on)) ;
  ck_assert(!svcmd_scheduled('d', &downwantup, on)) ;
  ck_assert(!svcmd_scheduled('d', &downwantdown, on)) ;
  /* healthy between runs (and while ./finish runs), a run is judged as any */
  ck_assert(svcmd_scheduled('H', &downwantup, on)) ;
  ck_assert(svcmd_scheduled('H', &finwantup, on)) ;
  ck_assert(!svcmd_scheduled('H', &runwantup, on)) ;
  ck_assert(!svcmd_scheduled('H', &downwantup, bad)) ;
  /* restart: the run is stopped and not started again: done once it is gone */
  ck_assert(svcmd_scheduled('t', &downwantup, on)) ;
  ck_assert(!svcmd_scheduled('t', &runwantup, on)) ;
  ck_assert(svcmd_scheduled('k', &finwantup, on)) ;
  /* the other letters: the rules as ever */
  ck_assert(!svcmd_scheduled('o', &downwantup, on)) ;
  ck_assert(!svcmd_scheduled('p', &downwantup, on)) ;
}
END_TEST

START_TEST(test_clock_health)
{
  superstatus downwantup = mk(0, SUPERSTATUS_DOWN, 'u', 0, 0, 1000) ;
  superstatus runwantup = mk(7, SUPERSTATUS_RUN, 'u', 0, 0, 1000) ;
  superstatus runwantdown = mk(7, SUPERSTATUS_RUN, 'd', 0, 1, 1000) ;
  superstatus downwantdown = mk(0, SUPERSTATUS_DOWN, 'd', 0, 0, 1000) ;
  unsigned char on = SUPERSTATE_SCHED_ON, bad = SUPERSTATE_SCHED_ON | SUPERSTATE_SCHED_BAD ;
  char why[SVCMD_CLOCKWHY_FMT] ;
  ck_assert_int_eq(svcmd_clock(&runwantup, 0, 0), 0) ;
  ck_assert_int_eq(svcmd_clock(&downwantup, on, 0), 0) ;
  ck_assert_int_eq(svcmd_clock(&runwantup, 0, 3), SVCMD_CLOCK_CHECK) ;
  ck_assert_int_eq(svcmd_clock(&downwantup, bad, 0), SVCMD_CLOCK_BAD) ;
  /* a bad schedule outweighs failed checks */
  ck_assert_int_eq(svcmd_clock(&runwantup, bad, 3), SVCMD_CLOCK_BAD) ;
  /* BAD without ON is no schedule (no runsv writes it) */
  ck_assert_int_eq(svcmd_clock(&downwantup, SUPERSTATE_SCHED_BAD, 0), 0) ;
  /* wanted down: healthy as ever */
  ck_assert_int_eq(svcmd_clock(&runwantdown, 0, 3), 0) ;
  ck_assert_int_eq(svcmd_clock(&downwantdown, bad, 0), 0) ;
  /* the words */
  ck_assert_uint_eq(svcmd_clockwhy(why, SVCMD_CLOCK_BAD, 0), 18) ;
  ck_assert_str_eq(why, "schedule not valid") ;
  svcmd_clockwhy(why, SVCMD_CLOCK_CHECK, 3) ;
  ck_assert_str_eq(why, "check failed 3 times") ;
  ck_assert_uint_eq(svcmd_clockwhy(why, SVCMD_CLOCK_CHECK, 4294967295u), 29) ;
  ck_assert_str_eq(why, "check failed 4294967295 times") ;
  ck_assert_uint_eq(svcmd_clockwhy(why, 0, 3), 0) ;
  ck_assert_str_eq(why, "") ;
}
END_TEST

CHECK_MAIN("svcmd", test_letters, test_words, test_status_and_usage, test_up_down, test_check_wants,
           test_restart, test_once_pause_cont, test_skip_and_shows, test_failing_and_settled, test_health,
           test_scheduled, test_clock_health)
