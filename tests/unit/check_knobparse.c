/* check_knobparse.c - knob file values: milliseconds, signals, how a bad one is quoted. */
#include <signal.h>
#include <string.h>
#include "checkmain.h"
#include "knobparse.h"

static int ms (char const *s, uint32_t *v) { return knobparse_ms(s, strlen(s), v) ; }
static int sig (char const *s, int *v) { return knobparse_sig(s, strlen(s), v) ; }

START_TEST(test_ms)
{
  uint32_t v = 7 ;
  ck_assert(ms("0", &v) && v == 0) ;
  ck_assert(ms("300\n", &v) && v == 300) ;
  ck_assert(ms("  1500 \n\n", &v) && v == 1500) ;
  ck_assert(ms("4294967295", &v) && v == 4294967295u) ;
  ck_assert(!ms("4294967296", &v)) ;
  ck_assert(!ms("99999999999999999999999", &v)) ;
  ck_assert(!ms("", &v)) ;
  ck_assert(!ms("\n", &v)) ;
  ck_assert(!ms("-1", &v)) ;
  ck_assert(!ms("+1", &v)) ;
  ck_assert(!ms("1.5", &v)) ;
  ck_assert(!ms("10ms", &v)) ;
  ck_assert(!ms("1 2", &v)) ;
  ck_assert(!ms("soon", &v)) ;
  ck_assert(!knobparse_ms("5\0", 2, &v)) ;
  ck_assert(v == 4294967295u) ;  /* untouched by failures */
}
END_TEST

static int fails (char const *s, uint32_t *n, uint32_t *secs) { return knobparse_failures(s, strlen(s), n, secs) ; }

START_TEST(test_failures)
{
  uint32_t n = 7, secs = 7 ;
  ck_assert(fails("5 60", &n, &secs) && n == 5 && secs == 60) ;
  ck_assert(fails(" 3\t\t10 \n", &n, &secs) && n == 3 && secs == 10) ;
  ck_assert(fails("1 4294967", &n, &secs) && n == 1 && secs == 4294967) ;
  ck_assert(!fails("1 4294968", &n, &secs)) ;          /* the window overflows in ms */
  ck_assert(!fails("4294967296 10", &n, &secs)) ;
  ck_assert(!fails("5", &n, &secs)) ;                  /* no window */
  ck_assert(!fails("0 60", &n, &secs)) ;               /* giving up before a failure */
  ck_assert(!fails("5 0", &n, &secs)) ;
  ck_assert(!fails("5 60 2", &n, &secs)) ;
  ck_assert(!fails("5s 60", &n, &secs)) ;
  ck_assert(!fails("-5 60", &n, &secs)) ;
  ck_assert(!fails("5 -60", &n, &secs)) ;
  ck_assert(!fails("5\n60", &n, &secs)) ;             /* one line */
  ck_assert(!fails("", &n, &secs)) ;
  ck_assert(!fails("five sixty", &n, &secs)) ;
  ck_assert(n == 1 && secs == 4294967) ;  /* untouched by failures */
}
END_TEST

START_TEST(test_sig)
{
  int v = 0 ;
  ck_assert(sig("QUIT", &v) && v == SIGQUIT) ;
  ck_assert(sig("SIGQUIT\n", &v) && v == SIGQUIT) ;
  ck_assert(sig("sigint", &v) && v == SIGINT) ;
  ck_assert(sig(" usr1 ", &v) && v == SIGUSR1) ;
  ck_assert(sig("HUP", &v) && v == SIGHUP) ;
  ck_assert(sig("3", &v) && v == 3) ;
  ck_assert(sig("9\n", &v) && v == 9) ;
  ck_assert(!sig("0", &v)) ;
  ck_assert(!sig("-3", &v)) ;
  ck_assert(!sig("65", &v)) ;
  ck_assert(!sig("99999999999999999999999", &v)) ;
  ck_assert(!sig("", &v)) ;
  ck_assert(!sig("SIG", &v)) ;
  ck_assert(!sig("FOO", &v)) ;
  ck_assert(!sig("SIGFOO", &v)) ;
  ck_assert(!sig("QUIT QUIT", &v)) ;
  ck_assert(!sig("3x", &v)) ;
  ck_assert(!sig("AVERYLONGSIGNALNAMEINDEED", &v)) ;
  ck_assert(!knobparse_sig("QUIT\0", 5, &v)) ;
}
END_TEST

START_TEST(test_essential)
{
  ck_assert_int_eq(knobparse_essential("", 0), KNOBPARSE_ESSENTIAL) ;
  ck_assert_int_eq(knobparse_essential(" \n", 2), KNOBPARSE_ESSENTIAL) ;
  ck_assert_int_eq(knobparse_essential("on-failure\n", 11), KNOBPARSE_ON_FAILURE) ;
  ck_assert_int_eq(knobparse_essential("  on-failure", 12), KNOBPARSE_ON_FAILURE) ;
  ck_assert_int_eq(knobparse_essential("on-failures", 11), 0) ;
  ck_assert_int_eq(knobparse_essential("on", 2), 0) ;
  ck_assert_int_eq(knobparse_essential("ON-FAILURE", 10), 0) ;
  ck_assert_int_eq(knobparse_essential("on-failure\0", 11), 0) ;
  ck_assert_int_eq(knobparse_essential("yes", 3), 0) ;
}
END_TEST

START_TEST(test_show)
{
  char shown[24] ;
  knobparse_show("soon\n", 5, shown) ;
  ck_assert_str_eq(shown, "soon") ;
  knobparse_show("a\tb", 3, shown) ;
  ck_assert_str_eq(shown, "a?b") ;
  knobparse_show("123456789012345678901234", 24, shown) ;
  ck_assert_str_eq(shown, "12345678901234567...") ;
  knobparse_show("", 0, shown) ;
  ck_assert_str_eq(shown, "") ;
}
END_TEST

CHECK_MAIN("knobparse", test_ms, test_failures, test_sig, test_essential, test_show)
