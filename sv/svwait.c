/* svwait.c - waiting for commands to take effect, woken by the kernel.
 *
 * Linux: inotify (a short poll stands in where it cannot be used), so
 * <skalibs/nonposix.h> comes first.
 *
 * runit's sv looks at every service, sleeps 420 ms, and looks again. We look
 * when inotify says something a service waits on changed: runsv renaming
 * status.new over supervise/status, a runsv closing supervise/ok as it
 * exits (or opening it as it starts), supervise/ appearing. Each event is
 * for one service, and only that one is looked at again, so waiting for N
 * services costs N times waiting for one. A ./check script that fails is
 * re-run after 20 ms, then at doubling intervals up to runit's 420 ms.
 *
 * Called by sv.c; calls svio.c (below both) for all per-service I/O.
 */
#include <skalibs/nonposix.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/posixplz.h>
#include <skalibs/sig.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "supercontrol.h"
#include "svcmd.h"
#include "superstate.h"
#include "tai64n.h"
#include "svio.h"
#include "svinstance.h"
#include "svwait.h"

#define POLL_MS 50          /* how often we look at a service inotify cannot watch */
#define CHECK_MS_MIN 20     /* a failing ./check is re-run after this, */
#define CHECK_MS_MAX 420    /* doubling up to runit's poll interval */

/* why a service needs looks that no event brings (sv_service.ticks) */
#define TICK_POLL 1         /* unwatched, or runsv may read our bytes without writing a status */
#define TICK_CHECK 2        /* ./check failed: run it again */
#define TICK_SETTLE 4       /* a failing service's run has not outlasted the throttle yet */

/* the service dir: supervise/ appearing or being replaced */
#define MASK_DIR (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
/* supervise/: status renamed or written, ok created, opened or closed by a runsv */
#define MASK_SUP (IN_MOVED_TO | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_CREATE | IN_OPEN | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

/* the wait as a whole */
typedef struct waiter_s waiter ;
struct waiter_s
{
  sv_ctx *ctx ;
  sv_service *s ;
  unsigned int n ;
  unsigned int pending ;     /* services not done */
  int ifd ;                  /* inotify, or -1: poll */
  unsigned int checkms ;     /* the next ./check re-run, after this */
  unsigned int nticks[3] ;   /* how many pending services need each TICK_ */
  unsigned int *wdmap ;      /* inotify watch -> 1 + the index of its service, 0 none */
  size_t wdlen ;
  unsigned int *dirty ;      /* services an event was for, to look at */
  unsigned int ndirty ;
} ;

/* reap: waits for the ./check child PID, killing it if DEADLINE comes
   first (a hung check must not hang sv); 1 if it exited 0 */
static int reap (char const *name, pid_t pid, tain const *deadline)
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
      svio_warn("unable to wait for child ", name, "/check: ", errword(errno)) ;
      return 0 ;
    }
    tain_now_g() ;
    if (!tain_future(deadline))
    {
      kill(pid, SIGKILL) ;
      waitpid(pid, &wstat, 0) ;
      return 0 ;
    }
    {
      tain left ;
      struct timespec ts ;
      tain_sub(&left, deadline, &STAMP) ;
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
static int check (sv_ctx const *ctx, char const *name)
{
  char const *argv[3] = { "./check", svio_instance(), 0 } ;
  struct stat st ;
  tain until = ctx->deadline ;
  pid_t pid ;
  if (stat("check", &st) < 0)
  {
    if (errno == ENOENT) return 1 ;
    svio_warn("unable to stat ", name, "/check: ", errword(errno)) ;
    return 0 ;
  }
  /* not skalibs' child_spawn: it cannot close fd 1 (lib/spawn.c cannot word
     the failure as runit does) */
  pid = fork() ;
  if (pid < 0)
  {
    svio_warn("unable to fork for ", name, "/check: ", errword(errno)) ;
    return 0 ;
  }
  if (!pid)
  {
    sig_blocknone() ;
    /* closed, not /dev/null: a check cannot chatter on sv's stdout */
    close(1) ;
    /* an instance's ./check is told which, as runsv tells it (svinstance.h) */
    if (argv[1] && setenv(SVINSTANCE_VAR, argv[1], 1) < 0) _exit(0) ;
    execve("check", (char *const *)argv, environ) ;
    svio_warn("unable to run ", name, "/check: ", errword(errno)) ;
    _exit(0) ;
  }
  /* it may run until the deadline, or for its own time (sv.h) */
  if (ctx->checksecs)
  {
    tain_now_g() ;
    tain_addsec_g(&until, (int)ctx->checksecs) ;
  }
  return reap(name, pid, &until) ;
}

/* setticks: service I needs the looks TICKS says, and no others */
static void setticks (waiter *w, unsigned int i, unsigned char ticks)
{
  sv_service *s = &w->s[i] ;
  for (unsigned int k = 0 ; k < 3 ; k++)
  {
    unsigned char b = (unsigned char)(1u << k) ;
    if ((s->ticks & b) && !(ticks & b)) w->nticks[k]-- ;
    if (!(s->ticks & b) && (ticks & b)) w->nticks[k]++ ;
  }
  s->ticks = ticks ;
}

/* claim: notes that watch WD is service I's. Two services given as the same
   directory share their watches: both are then looked at every POLL_MS
   instead (1 if so) */
static int claim (waiter *w, unsigned int i, int wd)
{
  unsigned int j ;
  if (wd < 0) return 0 ;
  if ((size_t)wd >= w->wdlen)
  {
    size_t len = (size_t)wd * 2 + 16 ;
    char *m = (char *)w->wdmap ;
    if (!alloc_realloc(&m, len * sizeof(unsigned int))) return 1 ;  /* no memory for the map: poll it */
    w->wdmap = (unsigned int *)m ;
    memset(w->wdmap + w->wdlen, 0, (len - w->wdlen) * sizeof(unsigned int)) ;
    w->wdlen = len ;
  }
  j = w->wdmap[wd] ;
  if (j && j - 1 != i && w->s[j - 1].phase != SV_DONE && (w->s[j - 1].wdir == wd || w->s[j - 1].wsup == wd))
  {
    w->s[j - 1].unwatched = 1 ;
    setticks(w, j - 1, w->s[j - 1].ticks | TICK_POLL) ;
    return 1 ;
  }
  w->wdmap[wd] = i + 1 ;
  return 0 ;
}

/* watch: (re)adds the inotify watches of the current dir, service I */
static void watch (waiter *w, unsigned int i)
{
  sv_service *s = &w->s[i] ;
  struct stat st ;
  char buf[SVIO_PATH] ;
  char const *sup = svio_path(w->ctx, buf, "supervise") ;
  int e, shared ;
  /* under $RUNSV_STATEDIR, DIR/NAME stands for the service dir */
  s->wdir = inotify_add_watch(w->ifd, w->ctx->base ? w->ctx->base : ".", MASK_DIR) ;
  s->wsup = inotify_add_watch(w->ifd, sup, MASK_SUP) ;
  e = errno ;
  shared = claim(w, i, s->wdir) ;
  shared |= claim(w, i, s->wsup) ;
  if (shared) s->unwatched = 1 ;
  else if (s->wsup >= 0) s->unwatched = 0 ;
  /* no supervise/ yet: the dir watch tells when it comes; a dangling
     supervise symlink, or no watch at all, has to be looked at */
  else s->unwatched = s->wdir < 0 || e != ENOENT || !lstat(sup, &st) ;
}

/* unread: has runsv still to read bytes from the current dir's supervise/control?
   (a pipe tells how full it is from either end) */
static int unread (sv_ctx const *ctx)
{
  char buf[SVIO_PATH] ;
  int n = 0, fd = open(svio_path(ctx, buf, "supervise/control"), O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0) return 0 ;
  if (ioctl(fd, FIONREAD, &n) < 0) n = 0 ;
  fd_close(fd) ;
  return n > 0 ;
}

/* line: PREFIX and the status line of ST, what the service waits for, its next scheduled run */
static void line (sv_ctx *ctx, char const *prefix, sv_service const *s, superstatus const *st)
{
  superstate ss ;
  svio_line(ctx, prefix, s->name, 0, st) ;
  if (!svio_downstate(ctx, s->name, 0, st, &ss)) { svio_shown(ctx) ; return ; }
  svio_more() ;
  svio_putafter(ctx, 0, &ss) ;
  svio_endline(ctx) ;
}

/* timeout: the deadline passed: "timeout:" (or "kill:" and a k) with the
   status; for health, "unhealthy:" and why */
static void timeout (sv_ctx *ctx, sv_service *s, superstatus const *st)
{
  if (ctx->cmd.health)
  {
    superstate ss ;
    /* a bad schedule, or (up and ready) failed liveness checks */
    if (s->clock)
    {
      char why[SVCMD_CLOCKWHY_FMT] ;
      svcmd_clockwhy(why, s->clock, s->checkfails) ;
      svio_tell(ctx, "unhealthy: ", s->name, 0, why, 0) ;
    }
    /* down, wanted up, because runsv waits for what it needs: say for what */
    else if (svio_waits(ctx, s->name, 0, st, &ss))
    {
      stralloc why = STRALLOC_ZERO ;
      svio_waiting(ctx, &why, &ss) ;
      if (!stralloc_0(&why)) svio_fatal(ctx, "unable to allocate memory") ;
      svio_tell(ctx, "unhealthy: ", s->name, 0, why.s, 0) ;
      stralloc_free(&why) ;
    }
    else svio_tell(ctx, "unhealthy: ", s->name, 0, svcmd_unhealthy(st, s->stateflags, s->settling, s->checkfail), 0) ;
    return ;
  }
  line(ctx, ctx->cmd.kill ? "kill: " : "timeout: ", s, st) ;
  ctx->errors++ ;
  if (ctx->cmd.kill) svio_send(ctx, s->name, "k", st) ;
}

/* settled: may the run in ST count as up? Not yet for a service found
   failing whose run is younger than runsv's throttle: S settles then */
static int settled (sv_service *s, superstatus const *st)
{
  tain now, left ;
  if (!s->failing) return 1 ;
  tai64n_now(&now) ;
  if (svcmd_settled(st, &now, &left)) return 1 ;
  tain_now_g() ;
  tain_add_g(&s->settle, &left) ;
  s->settling = 1 ;
  return 0 ;
}

/* reached: are all the states the command asks for reached in ST? */
static int reached (sv_ctx const *ctx, sv_service *s, superstatus const *st)
{
  int ready = -1, clock = ctx->cmd.health ? svcmd_clock(st, s->schedflags, s->checkfails) : 0 ;
  s->checkfail = s->settling = s->clock = 0 ;
  /* a bad schedule is health's reason, whatever else is wrong */
  if (clock == SVCMD_CLOCK_BAD) { s->clock = (unsigned char)clock ; return 0 ; }
  for (char const *c = ctx->cmd.want ; *c ; c++)
  {
    /* a scheduled service is up once its schedule is on: no run is waited for */
    int ok = svcmd_scheduled(*c, st, s->schedflags) ? SVCMD_YES : svcmd_reached(*c, st, &ctx->t0) ;
    if (ok == SVCMD_IFCHECK)
    {
      if (!settled(s, st)) return 0 ;
      /* a service that declares readiness is up once it is ready (the
         rename of supervise/state wakes us); ./check is asked then too */
      if (s->stateflags & SUPERSTATE_DECLARES && !(s->stateflags & SUPERSTATE_READY)) return 0 ;
      /* one run per look, even for restart's t and u */
      if (ready < 0) ready = check(ctx, s->name) ;
      ok = ready ;
      s->checkfail = !ready ;
    }
    if (!ok) return 0 ;
  }
  /* failed liveness checks: the reason of a service otherwise healthy */
  if (clock) { s->clock = (unsigned char)clock ; return 0 ; }
  return 1 ;
}

/* lookin: one look at service I from its dir; 1 when it is done (reported), 0 while pending */
static int lookin (waiter *w, unsigned int i)
{
  sv_ctx *ctx = w->ctx ;
  sv_service *s = &w->s[i] ;
  superstatus st ;
  int r, first = !s->looked ;
  s->looked = 1 ;
  if (w->ifd >= 0) watch(w, i) ;
  r = supercontrol_alive(ctx->base) ;
  s->alive = r == 1 ;
  if (r != 1)
  {
    /* -w: no runsv yet is not a failure until the deadline */
    if (ctx->bootwait && !s->seen && (!r || errno == ENOENT))
    {
      s->err = r ? errno : ENXIO ;
      tain_now_g() ;
      if (tain_future(&ctx->deadline)) return 0 ;
      errno = s->err ;
    }
    svio_absent(ctx, s->name, 0, r) ;
    return 1 ;
  }
  s->seen = 1 ;
  if (s->phase == SV_SEND)
  {
    if (!svio_read(ctx, s->name, 0, &st, s->before, &s->beforeino)) return 1 ;
    if (ctx->cmd.ready) svio_note(ctx, s) ;
    r = svio_send(ctx, s->name, ctx->cmd.send, &st) ;
    if (!r) return 1 ;
    svio_sent(ctx, s, r) ;
    s->phase = SV_WAIT ;
  }
  else
  {
    /* runit's protocol has no answer, so a status runsv wrote before acting
       on our bytes (in its 1 s restart pause, say) must not count: they
       must have left the pipe, and then, for the bytes after which runsv
       always writes one, a new status must be there */
    int waiting = s->unread && unread(ctx) ;
    char raw[SUPERSTATUS_SIZE] ;
    ino_t ino ;
    if (!svio_read(ctx, s->name, 0, &st, raw, &ino)) return 1 ;
    /* read after status, which runsv writes after it: as new as status or newer */
    if (ctx->cmd.ready) svio_note(ctx, s) ;
    if (s->unread && !waiting && (!s->rewrites || ino != s->beforeino || memcmp(raw, s->before, SUPERSTATUS_SIZE)))
      s->unread = 0 ;
    /* check writes nothing: its first look at a runsv that was there when
       sv started is the state before sv did anything */
    if (first && !ctx->cmd.send[0]) s->failing = svcmd_failing(&st, s->stateflags) ;
  }
  if (!s->unread && reached(ctx, s, &st))
  {
    /* health says nothing of a healthy service, unless asked (-v) */
    if (ctx->cmd.health && !ctx->verbose) return 1 ;
    line(ctx, ctx->cmd.health ? "healthy: " : "ok: ", s, &st) ;
    return 1 ;
  }
  tain_now_g() ;
  if (tain_future(&ctx->deadline)) return 0 ;
  timeout(ctx, s, &st) ;
  return 1 ;
}

/* look: one look at pending service I; done, or what it needs next noted */
static void look (waiter *w, unsigned int i)
{
  sv_service *s = &w->s[i] ;
  unsigned char ticks = 0 ;
  s->dirty = 0 ;
  if (s->phase == SV_DONE) return ;
  if (!svio_enter(w->ctx, s->name, 1) || lookin(w, i))
  {
    s->phase = SV_DONE ;
    w->pending-- ;
    setticks(w, i, 0) ;
    return ;
  }
  /* runsv may take our bytes without writing a status (t on a down service) */
  if (w->ifd < 0 || s->unwatched || (s->unread && !s->rewrites)) ticks |= TICK_POLL ;
  if (s->checkfail) ticks |= TICK_CHECK ;
  if (s->settling) ticks |= TICK_SETTLE ;
  setticks(w, i, ticks) ;
}

/* lookall: looks at every pending service, in the order they were given */
static void lookall (waiter *w)
{
  for (unsigned int i = 0 ; i < w->n ; i++) look(w, i) ;
}

/* mark: service I is to be looked at */
static void mark (waiter *w, unsigned int i)
{
  if (w->s[i].dirty || w->s[i].phase == SV_DONE) return ;
  w->s[i].dirty = 1 ;
  w->dirty[w->ndirty++] = i ;
}

/* markall: every pending service is to be looked at (with WHICH ticks only, if not 0) */
static void markall (waiter *w, unsigned char which)
{
  for (unsigned int i = 0 ; i < w->n ; i++)
    if (!which || (w->s[i].ticks & which)) mark(w, i) ;
}

/* matters: does event EV (about NAME) concern service S, still waiting?
   Our own opens and reads of supervise/ files make events too: those are
   not looked at, so a look never wakes the next one. */
static int matters (sv_service *s, struct inotify_event const *ev, char const *name)
{
  int yes = 0 ;
  if (s->phase == SV_DONE) return 0 ;
  if (ev->wd == s->wdir)
  {
    if (ev->mask & IN_IGNORED) s->wdir = -1 ;
    if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) yes = 1 ;
    else if (ev->len && !strcmp(name, "supervise")) yes = 1 ;
  }
  if (ev->wd == s->wsup)
  {
    if (ev->mask & IN_IGNORED) s->wsup = -1 ;
    if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) yes = 1 ;
    else if (!ev->len) ;
    else if (!strcmp(name, "status")) yes |= !!(ev->mask & (IN_MOVED_TO | IN_CLOSE_WRITE)) ;
    /* readiness and the clock's verdicts change by renaming state.new
       over state, status untouched */
    else if (!strcmp(name, "state")) yes |= (s->stateflags & SUPERSTATE_DECLARES || s->clock) && ev->mask & IN_MOVED_TO ;
    else if (!strcmp(name, "ok"))
    {
      /* a runsv closes its reading end as it exits; one that starts
         opens it (our own opens succeed only while one is there) */
      if (ev->mask & (IN_CLOSE_NOWRITE | IN_CREATE | IN_MOVED_TO)) yes = 1 ;
      if (ev->mask & IN_OPEN && !s->alive) yes = 1 ;
    }
  }
  return yes ;
}

/* events: reads what inotify has, and marks the services it is about */
static void events (waiter *w)
{
  char buf[4096] ;
  for (;;)
  {
    ssize_t r = read(w->ifd, buf, sizeof(buf)) ;
    if (r < 0)
    {
      if (errno == EINTR) continue ;
      if (errno == EAGAIN) return ;
      /* inotify broke: fall back to looking now and then */
      fd_close(w->ifd) ;
      w->ifd = -1 ;
      markall(w, 0) ;
      return ;
    }
    if (!r) return ;
    for (size_t p = 0 ; p + sizeof(struct inotify_event) <= (size_t)r ; )
    {
      struct inotify_event ev ;
      memcpy(&ev, buf + p, sizeof(ev)) ;
      if (ev.mask & IN_Q_OVERFLOW) markall(w, 0) ;
      else if (ev.wd >= 0 && (size_t)ev.wd < w->wdlen && w->wdmap[ev.wd])
      {
        unsigned int i = w->wdmap[ev.wd] - 1 ;
        if (matters(&w->s[i], &ev, buf + p + sizeof(ev))) mark(w, i) ;
      }
      p += sizeof(ev) + ev.len ;
    }
  }
}

/* unwatch: drops every watch before sv exits. Letting the kernel drop them
   with the inotify fd at exit costs the exiting process 2-30 ms (measured by
   bench/run figure 4), a delay every script that waits on sv pays */
static void unwatch (waiter *w)
{
  if (w->ifd < 0) return ;
  for (unsigned int i = 0 ; i < w->n ; i++)
  {
    sv_service *s = &w->s[i] ;
    if (s->wsup >= 0) inotify_rm_watch(w->ifd, s->wsup) ;
    if (s->wdir >= 0) inotify_rm_watch(w->ifd, s->wdir) ;
    s->wsup = s->wdir = -1 ;
  }
}

/* wake: when the next look without an event is due: the deadline, or
   sooner for a tick */
static void wake (waiter const *w, tain *when)
{
  *when = w->ctx->deadline ;
  if (w->nticks[0] || w->nticks[1])
  {
    tain t ;
    unsigned int ms = w->nticks[1] ? w->checkms : POLL_MS ;
    if (w->nticks[0] && ms > POLL_MS) ms = POLL_MS ;
    tain_from_millisecs(&t, (int)ms) ;
    tain_add_g(&t, &t) ;
    if (tain_less(&t, when)) *when = t ;
  }
  if (w->nticks[2])
    for (unsigned int i = 0 ; i < w->n ; i++)
      if (w->s[i].ticks & TICK_SETTLE && tain_less(&w->s[i].settle, when)) *when = w->s[i].settle ;
}

/* waitloop: looks, then sleeps until inotify, a tick or the deadline, until nothing is pending */
static void waitloop (waiter *w)
{
  iopause_fd x = { .fd = -1, .events = IOPAUSE_READ, .revents = 0 } ;
  /* first look, as runit does right after writing: done already, or no need for inotify */
  lookall(w) ;
  if (!w->pending) return ;
  w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
  /* the first look after inotify_init adds the watches, then looks: a change
     between the two is seen by the look, a change after it by inotify */
  lookall(w) ;
  while (w->pending)
  {
    tain when ;
    int r ;
    wake(w, &when) ;
    x.fd = w->ifd ;
    r = iopause_g(&x, w->ifd >= 0, &when) ;
    if (r < 0) svio_fatal(w->ctx, "unable to wait") ;
    if (!r)
    {
      /* a tick, or the deadline: the next look times out what is left */
      if (w->nticks[1] && w->checkms < CHECK_MS_MAX) w->checkms = w->checkms * 2 > CHECK_MS_MAX ? CHECK_MS_MAX : w->checkms * 2 ;
      markall(w, tain_future(&w->ctx->deadline) ? TICK_POLL | TICK_CHECK | TICK_SETTLE : 0) ;
    }
    else if (x.revents & IOPAUSE_READ) events(w) ;
    while (w->ndirty) look(w, w->dirty[--w->ndirty]) ;
  }
}

void svwait_run (sv_ctx *ctx, sv_service *s, unsigned int n)
{
  waiter w = { .ctx = ctx, .s = s, .n = n, .pending = n, .ifd = -1, .checkms = CHECK_MS_MIN, .nticks = { 0, 0, 0 }, .wdmap = 0, .wdlen = 0, .ndirty = 0 } ;
  w.dirty = alloc(n * sizeof(unsigned int)) ;
  if (!w.dirty) svio_fatal(ctx, "unable to allocate memory") ;
  for (unsigned int i = 0 ; i < n ; i++) s[i].dirty = s[i].ticks = 0 ;
  /* ./check children are waited for with sigtimedwait; a SIGCHLD ignored by
     our parent would make them vanish unwaited */
  sig_restore(SIGCHLD) ;
  sig_block(SIGCHLD) ;
  waitloop(&w) ;
  unwatch(&w) ;
  alloc_free(w.dirty) ;
  alloc_free(w.wdmap) ;
}
