/* needs.c - dependencies.d and timeout-up (see needs.h).
 *
 * Linux: inotify, hence nonposix.h first. The service dir is the current
 * directory: a dependency NAME is ../NAME, its supervise/ there or, when it
 * has none of its own, under $RUNSV_STATEDIR (statedir.h), as runsv puts it. */
#include <skalibs/nonposix.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "coldbss.h"
#include "errword.h"
#include "knobs.h"
#include "namequote.h"
#include "needs.h"
#include "pathjoin.h"
#include "statedir.h"
#include "svinstance.h"
#include "superstate.h"
#include "superstatus.h"

#define NAME_MAX_LEN 255
#define CYCLE_DEPTH 16  /* how far a cycle is looked for */
#define NEEDS_MAX 64    /* dependencies read per service */

/* instance_beside: is DIR (../NAME) an instance (svinstance.h), one generated
   from a template beside this one, which exists nowhere on disk? */
static int instance_beside (char const *dir)
{
  stralloc t = STRALLOC_ZERO ;
  size_t off ;
  int r = svinstance_of(dir, &t, &off) == 1 ;
  stralloc_free(&t) ;
  return r ;
}

/* base_of: the directory holding the supervise/ of the service NAME beside
   this one, into SA, NUL-terminated; 1, or 0 */
static int base_of (stralloc *sa, char const *name)
{
  char own[NAME_MAX_LEN + 16] ;
  struct stat sb ;
  char const *sd = statedir_dir() ;
  sa->len = 0 ;
  if (!path_join(own, sizeof(own), "..", name)) return 0 ;
  {
    /* an instance (svinstance.h) keeps its own, not its template's */
    stralloc t = STRALLOC_ZERO ;
    size_t off ;
    int r = svinstance_of(own, &t, &off) == 1 ;
    if (r) r = svinstance_base(sa, t.s, name, svinstance_split(name), 0) ? 1 : -1 ;
    stralloc_free(&t) ;
    if (r) return r > 0 ;
  }
  {
    char super[NAME_MAX_LEN + 32] ;
    if (!path_join(super, sizeof(super), own, "supervise")) return 0 ;
    if (!sd || lstat(super, &sb) == 0) return stralloc_cats(sa, own) && stralloc_0(sa) ;
  }
  return statedir_base(sa, sd, name, 0) ;
}

/* ready_of: is the service of base directory BASE up, and ready if it declares readiness? */
static int ready_of (char const *base)
{
  superstatus st ;
  superstate ss = SUPERSTATE_ZERO ;
  char super[path_joinsize(base, "supervise")] ;
  int r ;
  if (superstatus_read(base, &st) <= 0) return 0 ;
  if (!path_join(super, sizeof(super), base, "supervise")) return 0 ;
  r = superstate_read(super, &ss) ;
  /* a scheduled service is down between its runs: there once its schedule is on */
  if (r > 0 && ss.sched_flags) return st.want == 'u' ;
  if (st.proc != SUPERSTATUS_RUN || !st.pid) return 0 ;
  /* no state at all: runit's runsv, whose services declare nothing */
  if (r <= 0) return 1 ;
  return !(ss.flags & SUPERSTATE_DECLARES) || (ss.flags & SUPERSTATE_READY) ;
}

/* names_of: the names in DIR (dependencies.d), dot-names left out, into
   NAMES (each NUL-terminated, at most NEEDS_MAX); how many, -1 when DIR
   cannot be read for another reason than its absence */
static int names_of (char const *dir, stralloc *names)
{
  DIR *d = opendir(dir) ;
  int n = 0 ;
  names->len = 0 ;
  if (!d) return errno == ENOENT || errno == ENOTDIR ? 0 : -1 ;
  for (;;)
  {
    struct dirent *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.' || n >= NEEDS_MAX) continue ;
    if (!stralloc_catb(names, de->d_name, strlen(de->d_name) + 1)) { closedir(d) ; return -1 ; }
    n++ ;
  }
  closedir(d) ;
  return n ;
}

/* leads_back: does the service FROM (beside this one) need, directly or not,
   the service SELF? PATH (CYCLE_DEPTH names) gets the way, *LEN its length */
static int leads_back (char const *from, char const *self, char (*path)[NAME_MAX_LEN + 1], unsigned int *len, unsigned int depth, stralloc *seen)
{
  char dir[NAME_MAX_LEN + 32] ;
  stralloc names = STRALLOC_ZERO ;
  int n, found = 0 ;
  if (depth >= CYCLE_DEPTH) return 0 ;
  /* each service is looked at once per search */
  for (size_t i = 0 ; i < seen->len ; i += strlen(seen->s + i) + 1)
    if (!strcmp(seen->s + i, from)) return 0 ;
  if (!stralloc_catb(seen, from, strlen(from) + 1)) return 0 ;
  if (strlen(from) > NAME_MAX_LEN) return 0 ;
  strcpy(path[depth], from) ;
  if (!path_join(dir, sizeof(dir), "..", from) || !path_join(dir, sizeof(dir), dir, "dependencies.d")) return 0 ;
  n = names_of(dir, &names) ;
  for (size_t i = 0, k = 0 ; !found && (int)k < n ; k++, i += strlen(names.s + i) + 1)
  {
    if (!strcmp(names.s + i, self)) { *len = depth + 1 ; found = 1 ; break ; }
    found = leads_back(names.s + i, self, path, len, depth + 1, seen) ;
  }
  stralloc_free(&names) ;
  return found ;
}

/* in_cycle: does the need of SELF for NAME close a cycle? Said once per wait, the way named */
static int in_cycle (char const *self, char const *name, int warn)
{
  static char path[CYCLE_DEPTH][NAME_MAX_LEN + 1] COLDBSS ;  /* not on runsv's stack */
  unsigned int len = 0 ;
  stralloc seen = STRALLOC_ZERO ;
  int r = leads_back(name, self, path, &len, 0, &seen) ;
  stralloc_free(&seen) ;
  if (!r || !warn) return r ;
  {
    stralloc way = STRALLOC_ZERO ;
    int ok = stralloc_cats(&way, namequote_show(self)) ;
    for (unsigned int i = 0 ; ok && i < len ; i++)
      ok = stralloc_cats(&way, " -> ") && stralloc_cats(&way, namequote_show(path[i])) ;
    ok = ok && stralloc_cats(&way, " -> ") && stralloc_cats(&way, namequote_show(self)) && stralloc_0(&way) ;
    errword_warn("dependencies.d/", namequote_show(name), ": a cycle (", ok ? way.s : "?", "): not waited for") ;
    stralloc_free(&way) ;
  }
  return 1 ;
}

/* watch: S's inotify on BASE's supervise/; its watch descriptor, or -1 when
   it has none yet (then polled) */
static int watch (service *s, char const *base)
{
  char super[path_joinsize(base, "supervise")] ;
  if (s->need.fd < 0)
  {
    s->need.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
    if (s->need.fd < 0) return -1 ;
  }
  if (!path_join(super, sizeof(super), base, "supervise")) return -1 ;
  /* runsv replaces status and state by a rename; runit's too */
  return inotify_add_watch(s->need.fd, super, IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF) ;
}

void needs_init (service *s)
{
  s->need.fd = -1 ;
  s->need.polling = 0 ;
  s->need.poll_at = tain_zero ;
  s->need.warned = 0 ;
  s->need.waitlen = 0 ;
}

void needs_done (service *s)
{
  if (s->need.fd >= 0) fd_close(s->need.fd) ;
  s->need.fd = -1 ;
  s->need.polling = 0 ;
  s->need.warned = 0 ;
  s->need.waitlen = 0 ;
}

int needs_met (service *s, uint32_t *timeout)
{
  stralloc names = STRALLOC_ZERO, base = STRALLOC_ZERO, here = STRALLOC_ZERO ;
  char const *self = 0 ;
  int warn = !s->need.warned, n ;
  *timeout = 0 ;
  if (s->life.islog) return 1 ;
  n = names_of("dependencies.d", &names) ;
  if (n < 0) { if (warn) errword_warnsys("unable to read dependencies.d") ; n = 0 ; }
  if (!n) { stralloc_free(&names) ; needs_done(s) ; return 1 ; }
  if (sagetcwd(&here) == 0 && stralloc_0(&here)) statedir_last(here.s, &self) ;
  /* watches are made anew: what is waited for may have changed */
  if (s->need.fd >= 0) fd_close(s->need.fd) ;
  s->need.fd = -1 ;
  s->need.polling = 0 ;
  s->need.waitlen = 0 ;
  for (size_t i = 0, k = 0 ; (int)k < n ; k++, i += strlen(names.s + i) + 1)
  {
    char const *name = names.s + i ;
    char dir[NAME_MAX_LEN + 16] ;
    struct stat sb ;
    size_t len = strlen(name) ;
    if (!path_join(dir, sizeof(dir), "..", name) || ((stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) && !instance_beside(dir)))
    {
      if (warn) errword_warn("dependencies.d/", namequote_show(name), ": no service of that name beside this one: not waited for") ;
      continue ;
    }
    if (self && in_cycle(self, name, warn)) continue ;
    if (!base_of(&base, name)) continue ;
    /* watched before it is read: a dependency that gets ready in between
       is then seen by the next wake-up, not lost */
    {
      int wd = watch(s, base.s) ;
      if (ready_of(base.s))
      {
        if (wd >= 0) inotify_rm_watch(s->need.fd, wd) ;
        continue ;
      }
      if (wd < 0) s->need.polling = 1 ;
    }
    if (s->need.waitlen + len + 1 <= SUPERSTATE_WAITMAX)
    {
      memcpy(s->need.waiting + s->need.waitlen, name, len) ;
      s->need.waitlen += len ;
      s->need.waiting[s->need.waitlen++] = '\n' ;
    }
  }
  s->need.warned = 1 ;
  stralloc_free(&names) ;
  stralloc_free(&base) ;
  stralloc_free(&here) ;
  if (!s->need.waitlen) { needs_done(s) ; return 1 ; }
  *timeout = knobs_ms(s, "timeout-up", 0, "no limit") ;
  if (s->need.polling)
  {
    tain d ;
    tain_from_millisecs(&d, NEEDS_POLL_MS) ;
    tain_add_g(&s->need.poll_at, &d) ;
  }
  return 0 ;
}

void needs_waited_out (service *s)
{
  char list[SUPERSTATE_WAITMAX + 1] ;
  size_t n = s->need.waitlen ;
  memcpy(list, s->need.waiting, n) ;
  if (n) n-- ;  /* the last newline */
  list[n] = 0 ;
  for (size_t i = 0 ; i < n ; i++) if (list[i] == '\n') list[i] = ' ' ;
  errword_warn("timeout-up: still waiting for ", list, ": ./run starts all the same") ;
  needs_done(s) ;
}

int needs_due (service *s, int readable, tain const *now, tain *deadline)
{
  int due = 0 ;
  if (readable && s->need.fd >= 0)
  {
    /* room for one event with the longest name (a smaller read is EINVAL) */
    char buf[sizeof(struct inotify_event) + NAME_MAX_LEN + 1] ;
    while (fd_read(s->need.fd, buf, sizeof(buf)) > 0) ;
    due = 1 ;
  }
  if (s->need.polling)
  {
    if (!tain_less(now, &s->need.poll_at)) due = 1 ;
    else if (tain_less(&s->need.poll_at, deadline)) *deadline = s->need.poll_at ;
  }
  return due ;
}
