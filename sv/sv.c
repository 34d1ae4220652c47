/* sv.c - control and query services supervised by runsv (runit 2.1.2's sv).
 *
 *   sv [-v] [-w sec] command service ...
 *   NAME [-w sec] [-v] command       (run under another name: an init script for service NAME)
 *
 * A command writes control bytes to each service's supervise/control and
 * may then wait for supervise/status to show their effect (svwait.c). The
 * words, the stdout/stderr split and the exit codes are runit's to the byte,
 * because scripts and probes parse them; see sv.8 for the few places where
 * we follow runit 2.3.0's fixes instead.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "errword.h"
#include "svcontrol.h"
#include "svline.h"
#include "tai64n.h"
#include "sv.h"

#define USAGE " [-v] [-w sec] command service ..."
#define USAGE_LSB " [-w sec] command"
#define VERSION "$Id: sv (runit 2.1.2 compatible) $"
#define SVDIR_DEFAULT "/etc/service/"
#define WAIT_DEFAULT 7
#define WAIT_MAX 4294967295UL  /* 136 years: "forever", without overflowing a deadline */
#define RUNIT_POLL_MS 420      /* how often runit's sv looks */

sv_ctx sv = { .lsb = 0, .bootwait = 0, .wait = WAIT_DEFAULT, .svdir = SVDIR_DEFAULT, .curdir = -1, .svdirfd = -1, .errors = 0 } ;
static char const *progname ;

static void usage (void) gccattr_noreturn ;

/* usage: runit's usage line and an empty one; 100, or 2 as an init script */
static void usage (void)
{
  strerr_die(sv.lsb ? 2 : 100, "usage: ", progname, sv.lsb ? USAGE_LSB : USAGE, "\n") ;
}

void sv_fatal (char const *what)
{
  /* runit says "fatal:" without the program name */
  int e = errno ;
  buffer_flush(buffer_1) ;
  strerr_die(sv.lsb ? 151 : 100, "fatal: ", what, ": ", errword(e)) ;
}

/* tell: "PREFIX NAME[/SUB][: MSG][: ERR]" on stdout (where runit puts even
   failures); fail and warning lines count as errors. A line about the log
   (SUB) is part of a status line, which its caller ends. */
static void tell (char const *prefix, char const *name, char const *sub, char const *msg, int e)
{
  buffer_puts(buffer_1, prefix) ;
  buffer_puts(buffer_1, name) ;
  if (sub)
  {
    buffer_put(buffer_1, "/", 1) ;
    buffer_puts(buffer_1, sub) ;
  }
  if (*msg)
  {
    buffer_put(buffer_1, ": ", 2) ;
    buffer_puts(buffer_1, msg) ;
  }
  if (e)
  {
    buffer_put(buffer_1, ": ", 2) ;
    buffer_puts(buffer_1, errword(e)) ;
  }
  if (prefix[0] != 'o') sv.errors++ ;
  if (!sub) svc_endline() ;
}

/* svc_endline: ends a line on stdout. sv status writes its lines in one go at
   the end (one write for 200 services instead of 200); the other commands
   show each line as it happens. Anything on stderr flushes stdout first, so
   the two streams stay in order. */
void svc_endline (void)
{
  buffer_put(buffer_1, "\n", 1) ;
  if (!sv.cmd.status) buffer_flush(buffer_1) ;
}

/* lsb_exit: the init-script exit, with what is buffered written first */
static void lsb_exit (int code)
{
  buffer_flush(buffer_1) ;
  _exit(code) ;
}

/* to_svdir: into $SVDIR, by its fd once it is open (one fchdir per service
   instead of going back to sv's directory and then to $SVDIR); a $SVDIR we
   may search but not read is entered by name each time, as runit does */
static int to_svdir (void)
{
  if (sv.svdirfd == -1)
  {
    /* a relative $SVDIR is relative to where sv started */
    if (fchdir(sv.curdir) < 0) sv_fatal("unable to change to original directory") ;
    sv.svdirfd = openc_read(sv.svdir) ;
    if (sv.svdirfd < 0) sv.svdirfd = -2 ;
  }
  if (sv.svdirfd >= 0) return fchdir(sv.svdirfd) ;
  if (fchdir(sv.curdir) < 0) sv_fatal("unable to change to original directory") ;
  return chdir(sv.svdir) ;
}

int svc_enter (char const *name, int inwait)
{
  size_t len = strlen(name) ;
  /* a plain name lives in $SVDIR; "./x", "/x" and "x/" are paths (the wait
     loop of runit 2.1.2 forgets the "x/" rule, and so do we: see sv.8) */
  int insvdir = name[0] != '/' && name[0] != '.' && (inwait || (len && name[len - 1] != '/')) ;
  if (insvdir ? to_svdir() < 0 : fchdir(sv.curdir) < 0)
  {
    if (!insvdir) sv_fatal("unable to change to original directory") ;
    tell("fail: ", name, 0, "unable to change to service directory", errno) ;
    return 0 ;
  }
  if (chdir(name) < 0)
  {
    tell("fail: ", name, 0, "unable to change to service directory", errno) ;
    return 0 ;
  }
  return 1 ;
}

/* absent: svc_absent, for the service or its log (SUB) */
static void absent (char const *name, char const *sub, int r)
{
  if (r < 0) tell("warning: ", name, sub, "unable to open supervise/ok", errno) ;
  /* runsv gone is what the exit commands want */
  else if (sv.cmd.send[0] == 'x' && !sub) tell("ok: ", name, sub, "runsv not running", 0) ;
  else tell("fail: ", name, sub, "runsv not running", 0) ;
}

void svc_absent (char const *name, int r)
{
  absent(name, 0, r) ;
}

int svc_read (char const *name, char const *sub, svstatus *st, char *raw, ino_t *ino)
{
  int r, fd = openc_read("supervise/status") ;
  if (fd < 0)
  {
    tell("warning: ", name, sub, "unable to open supervise/status", errno) ;
    return 0 ;
  }
  r = svstatus_readfd(fd, st, raw) ;
  if (r > 0 && raw)
  {
    struct stat sb ;
    *ino = fstat(fd, &sb) < 0 ? 0 : sb.st_ino ;
  }
  if (r < 0)
  {
    if (errno == EPROTO) tell("warning: ", name, sub, "unable to read supervise/status: bad format", 0) ;
    else tell("warning: ", name, sub, "unable to read supervise/status", errno) ;
  }
  fd_close(fd) ;
  return r > 0 ;
}

void svc_sent (svc *p, int r)
{
  /* bare signals and exit show nothing to wait for in the status */
  p->unread = r == 2 && svcmd_shows(sv.cmd.want) ;
  /* runsv writes the status after each u d o p c it reads */
  p->rewrites = p->unread && strpbrk(sv.cmd.send, "udopc") ;
}

int svc_send (char const *name, char const *bytes, svstatus const *st)
{
  if (svcmd_skip(bytes, st)) return 1 ;
  switch (svcontrol_send(0, bytes, strlen(bytes)))
  {
    case 1 : return 2 ;
    case 0 : absent(name, 0, 0) ; return 0 ;
    case -1 : tell("warning: ", name, 0, "unable to open supervise/control", errno) ; return 0 ;
    default : tell("warning: ", name, 0, "unable to write to supervise/control", errno) ; return 0 ;
  }
}

/* line: svc_line, for the service or its log (SUB) */
static int line (char const *prefix, char const *name, char const *sub, svstatus const *st)
{
  char rest[SVLINE_FMT] ;
  struct stat sb ;
  tain now ;
  int normallyup = 1 ;
  if (!stat("down", &sb)) normallyup = 0 ;
  else if (errno != ENOENT)
  {
    /* runit prints no line at all then; we print it without the flag */
    int e = errno ;
    buffer_flush(buffer_1) ;
    strerr_warn("warning: unable to stat ", name, sub ? "/" : "", sub ? sub : "", "/down: ", errword(e)) ;
    normallyup = -1 ;
  }
  tai64n_now(&now) ;
  buffer_puts(buffer_1, prefix) ;
  buffer_puts(buffer_1, svline_state(st)) ;
  buffer_puts(buffer_1, sub ? sub : name) ;
  buffer_put(buffer_1, ": ", 2) ;
  buffer_put(buffer_1, rest, svline_fmt(rest, st, normallyup, &now)) ;
  return normallyup < 0 ? 0 : st->pid ? 1 : 2 ;
}

int svc_line (char const *prefix, char const *name, svstatus const *st)
{
  return line(prefix, name, 0, st) ;
}

/* status: the status line of the current dir and of its log; as an init
   script, exits 0 (running), 3 (down) or 4 (unknown) for the main service */
static void status (char const *name)
{
  svstatus st ;
  int r = svcontrol_alive(0), up ;
  if (r != 1)
  {
    absent(name, 0, r) ;
    if (r < 0 && sv.lsb) lsb_exit(4) ;
    return ;
  }
  if (!svc_read(name, 0, &st, 0, 0))
  {
    if (sv.lsb) lsb_exit(4) ;
    return ;
  }
  up = line("", name, 0, &st) ;
  if (chdir("log") < 0)
  {
    if (errno != ENOENT)
    {
      buffer_put(buffer_1, "; ", 2) ;
      tell("warning: ", name, "log", "unable to change directory", errno) ;
    }
  }
  else
  {
    buffer_put(buffer_1, "; ", 2) ;
    r = svcontrol_alive(0) ;
    if (r != 1) absent(name, "log", r) ;
    else if (svc_read(name, "log", &st, 0, 0)) line("", name, "log", &st) ;
  }
  svc_endline() ;
  /* runit 2.1.2 answered for the log here; 2.3.0 for the service, as we do */
  if (sv.lsb) lsb_exit(up == 1 ? 0 : up == 2 ? 3 : 4) ;
}

/* act: writes the command to the current dir's runsv, and says in P how
   the service is to be waited for; 0 when it failed (reported) */
static int act (char const *name, svc *p)
{
  svstatus st ;
  int r ;
  p->name = name ;
  p->phase = SVC_WAIT ;
  p->seen = p->alive = p->checkfail = p->unread = p->rewrites = 0 ;
  p->unwatched = 1 ;
  p->err = 0 ;
  p->wdir = p->wsup = -1 ;
  if (!sv.cmd.send[0]) return 1 ;  /* check writes nothing: its first look is in svwait */
  r = svcontrol_alive(0) ;
  if (r != 1)
  {
    /* -w: a runsv that is still starting gets until the deadline */
    if (sv.bootwait && sv.cmd.send[0] != 'x' && (!r || errno == ENOENT))
    {
      p->phase = SVC_SEND ;
      return 1 ;
    }
    absent(name, 0, r) ;
    return 0 ;
  }
  p->seen = p->alive = 1 ;
  if (!svc_read(name, 0, &st, p->before, &p->beforeino)) return 0 ;
  r = svc_send(name, sv.cmd.send, &st) ;
  if (!r) return 0 ;
  svc_sent(p, r) ;
  return 1 ;
}

/* seconds: runit's reading of -w and $SVWAIT: leading digits, else 0 */
static unsigned long seconds (char const *s)
{
  unsigned long n = 0 ;
  ulong_scan(s, &n) ;
  return n > WAIT_MAX ? WAIT_MAX : n ;
}

/* deadline: when waiting ends (-w, else $SVWAIT, else 7 s after sv started) */
static void deadline (void)
{
  tain wait ;
  uint64_t ms, looks ;
  if (!sv.bootwait)
  {
    char const *x = getenv("SVWAIT") ;
    if (x) sv.wait = seconds(x) ;
  }
  /* runit labels for what runsv writes, a stopwatch for the deadline */
  tai64n_now(&sv.t0) ;
  tain_now_set_stopwatch_g() ;
  /* runit looks every 420 ms and gives up at the first look past the wait:
     we give up at that same moment, so what runit's sv saw in time, ours
     does too (and -w 0 still gives runsv 420 ms) */
  ms = (uint64_t)sv.wait * 1000 ;
  looks = (ms + RUNIT_POLL_MS - 1) / RUNIT_POLL_MS ;
  ms = (looks ? looks : 1) * RUNIT_POLL_MS ;
  tain_ulong(&wait, (unsigned long)(ms / 1000)) ;
  wait.nano = (uint32_t)(ms % 1000) * 1000000 ;
  tain_add_g(&sv.deadline, &wait) ;
}

/* options: -v, -w SEC, -V; returns how many arguments they took */
static int options (int argc, char const *const *argv, int *verbose)
{
  subgetopt l = SUBGETOPT_ZERO ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "w:vV", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'w' : sv.wait = seconds(l.arg) ; sv.bootwait = 1 ; *verbose = 1 ; break ;
      case 'v' : *verbose = 1 ; break ;
      case 'V' : strerr_warn(VERSION) ; usage() ;
      default :
        if (l.problem == 'w') strerr_warn(progname, ": option requires an argument -- w") ;
        else
        {
          char c[2] = { (char)l.problem, 0 } ;
          strerr_warn(progname, ": illegal option -- ", c) ;
        }
        usage() ;
    }
  }
  return l.ind ;
}

int main (int argc, char const *const *argv)
{
  char const *x ;
  char const *const *names ;
  unsigned int n, waiting = 0 ;
  int verbose = 0 ;
  svc *s = 0 ;
  PROG = "sv" ;

  /* loops, not strrchr and strcmp: status runs in probes, and each libc
     function called costs a dynamic binding */
  progname = argv[0] ? argv[0] : "sv" ;
  for (x = progname ; *x ; x++) if (*x == '/') progname = x + 1 ;
  sv.lsb = progname[0] != 's' || progname[1] != 'v' || progname[2] ;
  x = getenv("SVDIR") ;
  if (x) sv.svdir = x ;
  if (argc < 1) usage() ;
  {
    int i = options(argc, argv, &verbose) ;
    argc -= i ; argv += i ;
  }
  if (!argc) usage() ;
  x = *argv++ ; argc-- ;
  /* as an init script, the service is the script's name; more words are ignored */
  names = sv.lsb ? &progname : argv ;
  n = sv.lsb ? 1 : (unsigned int)argc ;
  if (!n || !svcmd_parse(x, sv.lsb, &sv.cmd)) usage() ;
  if (sv.cmd.wait == SVCMD_WAIT || (sv.cmd.wait == SVCMD_WAIT_V && verbose)) waiting = 1 ;
  else sv.bootwait = 0 ;
  sv.curdir = openc_read(".") ;
  if (sv.curdir < 0) sv_fatal("unable to open current directory") ;

  /* only waiting needs clocks (status is kept cheap: probes run it) */
  if (waiting)
  {
    s = alloc(n * sizeof(svc)) ;
    if (!s) sv_fatal("unable to allocate memory") ;
    deadline() ;
  }

  {
    unsigned int pending = 0 ;
    for (unsigned int i = 0 ; i < n ; i++)
    {
      if (svc_enter(names[i], 0))
      {
        if (sv.cmd.status) status(names[i]) ;
        else
        {
          svc one ;
          if (act(names[i], waiting ? &s[pending] : &one) && waiting) pending++ ;
        }
      }
    }
    if (pending) svwait(s, pending) ;
  }
  if (s) alloc_free(s) ;
  buffer_flush(buffer_1) ;
  if (sv.lsb) return sv.errors ? 1 : 0 ;
  return sv.errors > 99 ? 99 : (int)sv.errors ;
}
