/* watch.c - when runsvdir scans DIR: inotify events, SIGALRM, the 5-second check.
 *
 * Linux: inotify(7) and statfs(2), hence nonposix.h first.
 *
 * With inotify watching DIR on a local filesystem, reached through no
 * symlink, every change raises an event and nothing is polled: an idle
 * runsvdir never wakes up. Otherwise (no inotify; a network or FUSE
 * filesystem, where changes made elsewhere raise no event; a DIR path
 * through a symlink someone may re-point, as runsvchdir does) DIR is also
 * looked at every 5 seconds, as runit does, and rescanned when its mtime,
 * inode or device changed. Trouble with DIR itself (missing, not a
 * directory, unreadable) is said once and retried every second.
 */
#include <skalibs/nonposix.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "scanned.h"
#include "watch.h"

/* entries appearing, vanishing or renamed, and DIR itself going away */
#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB \
  | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
#define FALLBACK_SECS 5  /* runit's scan interval */

static char const *dir ;        /* the scan directory, as given */
static int ifd = -1 ;           /* inotify, or -1 */
static int wd = -1 ;            /* its watch on DIR, or -1 */
static int reliable = 0 ;       /* inotify sees every change of DIR: no periodic check */
static int known = 0 ;          /* ddev, dino, dmtime describe DIR as last seen */
static dev_t ddev ;
static ino_t dino ;
static struct timespec dmtime ;
static int pending = 1 ;        /* scan at the next look (start, events, SIGALRM, errors) */
static int recheck = 0 ;        /* scan at the next look even if DIR looks unchanged */
static tain check_at = TAIN_ZERO ;  /* monotonic: the next look at DIR */
static int warned = 0 ;         /* the errno last said about DIR (once, until it changes) */
static int watchwarned = 0 ;

void watch_init (char const *d)
{
  dir = d ;
  ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
  if (ifd < 0) errword_warnsys("unable to use inotify, checking ", dir, " every 5 seconds") ;
}

int watch_fd (void)
{
  return ifd ;
}

void watch_close (void)
{
  if (ifd >= 0) fd_close(ifd) ;
  ifd = wd = -1 ;
}

/* fs_local: does DIR live on a filesystem where inotify sees every change? */
static int fs_local (void)
{
  struct statfs sf ;
  if (statfs(dir, &sf) < 0) return 0 ;
  return scanned_fstype_local((unsigned long)sf.f_type) ;
}

/* rewatch: DIR is new (or a different directory now): watch it, and decide
   whether the 5-second check is still needed */
static void rewatch (void)
{
  int nwd = -1 ;
  if (ifd >= 0)
  {
    /* add before removing: the same directory keeps its watch descriptor */
    nwd = inotify_add_watch(ifd, dir, WATCH_MASK) ;
    /* EACCES: the scan says "unable to read directory"; we try again at each look */
    if (nwd < 0 && errno != EACCES && !watchwarned)
    {
      errword_warnsys("unable to watch ", dir, " with inotify, checking it every 5 seconds") ;
      watchwarned = 1 ;
    }
    if (wd >= 0 && nwd != wd) inotify_rm_watch(ifd, wd) ;
  }
  wd = nwd ;
  reliable = wd >= 0 && fs_local() && !scanned_path_symlinked(dir) ;
}

/* dir_trouble: DIR cannot be used now; say so once, look again in a second */
static void dir_trouble (int e, char const *what)
{
  if (warned != e)
  {
    errno = e ;
    errword_warnsys(what, dir) ;
    warned = e ;
  }
  known = 0 ;
  pending = 1 ;
  tain_addsec_g(&check_at, 1) ;
}

int watch_due (void)
{
  struct stat st ;
  if (!pending && !recheck && tain_future(&check_at)) return 0 ;
  if (stat(dir, &st) < 0) { dir_trouble(errno, "unable to stat ") ; return 0 ; }
  if (!S_ISDIR(st.st_mode)) { dir_trouble(ENOTDIR, "unable to change directory to ") ; return 0 ; }
  if (!known || st.st_dev != ddev || st.st_ino != dino)
  {
    ddev = st.st_dev ;
    dino = st.st_ino ;
    rewatch() ;
    pending = 1 ;
  }
  else if (ifd >= 0 && wd < 0) rewatch() ;  /* it failed before (limit, access): again */
  if (known && (st.st_mtim.tv_sec != dmtime.tv_sec || st.st_mtim.tv_nsec != dmtime.tv_nsec)) pending = 1 ;
  dmtime = st.st_mtim ;
  known = 1 ;
  if (reliable) check_at = tain_infinite ;
  else tain_addsec_g(&check_at, FALLBACK_SECS) ;
  return pending || recheck ;
}

void watch_scanned (int ok)
{
  recheck = 0 ;
  if (!ok)
  {
    dir_trouble(errno, "unable to read directory ") ;
    return ;
  }
  warned = 0 ;
  pending = 0 ;
  if (!reliable)
  {
    /* runit's same-second guard, without its sleep: a change made later in
       the second DIR last changed may leave its mtime as it is; look again */
    struct timespec now ;
    if (clock_gettime(CLOCK_REALTIME, &now) == 0 && dmtime.tv_sec >= now.tv_sec)
    {
      recheck = 1 ;
      tain_addsec_g(&check_at, 1) ;
    }
  }
}

void watch_force (void)
{
  pending = 1 ;
}

void watch_deadline (tain *d)
{
  if (tain_less(&check_at, d)) *d = check_at ;
}

void watch_event (void)
{
  union { struct inotify_event ev ; char buf[4096] ; } u ;
  for (;;)
  {
    ssize_t r = read(ifd, u.buf, sizeof(u.buf)) ;
    if (r < 0)
    {
      if (errno == EINTR) continue ;
      if (errno != EAGAIN)
      {
        errword_warnsys("unable to read inotify events, checking ", dir, " every 5 seconds") ;
        watch_close() ;
        reliable = 0 ;
        check_at = tain_zero ;
      }
      break ;
    }
    if (!r) break ;
    for (ssize_t i = 0 ; i + (ssize_t)sizeof(struct inotify_event) <= r ;)
    {
      struct inotify_event ev ;
      memcpy(&ev, u.buf + i, sizeof(ev)) ;
      /* DIR itself went away or moved: find it again, watch it again */
      if (ev.wd == wd && ev.mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) known = 0 ;
      i += (ssize_t)(sizeof(struct inotify_event) + ev.len) ;
    }
  }
  /* any event, an overflow included, means: read DIR again */
  pending = 1 ;
}
