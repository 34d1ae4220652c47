/* tail.c - sv tail (see tail.h). Needs Linux: /proc/PID/{exe,cmdline,cwd}
 * to find svlogd's directory, inotify to follow. */
#include <skalibs/nonposix.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "errword.h"
#include "svio.h"
#include "svtail.h"
#include "tail.h"

/* one file followed: svlogd's current, or runsv's supervise/output */
typedef struct stream_s stream ;
struct stream_s
{
  char const *name ;     /* the service, as typed */
  int prefix ;           /* each line after "NAME: " */
  int dirfd ;            /* the directory holding the file */
  char const *cur ;      /* "current" or "output" */
  int svlogd ;           /* the rotated file is svlogd's newest @...s/u, else output.old */
  int fd ;               /* the file being read, -1: none yet */
  ino_t ino ;            /* ... its inode */
  svtail t ;             /* the line not ended yet */
} ;

static volatile sig_atomic_t stop = 0 ;

/* caught: SIGINT, SIGTERM, SIGPIPE end sv tail -f (exit 0) */
static void caught (int sig)
{
  (void)sig ;
  stop = 1 ;
}

/* out: stdout flushed; a reader gone (EPIPE) ends sv, with 0 */
static void out (void)
{
  if (buffer_flush(buffer_1)) return ;
  if (errno == EPIPE) _exit(0) ;
  strerr_diefu1sys(111, "write to stdout") ;
}

/* line: one line of stream CTX on stdout */
static void line (char const *s, size_t len, void *ctx)
{
  stream const *st = ctx ;
  if (st->prefix && (buffer_puts(buffer_1, st->name) < 0 || buffer_put(buffer_1, ": ", 2) < 0)) out() ;
  if (buffer_put(buffer_1, s, len) < 0 || buffer_put(buffer_1, "\n", 1) < 0) out() ;
}

/* refuse: the one line saying why NAME cannot be tailed; 0 */
static int refuse (char const *name, char const *why, char const *what, int e)
{
  strerr_warn("fail: ", name, ": unable to tail: ", why, what ? what : "", e ? ": " : "", e ? errword(e) : "") ;
  return 0 ;
}

/* readall: what is left in FD appended to SA; 1, or 0 with errno */
static int readall (int fd, stralloc *sa)
{
  for (;;)
  {
    ssize_t r ;
    if (!stralloc_readyplus(sa, 8192)) return 0 ;
    r = fd_read(fd, sa->s + sa->len, 8192) ;
    if (r < 0) return 0 ;
    if (!r) return 1 ;
    sa->len += (size_t)r ;
  }
}

/* is_rotated: is NAME (LEN bytes) a file svlogd rotated, @TAI64N.s or .u? */
static int is_rotated (char const *name, size_t len)
{
  return name[0] == '@' && len >= 3 && name[len - 2] == '.' && (name[len - 1] == 's' || name[len - 1] == 'u') ;
}

/* rotated: the newest file svlogd rotated in DIRFD (@TAI64N.s or .u: names that sort by time) into NAME; 1, or 0 for none */
static int rotated (int dirfd, char *name, size_t max)
{
  int fd = dup(dirfd) ;
  DIR *d ;
  struct dirent *e ;
  int found = 0 ;
  if (fd < 0) return 0 ;
  d = fdopendir(fd) ;
  if (!d) { fd_close(fd) ; return 0 ; }
  rewinddir(d) ;
  while ((e = readdir(d)))
  {
    size_t n = strlen(e->d_name) ;
    if (n >= max || !is_rotated(e->d_name, n)) continue ;
    if (found && strcmp(e->d_name, name) <= 0) continue ;
    memcpy(name, e->d_name, n + 1) ;
    found = 1 ;
  }
  closedir(d) ;
  return found ;
}

/* logdir: svlogd's directory for the service of the current dir (its log/
   entered), opened into *DIRFD; 1, or 0 after the line saying why */
static int logdir (sv_ctx *ctx, char const *name, int *dirfd)
{
  char buf[SVIO_PATH], path[64], exe[4096] ;
  char const *pidfile, *dir ;
  stralloc sa = STRALLOC_ZERO ;
  pid_t pid = 0 ;
  ssize_t r ;
  int fd ;
  if (!svio_place(ctx, name, 1)) return refuse(name, "unable to use $" STATEDIR_VAR, 0, errno) ;
  if (chdir("log") < 0) return refuse(name, "unable to change to ", "log/", errno) ;
  pidfile = svio_path(ctx, buf, "supervise/pid") ;
  r = openreadnclose(pidfile, exe, sizeof(exe) - 1) ;
  if (r < 0) return refuse(name, "unable to read ", pidfile, errno) ;
  exe[r] = 0 ;
  if (!pid_scan(exe, &pid) || pid <= 0) return refuse(name, "its logger is not running", 0, 0) ;
  memcpy(path, "/proc/", 6) ;
  {
    size_t n = 6 + pid_fmt(path + 6, pid) ;
    memcpy(path + n, "/exe", 5) ;
    r = readlink(path, exe, sizeof(exe) - 1) ;
    if (r < 0) return refuse(name, "unable to read ", path, errno) ;
    if (!svtail_issvlogd(exe, (size_t)r)) { exe[r] = 0 ; return refuse(name, "its logger is not svlogd: ", exe, 0) ; }
    memcpy(path + n, "/cmdline", 9) ;
    if (!openslurpclose(&sa, path)) return refuse(name, "unable to read ", path, errno) ;
    dir = svtail_logdir(sa.s, sa.len) ;
    if (!dir) { stralloc_free(&sa) ; return refuse(name, "its logger is not svlogd with a directory: ", path, 0) ; }
    memcpy(path + n, "/cwd", 5) ;
  }
  /* a relative directory is svlogd's, from its own current directory */
  if (dir[0] == '/') fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  else
  {
    int cwd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
    if (cwd < 0) { stralloc_free(&sa) ; return refuse(name, "unable to open ", path, errno) ; }
    fd = openat(cwd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
    fd_close(cwd) ;
  }
  if (fd < 0)
  {
    int e = errno ;
    refuse(name, "unable to open svlogd's directory ", dir, e) ;
    stralloc_free(&sa) ;
    return 0 ;
  }
  stralloc_free(&sa) ;
  *dirfd = fd ;
  return 1 ;
}

/* locate: where service NAME's lines are, into ST (its file open); 1, or 0 after the line saying why */
static int locate (sv_ctx *ctx, char const *name, stream *st)
{
  struct stat sb ;
  char buf[SVIO_PATH] ;
  st->name = name ;
  st->fd = st->dirfd = -1 ;
  if (svio_chdir(ctx, name, 0) < 0) return refuse(name, "unable to change to service directory", 0, errno) ;
  if (!stat("log", &sb) && S_ISDIR(sb.st_mode))
  {
    if (!logdir(ctx, name, &st->dirfd)) return 0 ;
    st->cur = "current" ;
    st->svlogd = 1 ;
  }
  else
  {
    char const *sup ;
    if (!svio_place(ctx, name, 0)) return refuse(name, "unable to use $" STATEDIR_VAR, 0, errno) ;
    sup = svio_path(ctx, buf, "supervise") ;
    st->dirfd = open(sup, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
    if (st->dirfd < 0) return refuse(name, "unable to open ", sup, errno) ;
    st->cur = "output" ;
    st->svlogd = 0 ;
  }
  st->fd = openat(st->dirfd, st->cur, O_RDONLY | O_CLOEXEC) ;
  if (st->fd < 0)
  {
    int e = errno ;
    if (e == ENOENT && !st->svlogd) refuse(name, "its output is not kept: no log/, and no prefixed output with a log-buffer", 0, 0) ;
    else refuse(name, "unable to open ", st->svlogd ? "svlogd's current" : "supervise/output", e) ;
    fd_close(st->dirfd) ;
    return 0 ;
  }
  if (fstat(st->fd, &sb) < 0) return refuse(name, "unable to stat ", st->cur, errno) ;
  st->ino = sb.st_ino ;
  return 1 ;
}

/* last: the last LINES lines of ST (its rotated file too when its current holds fewer) */
static void last (stream *st, unsigned int lines)
{
  stralloc cur = STRALLOC_ZERO, all = STRALLOC_ZERO ;
  unsigned int count ;
  size_t start ;
  if (!readall(st->fd, &cur)) strerr_diefu2sys(111, "read ", st->cur) ;
  svtail_start(cur.s, cur.len, lines, &count) ;
  if (count < lines)
  {
    char old[256] ;
    int fd = -1 ;
    if (st->svlogd ? rotated(st->dirfd, old, sizeof(old)) : (memcpy(old, "output.old", 11), 1))
      fd = openat(st->dirfd, old, O_RDONLY | O_CLOEXEC) ;
    if (fd >= 0)
    {
      if (!readall(fd, &all)) all.len = 0 ;
      fd_close(fd) ;
    }
  }
  if (!stralloc_catb(&all, cur.s, cur.len)) strerr_diefu1sys(111, "allocate") ;
  start = svtail_start(all.s, all.len, lines, &count) ;
  svtail_feed(&st->t, all.s + start, all.len - start, &line, st) ;
  stralloc_free(&cur) ;
  stralloc_free(&all) ;
}

/* feedall: what is left in FD, fed as ST's lines */
static void feedall (stream *st, int fd)
{
  char buf[8192] ;
  ssize_t r ;
  while ((r = fd_read(fd, buf, sizeof(buf))) > 0) svtail_feed(&st->t, buf, (size_t)r, &line, st) ;
}

/* byname: for qsort, rotated files by name, which is by time */
static int byname (void const *a, void const *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b) ;
}

/* listed: svlogd's rotated files in DIRFD (@TAI64N.s or .u), sorted by
   name, which is by time, into LIST (at most 1024) with their names in
   NAMES; their count */
static unsigned int listed (int dirfd, stralloc *names, char **list)
{
  int fd = dup(dirfd) ;
  DIR *d = fd < 0 ? 0 : fdopendir(fd) ;
  struct dirent *e ;
  size_t offs[1024] ;
  unsigned int n = 0 ;
  names->len = 0 ;
  if (!d) { if (fd >= 0) fd_close(fd) ; return 0 ; }
  rewinddir(d) ;
  while (n < 1024 && (e = readdir(d)))
  {
    size_t len = strlen(e->d_name) ;
    if (!is_rotated(e->d_name, len)) continue ;
    offs[n++] = names->len ;
    if (!stralloc_catb(names, e->d_name, len + 1)) { n = 0 ; break ; }
  }
  closedir(d) ;
  for (unsigned int i = 0 ; i < n ; i++) list[i] = names->s + offs[i] ;
  qsort(list, n, sizeof(char *), &byname) ;
  return n ;
}

/* index_of: the first of LIST[FROM..N) whose inode is INO, or N */
static unsigned int index_of (int dirfd, char *const *list, unsigned int from, unsigned int n, ino_t ino)
{
  for (unsigned int i = from ; i < n ; i++)
  {
    struct stat sb ;
    if (!fstatat(dirfd, list[i], &sb, 0) && sb.st_ino == ino) return i ;
  }
  return n ;
}

/* catchup: ST's file was rotated into the one whose inode is NEXT (open,
   not yet read); the files rotated in between, read in order (more than
   one rotation may come between two looks): svlogd's @... files after ours
   and before NEXT, or output.old when it is neither. NEXT was opened before
   the directory is listed, so every file rotated before it is in the list;
   NEXT itself, rotated during the listing, may be missing from it (a
   rename into a directory being read may come before the reader's place):
   then the files after it would be read before it, so the directory is
   listed again, until NEXT is in it or is still the current file */
static void catchup (stream *st, ino_t next)
{
  stralloc names = STRALLOC_ZERO ;
  char *list[1024] ;
  unsigned int n = 0, from = 0, to ;
  if (!st->svlogd)
  {
    struct stat sb ;
    if (fstatat(st->dirfd, "output.old", &sb, 0) < 0 || sb.st_ino == st->ino || sb.st_ino == next) return ;
    list[n++] = "output.old" ;
    to = n ;
  }
  else
  {
    for (unsigned int tries = 0 ; ; tries++)
    {
      struct stat sb ;
      n = listed(st->dirfd, &names, list) ;
      /* ours is the newest that has its inode; without it (a processor made
         the file anew, or it was already deleted) only what comes after the
         time it was found is unknown: nothing is read */
      from = n ;
      for (unsigned int i = n ; i-- ;)
        if (!fstatat(st->dirfd, list[i], &sb, 0) && sb.st_ino == st->ino) { from = i + 1 ; break ; }
      to = index_of(st->dirfd, list, from, n, next) ;
      if (to < n || tries == 4) break ;
      if (!fstatat(st->dirfd, st->cur, &sb, 0) && sb.st_ino == next) break ;
    }
  }
  for (unsigned int i = from ; i < to ; i++)
  {
    int fd = openat(st->dirfd, list[i], O_RDONLY | O_CLOEXEC) ;
    if (fd < 0) continue ;
    feedall(st, fd) ;
    fd_close(fd) ;
  }
  stralloc_free(&names) ;
}

/* pump: what ST's file has new; when the name points to another file (a
   rotation), the rest of the old one, the ones rotated since, then the new
   one from its start. The new one is opened first: a rotation between the
   listing of the rotated files and that open would lose a whole file */
static void pump (stream *st)
{
  for (;;)
  {
    struct stat sb ;
    int next ;
    feedall(st, st->fd) ;
    if (fstatat(st->dirfd, st->cur, &sb, 0) < 0 || sb.st_ino == st->ino) return ;
    next = openat(st->dirfd, st->cur, O_RDONLY | O_CLOEXEC) ;
    if (next < 0) return ;
    if (fstat(next, &sb) < 0 || sb.st_ino == st->ino) { fd_close(next) ; return ; }
    /* whatever came between our read and the rename */
    feedall(st, st->fd) ;
    fd_close(st->fd) ;
    catchup(st, sb.st_ino) ;
    st->fd = next ;
    st->ino = sb.st_ino ;
  }
}

/* follow: every new line of the N streams ST, until a signal */
static void follow (stream *st, unsigned int n)
{
  struct sigaction sa ;
  struct pollfd p ;
  int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
  memset(&sa, 0, sizeof(sa)) ;
  sa.sa_handler = &caught ;
  sigemptyset(&sa.sa_mask) ;
  sigaction(SIGINT, &sa, 0) ;
  sigaction(SIGTERM, &sa, 0) ;
  sigaction(SIGPIPE, &sa, 0) ;
  /* without inotify, a look each second still follows */
  for (unsigned int i = 0 ; ifd >= 0 && i < n ; i++)
  {
    char path[32] ;
    memcpy(path, "/proc/self/fd/", 14) ;
    path[14 + uint_fmt(path + 14, (unsigned int)st[i].dirfd)] = 0 ;
    inotify_add_watch(ifd, path, IN_MODIFY | IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE) ;
  }
  p.fd = ifd ;
  p.events = POLLIN ;
  while (!stop)
  {
    char ev[4096] ;
    int r = poll(&p, ifd >= 0 ? 1 : 0, 1000) ;
    if (r < 0 && errno != EINTR) strerr_diefu1sys(111, "poll") ;
    if (stop) break ;
    if (ifd >= 0) while (read(ifd, ev, sizeof(ev)) > 0) ;
    for (unsigned int i = 0 ; i < n ; i++) pump(&st[i]) ;
    out() ;
  }
  _exit(0) ;
}

int tail_run (sv_ctx *ctx, char const *const *names, unsigned int n, unsigned int lines, int follows, int prefix, int listed)
{
  stream *st = alloc(n * sizeof(stream) + 1) ;
  unsigned int k = 0, failed = 0 ;
  if (!st) strerr_diefu1sys(111, "allocate") ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    memset(&st[k], 0, sizeof(stream)) ;
    st[k].prefix = prefix ;
    if (locate(ctx, names[i], &st[k])) k++ ;
    else failed++ ;
  }
  /* a named service that cannot be tailed ends sv; of all of $SVDIR, the others are tailed */
  if (failed && (!listed || !k)) { alloc_free(st) ; return 1 ; }
  for (unsigned int i = 0 ; i < k ; i++) last(&st[i], lines) ;
  out() ;
  if (follows) follow(st, k) ;
  alloc_free(st) ;
  return 0 ;
}
