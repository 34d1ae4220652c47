/* supervise.c - the supervise/ directory (see supervise.h).
 *
 * Linux/BSD: flock(2) for supervise/lock (runit's lock, which fcntl locks
 * do not see), hence nonposix.h first. */
#include <skalibs/nonposix.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "errword.h"
#include "instance.h"
#include "pathjoin.h"
#include "readiness.h"
#include "statedir.h"
#include "supervise.h"
#include "liveness.h"
#include "schedule.h"

/* SUPER_PATH: room for the longest supervise path (statedir.h) and any file name in it */
#define SUPER_PATH (STATEDIR_MAX + 56)

/* super_path: SUPER/NAME into path (SUPER_PATH bytes; our names always fit) */
static void super_path (char *path, char const *super, char const *name)
{
  if (!path_join(path, SUPER_PATH, super, name)) errword_diesys(111, "unable to name ", super, "/", name) ;
}

/* mkdir_p: create PATH and its missing parents, mode 0700 */
static int mkdir_p (char *path)
{
  for (char *p = path + 1 ; *p ; p++)
  {
    if (*p != '/') continue ;
    *p = 0 ;
    if (mkdir(path, 0700) < 0 && errno != EEXIST) { *p = '/' ; return 0 ; }
    *p = '/' ;
  }
  return mkdir(path, 0700) == 0 || errno == EEXIST ;
}

/* make_supervise: mkdir SUPER (0700); if it is a symlink, even a dangling one, create
   its target (and the target's parents, which runit does not). Returns the errno of
   the failure that leaves SUPER missing (0 if it should be there) */
static int make_supervise (char const *super, char const *base)
{
  /* BASE "/" then the link text (a relative target is relative to the
     directory holding the link), on the heap: any length, and no stack page
     that stays dirty for the life of runsv */
  stralloc target = STRALLOC_ZERO ;
  size_t blen ;
  int e ;
  if (mkdir(super, 0700) == 0) return 0 ;
  e = errno == EEXIST ? 0 : errno ;
  {
    /* a directory already, the usual case when runsv starts again: no
       link to read, and no allocation (an idle runsv then has no heap) */
    struct stat sb ;
    if (!e && lstat(super, &sb) == 0 && !S_ISLNK(sb.st_mode)) return 0 ;
  }
  if (base[0] && !stralloc_cats(&target, base)) return errno ;
  if (base[0] && !stralloc_catb(&target, "/", 1)) { e = errno ; stralloc_free(&target) ; return e ; }
  blen = target.len ;
  if (sareadlink(&target, super) < 0)
  {
    stralloc_free(&target) ;
    return e ;  /* not a symlink: a directory already, or the real error */
  }
  if (!stralloc_0(&target)) { e = errno ; stralloc_free(&target) ; return e ; }
  {
    /* an absolute target stands alone */
    char *t = target.s[blen] == '/' ? target.s + blen : target.s ;
    e = mkdir_p(t) ? 0 : errno ;
  }
  stralloc_free(&target) ;
  return e ;
}

/* no_supervise: dies for a SUPER that mkdir failed to make with errno E; a
   service dir of our own that we may not write to (read-only, another
   user's) gets the way out named, on the same line */
static void no_supervise (char const *super, int e)
{
  struct stat sb ;
  errno = e ;
  if (super[0] != '/' && (e == EROFS || e == EACCES || e == EPERM) && !statedir_dir() && lstat(super, &sb) < 0)
    errword_die(111, "unable to create directory ", super, ": ", errword(e), " (set " STATEDIR_VAR " to a writable directory to keep it there: see runsv(8))") ;
  errword_diesys(111, "unable to create directory ", super) ;
}

/* place_supervise: S's supervise/ goes under $RUNSV_STATEDIR when the service
   dir has none of its own (statedir.h), its parent directories made; DIR is
   the service dir as runsv was given it */
void supervise_place (service *s, char const *dir)
{
  static stralloc sa[2] = { STRALLOC_ZERO, STRALLOC_ZERO } ;
  stralloc *p = &sa[s->life.islog] ;
  char const *own = instance_super(s->life.islog) ;  /* an instance's is never its template's */
  int r = own ? 0 : statedir_pick(p, dir, s->super, s->life.islog) ;
  if (own) s->super = own ;
  if (!r) return ;
  if (r < 0 && errno == EINVAL) errword_die(100, STATEDIR_VAR "=", statedir_dir(), ": not an absolute path") ;
  if (r < 0) errword_diesys(100, "unable to use " STATEDIR_VAR "=", statedir_dir()) ;
  {
    /* made without a link below the state dir, none of it another user's (statedir.h) */
    stralloc bad = STRALLOC_ZERO ;
    r = statedir_make(statedir_dir(), p->s, &bad) ;
    if (r < 0) errword_die(111, "unable to use " STATEDIR_VAR "=", statedir_dir(), ": another user may write ", bad.len ? bad.s : p->s) ;
    if (!r) errword_diesys(111, "unable to create directory ", bad.len ? bad.s : p->s) ;
    stralloc_free(&bad) ;
  }
  if (!stralloc_cats(p, "/supervise") || !stralloc_0(p)) errword_diesys(111, "unable to name ", p->s, "/supervise") ;
  s->super = p->s ;
}

/* lock_supervise: the supervise/lock flock (non-blocking for the service, blocking for the log) */
void supervise_lock (char const *super, char const *base, int blocking)
{
  char path[SUPER_PATH] ;
  int fd, mkerr = make_supervise(super, base) ;
  super_path(path, super, "lock") ;
  fd = open3(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600) ;
  if (fd < 0)
  {
    /* say why supervise/ is missing rather than just "lock: file does not exist" */
    if (errno == ENOENT && mkerr) no_supervise(super, mkerr) ;
    errword_diesys(111, "unable to open ", path) ;
  }
  if (flock(fd, LOCK_EX | (blocking ? 0 : LOCK_NB)) < 0)
  {
    /* under $RUNSV_STATEDIR, the other runsv may be another dir's service of the same name */
    if (errno == EWOULDBLOCK && super[0] == '/')
      errword_die(111, "unable to lock ", path, ": ", errword(errno), " (another runsv is supervising a service of this name with this " STATEDIR_VAR ")") ;
    if (errno == EWOULDBLOCK)
      errword_die(111, "unable to lock ", path, ": ", errword(errno), " (another runsv is supervising this directory)") ;
    errword_diesys(111, "unable to lock ", path) ;
  }
}

/* fifo_open: PATH opened with FLAGS, not through a symlink, and a fifo
   still (nothing swapped in since the stat), or death */
static int fifo_open (char const *path, int flags, char const *how)
{
  struct stat sb ;
  int fd = open(path, flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0) errword_diesys(111, "unable to open ", path, how) ;
  if (fstat(fd, &sb) < 0) errword_diesys(111, "unable to stat ", path) ;
  if (!S_ISFIFO(sb.st_mode)) errword_die(111, path, " exists but is not a fifo") ;
  return fd ;
}

/* open_fifo: mkfifo SUPER/NAME (kept if present) and open its read end */
int supervise_fifo (char const *super, char const *name)
{
  char path[SUPER_PATH] ;
  struct stat sb ;
  super_path(path, super, name) ;
  if (mkfifo(path, 0600) < 0 && errno != EEXIST) errword_diesys(111, "unable to mkfifo ", path) ;
  if (stat(path, &sb) < 0) errword_diesys(111, "unable to stat ", path) ;
  if (!S_ISFIFO(sb.st_mode)) errword_die(111, path, " exists but is not a fifo") ;
  return fifo_open(path, O_RDONLY, "") ;
}

/* supervise_control: S's control FIFO, both ends */
void supervise_control (service *s)
{
  char path[SUPER_PATH] ;
  s->fdcontrol = supervise_fifo(s->super, "control") ;
  super_path(path, s->super, "control") ;
  s->fdcontrolw = fifo_open(path, O_WRONLY, " for writing") ;
}

/* LAZY_MS: how long a status may wait for the end it announces */
#define LAZY_MS 25

/* write_outcome: OK, whether a write of S's supervise/FILE succeeded,
   said once per episode (FAILED: S's flag for that file); a failed one is
   tried again at S's next write or within a second. OK is returned */
static int write_outcome (service *s, int *failed, char const *file, int ok)
{
  if (!ok)
  {
    if (!*failed) errword_warnsys("unable to write ", s->super, file) ;
    *failed = 1 ;
    tain_addsec_g(&s->wr.retry_at, 1) ;
    return 0 ;
  }
  if (*failed) errword_warn("wrote ", s->super, file, " again") ;
  *failed = 0 ;
  return 1 ;
}

/* state_of: what S's supervise/state says, into ST and packed into BUF (SUPERSTATE_SIZE); its length */
static size_t state_of (service const *s, superstate *st, char *buf)
{
  static superstate const zero = SUPERSTATE_ZERO ;
  *st = zero ;
  life_shown(&s->life, st) ;
  readiness_shown(s, st) ;
  st->leftovers = s->left.count ;
  liveness_shown(s, st) ;
  schedule_shown(s, st) ;
  /* how this runsv started it, whatever it has done since */
  if (s->selected_down) st->flags |= SUPERSTATE_SELECTED_DOWN ;
  if (s->life.stage == LIFE_WAIT)
  {
    /* why the run does not start: what it waits for */
    st->flags |= SUPERSTATE_WAITING ;
    st->waitlen = s->need.waitlen ;
    memcpy(st->waiting, s->need.waiting, s->need.waitlen) ;
  }
  return superstate_pack(buf, st) ;
}

/* write_state: supervise/state if what it says changed; always before the
   status of the same wake-up, so a client woken by status reads a state at
   least as new (and a change of readiness alone wakes it by itself). 1 if
   it holds what it should */
static int write_state (service *s)
{
  char buf[SUPERSTATE_SIZE] ;
  superstate st ;
  size_t n = state_of(s, &st, buf) ;
  if (n == s->wr.statelen && !memcmp(buf, s->wr.state, n)) return 1 ;
  if (!write_outcome(s, &s->wr.statefail, "/state", superstate_writepacked(s->super, buf, n))) return 0 ;
  memcpy(s->wr.state, buf, n) ;
  s->wr.statelen = n ;
  return 1 ;
}

void supervise_write (service *s)
{
  char line[SUPERSTATUS_STAT_FMT] ;
  size_t n ;
  unsigned int w = SUPERSTATUS_W_STATUS ;
  superstatus st ;
  write_state(s) ;
  if (!s->life.dirty) return ;
  life_status(&s->life, s->left.shown, &st) ;
  n = superstatus_stat_fmt(line, &st) ;
  if (n != s->wr.statlen || memcmp(line, s->wr.stat, n)) w |= SUPERSTATUS_W_STAT ;
  if (st.pid != s->wr.pid) w |= SUPERSTATUS_W_PID ;
  if (!write_outcome(s, &s->wr.statusfail, "/status", superstatus_write(s->super, &st, w))) return ;
  s->life.dirty = LIFE_DIRTY_NONE ;
  s->wr.flush_at = tain_zero ;
  memcpy(s->wr.stat, line, n) ;
  s->wr.statlen = n ;
  s->wr.pid = st.pid ;
}

void supervise_write_due (service *s, tain const *now, tain *deadline)
{
  /* a change of state is never lazy */
  int stateok = write_state(s) ;
  if (s->life.dirty == LIFE_DIRTY_LAZY && !tain_less(&tain_zero, &s->wr.flush_at))
  {
    /* a stop signal went out: the end it announces may come within
       LAZY_MS, and a service that stops at once then costs one write
       (down) instead of two (got TERM, then down) */
    tain d ;
    tain_from_millisecs(&d, LAZY_MS) ;
    tain_add(&s->wr.flush_at, now, &d) ;
  }
  if (s->life.dirty)
  {
    if (s->life.dirty != LIFE_DIRTY_LAZY || !tain_less(now, &s->wr.flush_at)) supervise_write(s) ;
    else if (tain_less(&s->wr.flush_at, deadline)) *deadline = s->wr.flush_at ;
  }
  /* a write that failed (supervise/ unwritable, a full disk) is tried
     again every second, not only at the next event: the files would
     otherwise tell the old story while nothing happens */
  if ((!stateok && s->wr.statefail) || (s->life.dirty && s->wr.statusfail))
    if (tain_less(&s->wr.retry_at, deadline)) *deadline = s->wr.retry_at ;
}
