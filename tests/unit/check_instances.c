/* check_instances.c - instance names (lib/svinstance) and the instances file (runsvdir/lib/instances). */
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "checkmain.h"
#include "instances.h"
#include "svinstance.h"

/* parsed: the file text S gives N */
static void parsed (char const *s, unsigned int want)
{
  unsigned int n = 9999 ;
  char v[64] ;
  ck_assert_msg(instances_parse(s, strlen(s), &n, v, sizeof(v)), "refused [%s]", s) ;
  ck_assert_uint_eq(n, want) ;
}

/* refused: the file text S is no number of instances; VALUE is what is shown */
static void refused (char const *s, char const *value)
{
  unsigned int n = 9999 ;
  char v[64] ;
  ck_assert_msg(!instances_parse(s, strlen(s), &n, v, sizeof(v)), "accepted [%s]", s) ;
  ck_assert_uint_eq(n, 0) ;
  ck_assert_str_eq(v, value) ;
}

START_TEST(test_numbers)
{
  parsed("3\n", 3) ;
  parsed("  0 \n", 0) ;
  parsed("1000", 1000) ;
  parsed("50\r\n", 50) ;
  refused("abc\n", "abc") ;
  refused("", "") ;
  refused("\n", "") ;
  refused("1001", "1001") ;
  refused("-1", "-1") ;
  refused("+3", "+3") ;
  refused("03", "03") ;
  refused("3 4", "3 4") ;
  refused("99999999999", "99999999999") ;
}
END_TEST

START_TEST(test_variables)
{
  setenv("WORKERS", "7", 1) ;
  setenv("BAD", "seven", 1) ;
  unsetenv("UNSET") ;
  parsed("$WORKERS\n", 7) ;
  refused("$BAD", "$BAD") ;
  refused("$UNSET\n", "$UNSET") ;
  refused("$", "$") ;
  refused("$A=B", "$A=B") ;
}
END_TEST

START_TEST(test_names)
{
  ck_assert_uint_eq(svinstance_split("worker@2"), 7) ;
  ck_assert_uint_eq(svinstance_split("worker@x@y"), 7) ;
  ck_assert_uint_eq(svinstance_split("worker@"), 0) ;
  ck_assert_uint_eq(svinstance_split("@2"), 0) ;
  ck_assert_uint_eq(svinstance_split("worker@.2"), 0) ;
  ck_assert_uint_eq(svinstance_split("worker"), 0) ;
  ck_assert_uint_eq(svinstance_split("a/b@2"), 0) ;
  ck_assert(svinstance_template("worker@", 7)) ;
  ck_assert(!svinstance_template("@", 1)) ;
  ck_assert(!svinstance_template("a@b@", 4)) ;
  ck_assert(!svinstance_template("worker", 6)) ;
  ck_assert(svinstance_valid("x")) ;
  ck_assert(!svinstance_valid("")) ;
  ck_assert(!svinstance_valid(".x")) ;
  ck_assert(!svinstance_valid("a/b")) ;
}
END_TEST

START_TEST(test_base)
{
  stralloc sa = STRALLOC_ZERO ;
  unsetenv("RUNSV_STATEDIR") ;
  ck_assert(svinstance_base(&sa, "", "worker@2", 7, 0)) ;
  ck_assert_str_eq(sa.s, ".instances/2") ;
  ck_assert(svinstance_base(&sa, "..", "worker@2", 7, 1)) ;
  ck_assert_str_eq(sa.s, "../.instances/2/log") ;
  setenv("RUNSV_STATEDIR", "/run/sv", 1) ;
  ck_assert(svinstance_base(&sa, "..", "worker@2", 7, 1)) ;
  ck_assert_str_eq(sa.s, "/run/sv/worker@2/log") ;
  ck_assert(svinstance_base(&sa, "", "worker@2", 7, 0)) ;
  ck_assert_str_eq(sa.s, "/run/sv/worker@2") ;
  setenv("RUNSV_STATEDIR", "rel", 1) ;
  ck_assert(!svinstance_base(&sa, "", "worker@2", 7, 0)) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_of)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t off ;
  ck_assert_int_eq(mkdir("s", 0755), 0) ;
  ck_assert_int_eq(mkdir("s/worker@", 0755), 0) ;
  ck_assert_int_eq(mkdir("s/plain@x", 0755), 0) ;
  ck_assert_int_eq(mkdir("s/other", 0755), 0) ;
  ck_assert_int_eq(symlink("worker@", "s/worker@x"), 0) ;
  ck_assert_int_eq(symlink("other", "s/worker@y"), 0) ;
  ck_assert_int_eq(svinstance_of("s/worker@2", &sa, &off), 1) ;
  ck_assert_str_eq(sa.s, "s/worker@") ;
  ck_assert_str_eq(sa.s + off, "worker@2") ;
  ck_assert_int_eq(svinstance_of("s/worker@x/", &sa, &off), 1) ;
  ck_assert_str_eq(sa.s + off, "worker@x") ;
  ck_assert_int_eq(svinstance_of("s/worker@y", &sa, &off), 0) ;  /* a link elsewhere: a service of its own */
  ck_assert_int_eq(svinstance_of("s/plain@x", &sa, &off), 0) ;   /* no template plain@ */
  ck_assert_int_eq(svinstance_of("s/worker@", &sa, &off), 0) ;
  ck_assert_int_eq(svinstance_of("s/other", &sa, &off), 0) ;
  stralloc_free(&sa) ;
}
END_TEST

CHECK_MAIN("instances", test_numbers, test_variables, test_names, test_base, test_of)
