/* supervised.c - a service's supervise/state, read by runsvdir (see supervised.h). */
#include <errno.h>
#include <sys/stat.h>
#include <skalibs/stralloc.h>
#include "pathjoin.h"
#include "statedir.h"
#include "superstatus.h"
#include "supervised.h"
#include "svinstance.h"

/* service_file: DIR/NAME/FILE into BUF (4096 bytes); 1, or 0 */
static int service_file (char *buf, char const *dir, char const *name, char const *file)
{
  char sub[4096] ;
  return path_join(sub, sizeof(sub), dir, name) && path_join(buf, 4096, sub, file) ;
}

/* base_of: the directory that holds the supervise/ of DIR/NAME (its log's
   when ISLOG) into SA, NUL-terminated: DIR/NAME[/log] when that has a
   supervise of its own (even a symlink, as runsv decides) or
   $RUNSV_STATEDIR is unset, else the state dir's place; 1, or 0 */
static int base_of (stralloc *sa, char const *dir, char const *name, int islog)
{
  char own[4096], super[4096] ;
  struct stat sb ;
  char const *sd = statedir_dir() ;
  stralloc t = STRALLOC_ZERO ;
  size_t off ;
  /* an instance's is its own, not its template's (svinstance.h) */
  if (path_join(own, sizeof(own), dir, name) && svinstance_of(own, &t, &off) == 1)
  {
    int r = svinstance_base(sa, t.s, name, svinstance_split(name), islog) ;
    stralloc_free(&t) ;
    return r ;
  }
  stralloc_free(&t) ;
  if (!(islog ? service_file(own, dir, name, "log") : path_join(own, sizeof(own), dir, name))
   || !path_join(super, sizeof(super), own, "supervise")) return 0 ;
  if (!sd || lstat(super, &sb) == 0) { sa->len = 0 ; return stralloc_cats(sa, own) && stralloc_0(sa) ; }
  return statedir_base(sa, sd, name, islog) && stralloc_0(sa) ;
}

int supervised_read (char const *dir, char const *name, superstate *st)
{
  char super[4096] ;
  stralloc sa = STRALLOC_ZERO ;
  int r = base_of(&sa, dir, name, 0) && path_join(super, sizeof(super), sa.s, "supervise") && superstate_read(super, st) > 0 ;
  stralloc_free(&sa) ;
  return r ;
}

int supervised_unready (char const *dir, char const *name)
{
  superstatus st ;
  superstate ss = SUPERSTATE_ZERO ;
  stralloc sa = STRALLOC_ZERO ;
  char super[4096] ;
  int r = base_of(&sa, dir, name, 0) && path_join(super, sizeof(super), sa.s, "supervise") ;
  /* no status yet: its runsv has not said anything, so nothing is known */
  if (!r || superstatus_read(sa.s, &st) <= 0) { stralloc_free(&sa) ; return 1 ; }
  if (st.want != 'u') { stralloc_free(&sa) ; return 0 ; }
  /* our runsv writes state before status; none at all is runit's runsv,
     whose services declare nothing */
  r = superstate_read(super, &ss) ;
  stralloc_free(&sa) ;
  if (r <= 0) return r == 0 && errno == ENOENT ? 0 : 1 ;
  /* a scheduled service is down between its runs: never waited for */
  if (ss.sched_flags) return 0 ;
  return (ss.flags & SUPERSTATE_DECLARES) && !(ss.flags & SUPERSTATE_READY) ;
}

pid_t supervised_logpid (char const *dir, char const *name)
{
  superstatus st ;
  stralloc sa = STRALLOC_ZERO ;
  int r = base_of(&sa, dir, name, 1) && superstatus_read(sa.s, &st) > 0 ;
  stralloc_free(&sa) ;
  return r ? (pid_t)st.pid : 0 ;
}
