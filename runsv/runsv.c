/* runsv.c - supervise one service directory and its log service, as runit's runsv.
 *
 * Linux/BSD: uses flock(2) for supervise/lock (runit's lock, which fcntl
 * locks do not see), hence nonposix.h first.
 *
 * One loop: iopause over the selfpipe (SIGCHLD, SIGTERM) and the control
 * FIFOs, with one absolute deadline (the earliest restart allowed by the
 * 1-second throttle). Every transition of a service ends in a status write.
 */
#include <skalibs/nonposix.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "pathjoin.h"
#include "svspawn.h"
#include "svstatus.h"
#include "tai64n.h"

#define USAGE "runsv dir"

/* one supervised process: the service (./run, ./finish) or its logger (log/run) */
typedef struct svc_s svc ;
struct svc_s
{
  svstatus st ;          /* what supervise/status says; st.want is 'u', 'd' or 'x' */
  char const *super ;    /* "supervise" or "log/supervise" */
  int islog ;
  int fdcontrol ;        /* read end of supervise/control, -1 if none */
  int fdcontrolw ;       /* our own writer, so the FIFO never reports EOF */
  int fdok ;             /* supervise/ok, held open: "a runsv is here" */
  tain restart_at ;      /* monotonic: no new ./run before this (the 1-second throttle) */
  int wstat ;            /* wait status of the last ./run, for ./finish */
  int once ;             /* an o command waits for the throttle to start ./run */
  uint32_t pidwritten ;  /* the pid supervise/pid holds, to rewrite it only on change */
  char statwritten[SVSTATUS_STAT_FMT] ;  /* what supervise/stat holds, likewise */
  size_t statlen ;
  int dirty ;            /* the status changed since it was last written */
  int lazy ;             /* ... and it may wait until flush_at (see write_status_lazy) */
  tain flush_at ;
} ;

static svc svcs[2] ;
#define MAIN (&svcs[0])
#define LOG (&svcs[1])
static int haslog = 0 ;
static int logpipe[2] = { -1, -1 } ;
static int logpipe_closed = 0 ;
static char const *dir ;

/* stamp: the runit-style wall-clock label for supervise/status */
static void stamp (svc *s)
{
  if (!tai64n_now(&s->st.stamp)) sverr_warnsys("unable to read the clock") ;
}

/* write_status: the status changed; it is written before runsv next sleeps
   (flush), so the transitions of one wake-up cost one write: a restart goes
   from down to run without two rounds of files */
static void write_status (svc *s)
{
  s->dirty = 1 ;
  s->lazy = 0 ;
}

/* LAZY_MS: how long a status may wait for the end it announces */
#define LAZY_MS 25

/* write_status_lazy: a change that announces another one (TERM sent: the
   process is about to end) may wait a little, so that a service that stops at
   once costs one write (down) instead of two (got TERM, then down); whoever
   looks within those milliseconds sees what runit shows between the write of
   a command and its execution anyway */
static void write_status_lazy (svc *s)
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

/* flush: write supervise/status, and stat and pid if what they say changed */
static void flush (svc *s)
{
  char line[SVSTATUS_STAT_FMT] ;
  size_t n ;
  unsigned int w = SVSTATUS_W_STATUS ;
  if (!s->dirty) return ;
  n = svstatus_stat_fmt(line, &s->st) ;
  if (n != s->statlen || memcmp(line, s->statwritten, n)) w |= SVSTATUS_W_STAT ;
  if (s->st.pid != s->pidwritten) w |= SVSTATUS_W_PID ;
  if (!svstatus_write(s->super, &s->st, w))
  {
    sverr_warnsys("unable to write ", s->super, "/status") ;
    return ;  /* still dirty: tried again at the next flush */
  }
  s->dirty = 0 ;
  s->lazy = 0 ;
  memcpy(s->statwritten, line, n) ;
  s->statlen = n ;
  s->pidwritten = s->st.pid ;
}

static void flush_all (void)
{
  flush(MAIN) ;
  if (haslog) flush(LOG) ;
}

/* flush_due: write what cannot wait; lower *deadline to when a lazy write is due */
static void flush_due (tain *deadline)
{
  for (unsigned int i = 0 ; i <= (unsigned int)haslog ; i++)
  {
    svc *s = &svcs[i] ;
    if (!s->dirty) continue ;
    if (!s->lazy || !tain_future(&s->flush_at)) flush(s) ;
    else if (tain_less(&s->flush_at, deadline)) *deadline = s->flush_at ;
  }
}

/* custom: run control/C if it is owner-executable; 1 if it handled the command (exit 0) */
static int custom (svc *s, char c)
{
  char path[10] = "control/?" ;
  char const *argv[2] = { path, 0 } ;
  struct stat sb ;
  spawn_opts o = SPAWN_OPTS_ZERO ;
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
  flush_all() ;  /* the script may look at the status (sv status .) */
  o.fd1 = haslog && !logpipe_closed ? logpipe[1] : SPAWN_INHERIT ;
  o.what = path ;
  pid = spawn(path, argv, 0, &o) ;
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

/* start: spawn ./run, ./finish (state finish) or log/run; throttled starts wait in the loop */
static void start (svc *s)
{
  char code[INT_FMT], sig[INT_FMT] ;
  char const *argv[4] = { "./run", 0, 0, 0 } ;
  spawn_opts o = SPAWN_OPTS_ZERO ;
  int finishing = !s->islog && s->st.state == SVSTATUS_FINISH ;
  pid_t pid ;

  if (s->islog)
  {
    o.dir = "log" ;
    o.fd0 = logpipe[0] ;
    o.what = "log/./run" ;
  }
  else
  {
    if (haslog && !logpipe_closed) o.fd1 = logpipe[1] ;
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
  pid = spawn(argv[0], argv, 0, &o) ;
  if (!pid)
  {
    /* fork failed: try again in a little while, from the loop, not in a sleep */
    sverr_warnsys("unable to fork, retrying") ;
    tain_addsec_g(&s->restart_at, 5) ;
    if (finishing) { s->st.state = SVSTATUS_DOWN ; write_status(s) ; }
    return ;
  }
  s->once = 0 ;
  s->st.pid = (uint32_t)pid ;
  s->st.paused = 0 ;
  s->st.gotterm = 0 ;
  if (!finishing)
  {
    s->st.state = SVSTATUS_RUN ;
    stamp(s) ;
    tain_addsec_g(&s->restart_at, 1) ;
  }
  write_status(s) ;
}

/* stop: runit's stop procedure for d, x and t on a running ./run; 1 if it
   sent TERM (the status then waits a little for the end, write_status_lazy) */
static int stop (svc *s)
{
  int termed = 0 ;
  if (!s->st.pid || s->st.state != SVSTATUS_RUN) return 0 ;
  if (!custom(s, 't'))
  {
    kill((pid_t)s->st.pid, SIGTERM) ;
    s->st.gotterm = 1 ;
    write_status_lazy(s) ;
    termed = 1 ;
  }
  if (s->st.want == 'd' || s->st.want == 'x')
  {
    kill((pid_t)s->st.pid, SIGCONT) ;
    custom(s, s->st.want == 'd' ? 'd' : 'x') ;
  }
  return termed ;
}

/* signal_unless_custom: h a i q 1 2 (and k): the signal, unless control/C handles it */
static void signal_unless_custom (svc *s, char c, int sig)
{
  if (s->st.pid && !custom(s, c)) kill((pid_t)s->st.pid, sig) ;
}

/* command: one control byte for a service */
static void command (svc *s, char c)
{
  switch (c)
  {
    case 'u' :
      s->st.want = 'u' ;
      write_status(s) ;
      break ;  /* the loop starts it when it is down (and the throttle allows) */
    case 'd' :
      s->st.want = 'd' ;
      s->once = 0 ;
      if (!stop(s)) write_status(s) ;
      break ;
    case 'o' :
      s->st.want = 'd' ;
      write_status(s) ;
      if (!s->st.pid && s->st.state == SVSTATUS_DOWN) s->once = 1 ;  /* started by the loop */
      break ;
    case 'x' :
      if (s->islog) break ;  /* a logger is told to exit only by runsv itself */
      s->st.want = 'x' ;
      s->once = 0 ;
      if (!stop(s)) write_status(s) ;
      break ;
    case 't' : stop(s) ; break ;
    case 'k' :
      /* runit also sets the state down here without a status write; we let the
         reaper do the transition, so finish runs once and status stays true */
      signal_unless_custom(s, 'k', SIGKILL) ;
      write_status(s) ;
      break ;
    case 'p' :
      signal_unless_custom(s, 'p', SIGSTOP) ;
      s->st.paused = 1 ;
      write_status(s) ;
      break ;
    case 'c' :
      signal_unless_custom(s, 'c', SIGCONT) ;
      s->st.paused = 0 ;
      write_status(s) ;
      break ;
    case 'h' : signal_unless_custom(s, 'h', SIGHUP) ; break ;
    case 'a' : signal_unless_custom(s, 'a', SIGALRM) ; break ;
    case 'i' : signal_unless_custom(s, 'i', SIGINT) ; break ;
    case 'q' : signal_unless_custom(s, 'q', SIGQUIT) ; break ;
    case '1' : signal_unless_custom(s, '1', SIGUSR1) ; break ;
    case '2' : signal_unless_custom(s, '2', SIGUSR2) ; break ;
    default : break ;  /* unknown bytes are ignored, as in runit */
  }
}

/* read_commands: every byte waiting in a control FIFO, executed in order */
static void read_commands (svc *s)
{
  char buf[64] ;
  for (;;)
  {
    ssize_t r = sanitize_read(fd_read(s->fdcontrol, buf, sizeof(buf))) ;
    if (r <= 0) break ;
    for (ssize_t i = 0 ; i < r ; i++) command(s, buf[i]) ;
  }
}

/* reaped: a supervised process ended; ./run goes to ./finish, anything else goes down */
static void reaped (svc *s, int wstat)
{
  s->st.pid = 0 ;
  s->st.gotterm = 0 ;
  if (!s->islog && s->st.state == SVSTATUS_RUN)
  {
    s->wstat = wstat ;
    if (finish_exists())
    {
      s->st.state = SVSTATUS_FINISH ;
      write_status(s) ;
      return ;  /* the loop starts ./finish at once, unthrottled */
    }
  }
  s->st.state = SVSTATUS_DOWN ;
  stamp(s) ;
  write_status(s) ;
}

/* reap: collect every dead child (orphans too, when runsv is PID 1) */
static void reap (void)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) break ;
    for (unsigned int i = 0 ; i < 2 ; i++)
      if (svcs[i].st.pid && (pid_t)svcs[i].st.pid == pid) reaped(&svcs[i], wstat) ;
  }
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
  /* one buffer: BASE "/" then the link text (a relative target is relative to
     the directory holding the link); small, as every stack page stays dirty */
  char target[1024] ;
  size_t blen = strlen(base) ;
  ssize_t n ;
  int e ;
  if (mkdir(super, 0700) == 0) return 0 ;
  e = errno == EEXIST ? 0 : errno ;
  if (blen) { memcpy(target, base, blen) ; target[blen++] = '/' ; }
  n = readlink(super, target + blen, sizeof(target) - blen - 1) ;
  if (n < 0) return e ;  /* not a symlink: a directory already, or the real error */
  if ((size_t)n >= sizeof(target) - blen - 1) return ENAMETOOLONG ;
  if (target[blen] == '/') { memmove(target, target + blen, (size_t)n) ; blen = 0 ; }
  target[blen + (size_t)n] = 0 ;
  return mkdir_p(target) ? 0 : errno ;
}

/* SUPER_PATH: room for "log/supervise/" and the longest file name in it */
#define SUPER_PATH 64

/* super_path: SUPER/NAME into path (SUPER_PATH bytes; our names always fit) */
static void super_path (char *path, char const *super, char const *name)
{
  if (!path_join(path, SUPER_PATH, super, name)) sverr_diesys(111, "unable to name ", super, "/", name) ;
}

/* lock_supervise: the supervise/lock flock (non-blocking for the service, blocking for the log) */
static void lock_supervise (char const *super, char const *base, int blocking)
{
  char path[SUPER_PATH] ;
  int fd, mkerr = make_supervise(super, base) ;
  super_path(path, super, "lock") ;
  fd = open3(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0600) ;
  if (fd < 0)
  {
    /* say why supervise/ is missing rather than just "lock: file does not exist" */
    if (errno == ENOENT && mkerr) { errno = mkerr ; sverr_diesys(111, "unable to create directory ", super) ; }
    sverr_diesys(111, "unable to open ", path) ;
  }
  if (flock(fd, LOCK_EX | (blocking ? 0 : LOCK_NB)) < 0)
  {
    if (errno == EWOULDBLOCK)
      sverr_die(111, "unable to lock ", path, ": ", errword(errno), " (another runsv is supervising this directory)") ;
    sverr_diesys(111, "unable to lock ", path) ;
  }
}

/* open_fifo: mkfifo SUPER/NAME (kept if present) and open its read end */
static int open_fifo (char const *super, char const *name)
{
  char path[SUPER_PATH] ;
  struct stat sb ;
  int fd ;
  super_path(path, super, name) ;
  if (mkfifo(path, 0600) < 0 && errno != EEXIST) sverr_diesys(111, "unable to mkfifo ", path) ;
  if (stat(path, &sb) < 0) sverr_diesys(111, "unable to stat ", path) ;
  if (!S_ISFIFO(sb.st_mode)) sverr_die(111, path, " exists but is not a fifo") ;
  fd = openc_read(path) ;
  if (fd < 0) sverr_diesys(111, "unable to open ", path) ;
  return fd ;
}

/* setup_svc: supervise/control of one service, and its first status */
static void setup_svc (svc *s)
{
  char path[SUPER_PATH] ;
  s->fdcontrol = open_fifo(s->super, "control") ;
  super_path(path, s->super, "control") ;
  s->fdcontrolw = openc_write(path) ;
  if (s->fdcontrolw < 0) sverr_diesys(111, "unable to open ", path, " for writing") ;
  stamp(s) ;
  write_status(s) ;
}

/* init_svc: want up unless the down file exists */
static void init_svc (svc *s, char const *super, char const *downfile, int islog)
{
  static svstatus const zero = SVSTATUS_ZERO ;
  struct stat sb ;
  s->st = zero ;
  s->super = super ;
  s->islog = islog ;
  s->fdcontrol = s->fdcontrolw = s->fdok = -1 ;
  s->restart_at = tain_zero ;
  s->once = 0 ;
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
  init_svc(LOG, "log/supervise", "log/down", 1) ;
  if (pipecoe(logpipe) < 0) sverr_diesys(111, "unable to create pipe for log") ;
}

/* wants_start: should the loop start S now (ignoring the throttle)? */
static int wants_start (svc const *s)
{
  if (s->st.pid) return 0 ;
  if (s->islog) return s->st.want == 'u' && !logpipe_closed ;
  return s->st.want == 'u' || s->once || s->st.state == SVSTATUS_FINISH ;
}

/* exiting: once the service is down after x, close the log pipe; 1 when all is done */
static int exiting (void)
{
  if (MAIN->st.want != 'x' || MAIN->st.pid || MAIN->st.state != SVSTATUS_DOWN) return 0 ;
  if (!haslog || !LOG->st.pid) return 1 ;
  if (!logpipe_closed)
  {
    /* the logger sees EOF once the service's leftovers also let go of the pipe */
    LOG->st.want = 'x' ;
    write_status(LOG) ;
    fd_close(logpipe[0]) ;
    fd_close(logpipe[1]) ;
    logpipe_closed = 1 ;
  }
  return 0 ;
}

int main (int argc, char const *const *argv)
{
  iopause_fd x[3] ;
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

  init_svc(MAIN, "supervise", "down", 0) ;
  find_log() ;
  lock_supervise("supervise", "", 0) ;
  if (haslog) lock_supervise("log/supervise", "log", 1) ;
  setup_svc(MAIN) ;
  if (haslog) setup_svc(LOG) ;

  for (;;)
  {
    tain deadline = tain_infinite ;
    unsigned int n = 2 ;
    /* the logger first, so it is there before the service writes */
    for (int i = haslog ; i >= 0 ; i--)
    {
      svc *s = &svcs[i] ;
      if (!wants_start(s)) continue ;
      /* ./finish is never throttled; ./run and log/run wait for their deadline */
      if (s->st.state == SVSTATUS_FINISH || !tain_future(&s->restart_at)) start(s) ;
      else if (tain_less(&s->restart_at, &deadline)) deadline = s->restart_at ;
    }
    if (exiting()) break ;
    flush_due(&deadline) ;
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
    /* no deadline: sleep until a signal or a command, no periodic wake-up */
    if (iopause_g(x, n, tain_less(&deadline, &tain_infinite) ? &deadline : 0) < 0)
      sverr_diesys(111, "unable to iopause") ;
    if (x[0].revents & IOPAUSE_READ) handle_signals() ;
    if (x[1].revents & IOPAUSE_READ) read_commands(MAIN) ;
    if (n == 3 && x[2].revents & IOPAUSE_READ) read_commands(LOG) ;
  }
  flush_all() ;
  return 0 ;
}
