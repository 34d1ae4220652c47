/* check_procids.c - state, process group and session from a /proc/PID/stat line. */
#include <stdio.h>
#include <string.h>
#include "checkmain.h"
#include "procids.h"

static int parse (char const *line, char *pstate, pid_t *pgrp, pid_t *session)
{
  return procids_parse(line, strlen(line), pstate, pgrp, session) ;
}

START_TEST(test_fields_after_the_last_paren)
{
  char st ;
  pid_t g, s ;
  ck_assert(parse("42 (runsv) S 1 42 42 0 -1 4194560 ...\n", &st, &g, &s)) ;
  ck_assert_int_eq(st, 'S') ; ck_assert_int_eq(g, 42) ; ck_assert_int_eq(s, 42) ;
  /* a comm with spaces and parens: counted from the last ')' */
  ck_assert(parse("7 (a) b (c)) Z 3 5 6 0\n", &st, &g, &s)) ;
  ck_assert_int_eq(st, 'Z') ; ck_assert_int_eq(g, 5) ; ck_assert_int_eq(s, 6) ;
}
END_TEST

START_TEST(test_not_a_stat_line)
{
  char st ;
  pid_t g, s ;
  ck_assert(!parse("", &st, &g, &s)) ;
  ck_assert(!parse("42 (runsv", &st, &g, &s)) ;
  ck_assert(!parse("42 (runsv)", &st, &g, &s)) ;
  ck_assert(!parse("42 (runsv) S 1 x 42 0", &st, &g, &s)) ;
  ck_assert(!parse("42 (runsv) S 1 42", &st, &g, &s)) ;
  ck_assert(!parse("42 (runsv) S 1 4294967295 42 0", &st, &g, &s)) ;  /* no pid_t */
  ck_assert(!procids_parse("42 (r\0) S 1 2 3 0", 16, &st, &g, &s)) ;
}
END_TEST

START_TEST(test_read_self)
{
  char st, me[32] ;
  pid_t g, s ;
  snprintf(me, sizeof(me), "%d", (int)getpid()) ;
  ck_assert(procids_read(me, &st, &g, &s)) ;
  ck_assert_int_eq(g, getpgrp()) ;
  ck_assert_int_eq(s, getsid(0)) ;
  ck_assert(!procids_read("999999999", &st, &g, &s)) ;
}
END_TEST

CHECK_MAIN("procids", test_fields_after_the_last_paren, test_not_a_stat_line, test_read_self)
