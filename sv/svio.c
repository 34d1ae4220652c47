/* svio.c - sv's per-service I/O and its runit-format lines (see svio.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "pathjoin.h"
#include "supercontrol.h"
#include "svline.h"
#include "superstate.h"
#include "svinstance.h"
#include "tai64n.h"
#include "svio.h"

void svio_fatal (sv_ctx const *ctx, char const *what)
{
  /* runit says "fatal:" without the program name */
  int e = errno ;
  buffer_flush(buffer_1) ;
  /* 100: sv's fatal error; 151: an init script's (runit's LSB code); 111:
     health's, a probe must tell a system error from bad usage */
  strerr_die(ctx->lsb ? 151 : ctx->cmd.health ? 111 : 100, "fatal: ", what, ": ", errword(e)) ;
}

/* on stdout, where runit puts even failures */
void svio_tell (sv_ctx *ctx, char const *prefix, char const *name, char const *sub, char const *msg, int e)
{
  /* for health, whatever fails makes the service unhealthy, in those words */
  if (ctx->cmd.health && (prefix[0] == 'f' || prefix[0] == 'w')) prefix = "unhealthy: " ;
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
  if (prefix[0] != 'o') ctx->errors++ ;
  if (!sub) svio_endline(ctx) ;
}

/* sv status writes its lines in one go at the end (one write for 200
   services instead of 200); the other commands show each line as it
   happens. Anything on stderr flushes stdout first, so the two streams stay
   in order. */
void svio_endline (sv_ctx const *ctx)
{
  buffer_put(buffer_1, "\n", 1) ;
  svio_shown(ctx) ;
}

void svio_shown (sv_ctx const *ctx)
{
  if (!ctx->cmd.status) buffer_flush(buffer_1) ;
}

/* the line was the last thing put, and a put leaves its last bytes in the
   buffer: the newline is still there to take back */
void svio_more (void)
{
  buffer_unput(buffer_1, 1) ;
}

/* to_svdir: into $SVDIR, by its fd once it is open (one fchdir per service
   instead of going back to sv's directory and then to $SVDIR); a $SVDIR we
   may search but not read is entered by name each time, as runit does */
static void to_origin (sv_ctx *ctx, char const *path) ;
static int to_svdir (sv_ctx *ctx)
{
  if (ctx->svdirfd == -1)
  {
    /* a relative $SVDIR is relative to where sv started */
    to_origin(ctx, ctx->svdir) ;
    ctx->svdirfd = openc_read(ctx->svdir) ;
    if (ctx->svdirfd < 0) ctx->svdirfd = -2 ;
  }
  if (ctx->svdirfd >= 0) return fchdir(ctx->svdirfd) ;
  to_origin(ctx, ctx->svdir) ;
  return chdir(ctx->svdir) ;
}

/* to_origin: back where sv started, for the relative PATH, unless sv is
   still there (its first service) or PATH is absolute: a system call less
   for the status of one service (probes) */
static void to_origin (sv_ctx *ctx, char const *path)
{
  if (!ctx->away || path[0] == '/') return ;
  if (fchdir(ctx->curdir) < 0) svio_fatal(ctx, "unable to change to original directory") ;
}

int svio_insvdir (char const *name, int inwait)
{
  size_t len ;
  /* a plain name lives in $SVDIR; "./x", "/x" and "x/" are paths (the wait
     loop of runit 2.1.2 forgets the "x/" rule, and so do we: see sv.8) */
  if (name[0] == '/' || name[0] == '.') return 0 ;
  if (inwait) return 1 ;
  len = strlen(name) ;
  return len && name[len - 1] != '/' ;
}

/* the service last entered, when it is an instance (svinstance.h): its
   template's path, then T@I, each NUL-terminated; empty when it is not */
static stralloc inst = STRALLOC_ZERO ;
static size_t instoff = 0 ;  /* where T@I starts in inst */

int svio_chdir (sv_ctx *ctx, char const *name, int inwait)
{
  int insvdir = svio_insvdir(name, inwait) ;
  if (insvdir) { if (to_svdir(ctx) < 0) return -1 ; }
  else to_origin(ctx, name) ;
  ctx->away = 1 ;
  /* an instance is entered in its template, where ./check is */
  if (svinstance_of(name, &inst, &instoff) == 1) return chdir(inst.s) ;
  inst.len = 0 ;
  return chdir(name) ;
}

char const *svio_instance (void)
{
  return inst.len ? inst.s + instoff + svinstance_split(inst.s + instoff) : 0 ;
}

int svio_enter (sv_ctx *ctx, char const *name, int inwait)
{
  if (svio_chdir(ctx, name, inwait) < 0)
  {
    svio_tell(ctx, "fail: ", name, 0, "unable to change to service directory", errno) ;
    return 0 ;
  }
  if (!svio_place(ctx, name, 0))
  {
    svio_tell(ctx, "fail: ", name, 0, "unable to use $" STATEDIR_VAR, errno) ;
    return 0 ;
  }
  return 1 ;
}

int svio_place (sv_ctx *ctx, char const *name, int islog)
{
  /* an instance's is its own, not its template's; the log's is looked for from log/ */
  if (inst.len)
  {
    char const *n = inst.s + instoff ;
    int ok = svinstance_base(&ctx->basesa, islog ? ".." : "", n, svinstance_split(n), islog) ;
    ctx->base = ok ? ctx->basesa.s : 0 ;
    return ok ;
  }
  /* without the variable: no system call, no allocation (status runs in probes) */
  int r = statedir_pickfrom(ctx->statedir, &ctx->basesa, name, islog ? "log/supervise" : "supervise", islog) ;
  ctx->base = r > 0 ? ctx->basesa.s : 0 ;
  return r >= 0 ;
}

char const *svio_path (sv_ctx const *ctx, char *buf, char const *file)
{
  /* the base is at most STATEDIR_MAX long: it fits */
  if (!ctx->base) return file ;
  path_join(buf, SVIO_PATH, ctx->base, file) ;
  return buf ;
}

void svio_absent (sv_ctx *ctx, char const *name, char const *sub, int r)
{
  if (r < 0) svio_tell(ctx, "warning: ", name, sub, "unable to open supervise/ok", errno) ;
  /* runsv gone is what the exit commands want */
  else if (ctx->cmd.send[0] == 'x' && !sub) svio_tell(ctx, "ok: ", name, sub, "runsv not running", 0) ;
  else svio_tell(ctx, "fail: ", name, sub, "runsv not running", 0) ;
}

int svio_read (sv_ctx *ctx, char const *name, char const *sub, superstatus *st, char *raw, ino_t *ino)
{
  char buf[SVIO_PATH] ;
  int r, fd = openc_read(svio_path(ctx, buf, "supervise/status")) ;
  if (fd < 0)
  {
    svio_tell(ctx, "warning: ", name, sub, "unable to open supervise/status", errno) ;
    return 0 ;
  }
  r = superstatus_readfd(fd, st, raw) ;
  if (r > 0 && raw)
  {
    struct stat sb ;
    *ino = fstat(fd, &sb) < 0 ? 0 : sb.st_ino ;
  }
  if (r < 0)
  {
    if (errno == EPROTO) svio_tell(ctx, "warning: ", name, sub, "unable to read supervise/status: bad format", 0) ;
    else svio_tell(ctx, "warning: ", name, sub, "unable to read supervise/status", errno) ;
  }
  fd_close(fd) ;
  return r > 0 ;
}

/* state: reads supervise/state of the current dir (of NAME, or its log
   SUB) into SS; 1, or 0 when there is none (runit's runsv) or, after a
   "warning:", when it cannot be read */
static int state (sv_ctx const *ctx, char const *name, char const *sub, superstate *ss)
{
  char buf[SVIO_PATH] ;
  int r = superstate_read(svio_path(ctx, buf, "supervise"), ss) ;
  if (r > 0) return 1 ;
  if (r < 0 || errno != ENOENT)
  {
    /* sv status holds its lines until the end: what it holds goes first */
    int e = errno ;
    buffer_flush(buffer_1) ;
    errno = e ;
    svio_warn(name, sub ? "/" : "", sub ? sub : "", ": unable to read supervise/state: ", errword(errno)) ;
  }
  return 0 ;
}

unsigned char svio_stateflags (sv_ctx const *ctx, char const *name)
{
  superstate ss ;
  return state(ctx, name, 0, &ss) ? ss.flags : 0 ;
}

void svio_note (sv_ctx const *ctx, sv_service *s)
{
  superstate ss ;
  int r = state(ctx, s->name, 0, &ss) ;
  s->stateflags = r ? ss.flags : 0 ;
  s->schedflags = r ? ss.sched_flags : 0 ;
  s->checkfails = r ? ss.check_failures : 0 ;
}

int svio_downstate (sv_ctx const *ctx, char const *name, char const *sub, superstatus const *st, superstate *ss)
{
  return svline_maywait(st) && state(ctx, name, sub, ss) ;
}

int svio_waits (sv_ctx const *ctx, char const *name, char const *sub, superstatus const *st, superstate *ss)
{
  return svio_downstate(ctx, name, sub, st, ss) && ss->flags & SUPERSTATE_WAITING ;
}

void svio_waiting (sv_ctx const *ctx, stralloc *sa, superstate const *ss)
{
  if (!svline_waiting(sa, ss->waiting, ss->waitlen)) svio_fatal(ctx, "unable to allocate memory") ;
}

void svio_putwaits (sv_ctx const *ctx, char const *sub, superstate const *ss)
{
  stralloc sa = STRALLOC_ZERO ;
  if (!stralloc_cats(&sa, "; ") || (sub && (!stralloc_cats(&sa, sub) || !stralloc_catb(&sa, " ", 1))))
    svio_fatal(ctx, "unable to allocate memory") ;
  svio_waiting(ctx, &sa, ss) ;
  buffer_put(buffer_1, sa.s, sa.len) ;
  stralloc_free(&sa) ;
}

void svio_putafter (sv_ctx const *ctx, char const *sub, superstate const *ss)
{
  char next[SVLINE_NEXT_FMT] ;
  size_t n = 0 ;
  if (ss->flags & SUPERSTATE_WAITING) svio_putwaits(ctx, sub, ss) ;
  if (ss->sched_flags & SUPERSTATE_SCHED_ON)
  {
    tain now ;
    tai64n_now(&now) ;
    n = svline_nextrun(next, &ss->sched_next, &now) ;
  }
  if (!n) return ;
  buffer_put(buffer_1, "; ", 2) ;
  if (sub)
  {
    buffer_puts(buffer_1, sub) ;
    buffer_put(buffer_1, " ", 1) ;
  }
  buffer_put(buffer_1, next, n) ;
}

void svio_sent (sv_ctx const *ctx, sv_service *p, int r)
{
  /* bare signals and exit show nothing to wait for in the status */
  p->unread = r == 2 && svcmd_shows(ctx->cmd.want) ;
  /* runsv writes the status after each u d o p c it reads */
  p->rewrites = p->unread && strpbrk(ctx->cmd.send, "udopc") ;
}

int svio_send (sv_ctx *ctx, char const *name, char const *bytes, superstatus const *st)
{
  /* (supervise/state is read only then: sv up to a service already up) */
  if (svcmd_skip(bytes, st) && !svcmd_revives(bytes, svio_stateflags(ctx, name))) return 1 ;
  switch (supercontrol_send(ctx->base, bytes, strlen(bytes)))
  {
    case 1 : return 2 ;
    case 0 : svio_absent(ctx, name, 0, 0) ; return 0 ;
    case -1 : svio_tell(ctx, "warning: ", name, 0, "unable to open supervise/control", errno) ; return 0 ;
    default : svio_tell(ctx, "warning: ", name, 0, "unable to write to supervise/control", errno) ; return 0 ;
  }
}

int svio_line (sv_ctx const *ctx, char const *prefix, char const *name, char const *sub, superstatus const *st)
{
  struct stat sb ;
  tain now ;
  int normallyup = 1 ;
  if (!stat("down", &sb)) normallyup = 0 ;
  else if (errno == ENOENT)
  {
    /* runsvdir's RUNSVDIR_ONLY or RUNSVDIR_SKIP: a down file that is not in
       the tree. Read quietly: no state (runit's runsv) is nothing known, and
       what cannot be read is said by whoever reads it for more */
    unsigned char flags ;
    char buf[SVIO_PATH] ;
    if (!sub && superstate_readflags(svio_path(ctx, buf, "supervise/state"), &flags) && flags & SUPERSTATE_SELECTED_DOWN) normallyup = 0 ;
  }
  else if (errno != ENOENT)
  {
    /* runit prints no line at all then; we print it without the flag, and
       warn on stderr as runit does */
    int e = errno ;
    buffer_flush(buffer_1) ;
    svio_warn("unable to stat ", name, sub ? "/" : "", sub ? sub : "", "/down: ", errword(e)) ;
    normallyup = -1 ;
  }
  tai64n_now(&now) ;
  {
    /* the line is made here and goes to buffer_1 in one put: each put
       costs more than the bytes it copies (sv status runs in probes) */
    char const *state = svline_state(st), *who = sub ? sub : name ;
    size_t plen = strlen(prefix), slen = strlen(state), wlen = strlen(who), n ;
    char line[plen + slen + wlen + 3 + SVLINE_FMT] ;
    memcpy(line, prefix, plen) ; n = plen ;
    memcpy(line + n, state, slen) ; n += slen ;
    memcpy(line + n, who, wlen) ; n += wlen ;
    line[n++] = ':' ; line[n++] = ' ' ;
    n += svline_fmt(line + n, st, normallyup, &now) ;
    line[n++] = '\n' ;
    buffer_put(buffer_1, line, n) ;
  }
  return normallyup < 0 ? 0 : st->pid ? 1 : 2 ;
}
