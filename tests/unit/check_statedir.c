/* check_statedir.c - where supervise/ lives: names, paths, the choice, the making. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "checkmain.h"
#include "statedir.h"

static void last_is (char const *arg, char const *want)
{
  char const *name ;
  size_t len = statedir_last(arg, &name) ;
  ck_assert_msg(len == strlen(want) && !memcmp(name, want, len), "statedir_last(%s): got %.*s", arg, (int)len, name) ;
}

START_TEST(test_last)
{
  /* what runsvdir passes, and how sv may be given the same service */
  last_is("web", "web") ;
  last_is("/etc/service/web", "web") ;
  last_is("./web", "web") ;
  last_is("web/", "web") ;
  last_is("/etc/service/web//", "web") ;
  last_is("a.b", "a.b") ;
  last_is(".web", ".web") ;
  /* no name of their own */
  last_is("", "") ;
  last_is("/", "") ;
  last_is(".", "") ;
  last_is("./", "") ;
  last_is("..", "") ;
  last_is("a/..", "") ;
}
END_TEST

START_TEST(test_base)
{
  stralloc sa = STRALLOC_ZERO ;
  ck_assert(statedir_base(&sa, "/run/service", "web", 0)) ;
  ck_assert_str_eq(sa.s, "/run/service/web") ;
  ck_assert_uint_eq(sa.len, strlen(sa.s)) ;
  ck_assert(statedir_base(&sa, "/run/service/", "/etc/service/web/", 1)) ;
  ck_assert_str_eq(sa.s, "/run/service/web/log") ;
  ck_assert(statedir_base(&sa, "/", "web", 0)) ;
  ck_assert_str_eq(sa.s, "/web") ;
  /* relative would mean relative to each service dir */
  errno = 0 ;
  ck_assert(!statedir_base(&sa, "run/service", "web", 0)) ;
  ck_assert_int_eq(errno, EINVAL) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_base_cwd)
{
  /* "." is the current directory's own name */
  stralloc sa = STRALLOC_ZERO ;
  ck_assert_int_eq(mkdir("svc", 0755), 0) ;
  ck_assert_int_eq(chdir("svc"), 0) ;
  ck_assert(statedir_base(&sa, "/run/sv", ".", 0)) ;
  ck_assert_str_eq(sa.s, "/run/sv/svc") ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_base_too_long)
{
  stralloc sa = STRALLOC_ZERO ;
  char name[STATEDIR_MAX] ;
  size_t n = STATEDIR_MAX - 4 - 1 - 4 ;  /* "/run" "/" NAME "/log" */
  memset(name, 'a', n) ;
  name[n] = 0 ;
  ck_assert(statedir_base(&sa, "/run", name, 1)) ;
  ck_assert_uint_eq(sa.len, STATEDIR_MAX) ;
  name[n] = 'a' ; name[n + 1] = 0 ;
  errno = 0 ;
  ck_assert(!statedir_base(&sa, "/run", name, 1)) ;
  ck_assert_int_eq(errno, ENAMETOOLONG) ;
  ck_assert(statedir_base(&sa, "/run", name, 0)) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_pick)
{
  stralloc sa = STRALLOC_ZERO ;
  unsetenv(STATEDIR_VAR) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "supervise", 0), 0) ;
  setenv(STATEDIR_VAR, "", 1) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "supervise", 0), 0) ;
  setenv(STATEDIR_VAR, "/run/service", 1) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s, "/run/service/web") ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "log/supervise", 1), 1) ;
  ck_assert_str_eq(sa.s, "/run/service/web/log") ;
  /* a supervise of the dir's own wins: a directory, a dangling symlink */
  ck_assert_int_eq(mkdir("supervise", 0700), 0) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "supervise", 0), 0) ;
  ck_assert_int_eq(mkdir("log", 0755), 0) ;
  ck_assert_int_eq(symlink("/nonexistent/x", "log/supervise"), 0) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "log/supervise", 1), 0) ;
  setenv(STATEDIR_VAR, "relative", 1) ;
  ck_assert_int_eq(statedir_pick(&sa, "web", "nothing", 0), -1) ;
  ck_assert_int_eq(errno, EINVAL) ;
  unsetenv(STATEDIR_VAR) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_make)
{
  char cwd[4096], base[4200] ;
  struct stat st ;
  ck_assert(getcwd(cwd, sizeof(cwd)) != 0) ;
  strcpy(base, cwd) ;
  strcat(base, "/state/web/log") ;
  ck_assert(statedir_make(base)) ;
  ck_assert_int_eq(stat("state/web/log", &st), 0) ;
  ck_assert(S_ISDIR(st.st_mode)) ;
  ck_assert_uint_eq(st.st_mode & 07777, 0755 & ~umask(umask(0))) ;
  /* again: all there already */
  ck_assert(statedir_make(base)) ;
  /* a file in the way */
  {
    FILE *f = fopen("file", "w") ;
    ck_assert(f != 0) ;
    fclose(f) ;
  }
  strcpy(base, cwd) ;
  strcat(base, "/file/web") ;
  errno = 0 ;
  ck_assert(!statedir_make(base)) ;
  ck_assert_int_eq(errno, ENOTDIR) ;
}
END_TEST

START_TEST(test_pick_log_as_service)
{
  /* web/log given as a service is web's log when runsv keeps that in DIR/web/log */
  stralloc sa = STRALLOC_ZERO ;
  char cwd[4096], dir[4200] ;
  ck_assert(getcwd(cwd, sizeof(cwd)) != 0) ;
  strcpy(dir, cwd) ;
  strcat(dir, "/state") ;
  setenv(STATEDIR_VAR, dir, 1) ;
  ck_assert_int_eq(statedir_pick(&sa, "/etc/service/web/log", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s + strlen(cwd), "/state/log") ;
  ck_assert_int_eq(mkdir("state", 0755), 0) ;
  ck_assert_int_eq(mkdir("state/web", 0755), 0) ;
  ck_assert_int_eq(mkdir("state/web/log", 0755), 0) ;
  ck_assert_int_eq(mkdir("state/web/log/supervise", 0700), 0) ;
  ck_assert_int_eq(statedir_pick(&sa, "/etc/service/web/log", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s + strlen(cwd), "/state/web/log") ;
  ck_assert_uint_eq(sa.len, strlen(sa.s)) ;
  ck_assert_int_eq(statedir_pick(&sa, "./web/log/", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s + strlen(cwd), "/state/web/log") ;
  /* a plain "log" has no parent to be the log of */
  ck_assert_int_eq(statedir_pick(&sa, "log", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s + strlen(cwd), "/state/log") ;
  /* from the log dir itself, named "." */
  ck_assert_int_eq(mkdir("web", 0755), 0) ;
  ck_assert_int_eq(mkdir("web/log", 0755), 0) ;
  ck_assert_int_eq(chdir("web/log"), 0) ;
  ck_assert_int_eq(statedir_pick(&sa, ".", "supervise", 0), 1) ;
  ck_assert_str_eq(sa.s + strlen(cwd), "/state/web/log") ;
  unsetenv(STATEDIR_VAR) ;
  stralloc_free(&sa) ;
}
END_TEST

CHECK_MAIN("statedir", test_last, test_base, test_base_cwd, test_base_too_long, test_pick, test_pick_log_as_service, test_make)
