/* check_taskenv.c - the NAME=VALUE lines an init task writes to $RUNSVDIR_ENV. */
#include <string.h>
#include "checkmain.h"
#include "taskenv.h"

/* next: the next line of S must be NAME=VALUE */
static void next (char const *s, size_t len, size_t *pos, unsigned int *n, char const *name, char const *value)
{
  taskenv_line l ;
  ck_assert_int_eq(taskenv_next(s, len, pos, n, &l), 1) ;
  ck_assert_int_eq(l.namelen, strlen(name)) ;
  ck_assert(!memcmp(l.name, name, l.namelen)) ;
  ck_assert_int_eq(l.valuelen, strlen(value)) ;
  ck_assert(!memcmp(l.value, value, l.valuelen)) ;
}

/* bad_at: S is refused at line LINE */
static void bad_at (char const *s, size_t len, unsigned int line)
{
  taskenv_line l ;
  size_t pos = 0 ;
  unsigned int n = 0 ;
  int r ;
  while ((r = taskenv_next(s, len, &pos, &n, &l)) == 1) ;
  ck_assert_msg(r == -1, "accepted [%s]", s) ;
  ck_assert_int_eq(n, line) ;
}

START_TEST(test_lines)
{
  char const *s = "A=1\n\nDB_URL=postgres://x/y?a=b\n_x9=\nLAST=no newline" ;
  size_t pos = 0, len = strlen(s) ;
  unsigned int n = 0 ;
  taskenv_line l ;
  next(s, len, &pos, &n, "A", "1") ;
  next(s, len, &pos, &n, "DB_URL", "postgres://x/y?a=b") ;
  ck_assert_int_eq(n, 3) ;
  next(s, len, &pos, &n, "_x9", "") ;
  next(s, len, &pos, &n, "LAST", "no newline") ;
  ck_assert_int_eq(taskenv_next(s, len, &pos, &n, &l), 0) ;
  ck_assert_int_eq(taskenv_next(s, len, &pos, &n, &l), 0) ;
  pos = 0 ; n = 0 ;
  ck_assert_int_eq(taskenv_next("", 0, &pos, &n, &l), 0) ;
  pos = 0 ;
  ck_assert_int_eq(taskenv_next("\n\n", 2, &pos, &n, &l), 0) ;
  pos = 0 ; n = 0 ;
  next("V= spaces kept \n", 16, &pos, &n, "V", " spaces kept ") ;
}
END_TEST

START_TEST(test_refused)
{
  bad_at("noequals\n", 9, 1) ;
  bad_at("A=1\n=2\n", 7, 2) ;
  bad_at("A=1\n\n9A=2\n", 10, 3) ;
  bad_at("A B=1\n", 6, 1) ;
  bad_at(" A=1\n", 5, 1) ;
  bad_at("A-B=1\n", 6, 1) ;
  bad_at("A=1\0x\n", 6, 1) ;
  bad_at("export A=1\n", 11, 1) ;
}
END_TEST

CHECK_MAIN("taskenv", test_lines, test_refused)
