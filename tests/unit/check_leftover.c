/* check_leftover.c - children left behind: the kernel's list parsed, and read for real. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>
#include "checkmain.h"
#include "leftover.h"

static unsigned int parse (char const *s, pid_t *pids, unsigned int max) { return leftover_parse(s, strlen(s), pids, max) ; }

START_TEST(test_parse)
{
  pid_t p[3] = { 0, 0, 0 } ;
  ck_assert_uint_eq(parse("", p, 3), 0) ;
  ck_assert_uint_eq(parse("\n", p, 3), 0) ;
  ck_assert_uint_eq(parse("12 345 6789 \n", p, 3), 3) ;
  ck_assert(p[0] == 12 && p[1] == 345 && p[2] == 6789) ;
  /* more than MAX: counted, the first kept */
  ck_assert_uint_eq(parse("1 2 3 4 5 ", p, 2), 5) ;
  ck_assert(p[0] == 1 && p[1] == 2 && p[2] == 6789) ;
  ck_assert_uint_eq(parse("7", p, 3), 1) ;
  ck_assert(p[0] == 7) ;
}
END_TEST

/* found by tests/fuzz/fuzz_leftover: a 0 or a pid that wraps to -1 or below
   went to runsv, whose sweep then signals it (kill(0): its own group,
   kill(-1): every process) */
START_TEST(test_parse_not_pids)
{
  pid_t p[4] = { 0, 0, 0, 0 } ;
  ck_assert_uint_eq(parse("#0", p, 4), 0) ;
  ck_assert_uint_eq(parse("0 00 4294967295 2147483648 99999999999999999999", p, 4), 0) ;
  ck_assert_uint_eq(parse("0 5 18446744073709551615 2147483647", p, 4), 2) ;
  ck_assert(p[0] == 5 && p[1] == 2147483647) ;
}
END_TEST

START_TEST(test_children)
{
  pid_t p[LEFTOVER_MAX] ;
  pid_t a = fork(), b ;
  if (!a) { pause() ; _exit(0) ; }
  b = fork() ;
  if (!b) { pause() ; _exit(0) ; }
  {
    int n = leftover_children(getpid(), p, LEFTOVER_MAX) ;
    if (n < 0) { kill(a, SIGKILL) ; kill(b, SIGKILL) ; return ; }  /* no /proc here: nothing to see */
    ck_assert_int_eq(n, 2) ;
    ck_assert((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)) ;
  }
  kill(a, SIGKILL) ; kill(b, SIGKILL) ;
  waitpid(a, 0, 0) ; waitpid(b, 0, 0) ;
  ck_assert_int_eq(leftover_children(getpid(), p, LEFTOVER_MAX), 0) ;
}
END_TEST

START_TEST(test_subreaper)
{
  /* an orphan of a child comes back to us */
  int fd[2] ;
  pid_t child, grand = 0 ;
  pid_t p[LEFTOVER_MAX] ;
  ck_assert(leftover_subreaper()) ;
  ck_assert_int_eq(pipe(fd), 0) ;
  child = fork() ;
  if (!child)
  {
    pid_t g = fork() ;
    if (!g) { pause() ; _exit(0) ; }
    if (write(fd[1], &g, sizeof(g)) != sizeof(g)) _exit(1) ;
    _exit(0) ;
  }
  ck_assert_int_eq(read(fd[0], &grand, sizeof(grand)), sizeof(grand)) ;
  ck_assert_int_eq(waitpid(child, 0, 0), child) ;
  ck_assert_int_eq(leftover_children(getpid(), p, LEFTOVER_MAX), 1) ;
  ck_assert_int_eq(p[0], grand) ;
  kill(grand, SIGKILL) ;
  ck_assert_int_eq(waitpid(grand, 0, 0), grand) ;
}
END_TEST

/* asked for another process than the one /proc/self is: refused (as in a
   PID namespace whose /proc is its parent's) */
START_TEST(test_foreign_proc)
{
  pid_t p[LEFTOVER_MAX] ;
  errno = 0 ;
  ck_assert_int_eq(leftover_children(getppid(), p, LEFTOVER_MAX), -1) ;
  ck_assert_int_eq(errno, EXDEV) ;
}
END_TEST

CHECK_MAIN("leftover", test_parse, test_parse_not_pids, test_children, test_subreaper, test_foreign_proc)
