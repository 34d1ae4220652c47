/* svwait.c - waiting for commands to take effect, woken by the kernel.
 *
 * Linux: inotify (a short poll stands in where it cannot be used), so
 * <skalibs/nonposix.h> comes first.
 *
 * runit's sv looks at every service, sleeps 420 ms, and looks again. We look
 * when inotify says something a service waits on changed: runsv renaming
 * status.new over supervise/status, a runsv closing supervise/ok as it
 * exits (or opening it as it starts), supervise/ appearing. So a fast
 * service is seen up or down in milliseconds. A ./check script that fails
 * is re-run after 20 ms, then at doubling intervals up to runit's 420 ms.
 */
#include <skalibs/nonposix.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/posixplz.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "svcontrol.h"
#include "svcmd.h"
#include "sv.h"

#define POLL_MS 50          /* how often we look at a service inotify cannot watch */
#define CHECK_MS_MIN 20     /* a failing ./check is re-run after this, */
#define CHECK_MS_MAX 420    /* doubling up to runit's poll interval */

/* the service dir: supervise/ appearing or being replaced */
#define MASK_DIR (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
/* supervise/: status renamed or written, ok created, opened or closed by a runsv */
#define MASK_SUP (IN_MOVED_TO | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_CREATE | IN_OPEN | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static int ifd = -1 ;                      /* inotify, or -1: poll */
static unsigned int checkms = CHECK_MS_MIN ;

/* reap: waits for the ./check child PID, killing it if the deadline comes
   first (a hung check must not hang sv); 1 if it exited 0 */
static int reap (char const *name, pid_t pid)
{
  sigset_t chld ;
  sigemptyset(&chld) ;
  sigaddset(&chld, SIGCHLD) ;
  for (;;)
  {
    int wstat ;
    pid_t r = waitpid(pid, &wstat, WNOHANG) ;
    if (r == pid) return WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
    if (r < 0)
    {
      strerr_warn("warning: unable to wait for child ", name, "/check: ", errword(errno)) ;
      return 0 ;
    }
    tain_now_g() ;
    if (!tain_future(&sv.deadline))
    {
      kill(pid, SIGKILL) ;
      waitpid(pid, &wstat, 0) ;
      return 0 ;
    }
    {
      tain left ;
      struct timespec ts ;
      tain_sub(&left, &sv.deadline, &STAMP) ;
      ts.tv_sec = (time_t)left.sec.x ;
      ts.tv_nsec = (long)left.nano ;
      /* SIGCHLD is blocked while we wait: it stays pending for us */
      sigtimedwait(&chld, 0, &ts) ;
    }
  }
}

/* check: runs ./check in the current dir, stdout closed, as runit does.
   1 ready: it exited 0, or there is none, or it cannot be executed (runit
   counts that as ready; the child says why); 0 not ready */
static int check (char const *name)
{
  static char const *const argv[2] = { "./check", 0 } ;
  struct stat st ;
  pid_t pid ;
  if (stat("check", &st) < 0)
  {
    if (errno == ENOENT) return 1 ;
    strerr_warn("warning: unable to stat ", name, "/check: ", errword(errno)) ;
    return 0 ;
  }
  /* not skalibs' child_spawn: it cannot close fd 1 (lib/spawn.c cannot word
     the failure as runit does) */
  pid = fork() ;
  if (pid < 0)
  {
    strerr_warn("warning: unable to fork for ", name, "/check: ", errword(errno)) ;
    return 0 ;
  }
  if (!pid)
  {
    sigset_t none ;
    sigemptyset(&none) ;
    sigprocmask(SIG_SETMASK, &none, 0) ;
    /* closed, not /dev/null: a check cannot chatter on sv's stdout */
    close(1) ;
    execve("check", (char *const *)argv, environ) ;
    strerr_warn("warning: unable to run ", name, "/check: ", errword(errno)) ;
    _exit(0) ;
  }
  return reap(name, pid) ;
}

/* watch: (re)adds the inotify watches of the current dir, service S */
static void watch (svc *s)
{
  struct stat st ;
  int e ;
  s->wdir = inotify_add_watch(ifd, ".", MASK_DIR) ;
  s->wsup = inotify_add_watch(ifd, "supervise", MASK_SUP) ;
  e = errno ;
  if (s->wsup >= 0) s->unwatched = 0 ;
  /* no supervise/ yet: the dir watch tells when it comes; a dangling
     supervise symlink, or no watch at all, has to be looked at */
  else s->unwatched = s->wdir < 0 || e != ENOENT || !lstat("supervise", &st) ;
}

/* unread: has runsv still to read bytes from the current dir's supervise/control?
   (a pipe tells how full it is from either end) */
static int unread (void)
{
  int n = 0, fd = openc_write("supervise/control") ;
  if (fd < 0) return 0 ;
  if (ioctl(fd, FIONREAD, &n) < 0) n = 0 ;
  fd_close(fd) ;
  return n > 0 ;
}

/* timeout: the deadline passed: "timeout:" (or "kill:" and a k) with the status */
static void timeout (svc *s, svstatus const *st)
{
  svc_line(sv.cmd.kill ? "kill: " : "timeout: ", s->name, st) ;
  svc_endline() ;
  sv.errors++ ;
  if (sv.cmd.kill) svc_send(s->name, "k", st) ;
}

/* reached: are all the states the command asks for reached in ST? */
static int reached (svc *s, svstatus const *st)
{
  int ready = -1 ;
  s->checkfail = 0 ;
  for (char const *c = sv.cmd.want ; *c ; c++)
  {
    int ok = svcmd_reached(*c, st, &sv.t0) ;
    if (ok == SVCMD_IFCHECK)
    {
      /* one run per look, even for restart's t and u */
      if (ready < 0) ready = check(s->name) ;
      ok = ready ;
      s->checkfail = !ready ;
    }
    if (!ok) return 0 ;
  }
  return 1 ;
}

/* lookin: one look at service S from its dir; 1 when it is done (reported), 0 while pending */
static int lookin (svc *s)
{
  svstatus st ;
  int r ;
  if (ifd >= 0) watch(s) ;
  r = svcontrol_alive(0) ;
  s->alive = r == 1 ;
  if (r != 1)
  {
    /* -w: no runsv yet is not a failure until the deadline */
    if (sv.bootwait && !s->seen && (!r || errno == ENOENT))
    {
      s->err = r ? errno : ENXIO ;
      tain_now_g() ;
      if (tain_future(&sv.deadline)) return 0 ;
      errno = s->err ;
    }
    svc_absent(s->name, r) ;
    return 1 ;
  }
  s->seen = 1 ;
  if (s->phase == SVC_SEND)
  {
    if (!svc_read(s->name, 0, &st, s->before, &s->beforeino)) return 1 ;
    r = svc_send(s->name, sv.cmd.send, &st) ;
    if (!r) return 1 ;
    svc_sent(s, r) ;
    s->phase = SVC_WAIT ;
  }
  else
  {
    /* runit's protocol has no answer, so a status runsv wrote before acting
       on our bytes (in its 1 s restart pause, say) must not count: they
       must have left the pipe, and then, for the bytes after which runsv
       always writes one, a new status must be there */
    int waiting = s->unread && unread() ;
    char raw[SVSTATUS_SIZE] ;
    ino_t ino ;
    if (!svc_read(s->name, 0, &st, raw, &ino)) return 1 ;
    if (s->unread && !waiting && (!s->rewrites || ino != s->beforeino || memcmp(raw, s->before, SVSTATUS_SIZE)))
      s->unread = 0 ;
  }
  if (!s->unread && reached(s, &st))
  {
    svc_line("ok: ", s->name, &st) ;
    svc_endline() ;
    return 1 ;
  }
  tain_now_g() ;
  if (tain_future(&sv.deadline)) return 0 ;
  timeout(s, &st) ;
  return 1 ;
}

/* look: one look at service S; 1 when it is done */
static int look (svc *s)
{
  int done = svc_enter(s->name, 1) ? lookin(s) : 1 ;
  return done ;
}

/* lookall: looks at every pending service, in the order they were given;
   how many are still pending */
static unsigned int lookall (svc *s, unsigned int n, int *ticks)
{
  unsigned int pending = 0 ;
  *ticks = 0 ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    if (s[i].phase == SVC_DONE) continue ;
    if (look(&s[i])) s[i].phase = SVC_DONE ;
    else
    {
      pending++ ;
      /* runsv may take our bytes without writing a status (t on a down service) */
      if (ifd < 0 || s[i].unwatched || (s[i].unread && !s[i].rewrites)) *ticks |= 1 ;
      if (s[i].checkfail) *ticks |= 2 ;
    }
  }
  return pending ;
}

/* matters: does event EV (about NAME) concern a service still waiting?
   Our own opens and reads of supervise/ files make events too: those are
   not looked at, so a look never wakes the next one. */
static int matters (svc *s, unsigned int n, struct inotify_event const *ev, char const *name)
{
  int yes = 0 ;
  if (ev->mask & IN_Q_OVERFLOW) return 1 ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    if (s[i].phase == SVC_DONE) continue ;
    if (ev->wd == s[i].wdir)
    {
      if (ev->mask & IN_IGNORED) s[i].wdir = -1 ;
      if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) yes = 1 ;
      else if (ev->len && !strcmp(name, "supervise")) yes = 1 ;
    }
    if (ev->wd == s[i].wsup)
    {
      if (ev->mask & IN_IGNORED) s[i].wsup = -1 ;
      if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) yes = 1 ;
      else if (!ev->len) ;
      else if (!strcmp(name, "status")) yes |= !!(ev->mask & (IN_MOVED_TO | IN_CLOSE_WRITE)) ;
      else if (!strcmp(name, "ok"))
      {
        /* a runsv closes its reading end as it exits; one that starts
           opens it (our own opens succeed only while one is there) */
        if (ev->mask & (IN_CLOSE_NOWRITE | IN_CREATE | IN_MOVED_TO)) yes = 1 ;
        if (ev->mask & IN_OPEN && !s[i].alive) yes = 1 ;
      }
    }
  }
  return yes ;
}

/* events: reads what inotify has; 1 if a service should be looked at */
static int events (svc *s, unsigned int n)
{
  char buf[4096] ;
  int yes = 0 ;
  for (;;)
  {
    ssize_t r = read(ifd, buf, sizeof(buf)) ;
    if (r < 0)
    {
      if (errno == EINTR) continue ;
      if (errno == EAGAIN) return yes ;
      /* inotify broke: fall back to looking now and then */
      fd_close(ifd) ;
      ifd = -1 ;
      return 1 ;
    }
    if (!r) return yes ;
    for (size_t p = 0 ; p + sizeof(struct inotify_event) <= (size_t)r ; )
    {
      struct inotify_event ev ;
      memcpy(&ev, buf + p, sizeof(ev)) ;
      if (matters(s, n, &ev, buf + p + sizeof(ev))) yes = 1 ;
      p += sizeof(ev) + ev.len ;
    }
  }
}

/* unwatch: drops every watch before sv exits. Letting the kernel drop them
   with the inotify fd at exit costs the exiting process 2-30 ms (measured by
   bench/run figure 4), a delay every script that waits on sv pays */
static void unwatch (svc *s, unsigned int n)
{
  if (ifd < 0) return ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    if (s[i].wsup >= 0) inotify_rm_watch(ifd, s[i].wsup) ;
    if (s[i].wdir >= 0) inotify_rm_watch(ifd, s[i].wdir) ;
    s[i].wsup = s[i].wdir = -1 ;
  }
}

static void waitloop (svc *s, unsigned int n) ;

void svwait (svc *s, unsigned int n)
{
  waitloop(s, n) ;
  unwatch(s, n) ;
}

/* waitloop: looks, then sleeps until inotify, a tick or the deadline, until nothing is pending */
static void waitloop (svc *s, unsigned int n)
{
  iopause_fd x = { .fd = -1, .events = IOPAUSE_READ, .revents = 0 } ;
  int ticks, dirty = 1 ;
  unsigned int pending ;
  /* ./check children are waited for with sigtimedwait; a SIGCHLD ignored by
     our parent would make them vanish unwaited */
  sig_restore(SIGCHLD) ;
  sig_block(SIGCHLD) ;

  /* first look, as runit does right after writing: done already, or no need for inotify */
  pending = lookall(s, n, &ticks) ;
  if (!pending) return ;
  ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
  for (;;)
  {
    tain wake ;
    int r ;
    /* the first look after inotify_init adds the watches, then looks: a change
       between the two is seen by the look, a change after it by inotify */
    if (dirty)
    {
      pending = lookall(s, n, &ticks) ;
      if (!pending) return ;
      dirty = 0 ;
    }
    wake = sv.deadline ;
    if (ticks)
    {
      tain t ;
      unsigned int ms = ticks & 2 ? checkms : POLL_MS ;
      if (ticks & 1 && ms > POLL_MS) ms = POLL_MS ;
      tain_from_millisecs(&t, (int)ms) ;
      tain_add_g(&t, &t) ;
      if (tain_less(&t, &wake)) wake = t ;
    }
    x.fd = ifd ;
    r = iopause_g(&x, ifd >= 0, &wake) ;
    if (r < 0) sv_fatal("unable to wait") ;
    if (!r)
    {
      /* a tick, or the deadline: the next look times out what is left */
      if (ticks & 2 && checkms < CHECK_MS_MAX) checkms = checkms * 2 > CHECK_MS_MAX ? CHECK_MS_MAX : checkms * 2 ;
      dirty = 1 ;
    }
    else if (x.revents & IOPAUSE_READ) dirty = events(s, n) ;
  }
}
