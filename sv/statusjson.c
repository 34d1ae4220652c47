/* statusjson.c - sv -j status (see statusjson.h; the members are in sv.8).
 *
 * A service is read as sv status reads it: the same files in the same
 * order, each failure in runit's words (the reason of the status line),
 * plus supervise/state, which runsv writes beside status for what runit's
 * 20 bytes cannot hold. The document is built whole in memory and written
 * in one go: a reader never gets half of it, and 200 services cost one
 * write. No clock is read: times are absolute, not ages.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "errword.h"
#include "supercontrol.h"
#include "svjson.h"
#include "svline.h"
#include "superstate.h"
#include "superstatus.h"
#include "tai64n.h"
#include "sv.h"
#include "svio.h"
#include "statusjson.h"

/* the document being built, and what a failure to grow it needs */
typedef struct doc_s doc ;
struct doc_s
{
  stralloc sa ;
  sv_ctx const *ctx ;
} ;

/* room: N more bytes in D, or sv's fatal error */
static void room (doc *d, size_t n)
{
  if (!stralloc_readyplus(&d->sa, n)) svio_fatal(d->ctx, "unable to allocate memory") ;
}

/* put: N bytes of S, as they are */
static void put (doc *d, char const *s, size_t n)
{
  room(d, n) ;
  memcpy(d->sa.s + d->sa.len, s, n) ;
  d->sa.len += n ;
}

/* puts0: the NUL-terminated S, as it is (JSON the caller wrote) */
static void puts0 (doc *d, char const *s)
{
  put(d, s, strlen(s)) ;
}

/* putstr: S (N bytes, any bytes) as a JSON string */
static void putstr (doc *d, char const *s, size_t n)
{
  room(d, 2 + SVJSON_MAXPERBYTE * n) ;
  d->sa.len += svjson_string(d->sa.s + d->sa.len, s, n) ;
}

/* putnum: X as a JSON number */
static void putnum (doc *d, uint64_t x)
{
  room(d, UINT64_FMT) ;
  d->sa.len += uint64_fmt(d->sa.s + d->sa.len, x) ;
}

/* puttime: runit label T as Unix seconds with nine decimals */
static void puttime (doc *d, tain const *t)
{
  room(d, SVJSON_TIME_FMT) ;
  d->sa.len += svjson_time(d->sa.s + d->sa.len, t) ;
}

/* putstate: the member value FMT (an svjson_* formatter of supervise/state
   SS, 0: not known) writes, at most MAX bytes */
static void putstate (doc *d, size_t (*fmt) (char *, superstate const *), superstate const *ss, size_t max)
{
  room(d, max) ;
  d->sa.len += (*fmt)(d->sa.s + d->sa.len, ss) ;
}

/* member: ,"KEY": (the first member, name, is written by head) */
static void member (doc *d, char const *key)
{
  put(d, ",\"", 2) ;
  puts0(d, key) ;
  put(d, "\":", 2) ;
}

/* head: {"name":NAME,"path":PATH, the start of every object */
static void head (doc *d, char const *name, char const *path, size_t pathlen)
{
  puts0(d, "{\"name\":") ;
  putstr(d, name, strlen(name)) ;
  member(d, "path") ;
  putstr(d, path, pathlen) ;
}

/* failed: the object of a service that cannot be read: WHY and runit's word
   for E (0: none), as the status line gives them; counted as sv status does */
static void failed (doc *d, sv_ctx *ctx, char const *name, char const *path, size_t pathlen, char const *why, int e)
{
  char msg[256] ;  /* runit's words are short */
  size_t n = 0 ;
  char const *parts[3] = { why, e ? ": " : "", e ? errword(e) : "" } ;
  for (unsigned int k = 0 ; k < 3 ; k++)
  {
    size_t len = strlen(parts[k]) ;
    if (len > sizeof(msg) - n) len = sizeof(msg) - n ;
    memcpy(msg + n, parts[k], len) ;
    n += len ;
  }
  head(d, name, path, pathlen) ;
  member(d, "error") ;
  putstr(d, msg, n) ;
  put(d, "}", 1) ;
  ctx->errors++ ;
}

/* policy: the restart policy's members from state SS (0: not known):
   backoff, failed, failed_reason, failures, leftovers */
static void policy (doc *d, superstate const *ss, superstatus const *st)
{
  int failed = ss && ss->flags & SUPERSTATE_FAILED ;
  member(d, "backoff") ;
  if (ss && !failed && st->proc == SUPERSTATUS_DOWN && (ss->nextstart.sec.x || ss->nextstart.nano))
  {
    /* milliseconds from now to the label of the next start, 0 once it is due */
    tain now, wait ;
    uint64_t ms = 0 ;
    if (tai64n_now(&now) && tain_less(&now, &ss->nextstart))
    {
      tain_sub(&wait, &ss->nextstart, &now) ;
      ms = tai_sec(tain_secp(&wait)) * 1000 + wait.nano / 1000000 ;
    }
    putnum(d, ms) ;
  }
  else puts0(d, "null") ;
  member(d, "failed") ;
  puts0(d, !ss ? "null" : failed ? "true" : "false") ;
  member(d, "failed_reason") ;
  if (failed)
  {
    char msg[80] ;
    size_t n = 0 ;
    n += uint32_fmt(msg + n, ss->failures) ;
    memcpy(msg + n, " quick deaths within ", 21) ; n += 21 ;
    n += uint32_fmt(msg + n, ss->window) ;
    memcpy(msg + n, " s (max-failures)", 17) ; n += 17 ;
    putstr(d, msg, n) ;
  }
  else puts0(d, "null") ;
  member(d, "failures") ;
  if (ss) putnum(d, ss->failures) ; else puts0(d, "null") ;
  member(d, "leftovers") ;
  if (ss) putnum(d, ss->leftovers) ; else puts0(d, "null") ;
}

/* waits: waiting_for, the names of the services the run waits for (state
   SS, 0: not known), in the state's order, as the status line tells them:
   only while ST is down and wanted up. [] when it waits for none, and when
   nothing is known (runit's runsv waits for nothing) */
static void waits (doc *d, superstate const *ss, superstatus const *st)
{
  int first = 1 ;
  member(d, "waiting_for") ;
  put(d, "[", 1) ;
  if (ss && ss->flags & SUPERSTATE_WAITING && svline_maywait(st))
    for (size_t i = 0 ; i < ss->waitlen ; )
    {
      size_t n = 0 ;
      while (i + n < ss->waitlen && ss->waiting[i + n] != '\n') n++ ;
      /* empty names are none, as in the line */
      if (n)
      {
        if (!first) put(d, ",", 1) ;
        putstr(d, ss->waiting + i, n) ;
        first = 0 ;
      }
      i += n + 1 ;
    }
  put(d, "]", 1) ;
}

/* fields: the members of the service in the current directory after its
   head, the object left open (the caller may add "log"); 0 when it could
   not be read, and then its error object is written whole */
static int fields (doc *d, sv_ctx *ctx, char const *name, char const *path, size_t pathlen, char const *sub)
{
  superstatus st ;
  superstate ss ;
  struct stat sb ;
  char const *shown = sub ? sub : name ;
  char buf[SVIO_PATH] ;
  int r = supercontrol_alive(ctx->base), known, normally ;
  if (r != 1)
  {
    if (r < 0) failed(d, ctx, shown, path, pathlen, "unable to open supervise/ok", errno) ;
    else failed(d, ctx, shown, path, pathlen, "runsv not running", 0) ;
    return 0 ;
  }
  r = superstatus_read(ctx->base, &st) ;
  if (r <= 0)
  {
    if (!r) failed(d, ctx, shown, path, pathlen, "unable to open supervise/status", errno) ;
    else if (errno == EPROTO) failed(d, ctx, shown, path, pathlen, "unable to read supervise/status: bad format", 0) ;
    else failed(d, ctx, shown, path, pathlen, "unable to read supervise/status", errno) ;
    return 0 ;
  }
  /* missing (runit's runsv) or unreadable: nothing known beyond status */
  known = superstate_read(svio_path(ctx, buf, "supervise"), &ss) > 0 ;
  if (!stat("down", &sb)) normally = 0 ;
  else if (errno == ENOENT) normally = 1 ;
  else
  {
    /* as sv status: a warning on stderr, and no "normally" */
    svio_warn("unable to stat ", name, sub ? "/" : "", sub ? sub : "", "/down: ", errword(errno)) ;
    normally = -1 ;
  }
  /* runsvdir's RUNSVDIR_ONLY or RUNSVDIR_SKIP: as a down file (not the log's) */
  if (normally == 1 && !sub && known && ss.flags & SUPERSTATE_SELECTED_DOWN) normally = 0 ;

  head(d, shown, path, pathlen) ;
  member(d, "state") ;
  puts0(d, st.proc == SUPERSTATUS_RUN ? "\"run\"" : st.proc == SUPERSTATUS_DOWN ? "\"down\"" : st.proc == SUPERSTATUS_FINISH ? "\"finish\"" : "null") ;
  member(d, "want") ;
  puts0(d, st.want == 'u' ? "\"up\"" : st.want == 'd' ? "\"down\"" : st.want == 'x' ? "\"exit\"" : "null") ;
  member(d, "pid") ;
  if (st.pid) putnum(d, st.pid) ; else puts0(d, "null") ;
  member(d, "since") ;
  puttime(d, &st.stamp) ;
  {
    int declares = known && (ss.flags & SUPERSTATE_DECLARES) ;
    member(d, "ready") ;
    puts0(d, !declares ? "null" : ss.flags & SUPERSTATE_READY ? "true" : "false") ;
    /* the last change of ready, either way; never changed: null */
    member(d, "ready_since") ;
    if (declares && (ss.readystamp.sec.x || ss.readystamp.nano)) puttime(d, &ss.readystamp) ;
    else puts0(d, "null") ;
  }
  member(d, "paused") ;
  puts0(d, st.paused ? "true" : "false") ;
  member(d, "normally") ;
  puts0(d, normally < 0 ? "null" : normally ? "\"up\"" : "\"down\"") ;
  member(d, "last_exit") ;
  putstate(d, svjson_exit, known ? &ss : 0, SVJSON_EXIT_FMT) ;
  member(d, "restarts") ;
  if (known) putnum(d, ss.restarts) ; else puts0(d, "null") ;
  member(d, "status_text") ;
  if (known && ss.textlen) putstr(d, ss.text, ss.textlen) ; else puts0(d, "null") ;
  policy(d, known ? &ss : 0, &st) ;
  waits(d, known ? &ss : 0, &st) ;
  member(d, "check") ;
  putstate(d, svjson_check, known ? &ss : 0, SVJSON_CHECK_FMT) ;
  member(d, "schedule") ;
  putstate(d, svjson_schedule, known ? &ss : 0, SVJSON_SCHEDULE_FMT) ;
  return 1 ;
}

/* service: the object of service NAME (sv's cwd: anywhere) at absolute PATH */
static void service (doc *d, sv_ctx *ctx, char const *name, stralloc *path)
{
  size_t pathlen = path->len ;
  if (svio_chdir(ctx, name, 0) < 0)
  {
    failed(d, ctx, name, path->s, pathlen, "unable to change to service directory", errno) ;
    return ;
  }
  if (!svio_place(ctx, name, 0))
  {
    failed(d, ctx, name, path->s, pathlen, "unable to use $" STATEDIR_VAR, errno) ;
    return ;
  }
  if (!fields(d, ctx, name, path->s, pathlen, 0)) return ;
  member(d, "log") ;
  if (!stralloc_catb(path, "/log", 4)) svio_fatal(ctx, "unable to allocate memory") ;
  if (!svio_place(ctx, name, 1)) failed(d, ctx, "log", path->s, path->len, "unable to use $" STATEDIR_VAR, errno) ;
  else if (chdir("log") < 0)
  {
    /* no log directory is no log; anything else is sv status's warning */
    if (errno == ENOENT) puts0(d, "null") ;
    else failed(d, ctx, "log", path->s, path->len, "unable to change directory", errno) ;
  }
  else if (fields(d, ctx, name, path->s, path->len, "log")) put(d, "}", 1) ;
  path->len = pathlen ;
  put(d, "}", 1) ;
}

/* abspath: into SA the absolute path of NAME relative to BASE (absolute,
   or 0 when NAME is), without empty or "." components nor a trailing
   slash; ".." is kept, since a symlink may make it mean something else */
static void abspath (sv_ctx const *ctx, stralloc *sa, char const *base, char const *name)
{
  char const *parts[2] = { base, name } ;
  sa->len = 0 ;
  for (unsigned int k = 0 ; k < 2 ; k++)
  {
    char const *s = parts[k] ;
    if (!s) continue ;
    while (*s)
    {
      size_t n = 0 ;
      while (*s == '/') s++ ;
      while (s[n] && s[n] != '/') n++ ;
      if (!n || (n == 1 && s[0] == '.')) { s += n ; continue ; }
      if (!stralloc_catb(sa, "/", 1) || !stralloc_catb(sa, s, n)) svio_fatal(ctx, "unable to allocate memory") ;
      s += n ;
    }
  }
  if (!sa->len && !stralloc_catb(sa, "/", 1)) svio_fatal(ctx, "unable to allocate memory") ;
  if (!stralloc_0(sa)) svio_fatal(ctx, "unable to allocate memory") ;
  sa->len-- ;
}

void statusjson_print (sv_ctx *ctx, char const *const *names, unsigned int n)
{
  doc d = { .sa = STRALLOC_ZERO, .ctx = ctx } ;
  stralloc cwd = STRALLOC_ZERO, svdir = STRALLOC_ZERO, path = STRALLOC_ZERO ;
  int needcwd = ctx->svdir[0] != '/' ;
  for (unsigned int i = 0 ; i < n && !needcwd ; i++)
    needcwd = !svio_insvdir(names[i], 0) && names[i][0] != '/' ;
  /* sv's own directory, once: relative names and $SVDIR start there */
  if (needcwd)
  {
    if (fchdir(ctx->curdir) < 0) svio_fatal(ctx, "unable to change to original directory") ;
    if (sagetcwd(&cwd) < 0 || !stralloc_0(&cwd)) svio_fatal(ctx, "unable to get current directory") ;
  }
  abspath(ctx, &svdir, ctx->svdir[0] == '/' ? 0 : cwd.s, ctx->svdir) ;
  put(&d, "[", 1) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    char const *name = names[i] ;
    put(&d, i ? ",\n" : "\n", i ? 2 : 1) ;
    abspath(ctx, &path, svio_insvdir(name, 0) ? svdir.s : name[0] == '/' ? 0 : cwd.s, name) ;
    service(&d, ctx, name, &path) ;
  }
  put(&d, n ? "\n]\n" : "]\n", n ? 3 : 2) ;
  if (!buffer_putflush(buffer_1, d.sa.s, d.sa.len)) svio_fatal(ctx, "unable to write to standard output") ;
  stralloc_free(&d.sa) ;
  stralloc_free(&cwd) ;
  stralloc_free(&svdir) ;
  stralloc_free(&path) ;
}
