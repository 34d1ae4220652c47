/* runsv.c - supervise one service directory and its log service, as runit's runsv.
 *
 * Linux/BSD: uses flock(2) for supervise/lock (runit's lock, which fcntl
 * locks do not see), hence nonposix.h first.
 *
 * One loop: iopause over the selfpipe (SIGCHLD, SIGTERM), the control
 * FIFOs and the readiness channels of a running ./run (notification-fd
 * pipe, notify socket), with one absolute deadline (the earliest restart
 * the restart policy allows, a KILL due, a status due). Every transition of a service ends in
 * a status write, preceded by a write of supervise/state when that changed.
 */
#include <skalibs/nonposix.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/iopause.h>
#include <skalibs/posixplz.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sig.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "svknob.h"
#include "svleft.h"
#include "pathjoin.h"
#include "statedir.h"
#include "svnotify.h"
#include "svpump.h"
#include "svrestart.h"
#include "svspawn.h"
#include "svstate.h"
#include "svstatus.h"
#include "tai64n.h"

#define USAGE "runsv dir"

/* one supervised process: the service (./run, ./finish) or its logger (log/run) */
typedef struct service_s service ;
struct service_s
{
  svstatus st ;          /* what supervise/status says; st.want is 'u', 'd' or 'x' */
  char const *super ;    /* "supervise" or "log/supervise" */
  int islog ;
  int fdcontrol ;        /* read end of supervise/control, -1 if none */
  int fdcontrolw ;       /* our own writer, so the FIFO never reports EOF */
  int fdok ;             /* supervise/ok, held open: "a runsv is here" */
  tain restart_at ;      /* monotonic: no new ./run before this (the restart pause: runit's 1 s by default) */
  tain run_at ;          /* monotonic: when the current (or last) ./run was forked */
  svrestart policy ;     /* restart-delay, restart-delay-max, restart-reset, max-failures */
  int wstat ;            /* wait status of the last ./run, for ./finish */
  int once ;             /* an o command waits for the throttle to start ./run */
  pid_t pgrp_run ;       /* the process group of the last ./run (its pid), 0 if none */
  pid_t pgrp_finish ;    /* the same for the last ./finish */
  pid_t pgrp_termed ;    /* the run group an exit's stop already sent TERM, 0 if none */
  uint32_t pidwritten ;  /* the pid supervise/pid holds, to rewrite it only on change */
  char statwritten[SVSTATUS_STAT_FMT] ;  /* what supervise/stat holds, likewise */
  size_t statlen ;
  int dirty ;            /* the status changed since it was last written */
  int lazy ;             /* ... and it may wait until flush_at (see mark_dirty_lazy) */
  tain flush_at ;
  svstate state ;        /* what supervise/state says: readiness, restarts, last exit */
  int statedirty ;       /* it may have changed since it was last written */
  char statewritten[SVSTATE_SIZE] ;  /* what supervise/state holds, to write only changes */
  size_t statewlen ;     /* 0: never written */
  int statefail ;        /* the last write of state failed (warned once, then retried) */
  int statusfail ;       /* the same for status */
  tain retry_at ;        /* monotonic: a failed write is tried again by then, events or not */
  int fdnote ;           /* read end of this run's notification-fd pipe, -1 if none */
  unsigned int notelines ;  /* newlines read from it during this run */
  int fdsock ;           /* the notify socket, -1 if none */
  char sockname[SVNOTIFY_NAMEMAX] ;  /* NOTIFY_SOCKET's value */
  int foreignwarned ;    /* a datagram from outside ./run was warned about during this run */
  /* the stop knobs, read at each start of the run (knobs_read) */
  int downsig ;          /* down-signal: what a stop sends, TERM by default */
  int reloadsig ;        /* reload-signal: what sv reload (r then h) sends, HUP by default */
  uint32_t tkill ;       /* timeout-kill, ms; 0: never KILL after a stop */
  uint32_t tfinish ;     /* timeout-finish, ms; 0: ./finish runs without a limit */
  int killgroup ;        /* kill-group: signals go to the run's whole process group */
  int essential ;        /* essential: 0, SVKNOB_ESSENTIAL or SVKNOB_ON_FAILURE */
  int reloading ;        /* the last byte was r: an h after it is sv reload */
  int killarmed ;        /* a stop was asked for: KILL at kill_at if the run still runs */
  tain kill_at ;
  int finisharmed ;      /* ./finish runs under timeout-finish: KILL at finish_kill_at */
  tain finish_kill_at ;
  /* kill-group's sweep of what a run left behind (svleft.h) */
  int sweeping ;         /* leftovers got TERM; the service is down once they are gone */
  int sweepkill ;        /* ... and their time is up: KILL to each, and to each that comes back */
  tain sweep_kill_at ;
  int sweepdown ;        /* otherwise down: the status says finish, no pid, until the sweep ends */
} ;

static service svcs[2] ;
#define MAIN (&svcs[0])
#define LOG (&svcs[1])
static int haslog = 0 ;
static int logpipe[2] = { -1, -1 } ;
static int logpipe_closed = 0 ;
/* prefixed output (RUNSVDIR_PREFIX, a service without log/): the service's
   stdout (and stderr) through pipes runsv holds, each line passed on to
   runsv's own stdout (stderr) as "NAME: line" (svpump.h) */
static svpump pfxout = SVPUMP_ZERO ;
static svpump pfxerr = SVPUMP_ZERO ;
static pid_t self ;    /* runsv's pid, whose children the kernel lists */
static int essential_end = 0 ;  /* an essential run ended: exit SVSTATE_RUNSV_ESSENTIAL once down */

/* stamp: the runit-style wall-clock label for supervise/status */
static void stamp (service *s)
{
  if (!tai64n_now(&s->st.stamp)) sverr_warnsys("unable to read the clock") ;
}

/* mark_dirty: the status changed; it is written before runsv next sleeps
   (write_status_due), so the transitions of one wake-up cost one write: a restart goes
   from down to run without two rounds of files */
static void mark_dirty (service *s)
{
  s->dirty = 1 ;
  s->lazy = 0 ;
}

/* LAZY_MS: how long a status may wait for the end it announces */
#define LAZY_MS 25

/* mark_dirty_lazy: a change that announces another one (TERM sent: the
   process is about to end) may wait a little, so that a service that stops at
   once costs one write (down) instead of two (got TERM, then down); whoever
   looks within those milliseconds sees what runit shows between the write of
   a command and its execution anyway */
static void mark_dirty_lazy (service *s)
{
  if (s->dirty) return ;  /* already due, at once or lazily */
  s->dirty = 1 ;
  s->lazy = 1 ;
  {
    tain d ;
    tain_from_millisecs(&d, LAZY_MS) ;
    tain_add_g(&s->flush_at, &d) ;
  }
}

/* write_outcome: OK, whether a write of S's supervise/FILE succeeded,
   said once per episode (FAILED: S's flag for that file); a failed one is
   tried again at S's next write or within a second. OK is returned */
static int write_outcome (service *s, int *failed, char const *file, int ok)
{
  if (!ok)
  {
    if (!*failed) sverr_warnsys("unable to write ", s->super, file) ;
    *failed = 1 ;
    tain_addsec_g(&s->retry_at, 1) ;
    return 0 ;  /* still dirty */
  }
  if (*failed) sverr_warn("wrote ", s->super, file, " again") ;
  *failed = 0 ;
  return 1 ;
}

/* write_state: write supervise/state if what it says changed; always before
   the status of the same wake-up, so a client woken by status reads a state
   at least as new (and a change of readiness alone wakes it by itself) */
static void write_state (service *s)
{
  char buf[SVSTATE_SIZE] ;
  size_t n ;
  if (!s->statedirty) return ;
  n = svstate_pack(buf, &s->state) ;
  if (n == s->statewlen && !memcmp(buf, s->statewritten, n)) { s->statedirty = 0 ; return ; }
  if (!write_outcome(s, &s->statefail, "/state", svstate_write(s->super, &s->state))) return ;
  memcpy(s->statewritten, buf, n) ;
  s->statewlen = n ;
  s->statedirty = 0 ;
}

/* set_ready: the ready bit on or off, labelled AT (0: now) when it changes */
static void set_ready (service *s, int on, tain const *at)
{
  if (!(s->state.flags & SVSTATE_READY) == !on) return ;
  s->state.flags ^= SVSTATE_READY ;
  if (at) s->state.readystamp = *at ;
  else if (!tai64n_now(&s->state.readystamp)) sverr_warnsys("unable to read the clock") ;
  s->statedirty = 1 ;
}

/* write_status: write supervise/status, and stat and pid if what they say
   changed; supervise/state first if it changed */
static void write_status (service *s)
{
  char line[SVSTATUS_STAT_FMT] ;
  size_t n ;
  unsigned int w = SVSTATUS_W_STATUS ;
  write_state(s) ;
  if (!s->dirty) return ;
  n = svstatus_stat_fmt(line, &s->st) ;
  if (n != s->statlen || memcmp(line, s->statwritten, n)) w |= SVSTATUS_W_STAT ;
  if (s->st.pid != s->pidwritten) w |= SVSTATUS_W_PID ;
  if (!write_outcome(s, &s->statusfail, "/status", svstatus_write(s->super, &s->st, w))) return ;
  s->dirty = 0 ;
  s->lazy = 0 ;
  memcpy(s->statwritten, line, n) ;
  s->statlen = n ;
  s->pidwritten = s->st.pid ;
}

static void write_status_all (void)
{
  write_status(MAIN) ;
  if (haslog) write_status(LOG) ;
}

/* write_status_due: write what cannot wait; lower *deadline to when a lazy write is due */
static void write_status_due (tain *deadline)
{
  for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++)
  {
    service *s = &svcs[i] ;
    write_state(s) ;  /* a change of state is never lazy */
    if (s->dirty)
    {
      if (!s->lazy || !tain_future(&s->flush_at)) write_status(s) ;
      else if (tain_less(&s->flush_at, deadline)) *deadline = s->flush_at ;
    }
    /* a write that failed (supervise/ unwritable, a full disk) is tried
       again every second, not only at the next event: the files would
       otherwise tell the old story while nothing happens */
    if ((s->statefail && s->statedirty) || (s->statusfail && s->dirty))
      if (tain_less(&s->retry_at, deadline)) *deadline = s->retry_at ;
  }
}

/* custom: run control/C if it is owner-executable; 1 if it handled the command (exit 0) */
static int custom (service *s, char c)
{
  char path[10] = "control/?" ;
  char const *argv[2] = { path, 0 } ;
  struct stat sb ;
  svspawn_opts o = SVSPAWN_OPTS_ZERO ;
  pid_t pid ;
  int wstat ;
  if (s->islog) return 0 ;  /* the log service's commands are never customised */
  path[8] = c ;
  if (stat(path, &sb) < 0)
  {
    if (errno != ENOENT) sverr_warnsys("unable to stat ", path) ;
    return 0 ;
  }
  if (!(sb.st_mode & S_IXUSR)) return 0 ;
  write_status_all() ;  /* the script may look at the status (sv status .) */
  o.fd1 = haslog && !logpipe_closed ? logpipe[1] : pfxout.fd[1] >= 0 ? pfxout.fd[1] : SVSPAWN_INHERIT ;
  o.what = path ;
  pid = svspawn(path, argv, 0, &o) ;
  if (!pid)
  {
    sverr_warnsys("unable to fork for ", path) ;
    return 0 ;
  }
  /* synchronous, as runit: nothing else happens until the script is done */
  if (wait_pid(pid, &wstat) != pid) return 0 ;
  /* runit counts a script killed by a signal as "handled"; only a real exit 0 does here */
  return WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
}

/* finish_exists: ./finish is run when it can be opened for reading, as in runit */
static int finish_exists (void)
{
  int fd = open_read("finish") ;
  if (fd < 0) return 0 ;
  fd_close(fd) ;
  return 1 ;
}

/* unstartable: why WHAT (FILE, relative to the service dir) did not start,
   said by runsv itself: the child that failed says nothing */
static void unstartable (char const *what, char const *file, char const *dir, svspawn_failure const *f)
{
  struct stat sb ;
  switch (f->step)
  {
    case SVSPAWN_FD :
      sverr_warn("unable to set up fd for ", what, ": ", errword(f->err)) ;
      break ;
    case SVSPAWN_DIR :
      sverr_warn("unable to change to directory ", dir, ": ", errword(f->err)) ;
      break ;
    default :
      /* ENOENT for a file that is there: the kernel could not find what its
         #! line (or its ELF header) names */
      if (f->err == ENOENT && stat(file, &sb) == 0)
        sverr_warn("unable to start ", what, ": its interpreter does not exist") ;
      else sverr_warn("unable to start ", what, ": ", errword(f->err)) ;
      break ;
  }
}

/* SUPER_PATH: room for the longest supervise path (statedir.h) and any file name in it */
#define SUPER_PATH (STATEDIR_MAX + 56)

/* super_path: SUPER/NAME into path (SUPER_PATH bytes; our names always fit) */
static void super_path (char *path, char const *super, char const *name)
{
  if (!path_join(path, SUPER_PATH, super, name)) sverr_diesys(111, "unable to name ", super, "/", name) ;
}

/* running: the run of SERVICE (./run, log/run) is running */
static int running (service const *s)
{
  return s->st.pid && s->st.state == SVSTATUS_RUN ;
}

/* ready_path: SERVICE's readiness file NAME, relative to the service dir */
static void ready_path (char *path, service const *s, char const *name)
{
  size_t n = strlen(name) ;
  size_t d = s->islog ? 4 : 0 ;
  memcpy(path, "log/", d) ;
  memcpy(path + d, name, n + 1) ;
}
#define READY_PATH 24  /* "log/notification-fd" and its NUL */

/* run_name: the program readiness is about, for messages */
static char const *run_name (service const *s)
{
  return s->islog ? "log/run" : "./run" ;
}

/* fd_limit: how many fds a child may have (RLIMIT_NOFILE, soft): notification-fd must be below it */
static unsigned int fd_limit (void)
{
  struct rlimit r ;
  if (getrlimit(RLIMIT_NOFILE, &r) < 0 || r.rlim_cur == RLIM_INFINITY || r.rlim_cur > 1000000000) return 1000000000 ;
  return (unsigned int)r.rlim_cur ;
}

/* note_fd_read: the fd number SERVICE's notification-fd declares, 0 if none
   (no file; unreadable or invalid: said in one warning when WARN) */
static unsigned int note_fd_read (service const *s, int warn)
{
  char path[READY_PATH], buf[64] ;
  unsigned int fd, max = fd_limit() ;
  ssize_t r ;
  ready_path(path, s, "notification-fd") ;
  r = openreadnclose(path, buf, sizeof(buf)) ;
  if (r < 0)
  {
    if (errno != ENOENT && warn) sverr_warn("unable to read ", path, ": ", errword(errno), ": no readiness declared") ;
    return 0 ;
  }
  if (svnotify_fdscan(buf, (size_t)r, max, &fd)) return fd ;
  if (warn)
  {
    /* the value as it was, newline cut, unprintable bytes as '?', at most 20 */
    char shown[24], top[UINT_FMT] ;
    size_t n = 0 ;
    while (r && (buf[r - 1] == '\n' || buf[r - 1] == ' ')) r-- ;
    for (ssize_t i = 0 ; i < r && n < 20 ; i++) shown[n++] = buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '?' ;
    if (r > 20) { memcpy(shown + 17, "...", 3) ; n = 20 ; }
    shown[n] = 0 ;
    top[uint_fmt(top, max - 1)] = 0 ;
    sverr_warn(path, ": \"", shown, "\" is not an fd number from 3 to ", top, ": no readiness declared") ;
  }
  return 0 ;
}

/* notify_wanted: does SERVICE have a notify-socket file? */
static int notify_wanted (service const *s)
{
  char path[READY_PATH] ;
  struct stat sb ;
  ready_path(path, s, "notify-socket") ;
  return stat(path, &sb) == 0 ;
}

/* note_close: runsv's end of the notification-fd pipe goes (./run ended, or never ran) */
static void note_close (service *s)
{
  if (s->fdnote < 0) return ;
  fd_close(s->fdnote) ;
  s->fdnote = -1 ;
}

/* sock_close: the notify socket goes */
static void sock_close (service *s)
{
  if (s->fdsock < 0) return ;
  fd_close(s->fdsock) ;
  s->fdsock = -1 ;
}

/* sock_open: bind SERVICE's notify socket (an abstract name: runsv(8),
   Readiness, says why); 1 if it is bound */
static int sock_open (service *s)
{
  if (s->fdsock >= 0) return 1 ;
  s->fdsock = svnotify_bind(s->sockname) ;
  if (s->fdsock < 0)
  {
    sverr_warnsys("unable to bind the notify socket") ;
    return 0 ;
  }
  return 1 ;
}

/* sock_drain: what waits in the socket was sent while ./run was not running: gone */
static void sock_drain (int fd)
{
  char c ;
  pid_t pid ;
  for (unsigned int i = 0 ; i < 10000 && svnotify_recv(fd, &c, 1, &pid) >= 0 ; i++) ;
}

/* readiness_prepare: what SERVICE declares for this start of its run (the
   files are read at every start, with warnings): sets the DECLARES bit,
   makes the notification-fd pipe (its write end in *NOTEW, for the child as
   the fd returned; 0 if none) and the notify socket */
static unsigned int readiness_prepare (service *s, int *notew)
{
  unsigned int n = note_fd_read(s, 1) ;
  int declares = !!n ;
  *notew = -1 ;
  note_close(s) ;
  s->notelines = 0 ;
  s->foreignwarned = 0 ;
  if (n)
  {
    int p[2] ;
    /* declared, so a run that cannot get its fd is never ready: no lie */
    if (pipecoe(p) < 0) { sverr_warnsys("unable to create a pipe for notification-fd") ; n = 0 ; }
    else
    {
      ndelay_on(p[0]) ;
      s->fdnote = p[0] ;
      *notew = p[1] ;
    }
  }
  if (notify_wanted(s))
  {
    declares = 1 ;
    if (sock_open(s)) sock_drain(s->fdsock) ;
  }
  else sock_close(s) ;
  if (declares) s->state.flags |= SVSTATE_DECLARES ;
  else s->state.flags &= ~SVSTATE_DECLARES ;
  s->statedirty = 1 ;
  return n ;
}

/* knob_read: the bytes of SERVICE's knob file NAME into BUF (64 bytes, the
   path into PATH); their count, or -1 when the file is absent or unreadable
   (said in one warning) */
static ssize_t knob_read (service const *s, char const *name, char *path, char *buf)
{
  ssize_t r ;
  ready_path(path, s, name) ;
  r = openreadnclose(path, buf, 64) ;
  if (r < 0 && errno != ENOENT) sverr_warn("unable to read ", path, ": ", errword(errno), ": ignored") ;
  return r ;
}

/* knob_bad: the one warning for a knob file whose value is not what it should be */
static void knob_bad (char const *path, char const *buf, ssize_t r, char const *what, char const *instead)
{
  char shown[24] ;
  svknob_show(buf, (size_t)r, shown) ;
  sverr_warn(path, ": \"", shown, "\" is not ", what, ": ", instead) ;
}

/* knob_sig: the signal SERVICE's knob file NAME gives, DEF when it gives none (bad: warned) */
static int knob_sig (service const *s, char const *name, int def)
{
  char path[READY_PATH], buf[64] ;
  int sig ;
  ssize_t r = knob_read(s, name, path, buf) ;
  if (r < 0) return def ;
  if (svknob_sig(buf, (size_t)r, &sig)) return sig ;
  knob_bad(path, buf, r, "a signal name or number", def == SIGTERM ? "TERM is sent" : "HUP is sent") ;
  return def ;
}

/* knob_ms: the milliseconds SERVICE's knob file NAME gives, DEF when none
   (bad: warned, saying INSTEAD) */
static uint32_t knob_ms (service const *s, char const *name, uint32_t def, char const *instead)
{
  char path[READY_PATH], buf[64] ;
  uint32_t ms ;
  ssize_t r = knob_read(s, name, path, buf) ;
  if (r < 0) return def ;
  if (svknob_ms(buf, (size_t)r, &ms)) return ms ;
  knob_bad(path, buf, r, "a number of milliseconds", instead) ;
  return def ;
}

/* knob_failures: max-failures' N and SECONDS into *N and *SECS; 0 0 when
   none (bad: warned) */
static void knob_failures (service const *s, uint32_t *n, uint32_t *secs)
{
  char path[READY_PATH], buf[64] ;
  ssize_t r = knob_read(s, "max-failures", path, buf) ;
  *n = *secs = 0 ;
  if (r < 0 || svknob_failures(buf, (size_t)r, n, secs)) return ;
  knob_bad(path, buf, r, "N SECONDS (two numbers from 1)", "runsv never gives up") ;
  *n = *secs = 0 ;
}

/* knob_essential: what SERVICE's essential file says, 0 when it is absent;
   a value that is neither empty nor on-failure is warned about, and the
   file's presence wins: every end counts */
static int knob_essential (service const *s)
{
  char path[READY_PATH], buf[64] ;
  int e ;
  ssize_t r = knob_read(s, "essential", path, buf) ;
  if (r < 0) return 0 ;
  e = svknob_essential(buf, (size_t)r) ;
  if (e) return e ;
  knob_bad(path, buf, r, "empty or on-failure", "every end of ./run counts") ;
  return SVKNOB_ESSENTIAL ;
}

/* knobs_read: SERVICE's stop and restart knobs, read at each start of its
   run so that an edit counts from the next start; absent files give runit's
   behaviour */
static void knobs_read (service *s)
{
  char path[READY_PATH] ;
  struct stat sb ;
  uint32_t base, max, reset, n, secs ;
  s->downsig = knob_sig(s, "down-signal", SIGTERM) ;
  s->reloadsig = knob_sig(s, "reload-signal", SIGHUP) ;
  s->tkill = knob_ms(s, "timeout-kill", 0, "no limit") ;
  s->tfinish = s->islog ? 0 : knob_ms(s, "timeout-finish", 0, "no limit") ;
  ready_path(path, s, "kill-group") ;
  s->killgroup = stat(path, &sb) == 0 ;
  s->essential = s->islog ? 0 : knob_essential(s) ;
  base = knob_ms(s, "restart-delay", SVRESTART_DELAY, "1000 ms") ;
  max = knob_ms(s, "restart-delay-max", 0, "no growth") ;
  reset = knob_ms(s, "restart-reset", SVRESTART_DELAY, "1000 ms") ;
  knob_failures(s, &n, &secs) ;
  svrestart_knobs(&s->policy, base, max, reset, n, secs) ;
}

/* arm: *AT becomes MS milliseconds from now */
static void arm (tain *at, uint32_t ms)
{
  tain d ;
  tain_now_g() ;
  tain_from_millisecs(&d, ms) ;
  tain_add_g(at, &d) ;
}

/* run_started: a run of SERVICE started (at LABEL): counted; without a declaration it is ready now */
static void run_started (service *s, tain const *label)
{
  s->state.restarts++ ;
  s->state.nextstart = tain_zero ;
  s->state.textlen = 0 ;  /* the last run's STATUS= says nothing about this one */
  if (!(s->state.flags & SVSTATE_DECLARES)) set_ready(s, 1, label) ;
  s->statedirty = 1 ;
}

/* policy_shown: what the restart policy says, into the state: failures,
   the give-up, and the label of the start it waits for */
static void policy_shown (service *s)
{
  svstate *st = &s->state ;
  st->failures = s->policy.failures ;
  st->window = s->policy.maxfail ? s->policy.window : 0 ;
  if (s->policy.failed) st->flags |= SVSTATE_FAILED ;
  else st->flags &= ~SVSTATE_FAILED ;
  st->nextstart = tain_zero ;
  tain_now_g() ;
  if (!s->policy.failed && tain_future(&s->restart_at))
  {
    /* the monotonic deadline as a wall-clock label, for clients */
    tain wait ;
    tain_sub(&wait, &s->restart_at, &STAMP) ;
    if (tai64n_now(&st->nextstart)) tain_add(&st->nextstart, &st->nextstart, &wait) ;
    else st->nextstart = tain_zero ;
  }
  s->statedirty = 1 ;
}

/* failed_start: a run of SERVICE that never ran, or ended (READY if it had
   been), is judged by the restart policy: the pause before the next start,
   and whether it was a quick death (1) */
static int failed_start (service *s, int ready)
{
  int quick ;
  tain_now_g() ;
  quick = svrestart_ended(&s->policy, &s->run_at, &STAMP, ready, &s->restart_at) ;
  if (s->policy.failed && !(s->state.flags & SVSTATE_FAILED))
  {
    char n[UINT32_FMT], secs[UINT32_FMT] ;
    n[uint32_fmt(n, s->policy.failures)] = 0 ;
    secs[uint32_fmt(secs, s->policy.window)] = 0 ;
    sverr_warn(run_name(s), " failed ", n, " times within ", secs, " s (max-failures): not restarted until sv up") ;
  }
  policy_shown(s) ;
  return quick ;
}

/* run_ended: SERVICE's run ended with WSTAT: not ready any more, its end
   kept, and whether it was a quick death (so a client that sees the next
   run cannot take a crash loop's moment of "run" for up). TERMED: runsv
   stopped it (sv restart, sv term, sv down): the policy still pauses as
   for any short run, but that is no death of its own, and the next run is
   no crash loop's (else every other sv -w restart waited out a second) */
static void run_ended (service *s, int wstat, int termed)
{
  s->state.flags |= SVSTATE_EXITED ;
  if (failed_start(s, !!(s->state.flags & SVSTATE_READY)) && !termed) s->state.flags |= SVSTATE_QUICK ;
  else s->state.flags &= ~SVSTATE_QUICK ;
  s->state.lastwstat = wstat ;
  set_ready(s, 0, 0) ;
  note_close(s) ;
  s->statedirty = 1 ;
}

/* still_running: PID has not ended, is not ending (its fds close before
   its parent hears of it) and is not a zombie not yet reaped */
static int still_running (pid_t pid)
{
  siginfo_t si ;
  int e = svnotify_exiting(pid) ;
  if (e >= 0) return !e ;
  memset(&si, 0, sizeof(si)) ;  /* no /proc: the zombie at least shows */
  if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) return 0 ;
  return !si.si_pid ;
}

/* read_note: what the run wrote on its notification-fd: the first newline
   makes it ready; a second is warned about once; an end without one too */
static void read_note (service *s)
{
  char buf[512], path[READY_PATH] ;
  ssize_t r = sanitize_read(fd_read(s->fdnote, buf, sizeof(buf))) ;
  ready_path(path, s, "notification-fd") ;
  if (!r) return ;
  if (r < 0)
  {
    /* end of file: the service closed it; one that just died is not warned about */
    if (errno != EPIPE) sverr_warnsys("unable to read ", path) ;
    else if (!s->notelines && s->st.pid && still_running((pid_t)s->st.pid))
      sverr_warn(path, ": closed without a newline: ", run_name(s), " is not ready until it restarts") ;
    note_close(s) ;
    return ;
  }
  for (ssize_t i = 0 ; i < r && s->notelines < 2 ; i++)
  {
    if (buf[i] != '\n') continue ;
    if (++s->notelines == 1) set_ready(s, 1, 0) ;
    else sverr_warn(path, ": ", run_name(s), " notified readiness twice") ;
  }
}

/* read_sock: one datagram on the notify socket; it counts only from the
   run or a process below it (its sender's pid, SO_PASSCRED) */
static void read_sock (service *s)
{
  char buf[4096] ;
  svnotify_msg m ;
  pid_t pid ;
  ssize_t r = svnotify_recv(s->fdsock, buf, sizeof(buf), &pid) ;
  if (r < 0) return ;  /* EAGAIN: someone else's wake-up */
  if (pid <= 0 || !svnotify_descends(pid, (pid_t)s->st.pid))
  {
    if (!s->foreignwarned)
    {
      char path[READY_PATH], fmt[PID_FMT] ;
      ready_path(path, s, "notify-socket") ;
      fmt[pid_fmt(fmt, pid)] = 0 ;
      sverr_warn(path, ": ignored a datagram from pid ", fmt, ": not a process of ", run_name(s)) ;
      s->foreignwarned = 1 ;
    }
    return ;
  }
  svnotify_parse(buf, (size_t)r, &m) ;
  if (m.text)
  {
    size_t n = m.textlen < SVSTATE_TEXTMAX ? m.textlen : SVSTATE_TEXTMAX ;
    memcpy(s->state.text, m.text, n) ;
    s->state.textlen = (uint16_t)n ;
    s->statedirty = 1 ;
  }
  if (m.ready) set_ready(s, 1, 0) ;
}

/* start: spawn ./run, ./finish (state finish) or log/run, each leading a
   process group of its own; the state says run only once the exec has succeeded. Throttled starts wait in the loop */
static void start (service *s)
{
  char code[INT_FMT], sig[INT_FMT] ;
  char const *argv[4] = { "./run", 0, 0, 0 } ;
  svspawn_opts o = SVSPAWN_OPTS_ZERO ;
  svspawn_failure failed ;
  int finishing = !s->islog && s->st.state == SVSTATUS_FINISH ;
  int notew = -1 ;
  size_t envn = env_len((char const *const *)environ) ;
  char const *envv[envn + 2] ;
  char const *const *envp = 0 ;
  char modif[14 + SVNOTIFY_NAMEMAX] ;
  tain started ;
  pid_t pid ;

  o.report = &failed ;
  o.setpgrp = 1 ;  /* so that an exit can stop what the service leaves behind */
  if (s->islog)
  {
    o.dir = "log" ;
    o.fd0 = logpipe[0] ;
    o.what = "log/./run" ;
  }
  else
  {
    if (haslog && !logpipe_closed) o.fd1 = logpipe[1] ;
    if (pfxout.fd[1] >= 0)
    {
      o.fd1 = pfxout.fd[1] ;
      o.fd2 = pfxerr.fd[1] >= 0 ? pfxerr.fd[1] : pfxout.fd[1] ;
    }
    if (finishing)
    {
      argv[0] = "./finish" ;
      code[WIFEXITED(s->wstat) ? int_fmt(code, WEXITSTATUS(s->wstat)) : int_fmt(code, -1)] = 0 ;
      sig[int_fmt(sig, s->wstat & 0xff)] = 0 ;
      argv[1] = code ;
      argv[2] = sig ;
    }
    else custom(s, 'u') ;  /* control/u runs before every ./run; its result is ignored */
    o.what = argv[0] ;
  }
  if (!finishing)
  {
    knobs_read(s) ;
    o.fdx = (int)readiness_prepare(s, &notew) ;
    o.fdx_from = notew ;
    if (s->fdsock >= 0)
    {
      /* NOTIFY_SOCKET for the run alone, not for ./finish or control scripts */
      size_t m = strlen(s->sockname) ;
      memcpy(modif, "NOTIFY_SOCKET=", 14) ;
      memcpy(modif + 14, s->sockname, m + 1) ;
      if (env_merge(envv, envn + 2, (char const *const *)environ, envn, modif, 15 + m)) envp = envv ;
      else sverr_warnsys("unable to set NOTIFY_SOCKET for ", o.what) ;
    }
  }
  /* the label and the throttle count from the fork, not from when the exec
     was confirmed, so the second between two starts is exactly a second */
  if (!tai64n_now(&started)) sverr_warnsys("unable to read the clock") ;
  tain_now_g() ;
  if (!finishing) s->run_at = STAMP ;
  pid = svspawn(argv[0], argv, envp, &o) ;
  if (notew >= 0) fd_close(notew) ;
  if (!pid) note_close(s) ;  /* nothing ran that could notify */
  if (!pid && failed.step == SVSPAWN_FORK)
  {
    /* fork failed: try again in a little while, from the loop, not in a sleep */
    errno = failed.err ;
    sverr_warnsys("unable to fork, retrying") ;
    tain_addsec_g(&s->restart_at, 5) ;
    if (finishing) { s->st.state = SVSTATUS_DOWN ; s->st.stamp = started ; mark_dirty(s) ; }
    return ;
  }
  s->once = 0 ;  /* o means one attempt, whether or not the exec succeeds */
  if (!pid)
  {
    /* it never ran: the state stays down (./finish: goes down), and the
       restart policy counts it and retries ./run and log/run after its pause
       (a second after this attempt by default) */
    unstartable(o.what, s->islog ? "log/run" : finishing ? "finish" : "run", o.dir, &failed) ;
    if (finishing) { s->st.state = SVSTATUS_DOWN ; s->st.stamp = started ; mark_dirty(s) ; }
    else failed_start(s, 0) ;
    return ;
  }
  s->st.pid = (uint32_t)pid ;
  s->st.paused = 0 ;
  s->st.gotterm = 0 ;
  if (finishing)
  {
    s->pgrp_finish = pid ;
    s->finisharmed = !!s->tfinish ;
    if (s->tfinish) arm(&s->finish_kill_at, s->tfinish) ;
  }
  else
  {
    s->st.state = SVSTATUS_RUN ;
    s->st.stamp = started ;
    s->pgrp_run = pid ;
    run_started(s, &started) ;
  }
  mark_dirty(s) ;
}

/* kill_group: SIG to the process group PGRP led by a process of ours that has
   been reaped; skipped if a process PGRP exists again (the pid was reused: the
   kernel reuses no pid while a group of that number has members) */
static void kill_group (pid_t pgrp, int sig)
{
  if (pgrp <= 0 || kill(pgrp, 0) == 0 || errno != ESRCH) return ;
  kill(-pgrp, sig) ;
}

/* signal_to: SIG to the process of SERVICE, or to its whole process group
   when GROUP (falling back to the process: it may have left the group);
   1 if the group got it */
static int signal_to (service const *s, int sig, int group)
{
  if (group && kill(-(pid_t)s->st.pid, sig) == 0) return 1 ;
  kill((pid_t)s->st.pid, sig) ;
  return 0 ;
}

/* signal_run: SIG to ./run; for an exit or with kill-group, to its whole
   process group, so that what it started (a helper holding the log pipe) stops
   too. An exit's TERM to the group is remembered: the sweep after the run's
   end does not send it again (a second TERM reruns a shell's trap, and makes
   some daemons skip their graceful stop) */
static void signal_run (service *s, int sig)
{
  if (signal_to(s, sig, s->st.want == 'x' || s->killgroup) && sig == SIGTERM && s->st.want == 'x')
    s->pgrp_termed = (pid_t)s->st.pid ;
}

/* stop: runit's stop procedure for d, x and t on a running ./run, with
   down-signal for TERM; timeout-kill's KILL armed (the first stop's); 1 if
   it sent the signal (the status then waits a little for the end, mark_dirty_lazy) */
static int stop (service *s)
{
  int termed = 0, arming ;
  if (!s->st.pid || s->st.state != SVSTATUS_RUN) return 0 ;
  /* armed after the signal (or control/t), so the KILL never comes sooner than timeout-kill after it */
  arming = s->tkill && !s->killarmed ;
  if (!custom(s, 't'))
  {
    signal_run(s, s->downsig) ;
    s->st.gotterm = 1 ;
    mark_dirty_lazy(s) ;
    termed = 1 ;
  }
  if (arming)
  {
    s->killarmed = 1 ;
    arm(&s->kill_at, s->tkill) ;
  }
  if (s->st.want == 'd' || s->st.want == 'x')
  {
    signal_run(s, SIGCONT) ;
    custom(s, s->st.want == 'd' ? 'd' : 'x') ;
  }
  return termed ;
}

/* signal_unless_custom: h a i q 1 2 (and k): the signal, unless control/C
   handles it; to the process group with kill-group */
static void signal_unless_custom (service *s, char c, int sig)
{
  if (s->st.pid && !custom(s, c)) signal_to(s, sig, s->killgroup) ;
}

/* SWEEP_MS: how long leftovers have after their TERM without timeout-kill */
#define SWEEP_MS 2000

/* leftovers_of: runsv's children that are neither service's current
   process, SERVICE's by process group (the logger's group is the logger's,
   the rest the service's), into PIDS (SVLEFT_MAX); how many */
static unsigned int leftovers_of (service const *s, pid_t *pids)
{
  pid_t all[SVLEFT_MAX] ;
  int n = svleft_children(self, all, SVLEFT_MAX) ;
  unsigned int k = 0 ;
  if (n > SVLEFT_MAX) n = SVLEFT_MAX ;
  for (int i = 0 ; i < n ; i++)
  {
    pid_t p = all[i] ;
    int logs ;
    if ((pid_t)MAIN->st.pid == p || (haslog && (pid_t)LOG->st.pid == p)) continue ;
    logs = haslog && LOG->pgrp_run && getpgid(p) == LOG->pgrp_run ;
    if (logs == s->islog) pids[k++] = p ;
  }
  return k ;
}

/* sweep_end: the sweep found nothing left; a service waiting for it is down */
static void sweep_end (service *s)
{
  s->sweeping = s->sweepkill = 0 ;
  if (!s->sweepdown) return ;
  s->sweepdown = 0 ;
  s->st.state = SVSTATUS_DOWN ;
  stamp(s) ;
  mark_dirty(s) ;
}

/* leftovers_update: SERVICE's leftovers counted into its state; during a
   sweep, the end of it when none are left, or KILL to each once their time is up */
static void leftovers_update (service *s)
{
  pid_t pids[SVLEFT_MAX] ;
  unsigned int k = leftovers_of(s, pids) ;
  if (s->state.leftovers != k) { s->state.leftovers = k ; s->statedirty = 1 ; }
  if (!s->sweeping) return ;
  if (!k) { sweep_end(s) ; return ; }
  if (!s->sweepkill) return ;
  kill_group(s->pgrp_run, SIGKILL) ;
  for (unsigned int i = 0 ; i < k ; i++) kill(pids[i], SIGKILL) ;
}

/* sweep_start: kill-group, and SERVICE's run has ended: what it left behind
   (its group, the processes it abandoned to runsv) gets TERM and CONT, then
   KILL after timeout-kill (or SWEEP_MS); the service goes down only after */
static void sweep_start (service *s)
{
  pid_t pids[SVLEFT_MAX] ;
  unsigned int k = leftovers_of(s, pids) ;
  s->state.leftovers = k ;
  s->statedirty = 1 ;
  /* one TERM each: a process still in the run's group gets the group's
     (or had the exit's), never its own as well (a second TERM reruns a
     shell's trap) */
  if (s->pgrp_termed != s->pgrp_run) kill_group(s->pgrp_run, SIGTERM) ;
  s->pgrp_termed = s->pgrp_run ;
  for (unsigned int i = 0 ; i < k ; i++)
    if (!s->pgrp_run || getpgid(pids[i]) != s->pgrp_run) kill(pids[i], SIGTERM) ;
  kill_group(s->pgrp_run, SIGCONT) ;
  for (unsigned int i = 0 ; i < k ; i++) kill(pids[i], SIGCONT) ;
  if (!k) return ;
  s->sweeping = 1 ;
  s->sweepkill = 0 ;
  arm(&s->sweep_kill_at, s->tkill ? s->tkill : SWEEP_MS) ;
}

/* run_lasted: once a run after failures has lasted restart-reset (and is
   ready), they are over: cleared now, so the state says so while it runs;
   until then *DEADLINE is lowered to that moment (readiness wakes the loop
   by itself) */
static void run_lasted (service *s, tain *deadline)
{
  tain enough ;
  int ready = !!(s->state.flags & SVSTATE_READY) ;
  tain_now_g() ;
  if (svrestart_lasted(&s->policy, &s->run_at, &STAMP, ready)) { policy_shown(s) ; return ; }
  if (!ready) return ;
  svrestart_lasts_at(&s->policy, &s->run_at, &enough) ;
  if (tain_less(&enough, deadline)) *deadline = enough ;
}

/* deadlines: timeout-kill's and timeout-finish's KILL when their time has
   come; otherwise lower *DEADLINE to it */
static void deadlines (service *s, tain *deadline)
{
  if (s->sweeping && !s->sweepkill)
  {
    if (!tain_future(&s->sweep_kill_at)) { s->sweepkill = 1 ; leftovers_update(s) ; }
    else if (tain_less(&s->sweep_kill_at, deadline)) *deadline = s->sweep_kill_at ;
  }
  if (running(s) && (s->policy.failures || s->policy.delay != s->policy.base)) run_lasted(s, deadline) ;
  if (s->killarmed && !running(s)) s->killarmed = 0 ;
  if (s->finisharmed && (!s->st.pid || s->st.state != SVSTATUS_FINISH)) s->finisharmed = 0 ;
  if (s->killarmed)
  {
    if (!tain_future(&s->kill_at)) { signal_run(s, SIGKILL) ; s->killarmed = 0 ; }
    else if (tain_less(&s->kill_at, deadline)) *deadline = s->kill_at ;
  }
  if (s->finisharmed)
  {
    if (!tain_future(&s->finish_kill_at)) { signal_to(s, SIGKILL, s->killgroup) ; s->finisharmed = 0 ; }
    else if (tain_less(&s->finish_kill_at, deadline)) *deadline = s->finish_kill_at ;
  }
}

/* gave_up_cleared: after max-failures gave up, u, o or t (sv up, once,
   restart) clears the failures and starts the run at once */
static void gave_up_cleared (service *s)
{
  if (!s->policy.failed) return ;
  svrestart_clear(&s->policy) ;
  s->restart_at = tain_zero ;
  s->state.flags &= ~SVSTATE_QUICK ;
  policy_shown(s) ;
}

/* command: one control byte for a service */
static void command (service *s, char c)
{
  /* r is ours: sv reload writes rh, so that runit's runsv, which ignores
     the r, still sends HUP, and ours can send reload-signal */
  int reload = s->reloading ;
  s->reloading = c == 'r' ;
  /* an exit, once asked for, is final: a ./finish saying sv down . must not
     cancel it, nor a u restart ./run with no logger behind it */
  if (MAIN->st.want == 'x' && (c == 'u' || c == 'd' || c == 'o')) return ;
  switch (c)
  {
    case 'u' :
      s->st.want = 'u' ;
      gave_up_cleared(s) ;
      mark_dirty(s) ;
      break ;  /* the loop starts it when it is down (and the restart pause allows) */
    case 'd' :
      s->st.want = 'd' ;
      s->once = 0 ;
      if (!stop(s)) mark_dirty(s) ;
      break ;
    case 'o' :
      s->st.want = 'd' ;
      gave_up_cleared(s) ;
      mark_dirty(s) ;
      if (!s->st.pid && s->st.state == SVSTATUS_DOWN) s->once = 1 ;  /* started by the loop */
      break ;
    case 'x' :
      if (s->islog) break ;  /* a logger is told to exit only by runsv itself */
      s->st.want = 'x' ;
      s->once = 0 ;
      if (!stop(s)) mark_dirty(s) ;
      break ;
    case 't' :
      gave_up_cleared(s) ;  /* runit's sv restart writes t and c, and no u when the want is up */
      stop(s) ;
      break ;
    case 'k' :
      /* runit also sets the state down here without a status write; we let the
         reaper do the transition, so finish runs once and status stays true */
      signal_unless_custom(s, 'k', SIGKILL) ;
      mark_dirty(s) ;
      break ;
    case 'p' :
      signal_unless_custom(s, 'p', SIGSTOP) ;
      s->st.paused = 1 ;
      mark_dirty(s) ;
      break ;
    case 'c' :
      signal_unless_custom(s, 'c', SIGCONT) ;
      s->st.paused = 0 ;
      mark_dirty(s) ;
      break ;
    case 'h' : signal_unless_custom(s, 'h', reload ? s->reloadsig : SIGHUP) ; break ;
    case 'a' : signal_unless_custom(s, 'a', SIGALRM) ; break ;
    case 'i' : signal_unless_custom(s, 'i', SIGINT) ; break ;
    case 'q' : signal_unless_custom(s, 'q', SIGQUIT) ; break ;
    case '1' : signal_unless_custom(s, '1', SIGUSR1) ; break ;
    case '2' : signal_unless_custom(s, '2', SIGUSR2) ; break ;
    default : break ;  /* unknown bytes are ignored, as in runit */
  }
}

/* read_commands: every byte waiting in a control FIFO, executed in order */
static void read_commands (service *s)
{
  char buf[64] ;
  for (;;)
  {
    ssize_t r = sanitize_read(fd_read(s->fdcontrol, buf, sizeof(buf))) ;
    if (r <= 0) break ;
    for (ssize_t i = 0 ; i < r ; i++) command(s, buf[i]) ;
  }
}

/* prefix_drain: everything the service wrote, passed on, and a last line
   without its newline ended: a run ended, or runsv exits */
static void prefix_drain (void)
{
  svpump_drain(&pfxout) ;
  svpump_drain(&pfxerr) ;
}

/* prefix_setup: with RUNSVDIR_PREFIX (1, or a format) and no log/, the
   service's output goes through runsv, prefixed; DIR names the service */
static void prefix_setup (char const *dir)
{
  char const *split = getenv("RUNSVDIR_PREFIX_STDERR") ;
  char const *spec, *name ;
  size_t len ;
  stralloc here = STRALLOC_ZERO ;
  if (haslog || !(spec = svpump_spec())) return ;
  len = statedir_last(dir, &name) ;
  if (!len)
  {
    /* runsv . : the service's name is its directory's */
    if (sagetcwd(&here) < 0 || !stralloc_0(&here)) sverr_diesys(111, "unable to get the current directory") ;
    len = statedir_last(here.s, &name) ;
  }
  if (!svpump_open(&pfxout, spec, name, len, 1)
   || (split && !strcmp(split, "1") && !svpump_open(&pfxerr, spec, name, len, 2)))
    sverr_diesys(111, "unable to create pipe for the prefixed output") ;
  stralloc_free(&here) ;
  /* a docker logs pipe that is gone must cost the lines, not runsv */
  if (!selfpipe_trap(SIGPIPE)) sverr_diesys(111, "unable to trap SIGPIPE") ;
}

/* essential_ends: does this end of an essential service's run (WSTAT;
   TERMED: after a stop runsv sent, as sv restart and sv term do) stop
   runsv and, through its scanner, the rest? Only while wanted up: sv down
   and sv exit are not failures; a give-up under max-failures always is */
static int essential_ends (service const *s, int wstat, int termed)
{
  if (!s->essential || s->st.want != 'u' || termed) return 0 ;
  if (s->policy.failed || s->essential == SVKNOB_ESSENTIAL) return 1 ;
  return !WIFEXITED(wstat) || WEXITSTATUS(wstat) ;
}

/* essential_stop: the run of an essential service ended for good: no
   restart; ./finish runs, the logger drains, and runsv exits with
   SVSTATE_RUNSV_ESSENTIAL, the end kept in supervise/state */
static void essential_stop (service *s, int wstat)
{
  char code[INT_FMT] ;
  if (WIFSIGNALED(wstat))
    sverr_warn("essential ./run killed by SIG", sig_name(WTERMSIG(wstat)), ": not restarted, runsv exits") ;
  else
  {
    code[int_fmt(code, WEXITSTATUS(wstat))] = 0 ;
    sverr_warn("essential ./run exited ", code, ": not restarted, runsv exits") ;
  }
  s->st.want = 'x' ;
  essential_end = 1 ;
}

/* reaped: a supervised process ended; ./run goes to ./finish, anything else goes down */
static void reaped (service *s, int wstat)
{
  int ran = s->st.state == SVSTATUS_RUN, termed = s->st.gotterm ;
  s->killarmed = s->finisharmed = 0 ;  /* for this process only, never the next */
  if (ran) run_ended(s, wstat, termed) ;
  if (ran && !s->islog) prefix_drain() ;  /* its last words out before anything else starts */
  if (ran && essential_ends(s, wstat, termed)) essential_stop(s, wstat) ;
  s->st.pid = 0 ;
  s->st.gotterm = 0 ;
  if (ran && s->killgroup) sweep_start(s) ;
  else if (ran) leftovers_update(s) ;
  if (!s->islog && s->st.state == SVSTATUS_RUN)
  {
    s->wstat = wstat ;
    if (finish_exists())
    {
      s->st.state = SVSTATUS_FINISH ;
      mark_dirty(s) ;
      return ;  /* the loop starts ./finish at once, unthrottled */
    }
  }
  stamp(s) ;
  mark_dirty(s) ;
  if (s->sweeping) { s->st.state = SVSTATUS_FINISH ; s->sweepdown = 1 ; return ; }
  s->st.state = SVSTATUS_DOWN ;
}

/* reap: collect every dead child: the services' processes, and what they
   left behind (runsv is their subreaper; orphans too when it is PID 1),
   whose end changes the count of leftovers */
static void reap (void)
{
  int other = 0 ;
  for (;;)
  {
    int wstat, ours = 0 ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) break ;
    for (unsigned int i = 0 ; i < 2 ; i++)
      if (svcs[i].st.pid && (pid_t)svcs[i].st.pid == pid) { reaped(&svcs[i], wstat) ; ours = 1 ; }
    if (!ours) other = 1 ;
  }
  if (!other) return ;
  for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++)
    if (svcs[i].state.leftovers || svcs[i].sweeping) leftovers_update(&svcs[i]) ;
}

/* handle_signals: SIGCHLD reaps, SIGTERM is the x command */
static void handle_signals (void)
{
  for (;;)
  {
    switch (selfpipe_read())
    {
      case -1 : sverr_diesys(111, "unable to read selfpipe") ;
      case 0 : return ;
      case SIGCHLD : reap() ; break ;
      case SIGTERM : command(MAIN, 'x') ; break ;
      default : break ;
    }
  }
}

/* term_pending: take a SIGTERM that is blocked and pending; 1 if there was one */
static int term_pending (void)
{
  sigset_t set ;
  struct timespec zero = { .tv_sec = 0, .tv_nsec = 0 } ;
  if (sigpending(&set) < 0 || !sigismember(&set, SIGTERM)) return 0 ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGTERM) ;
  return sigtimedwait(&set, 0, &zero) == SIGTERM ;
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
    sverr_die(111, "unable to create directory ", super, ": ", errword(e), " (set " STATEDIR_VAR " to a writable directory to keep it there: see runsv(8))") ;
  sverr_diesys(111, "unable to create directory ", super) ;
}

/* place_supervise: S's supervise/ goes under $RUNSV_STATEDIR when the service
   dir has none of its own (statedir.h), its parent directories made; DIR is
   the service dir as runsv was given it */
static void place_supervise (service *s, char const *dir)
{
  static stralloc sa[2] = { STRALLOC_ZERO, STRALLOC_ZERO } ;
  stralloc *p = &sa[s->islog] ;
  int r = statedir_pick(p, dir, s->super, s->islog) ;
  if (!r) return ;
  if (r < 0 && errno == EINVAL) sverr_die(100, STATEDIR_VAR "=", statedir_dir(), ": not an absolute path") ;
  if (r < 0) sverr_diesys(100, "unable to use " STATEDIR_VAR "=", statedir_dir()) ;
  {
    /* made without a link below the state dir, none of it another user's (statedir.h) */
    stralloc bad = STRALLOC_ZERO ;
    r = statedir_make(statedir_dir(), p->s, &bad) ;
    if (r < 0) sverr_die(111, "unable to use " STATEDIR_VAR "=", statedir_dir(), ": another user may write ", bad.len ? bad.s : p->s) ;
    if (!r) sverr_diesys(111, "unable to create directory ", bad.len ? bad.s : p->s) ;
    stralloc_free(&bad) ;
  }
  if (!stralloc_cats(p, "/supervise") || !stralloc_0(p)) sverr_diesys(111, "unable to name ", p->s, "/supervise") ;
  s->super = p->s ;
}

/* lock_supervise: the supervise/lock flock (non-blocking for the service, blocking for the log) */
static void lock_supervise (char const *super, char const *base, int blocking)
{
  char path[SUPER_PATH] ;
  int fd, mkerr = make_supervise(super, base) ;
  super_path(path, super, "lock") ;
  fd = open3(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600) ;
  if (fd < 0)
  {
    /* say why supervise/ is missing rather than just "lock: file does not exist" */
    if (errno == ENOENT && mkerr) no_supervise(super, mkerr) ;
    sverr_diesys(111, "unable to open ", path) ;
  }
  if (flock(fd, LOCK_EX | (blocking ? 0 : LOCK_NB)) < 0)
  {
    /* under $RUNSV_STATEDIR, the other runsv may be another dir's service of the same name */
    if (errno == EWOULDBLOCK && super[0] == '/')
      sverr_die(111, "unable to lock ", path, ": ", errword(errno), " (another runsv is supervising a service of this name with this " STATEDIR_VAR ")") ;
    if (errno == EWOULDBLOCK)
      sverr_die(111, "unable to lock ", path, ": ", errword(errno), " (another runsv is supervising this directory)") ;
    sverr_diesys(111, "unable to lock ", path) ;
  }
}

/* fifo_open: PATH opened with FLAGS, not through a symlink, and a fifo
   still (nothing swapped in since the stat), or death */
static int fifo_open (char const *path, int flags, char const *how)
{
  struct stat sb ;
  int fd = open(path, flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0) sverr_diesys(111, "unable to open ", path, how) ;
  if (fstat(fd, &sb) < 0) sverr_diesys(111, "unable to stat ", path) ;
  if (!S_ISFIFO(sb.st_mode)) sverr_die(111, path, " exists but is not a fifo") ;
  return fd ;
}

/* open_fifo: mkfifo SUPER/NAME (kept if present) and open its read end */
static int open_fifo (char const *super, char const *name)
{
  char path[SUPER_PATH] ;
  struct stat sb ;
  super_path(path, super, name) ;
  if (mkfifo(path, 0600) < 0 && errno != EEXIST) sverr_diesys(111, "unable to mkfifo ", path) ;
  if (stat(path, &sb) < 0) sverr_diesys(111, "unable to stat ", path) ;
  if (!S_ISFIFO(sb.st_mode)) sverr_die(111, path, " exists but is not a fifo") ;
  return fifo_open(path, O_RDONLY, "") ;
}

/* setup_service: supervise/control of one service, and its first status */
static void setup_service (service *s)
{
  char path[SUPER_PATH] ;
  s->fdcontrol = open_fifo(s->super, "control") ;
  super_path(path, s->super, "control") ;
  s->fdcontrolw = fifo_open(path, O_WRONLY, " for writing") ;
  stamp(s) ;
  mark_dirty(s) ;
  /* what the service declares, for its first state: read quietly, the
     warnings come when it starts */
  if (note_fd_read(s, 0) || notify_wanted(s)) s->state.flags |= SVSTATE_DECLARES ;
  s->statedirty = 1 ;
}

/* init_service: want up unless the down file exists */
static void init_service (service *s, char const *super, char const *downfile, int islog)
{
  static svstatus const zero = SVSTATUS_ZERO ;
  static svstate const statezero = SVSTATE_ZERO ;
  struct stat sb ;
  s->st = zero ;
  s->state = statezero ;
  s->statedirty = 0 ;
  s->statewlen = 0 ;
  s->fdnote = s->fdsock = -1 ;
  s->notelines = 0 ;
  s->sockname[0] = 0 ;
  s->foreignwarned = 0 ;
  s->downsig = SIGTERM ;
  s->reloadsig = SIGHUP ;
  s->tkill = s->tfinish = 0 ;
  s->killgroup = s->reloading = s->killarmed = s->finisharmed = 0 ;
  s->sweeping = s->sweepkill = s->sweepdown = 0 ;
  s->super = super ;
  s->islog = islog ;
  s->fdcontrol = s->fdcontrolw = s->fdok = -1 ;
  s->restart_at = s->run_at = tain_zero ;
  {
    static svrestart const policyzero = SVRESTART_ZERO ;
    s->policy = policyzero ;
  }
  s->once = 0 ;
  s->pgrp_run = s->pgrp_finish = s->pgrp_termed = 0 ;
  s->pidwritten = (uint32_t)-1 ;  /* write supervise/pid and stat once at start */
  s->statlen = 0 ;
  s->dirty = 0 ;
  s->lazy = 0 ;
  s->st.want = stat(downfile, &sb) == 0 ? 'd' : 'u' ;
}

/* find_log: a log/ directory makes a log service, with the pipe runsv holds */
static void find_log (void)
{
  struct stat sb ;
  if (stat("log", &sb) < 0)
  {
    if (errno != ENOENT) sverr_warnsys("unable to stat() ./log") ;
    return ;
  }
  if (!S_ISDIR(sb.st_mode)) { sverr_warn("./log: not a directory.") ; return ; }
  haslog = 1 ;
  init_service(LOG, "log/supervise", "log/down", 1) ;
  if (pipecoe(logpipe) < 0) sverr_diesys(111, "unable to create pipe for log") ;
}

/* wants_start: should the loop start S now (ignoring the throttle)? */
static int wants_start (service const *s)
{
  int wanted = s->st.want == 'u' && !s->policy.failed ;  /* max-failures gave up: until sv up */
  if (s->st.pid || s->sweepdown) return 0 ;
  if (s->islog) return (wanted || s->once) && !logpipe_closed ;
  return wanted || s->once || s->st.state == SVSTATUS_FINISH ;
}

/* logpipe_unread: bytes waiting in the log pipe, 0 if unknown */
static int logpipe_unread (void)
{
  int n = 0 ;
  if (ioctl(logpipe[0], FIONREAD, &n) < 0) return 0 ;
  return n ;
}

/* exiting: once the service is down after x, stop what it left behind, give
   the logger what is in the pipe, and close the pipe; 1 when all is done */
static int exiting (void)
{
  static int swept = 0 ;
  if (MAIN->st.want != 'x' || MAIN->st.pid || MAIN->st.state != SVSTATUS_DOWN) return 0 ;
  if (!swept)
  {
    /* ./run and ./finish are gone; their helpers may still hold the log
       pipe, and the logger sees EOF only once they let go */
    if (MAIN->pgrp_termed != MAIN->pgrp_run) kill_group(MAIN->pgrp_run, SIGTERM) ;
    kill_group(MAIN->pgrp_finish, SIGTERM) ;
    kill_group(MAIN->pgrp_run, SIGCONT) ;
    kill_group(MAIN->pgrp_finish, SIGCONT) ;
    swept = 1 ;
  }
  if (!haslog) return 1 ;
  if (!logpipe_closed)
  {
    if (!LOG->st.pid)
    {
      /* the logger is down (crashed, in its throttle pause): once more,
         throttle waived, if there is something for it to read */
      int n = logpipe_unread() ;
      if (n && LOG->st.want == 'u') { start(LOG) ; n = LOG->st.pid ? 0 : logpipe_unread() ; }
      if (n)
      {
        char fmt[INT_FMT] ;
        fmt[int_fmt(fmt, n)] = 0 ;
        sverr_warn("log/run is down: ", fmt, " bytes in the log pipe are lost") ;
      }
      if (!LOG->st.pid) return 1 ;
    }
    LOG->st.want = 'x' ;
    mark_dirty(LOG) ;
    fd_close(logpipe[0]) ;
    fd_close(logpipe[1]) ;
    logpipe_closed = 1 ;
  }
  return !LOG->st.pid ;
}

int main (int argc, char const *const *argv)
{
  iopause_fd x[9] ;
  char const *dir ;
  int termed_at_birth ;
  PROG = "runsv" ;
  if (argc != 2 || !argv[1][0]) sverr_dieusage(1, USAGE) ;
  dir = argv[1] ;
  /* messages say "runsv DIR: ...": main's frame lives as long as the process */
  char prog[strlen(dir) + 7] ;
  memcpy(prog, "runsv ", 6) ;
  memcpy(prog + 6, dir, strlen(dir) + 1) ;
  PROG = prog ;
  if (!fd_sanitize()) sverr_diesys(111, "unable to sanitize standard fds") ;
  if (!tain_now_set_stopwatch_g()) sverr_diesys(111, "unable to read the clock") ;
  /* selfpipe_init empties the signal mask: a SIGTERM pending since before
     runsv started (blocked by whoever exec'd it) would kill it there */
  termed_at_birth = term_pending() ;
  x[0].fd = selfpipe_init() ;
  if (x[0].fd < 0) sverr_diesys(111, "unable to init selfpipe") ;
  {
    sigset_t set ;
    sigemptyset(&set) ;
    sigaddset(&set, SIGCHLD) ;
    sigaddset(&set, SIGTERM) ;
    if (!selfpipe_trapset(&set)) sverr_diesys(111, "unable to trap signals") ;
  }
  if (chdir(dir) < 0) sverr_diesys(111, "unable to change to directory") ;
  /* what a service abandons (a double fork, setsid) comes back to runsv, to
     be counted, reaped, and with kill-group stopped */
  self = getpid() ;
  if (!svleft_subreaper() && errno != ENOSYS) sverr_warnsys("unable to become a subreaper") ;

  init_service(MAIN, "supervise", "down", 0) ;
  find_log() ;
  prefix_setup(dir) ;
  place_supervise(MAIN, dir) ;
  if (haslog) place_supervise(LOG, dir) ;
  lock_supervise(MAIN->super, "", 0) ;
  if (haslog) lock_supervise(LOG->super, "log", 1) ;
  setup_service(MAIN) ;
  if (haslog) setup_service(LOG) ;

  /* a SIGTERM pending at birth, or since, is an x before anything starts */
  if (termed_at_birth) command(MAIN, 'x') ;
  handle_signals() ;

  for (;;)
  {
    tain deadline = tain_infinite ;
    unsigned int n = 2 ;
    unsigned int inote[2] = { 0, 0 }, isock[2] = { 0, 0 } ;  /* their places in x, 0: none */
    unsigned int iout = 0, ierr = 0 ;
    if (exiting()) break ;
    /* the logger first, so it is there before the service writes */
    for (int i = haslog ; i >= 0 ; i--)
    {
      service *s = &svcs[i] ;
      if (!wants_start(s)) continue ;
      /* ./finish is never throttled; ./run and log/run wait for their deadline */
      if (s->st.state == SVSTATUS_FINISH || !tain_future(&s->restart_at))
      {
        start(s) ;
        /* a fork that failed left no child whose SIGCHLD would wake us:
           its retry is a deadline like any restart's */
        if (!wants_start(s)) continue ;
      }
      if (tain_less(&s->restart_at, &deadline)) deadline = s->restart_at ;
    }
    for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++) deadlines(&svcs[i], &deadline) ;
    write_status_due(&deadline) ;
    if (MAIN->fdok < 0)
    {
      /* supervise/ok last: whoever sees this runsv finds a status (with the
         first pids) already written */
      MAIN->fdok = open_fifo(MAIN->super, "ok") ;
      if (haslog) LOG->fdok = open_fifo(LOG->super, "ok") ;
    }

    x[0].events = IOPAUSE_READ ;
    x[1].fd = MAIN->fdcontrol ; x[1].events = IOPAUSE_READ ;
    if (haslog) { x[2].fd = LOG->fdcontrol ; x[2].events = IOPAUSE_READ ; n = 3 ; }
    for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++)
    {
      /* the notify socket only while the run runs: what comes between is drained at the next start */
      service *s = &svcs[i] ;
      if (s->fdnote >= 0) { x[n].fd = s->fdnote ; x[n].events = IOPAUSE_READ ; inote[i] = n++ ; }
      if (s->fdsock >= 0 && running(s)) { x[n].fd = s->fdsock ; x[n].events = IOPAUSE_READ ; isock[i] = n++ ; }
    }
    if (pfxout.fd[0] >= 0) { x[n].fd = pfxout.fd[0] ; x[n].events = IOPAUSE_READ ; iout = n++ ; }
    if (pfxerr.fd[0] >= 0) { x[n].fd = pfxerr.fd[0] ; x[n].events = IOPAUSE_READ ; ierr = n++ ; }
    /* no deadline: sleep until a signal or a command, no periodic wake-up */
    if (iopause_g(x, n, tain_less(&deadline, &tain_infinite) ? &deadline : 0) < 0)
      sverr_diesys(111, "unable to iopause") ;
    /* output first: a run's lines before the reaping that says it ended */
    if (iout && x[iout].revents & IOPAUSE_READ) svpump_read(&pfxout, 0) ;
    if (ierr && x[ierr].revents & IOPAUSE_READ) svpump_read(&pfxerr, 0) ;
    if (x[0].revents & IOPAUSE_READ) handle_signals() ;
    if (x[1].revents & IOPAUSE_READ) read_commands(MAIN) ;
    if (haslog && x[2].revents & IOPAUSE_READ) read_commands(LOG) ;
    /* after the reaping: a run that ended has had its pipe closed, and
       cannot be ready after its end */
    for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++)
    {
      service *s = &svcs[i] ;
      if (inote[i] && x[inote[i]].fd == s->fdnote && x[inote[i]].revents & (IOPAUSE_READ | IOPAUSE_EXCEPT)) read_note(s) ;
      if (isock[i] && x[isock[i]].fd == s->fdsock && running(s) && x[isock[i]].revents & IOPAUSE_READ) read_sock(s) ;
    }
  }
  prefix_drain() ;  /* every line out before runsv exits */
  write_status_all() ;
  sock_close(MAIN) ;
  if (haslog) sock_close(LOG) ;
  return essential_end ? SVSTATE_RUNSV_ESSENTIAL : 0 ;
}
