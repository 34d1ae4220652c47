/* sv.c - control and query services supervised by runsv (runit 2.1.2's sv).
 *
 *   sv [-v] [-w sec] command service ...
 *   sv [-j] status                   (every service of $SVDIR)
 *   sv -j status service ...         (JSON: statusjson.c)
 *   NAME [-w sec] [-v] command       (run under another name: an init script for service NAME)
 *
 * A command writes control bytes to each service's supervise/control and
 * may then wait for supervise/status to show their effect. The files form
 * a tree: this one (main and the commands) calls svwait.c (waiting) and
 * svio.c (per-service I/O and the output lines); svwait.c calls svio.c; none
 * calls up. statusjson.c writes sv -j status, with svio.c's help. The words, the stdout/stderr split and the exit codes are runit's to the byte,
 * because scripts and probes parse them; see sv.8 for the few places where
 * we follow runit 2.3.0's fixes instead.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "errword.h"
#include "supercontrol.h"
#include "superstate.h"
#include "tai64n.h"
#include "sv.h"
#include "svio.h"
#include "svlist.h"
#include "svwait.h"
#include "statusjson.h"
#include "tail.h"

#define USAGE " [-v] [-w sec] command service ..."
#define TAIL_DEFAULT 10  /* sv tail's lines without -n */
#define USAGE_LSB " [-w sec] command"
#define VERSION "$Id: sv (runit 2.1.2 compatible) $"
#define SVDIR_DEFAULT "/etc/service/"
#define WAIT_DEFAULT 7
#define CHECK_SECS 7           /* health without -w: how long each ./check may run (runit's default wait) */
#define WAIT_MAX 4294967295UL  /* 136 years: "forever", without overflowing a deadline */
#define RUNIT_POLL_MS 420      /* how often runit's sv looks */

extern char **environ ;

static void usage (sv_ctx const *ctx, char const *name) gccattr_noreturn ;
static void lsb_exit (int code) gccattr_noreturn ;
static void status (sv_ctx *ctx, char const *name) ;
static int act (sv_ctx *ctx, char const *name, sv_service *p) ;
static void go_on (int *more) ;
static void deadline (sv_ctx *ctx) ;
typedef struct tailopts_s tailopts ;
struct tailopts_s { unsigned int lines ; int given ; int follow ; } ;  /* -n N, -f: sv tail's alone */
static int options (sv_ctx *ctx, int argc, char const *const *argv, char const *name, int *verbose, int *json, tailopts *t) ;
static char const *const *listed (sv_ctx const *ctx, svlist *list, unsigned int *n) ;
static void environment (sv_ctx *ctx) ;

int main (int argc, char const *const *argv)
{
  sv_ctx ctx = { .lsb = 0, .bootwait = 0, .wait = WAIT_DEFAULT, .checksecs = 0, .svdir = SVDIR_DEFAULT, .curdir = -1, .svdirfd = -1, .errors = 0 } ;
  char const *x, *name ;
  char const *const *names ;
  unsigned int n, waiting = 0 ;
  int verbose = 0, json = 0 ;
  tailopts t = { .lines = TAIL_DEFAULT, .given = 0, .follow = 0 } ;
  sv_service *s = 0 ;
  svlist list = SVLIST_ZERO ;
  PROG = "sv" ;

  /* the last '/' looked for from the end: argv[0] is often a long path,
     and status runs in probes */
  name = argv[0] ? argv[0] : "sv" ;
  for (x = name + strlen(name) ; x > name && x[-1] != '/' ; x--) ;
  name = x ;
  ctx.lsb = name[0] != 's' || name[1] != 'v' || name[2] ;
  environment(&ctx) ;
  if (argc < 1) usage(&ctx, name) ;
  {
    int i = options(&ctx, argc, argv, name, &verbose, &json, &t) ;
    argc -= i ; argv += i ;
  }
  if (!argc) usage(&ctx, name) ;
  x = *argv++ ; argc-- ;
  /* as an init script, the service is the script's name; more words are ignored */
  names = ctx.lsb ? &name : argv ;
  n = ctx.lsb ? 1 : (unsigned int)argc ;
  /* -j is for sv status alone (sv.8) */
  if (!svcmd_parse(x, ctx.lsb, &ctx.cmd) || (json && (ctx.lsb || !ctx.cmd.status))) usage(&ctx, name) ;
  /* -n and -f are for sv tail alone */
  if (t.given && !ctx.cmd.tail) usage(&ctx, name) ;
  if (ctx.cmd.tail)
  {
    int r, all ;
    /* sv tail [-n N] [-f] service ...: its options after the word too */
    {
      int i = options(&ctx, argc + 1, argv - 1, name, &verbose, &json, &t) ;
      names += i - 1 ; n -= (unsigned int)(i - 1) ;
    }
    if (json || verbose || ctx.bootwait) usage(&ctx, name) ;
    all = !n ;
    if (all) names = listed(&ctx, &list, &n) ;
    ctx.curdir = openc_read(".") ;
    if (ctx.curdir < 0) svio_fatal(&ctx, "unable to open current directory") ;
    r = tail_run(&ctx, names, n, t.lines, t.follow, all || n > 1, all) ;
    svlist_free(&list) ;
    return r ;
  }
  /* status and health without a service: every service of $SVDIR (runit: usage) */
  if (!n && (ctx.cmd.status || ctx.cmd.health)) names = listed(&ctx, &list, &n) ;
  else if (!n) usage(&ctx, name) ;
  /* nothing to vouch for is not healthy */
  if (!n && ctx.cmd.health)
  {
    svio_tell(&ctx, "unhealthy: ", ctx.svdir, 0, "no services", 0) ;
    return 1 ;
  }
  if (ctx.cmd.wait == SVCMD_WAIT || (ctx.cmd.wait == SVCMD_WAIT_V && verbose)) waiting = 1 ;
  else ctx.bootwait = 0 ;
  ctx.curdir = openc_read(".") ;
  if (ctx.curdir < 0) svio_fatal(&ctx, "unable to open current directory") ;

  if (json)
  {
    statusjson_print(&ctx, names, n) ;
    svlist_free(&list) ;
    stralloc_free(&ctx.basesa) ;
    return ctx.errors > 99 ? 99 : (int)ctx.errors ;
  }

  /* only waiting needs clocks (status is kept cheap: probes run it) */
  if (waiting)
  {
    s = alloc(n * sizeof(sv_service)) ;
    if (!s) svio_fatal(&ctx, "unable to allocate memory") ;
    deadline(&ctx) ;
  }

  {
    unsigned int pending = 0 ;
    for (unsigned int i = 0 ; i < n ; i++)
    {
      if (svio_enter(&ctx, names[i], 0))
      {
        if (ctx.cmd.status) status(&ctx, names[i]) ;
        else
        {
          sv_service one ;
          if (act(&ctx, names[i], waiting ? &s[pending] : &one) && waiting) pending++ ;
        }
      }
      /* runit 2.3.0's man page: as an init script, status exits 4 (status
         unknown) when there is no service directory to look at */
      else if (ctx.lsb && ctx.cmd.status) lsb_exit(4) ;
    }
    if (pending) svwait_run(&ctx, s, pending) ;
  }
  if (s) alloc_free(s) ;
  svlist_free(&list) ;
  stralloc_free(&ctx.basesa) ;
  buffer_flush(buffer_1) ;
  /* an init script and health: 1 for any failure; sv: how many failed, at
     most 99 (runit's codes) */
  if (ctx.lsb || ctx.cmd.health) return ctx.errors ? 1 : 0 ;
  return ctx.errors > 99 ? 99 : (int)ctx.errors ;
}

/* usage: runit's usage line and an empty one (runit's format, without the
   program prefix of errword_*: see svio.h); 100, or 2 as an init script */
static void usage (sv_ctx const *ctx, char const *name)
{
  strerr_die(ctx->lsb ? 2 : 100, "usage: ", name, ctx->lsb ? USAGE_LSB : USAGE, "\n") ;
}

/* lsb_exit: the init-script exit, with what is buffered written first */
static void lsb_exit (int code)
{
  buffer_flush(buffer_1) ;
  _exit(code) ;
}

/* value: NAME's value if ENTRY is NAME=value, else 0 */
static char const *value (char const *entry, char const *name)
{
  while (*name && *entry == *name) { entry++ ; name++ ; }
  return !*name && *entry == '=' ? entry + 1 : 0 ;
}

/* environment: $SVDIR and $RUNSV_STATEDIR, the first of each as getenv
   finds it, in one pass: a getenv per variable cost sv status as much as
   reading the status */
static void environment (sv_ctx *ctx)
{
  char const *svdir = 0, *statedir = 0 ;
  for (char **e = environ ; *e && !(svdir && statedir) ; e++)
  {
    /* the first letter tells which of the two it may be */
    if (**e == 'S' && !svdir) svdir = value(*e, "SVDIR") ;
    else if (**e == STATEDIR_VAR[0] && !statedir) statedir = value(*e, STATEDIR_VAR) ;
  }
  if (svdir) ctx->svdir = svdir ;
  ctx->statedir = statedir && statedir[0] ? statedir : 0 ;
}

/* status: the status line of the current dir and of its log, runit's, then
   what they wait for and when a schedule runs them next; as an init script, exits 0 (running), 3 (down) or 4
   (unknown) for the main service */
static void status (sv_ctx *ctx, char const *name)
{
  superstatus st ;
  superstate ss, logss ;
  int r = supercontrol_alive(ctx->base), up, after, logafter = 0, more = 0 ;
  if (r != 1)
  {
    svio_absent(ctx, name, 0, r) ;
    if (r < 0 && ctx->lsb) lsb_exit(4) ;
    return ;
  }
  if (!svio_read(ctx, name, 0, &st, 0, 0))
  {
    if (ctx->lsb) lsb_exit(4) ;
    return ;
  }
  /* what may warn on stderr (flushing stdout) comes before the line, so a
     line is whole whenever stdout is flushed */
  after = svio_downstate(ctx, name, 0, &st, &ss) ;
  up = svio_line(ctx, "", name, 0, &st) ;
  /* the log's place is looked for from the service dir, as runsv does */
  if (!svio_place(ctx, name, 1))
  {
    go_on(&more) ;
    buffer_put(buffer_1, "; ", 2) ;
    svio_tell(ctx, "warning: ", name, "log", "unable to use $" STATEDIR_VAR, errno) ;
  }
  else if (chdir("log") < 0)
  {
    if (errno != ENOENT)
    {
      go_on(&more) ;
      buffer_put(buffer_1, "; ", 2) ;
      svio_tell(ctx, "warning: ", name, "log", "unable to change directory", errno) ;
    }
  }
  else
  {
    go_on(&more) ;
    buffer_put(buffer_1, "; ", 2) ;
    r = supercontrol_alive(ctx->base) ;
    if (r != 1) svio_absent(ctx, name, "log", r) ;
    else if (svio_read(ctx, name, "log", &st, 0, 0))
    {
      logafter = svio_downstate(ctx, name, "log", &st, &logss) ;
      svio_line(ctx, "", name, "log", &st) ;
      svio_more() ;  /* the line goes on (more is 1) */
    }
  }
  /* after runit's whole line, which its parsers read as they always did */
  if (after || logafter) go_on(&more) ;
  if (after) svio_putafter(ctx, 0, &ss) ;
  if (logafter) svio_putafter(ctx, "log", &logss) ;
  if (more) svio_endline(ctx) ;
  /* runit 2.1.2 answered for the log here; 2.3.0 for the service, as we do:
     LSB's 0 running, 3 not running, 4 unknown */
  if (ctx->lsb) lsb_exit(up == 1 ? 0 : up == 2 ? 3 : 4) ;
}

/* go_on: the status line svio_line ended goes on, once (MORE: it already does) */
static void go_on (int *more)
{
  if (*more) return ;
  svio_more() ;
  *more = 1 ;
}

/* act: writes the command to the current dir's runsv, and says in P how
   the service is to be waited for; 0 when it failed (reported) */
static int act (sv_ctx *ctx, char const *name, sv_service *p)
{
  superstatus st ;
  int r ;
  memset(p, 0, sizeof(*p)) ;
  p->name = name ;
  p->phase = SV_WAIT ;
  p->unwatched = 1 ;
  p->wdir = p->wsup = -1 ;
  if (!ctx->cmd.send[0]) return 1 ;  /* check writes nothing: its first look is in svwait */
  r = supercontrol_alive(ctx->base) ;
  if (r != 1)
  {
    /* -w: a runsv that is still starting gets until the deadline */
    if (ctx->bootwait && ctx->cmd.send[0] != 'x' && (!r || errno == ENOENT))
    {
      p->phase = SV_SEND ;
      return 1 ;
    }
    svio_absent(ctx, name, 0, r) ;
    return 0 ;
  }
  p->seen = p->alive = 1 ;
  if (!svio_read(ctx, name, 0, &st, p->before, &p->beforeino)) return 0 ;
  /* supervise/state only where a run's being up is waited for: readiness, a quick death */
  if (ctx->cmd.ready) svio_note(ctx, p) ;
  p->failing = svcmd_failing(&st, p->stateflags) ;
  r = svio_send(ctx, name, ctx->cmd.send, &st) ;
  if (!r) return 0 ;
  svio_sent(ctx, p, r) ;
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
static void deadline (sv_ctx *ctx)
{
  tain wait ;
  uint64_t ms, looks ;
  if (!ctx->bootwait && !ctx->cmd.health)
  {
    char const *x = getenv("SVWAIT") ;
    if (x) ctx->wait = seconds(x) ;
  }
  /* runit labels for what runsv writes, a stopwatch for the deadline */
  tai64n_now(&ctx->t0) ;
  tain_now_set_stopwatch_g() ;
  /* health without -w answers at once: the first look is the answer; but
     a ./check asked in that look gets its own time to answer (a deadline
     of now killed every one at its fork, and a service with a ./check was
     never healthy) */
  if (ctx->cmd.health && !ctx->bootwait)
  {
    ctx->deadline = STAMP ;
    ctx->checksecs = CHECK_SECS ;
    return ;
  }
  /* runit looks every 420 ms and gives up at the first look past the wait:
     we give up at that same moment, so what runit's sv saw in time, ours
     does too (and -w 0 still gives runsv 420 ms) */
  ms = (uint64_t)ctx->wait * 1000 ;
  looks = (ms + RUNIT_POLL_MS - 1) / RUNIT_POLL_MS ;
  ms = (looks ? looks : 1) * RUNIT_POLL_MS ;
  tain_ulong(&wait, (unsigned long)(ms / 1000)) ;
  wait.nano = (uint32_t)(ms % 1000) * 1000000 ;
  tain_add_g(&ctx->deadline, &wait) ;
}

/* listed: the services of $SVDIR, sorted, into LIST. A $SVDIR that cannot
   be read is sv's fatal error (100; 111 for health); an empty one is said
   on stderr (health says it on stdout: see main) */
static char const *const *listed (sv_ctx const *ctx, svlist *list, unsigned int *n)
{
  /* 111 for health: a probe must tell a system error from bad usage */
  if (!svlist_read(list, ctx->svdir))
    strerr_die(ctx->cmd.health ? 111 : 100, "sv: fatal: unable to list services in ", ctx->svdir, ": ", errword(errno)) ;
  *n = svlist_n(list) ;
  if (!*n && !ctx->cmd.health) strerr_warn("sv: warning: no services in ", ctx->svdir) ;
  return svlist_names(list) ;
}

/* options: -j, -v, -w SEC, -V, and sv tail's -n N and -f; returns how many arguments they took. The
   messages are getopt's and runit's, without errword_*'s prefix (svio.h) */
static int options (sv_ctx *ctx, int argc, char const *const *argv, char const *name, int *verbose, int *json, tailopts *t)
{
  subgetopt l = SUBGETOPT_ZERO ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "jw:vVn:f", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'w' : ctx->wait = seconds(l.arg) ; ctx->bootwait = 1 ; *verbose = 1 ; break ;
      case 'v' : *verbose = 1 ; ctx->verbose = 1 ; break ;
      case 'j' : *json = 1 ; break ;
      case 'n' : if (!uint_scan(l.arg, &t->lines)) usage(ctx, name) ; t->given = 1 ; break ;
      case 'f' : t->follow = t->given = 1 ; break ;
      case 'V' : strerr_warn(VERSION) ; usage(ctx, name) ;
      default :
        if (l.problem == 'w' || l.problem == 'n')
        {
          char c[2] = { (char)l.problem, 0 } ;
          strerr_warn(name, ": option requires an argument -- ", c) ;
        }
        else
        {
          char c[2] = { (char)l.problem, 0 } ;
          strerr_warn(name, ": illegal option -- ", c) ;
        }
        usage(ctx, name) ;
    }
  }
  return l.ind ;
}
