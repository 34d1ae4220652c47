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

/* make: statedir_make of CWD/DIR and CWD/BELOW (BELOW starts with DIR), BAD's path relative to CWD in *AT */
static int make (char const *cwd, char const *dir, char const *below, char const **at)
{
  static stralloc bad = STRALLOC_ZERO ;
  char d[4200], b[4200] ;
  size_t n = strlen(cwd) ;
  int r ;
  snprintf(d, sizeof(d), "%s/%s", cwd, dir) ;
  snprintf(b, sizeof(b), "%s/%s", cwd, below) ;
  r = statedir_make(d, b, &bad) ;
  *at = r == 1 ? "" : bad.len > n && !memcmp(bad.s, cwd, n) ? bad.s + n + 1 : "?" ;
  return r ;
}

START_TEST(test_make)
{
  char cwd[4096] ;
  char const *at ;
  struct stat st ;
  ck_assert(getcwd(cwd, sizeof(cwd)) != 0) ;
  ck_assert_int_eq(make(cwd, "state", "state/web/log", &at), 1) ;
  ck_assert_int_eq(stat("state/web/log", &st), 0) ;
  ck_assert(S_ISDIR(st.st_mode)) ;
  ck_assert_uint_eq(st.st_mode & 07777, 0755 & ~umask(umask(0))) ;
  /* again: all there already; DIR with a trailing slash; BASE DIR itself */
  ck_assert_int_eq(make(cwd, "state", "state/web/log", &at), 1) ;
  ck_assert_int_eq(make(cwd, "state/", "state/web", &at), 1) ;
  ck_assert_int_eq(make(cwd, "state", "state", &at), 1) ;
  /* a file in the way, above DIR and below it */
  {
    FILE *f = fopen("file", "w") ;
    ck_assert(f != 0) ;
    fclose(f) ;
    f = fopen("state/file", "w") ;
    ck_assert(f != 0) ;
    fclose(f) ;
  }
  errno = 0 ;
  ck_assert_int_eq(make(cwd, "file/state", "file/state/web", &at), 0) ;
  ck_assert_int_eq(errno, ENOTDIR) ;
  ck_assert_str_eq(at, "file/state") ;
  ck_assert_int_eq(make(cwd, "state", "state/file/log", &at), 0) ;
  ck_assert_int_eq(errno, ENOTDIR) ;
  ck_assert_str_eq(at, "state/file") ;
}
END_TEST

START_TEST(test_make_no_link_below)
{
  char cwd[4096] ;
  char const *at ;
  struct stat st ;
  ck_assert(getcwd(cwd, sizeof(cwd)) != 0) ;
  ck_assert_int_eq(mkdir("real", 0755), 0) ;
  ck_assert_int_eq(mkdir("elsewhere", 0755), 0) ;
  ck_assert_int_eq(symlink("real", "linked"), 0) ;
  /* DIR itself may be a link: the administrator's path */
  ck_assert_int_eq(make(cwd, "linked", "linked/web", &at), 1) ;
  ck_assert_int_eq(stat("real/web", &st), 0) ;
  /* below it, none is followed, dangling or not */
  ck_assert_int_eq(symlink("../elsewhere", "real/planted"), 0) ;
  errno = 0 ;
  ck_assert_int_eq(make(cwd, "real", "real/planted/log", &at), 0) ;
  ck_assert_int_eq(errno, ELOOP) ;
  ck_assert_str_eq(at, "real/planted") ;
  ck_assert_int_eq(symlink("../nowhere", "real/web/log"), 0) ;
  errno = 0 ;
  ck_assert_int_eq(make(cwd, "real", "real/web/log", &at), 0) ;
  ck_assert_int_eq(errno, ELOOP) ;
  ck_assert_str_eq(at, "real/web/log") ;
  ck_assert_int_eq(lstat("elsewhere/log", &st), -1) ;
  ck_assert_int_eq(lstat("nowhere", &st), -1) ;
}
END_TEST

START_TEST(test_make_others_may_write)
{
  char cwd[4096] ;
  char const *at ;
  ck_assert(getcwd(cwd, sizeof(cwd)) != 0) ;
  ck_assert_int_eq(mkdir("open", 0755), 0) ;
  /* writable by all: another user could rename what is ours and put a link there */
  ck_assert_int_eq(chmod("open", 0777), 0) ;
  ck_assert_int_eq(make(cwd, "open", "open/web", &at), -1) ;
  ck_assert_str_eq(at, "open") ;
  ck_assert_int_eq(chmod("open", 0775), 0) ;
  ck_assert_int_eq(make(cwd, "open", "open/web", &at), -1) ;
  /* sticky, as /tmp: what is ours stays ours */
  ck_assert_int_eq(chmod("open", 01777), 0) ;
  ck_assert_int_eq(make(cwd, "open", "open/web", &at), 1) ;
  /* below it too */
  ck_assert_int_eq(chmod("open/web", 0757), 0) ;
  ck_assert_int_eq(make(cwd, "open", "open/web/log", &at), -1) ;
  ck_assert_str_eq(at, "open/web") ;
  ck_assert_int_eq(chmod("open/web", 0755), 0) ;
  /* another user's, even not writable by others (root: a chown is possible) */
  if (!geteuid())
  {
    ck_assert_int_eq(chown("open/web", 65534, 65534), 0) ;
    ck_assert_int_eq(make(cwd, "open", "open/web/log", &at), -1) ;
    ck_assert_str_eq(at, "open/web") ;
    ck_assert_int_eq(chown("open", 65534, 65534), 0) ;
    ck_assert_int_eq(make(cwd, "open", "open", &at), -1) ;
    ck_assert_str_eq(at, "open") ;
  }
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

CHECK_MAIN("statedir", test_last, test_base, test_base_cwd, test_base_too_long, test_pick, test_pick_log_as_service, test_make, test_make_no_link_below, test_make_others_may_write)
