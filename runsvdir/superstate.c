/* superstate.c - a service's supervise/state, read by runsvdir (see superstate.h). */
#include <errno.h>
#include <sys/stat.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "pathjoin.h"
#include "statedir.h"
#include "superstate.h"

/* service_file: DIR/NAME/FILE into BUF (4096 bytes); 1, or 0 */
static int service_file (char *buf, char const *dir, char const *name, char const *file)
{
  char sub[4096] ;
  return path_join(sub, sizeof(sub), dir, name) && path_join(buf, 4096, sub, file) ;
}

int superstate_read (char const *dir, char const *name, svstate *st)
{
  char own[4096] ;
  struct stat sb ;
  char const *sd = statedir_dir() ;
  stralloc sa = STRALLOC_ZERO ;
  int r ;
  if (!service_file(own, dir, name, "supervise")) return 0 ;
  /* a supervise of its own (even a symlink) wins, as for runsv */
  if (!sd || lstat(own, &sb) == 0) return svstate_read(own, st) > 0 ;
  if (!statedir_base(&sa, sd, name, 0) || !stralloc_cats(&sa, "/supervise") || !stralloc_0(&sa))
  {
    stralloc_free(&sa) ;
    return 0 ;
  }
  r = svstate_read(sa.s, st) ;
  stralloc_free(&sa) ;
  return r > 0 ;
}

int superstate_declares (char const *dir, char const *name)
{
  char path[4096] ;
  struct stat sb ;
  return (service_file(path, dir, name, "notification-fd") && stat(path, &sb) == 0)
      || (service_file(path, dir, name, "notify-socket") && stat(path, &sb) == 0) ;
}

pid_t superstate_logpid (char const *dir, char const *name)
{
  char own[4096], path[4096], buf[PID_FMT + 2] ;
  struct stat sb ;
  char const *sd = statedir_dir() ;
  stralloc sa = STRALLOC_ZERO ;
  char const *base = own ;
  ssize_t r ;
  pid_t pid ;
  if (!service_file(own, dir, name, "log/supervise")) return 0 ;
  if (sd && lstat(own, &sb) < 0)
  {
    if (!statedir_base(&sa, sd, name, 1) || !stralloc_cats(&sa, "/supervise") || !stralloc_0(&sa))
    {
      stralloc_free(&sa) ;
      return 0 ;
    }
    base = sa.s ;
  }
  r = path_join(path, sizeof(path), base, "pid") ? openreadnclose(path, buf, sizeof(buf) - 1) : -1 ;
  stralloc_free(&sa) ;
  if (r <= 0) return 0 ;
  buf[r] = 0 ;
  {
    /* runsv writes "PID\n": pid0_scan would refuse the newline */
    size_t n = pid_scan(buf, &pid) ;
    return n && (buf[n] == '\n' || !buf[n]) && pid > 0 ? pid : 0 ;
  }
}
