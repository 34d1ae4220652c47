/* svlogd.c - runit's service logger: lines from stdin into rotated log
 * directories, optionally stamped, filtered, copied to stderr and UDP
 * (runit-spec.md section 7; svlogd.8).
 *
 * Fast path: stdin is read in large chunks; every line of a chunk gets the
 * clock reading of that read; lines are gathered per directory and written
 * with one write(2) per directory per chunk, so a busy logger makes no
 * system call per line, and an idle one holds nothing back. Lines for
 * stderr are gathered too, and written in whole lines (err_flush).
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/buffer.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/gccattributes.h>
#include <skalibs/iopause.h>
#include <skalibs/sgetopt.h>
#include <skalibs/sig.h>
#include <skalibs/socket.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "errword.h"
#include "logpattern.h"
#include "logstamp.h"
#include "logwait.h"
#include "logcfg.h"
#include "tai64n.h"
#include "svlogd.h"

#define USAGE " [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ...\n"
#define INSIZE 65536  /* at least (a pipe gives 64 KiB per read); more when -l asks */
#define ERRMAX 65536  /* stderr bytes gathered before they are written anyway */
#ifndef PIPE_BUF
#define PIPE_BUF 512  /* POSIX's least */
#endif

static unsigned int verbose = 0 ;
static size_t linemax = 1000 ;
static logdir *dirs ;
static unsigned int ndirs ;

static int fdsig ;
static int fdin = 0 ;               /* stdin, or a private non-blocking opening of its pipe */
static char repl = 0 ;              /* -r: the replacement byte, 0 = none */
static unsigned char replmap[256] ; /* bytes that -r / -R replace */
static logstamp stamper ;
static size_t stamplen ;            /* logstamp_len of its kind */
static char *ibuf ;                 /* stdin bytes not yet written: a partial line at most */
static size_t icap, ilen ;
static int cont = 0 ;               /* the head of the pending line is written, its rest follows */
static char pstamp[LOGSTAMP_MAX] ;  /* stamp of the pending line: when its first byte came */
static stralloc udpbuf = STRALLOC_ZERO ;
static stralloc errout = STRALLOC_ZERO ;  /* lines for stderr ("e"), not yet written */

/* err_flush: writes the gathered stderr lines, whole: in writes of at most
   PIPE_BUF bytes that end on a line (a longer line alone in one write), so
   that other writers of the same pipe (the other loggers and runsvdir, in
   docker logs) never land inside a line. A copy: on an error it is dropped */
static void err_flush (void)
{
  size_t pos = 0 ;
  buffer_flush(buffer_2) ;  /* warnings first, as they came */
  while (pos < errout.len)
  {
    size_t n = errout.len - pos ;
    if (n > PIPE_BUF)
    {
      char const *s = errout.s + pos ;
      char const *nl ;
      size_t k = PIPE_BUF ;
      while (k && s[k - 1] != '\n') k-- ;
      /* every line ends with a newline: a longer one ends past PIPE_BUF */
      nl = k ? 0 : memchr(s + PIPE_BUF, '\n', n - PIPE_BUF) ;
      if (k) n = k ;
      else if (nl) n = (size_t)(nl - s) + 1 ;
    }
    if (allwrite(2, errout.s + pos, n) < n) break ;
    pos += n ;
  }
  errout.len = 0 ;
}

/* alert: a line selected by "e" goes to stderr, cut to len bytes */
static void alert (logdir const *d, char const *stamp, char const *s, size_t mlen, int dots)
{
  size_t keep = errout.len ;
  if (!stralloc_catb(&errout, stamp, stamplen)
      || (d->cfg.prefixlen && !stralloc_catb(&errout, logcfg_text(&d->cfg, d->cfg.prefix), d->cfg.prefixlen))
      || !stralloc_catb(&errout, s, mlen) || !stralloc_catb(&errout, "...", dots ? 3 : 0)
      || !stralloc_catb(&errout, "\n", 1))
  {
    errout.len = keep ;
    errword_warnsys("unable to copy a line to stderr") ;
    return ;
  }
  if (errout.len >= ERRMAX) err_flush() ;
}

/* udp: sends a selected line as one datagram; failures are logged in the directory, as runit does */
static void udp (logdir *d, char const *stamp, char const *s, size_t mlen, int dots)
{
  char const *why = 0 ;
  udpbuf.len = 0 ;
  if (!stralloc_catb(&udpbuf, stamp, stamplen)
      || (d->cfg.prefixlen && !stralloc_catb(&udpbuf, logcfg_text(&d->cfg, d->cfg.prefix), d->cfg.prefixlen))
      || !stralloc_catb(&udpbuf, s, mlen) || !stralloc_catb(&udpbuf, "...", dots ? 3 : 0)
      || !stralloc_catb(&udpbuf, "\n", 1))
  {
    errword_warnsys("unable to send through udp: ", d->name) ;
    return ;
  }
  if (d->fdudp < 0) d->fdudp = socket_udp4_coe() ;
  if (d->fdudp < 0) why = "warning: no udp socket available: " ;
  else if (socket_send4(d->fdudp, udpbuf.s, udpbuf.len, d->cfg.ip, d->cfg.port) < 0)
    why = "warning: failure sending through udp: " ;
  if (!why) return ;
  logdir_put(d, why, strlen(why)) ;
  logdir_put(d, udpbuf.s, udpbuf.len) ;
  logdir_endline(d) ;
}

/* record: stamp, prefix, line and (if COMPLETE) its newline into d's current */
static void record (logdir *d, char const *stamp, char const *s, size_t len, int complete)
{
  size_t plen = d->cfg.prefixlen ;
  char const *prefix = plen ? logcfg_text(&d->cfg, d->cfg.prefix) : "" ;
  size_t n = stamplen + plen + len + !!complete ;
  if (n <= SVLOGD_OUTSIZE - d->outlen && (!d->cfg.size || d->size + n <= d->cfg.size))
  {
    /* the common case: it fits in the buffer and in current */
    char *o = d->out + d->outlen ;
    memcpy(o, stamp, stamplen) ;
    if (plen) memcpy(o + stamplen, prefix, plen) ;
    memcpy(o + stamplen + plen, s, len) ;
    if (complete) o[n - 1] = '\n' ;
    d->outlen += n ;
    d->size += n ;
  }
  else
  {
    logdir_put(d, stamp, stamplen) ;
    logdir_put(d, prefix, plen) ;
    logdir_put(d, s, len) ;
    if (complete) logdir_put(d, "\n", 1) ;
  }
  if (complete) logdir_endline(d) ;
}

/* line_head: a line, or the head of one too long for the buffer (COMPLETE 0):
   replacement and patterns apply to its first len bytes, then every
   directory gets it as its patterns say */
static void line_head (char *s, size_t len, char const *stamp, int complete)
{
  size_t mlen = len < linemax ? len : linemax ;
  int dots = len >= linemax ;
  if (repl)
    for (size_t i = 0 ; i < mlen ; i++)
      if (replmap[(unsigned char)s[i]]) s[i] = repl ;
  for (unsigned int i = 0 ; i < ndirs ; i++)
  {
    logdir *d = dirs + i ;
    size_t np = logcfg_npatterns(&d->cfg) ;
    char sel = '+', err = 'E' ;
    d->sel = '-' ;
    if (d->fd < 0) continue ;
    /* every pattern in file order; the last one that matches decides */
    for (size_t j = 0 ; j < np ; j++)
    {
      logcfg_pattern const *p = logcfg_pattern_at(&d->cfg, j) ;
      if (!logpattern_match(logcfg_text(&d->cfg, p->pos), p->len, s, mlen)) continue ;
      if (p->op == '+' || p->op == '-') sel = p->op ;
      else err = p->op ;
    }
    if (err == 'e') alert(d, stamp, s, mlen, dots) ;
    if (sel != '+') continue ;
    if (d->cfg.udp) udp(d, stamp, s, mlen, dots) ;
    if (d->cfg.udp == 'U') continue ;
    d->sel = '+' ;
    record(d, stamp, s, len, complete) ;
  }
}

/* line_rest: more of a line whose head is written; COMPLETE when this ends it */
static void line_rest (char const *s, size_t len, int complete)
{
  for (unsigned int i = 0 ; i < ndirs ; i++)
  {
    logdir *d = dirs + i ;
    if (d->fd < 0 || d->sel != '+') continue ;
    logdir_put(d, s, len) ;
    if (complete)
    {
      logdir_put(d, "\n", 1) ;
      logdir_endline(d) ;
    }
  }
}

/* process: R new bytes at ibuf + ilen, read with STAMP. Every complete line is
   handed on; a partial one stays at the start of ibuf (with the stamp of its
   first byte) unless it fills ibuf: then its head goes and cont is set. */
static void process (size_t r, char const *stamp)
{
  size_t pos = 0, scan = ilen, end = ilen + r ;
  char const *ls = ilen ? pstamp : stamp ;
  for (;;)
  {
    char *nl = memchr(ibuf + scan, '\n', end - scan) ;
    size_t len ;
    if (!nl) break ;
    len = (size_t)(nl - ibuf) - pos ;
    if (cont)
    {
      line_rest(ibuf + pos, len, 1) ;
      cont = 0 ;
    }
    else line_head(ibuf + pos, len, ls, 1) ;
    pos = scan = pos + len + 1 ;
    ls = stamp ;
  }
  ilen = 0 ;
  if (pos == end) return ;
  if (cont) line_rest(ibuf + pos, end - pos, 0) ;
  else if (!pos && end == icap)
  {
    line_head(ibuf, end, ls, 0) ;
    cont = 1 ;
  }
  else
  {
    if (ls != pstamp) memcpy(pstamp, ls, stamplen) ;
    memmove(ibuf, ibuf + pos, end - pos) ;
    ilen = end - pos ;
  }
}

/* flush_all: writes what every directory gathered, and the alerts */
static void flush_all (void)
{
  for (unsigned int i = 0 ; i < ndirs ; i++)
    if (dirs[i].fd >= 0 && dirs[i].outlen) logdir_flush(dirs + i) ;
  err_flush() ;
}

/* read_input: one read of stdin (one byte while finishing a line after
   SIGTERM, so that the rest stays in the pipe for the next reader).
   Returns 1, 0 at end of input, -1 (warned) if stdin failed. */
static int read_input (void)
{
  char stamp[LOGSTAMP_MAX] ;
  tain now ;
  ssize_t r = read(fdin, ibuf + ilen, logwait_pending() & LOGWAIT_TERM ? 1 : icap - ilen) ;
  if (r < 0)
  {
    if (errno == EAGAIN || errno == EINTR) return 1 ;
    errword_warnsys("unable to read standard input") ;
    return -1 ;
  }
  if (!r) return 0 ;
  tai64n_now(&now) ;
  logstamp_fmt(&stamper, stamp, &now) ;
  process((size_t)r, stamp) ;
  flush_all() ;
  return 1 ;
}

/* finish_line: the partial line at the end becomes a line (runit drops it) */
static void finish_line (void)
{
  if (cont) line_rest("", 0, 1) ;
  else if (ilen) line_head(ibuf, ilen, pstamp, 1) ;
  cont = 0 ;
  ilen = 0 ;
  flush_all() ;
}

/* open_all: opens (or after SIGHUP reopens) every directory; dies if none works */
static void open_all (void)
{
  unsigned int ok = 0 ;
  for (unsigned int i = 0 ; i < ndirs ; i++)
  {
    logdir_close(dirs + i, 1) ;
    ok += logdir_open(dirs + i) ;
  }
  if (!ok) errword_die(111, "no functional log directories.") ;
}

/* timers: t rotations that are due, and the earliest next deadline into *deadline */
static void timers (tain *deadline)
{
  for (unsigned int i = 0 ; i < ndirs ; i++)
  {
    logdir *d = dirs + i ;
    if (d->fd < 0) continue ;
    if (d->cfg.timeout)
    {
      /* the timer runs from the config read or last expiry, as in runit */
      if (!tain_future(&d->trotate))
      {
        tain_addsec_g(&d->trotate, (int)(d->cfg.timeout > 0x7fffffff ? 0x7fffffff : d->cfg.timeout)) ;
        if (d->size) logdir_rotate(d) ;
      }
      if (tain_less(&d->trotate, deadline)) *deadline = d->trotate ;
    }
    processor_step(d) ;
    if (d->pname[0] && !d->ppid && tain_less(&d->prestart, deadline)) *deadline = d->prestart ;
  }
}

/* usage: runit names the program as it was called */
static void usage (char const *argv0) gccattr_noreturn ;
static void usage (char const *argv0)
{
  strerr_die(111, "usage: ", argv0, USAGE) ;
}

/* scan_len: an option's number, or a clear message and exit 111 */
static size_t scan_len (char const *s, char const *what)
{
  uint64_t u ;
  if (!uint640_scan(s, &u) || u > (uint64_t)((size_t)-1 >> 2)) errword_die(111, "unable to scan ", what, ": ", s) ;
  return (size_t)u ;
}

/* options: parses the command line; returns the index of the first directory */
static int options (int argc, char const *const *argv)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char const *replace = 0 ;
  size_t buflen = 1024 ;
  unsigned int stampkind = 0 ;
  int local = 0 ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "R:r:l:b:tTvV", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'R' : replace = l.arg ; break ;
      case 'r' :
        if (!l.arg[0] || l.arg[1]) usage(argv[0]) ;
        repl = l.arg[0] ;
        break ;
      case 'l' :
        linemax = scan_len(l.arg, "line length") ;
        if (!linemax) linemax = 1000 ;
        break ;
      case 'b' :
        buflen = scan_len(l.arg, "buffer size") ;
        if (!buflen) buflen = 1024 ;
        break ;
      case 't' : if (stampkind < 3) stampkind++ ; break ;
      case 'T' : local = 1 ; break ;
      case 'v' : verbose++ ; break ;
      case 'V' :
        strerr_warn("svlogd: runit 2.1.2 compatible") ;
        usage(argv[0]) ;
      default :
      {
        char c[2] = { (char)l.problem, 0 } ;
        strerr_warn(PROG, str_chr("Rrlb", l.problem) < 4 ? ": option requires an argument -- " : ": illegal option -- ", c) ;
        usage(argv[0]) ;
      }
    }
  }
  if (l.ind >= argc || buflen <= linemax) usage(argv[0]) ;
  if (replace && !repl) repl = '_' ;
  if (repl)
  {
    for (unsigned int c = 0 ; c < 256 ; c++) replmap[c] = c < 32 || c > 126 ;
    for (; replace && *replace ; replace++) replmap[(unsigned char)*replace] = 1 ;
  }
  /* -T wins over any -t, wherever it is: "-T" added to a run script's
     "svlogd -tt" must not depend on the order (and -t's count) */
  if (local) stampkind = LOGSTAMP_LOCAL ;
  stamper = (logstamp)LOGSTAMP_ZERO(stampkind) ;
  stamplen = logstamp_len(stampkind) ;
  return (int)l.ind ;
}

/* open_input: the descriptor to read stdin through. stdin itself stays
   blocking: it is the log pipe, shared with the next logger, which may not be
   svlogd ("exec cat"). svlogd reads only once iopause says readable, so a
   read returns at once, unless another reader of the pipe took the bytes in
   between; then a private opening of the pipe (Linux: /proc/self/fd/0), with
   flags of its own, returns EAGAIN where fd 0 would hold svlogd in read(2),
   deaf to SIGTERM. Without /proc, fd 0 is read as it is. */
static int open_input (void)
{
  struct stat st ;
  int fd ;
  if (fstat(0, &st) < 0 || !S_ISFIFO(st.st_mode)) return 0 ;
  fd = open("/proc/self/fd/0", O_RDONLY | O_NONBLOCK | O_CLOEXEC) ;
  return fd < 0 ? 0 : fd ;
}

/* init: signals, stdin, buffers and directories */
static void init (int argc, char const *const *argv)
{
  if (!fd_sanitize()) errword_diesys(111, "unable to sanitize standard descriptors") ;
  tain_now_set_stopwatch_g() ;
  /* TZ once, before the first -T stamp: localtime_r need not read it */
  if (stamper.kind == LOGSTAMP_LOCAL) tzset() ;
  fdsig = logwait_init(verbose) ;
  /* caught, not ignored, so that processors start with the default */
  if (!sig_altignore(SIGPIPE)) errword_diesys(111, "unable to catch SIGPIPE") ;
  fdin = open_input() ;
  icap = linemax < INSIZE ? INSIZE : linemax + 1 ;
  ndirs = (unsigned int)argc ;
  ibuf = alloc(icap) ;
  dirs = alloc(ndirs * sizeof(logdir)) ;
  if (!ibuf || !dirs) errword_diesys(111, "unable to allocate buffers") ;
  for (unsigned int i = 0 ; i < ndirs ; i++)
  {
    static logdir const zero = { .name = 0, .fd = -1, .fdlock = -1, .fdcur = -1, .fdudp = -1, .cfg = LOGCFG_ZERO, .out = 0 } ;
    dirs[i] = zero ;
    dirs[i].name = argv[i] ;
    dirs[i].verbose = verbose ;
    dirs[i].linemax = linemax ;
  }
  open_all() ;
}

/* act: what the signals asked for, between two reads */
static void act (void)
{
  if (logwait_take(LOGWAIT_CHLD)) processor_reap(dirs, ndirs) ;
  if (logwait_take(LOGWAIT_ALRM))
  {
    for (unsigned int i = 0 ; i < ndirs ; i++)
      if (dirs[i].fd >= 0 && dirs[i].size) logdir_rotate(dirs + i) ;
  }
  if (logwait_take(LOGWAIT_HUP)) open_all() ;
}

/* stopping: after SIGTERM, 1 once no line is half read, or its second is up */
static int stopping (tain *deadline)
{
  if (!ilen && !cont) return 1 ;
  if (!tain_less(deadline, &tain_infinite))
  {
    tain_addsec_g(deadline, 1) ;
    return 0 ;
  }
  return !tain_future(deadline) ;
}

/* loop: reads and logs until end of input or SIGTERM; returns the exit code */
static int loop (void)
{
  tain termdeadline = TAIN_INFINITE ;
  for (;;)
  {
    iopause_fd x[2] = { { .fd = fdsig, .events = IOPAUSE_READ, .revents = 0 },
                        { .fd = fdin, .events = IOPAUSE_READ, .revents = 0 } } ;
    tain deadline = termdeadline ;
    int r ;
    timers(&deadline) ;
    r = iopause_g(x, 2, &deadline) ;
    if (r < 0 && errno != EINTR) errword_diesys(111, "unable to iopause") ;
    if (r > 0 && x[0].revents) logwait_handle() ;
    if (r > 0 && x[1].revents)
    {
      int got = read_input() ;
      if (got <= 0) return got < 0 ? 111 : 0 ;
    }
    act() ;
    if (logwait_pending() & LOGWAIT_TERM && stopping(&termdeadline)) return 0 ;
  }
}

int main (int argc, char const *const *argv)
{
  int rc ;
  PROG = "svlogd" ;
  {
    int i = options(argc, argv) ;
    init(argc - i, argv + i) ;
  }
  rc = loop() ;
  /* the end: a partial line is written, processors waited for, currents closed cleanly */
  finish_line() ;
  /* after SIGTERM a failed processor is not run again: its .u waits for the next start */
  for (unsigned int i = 0 ; i < ndirs ; i++) logdir_close(dirs + i, !!(logwait_pending() & LOGWAIT_TERM)) ;
  buffer_flush(buffer_2) ;
  return rc ;
}
