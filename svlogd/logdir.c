/* logdir.c - one log directory: lock, config, current, rotation, retention.
 *
 * Linux/BSD: flock(2) for the lock file, as runit does (an fcntl lock would
 * not keep runit's svlogd out), hence <skalibs/nonposix.h> first.
 */
#include <skalibs/nonposix.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>  /* renameat only */
#include <string.h>
#include <unistd.h>
#include <skalibs/alloc.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/socket.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include <skalibs/unix-transactional.h>
#include "errword.h"
#include "logname.h"
#include "logcfg.h"
#include "logwait.h"
#include "replacefile.h"
#include "tai64n.h"
#include "svlogd.h"

#define CONFIG_MAX (1024 * 1024)  /* a bigger config is not read: it is not a config */
#define WARN_MAX 10               /* config warnings shown per read */

static stralloc names = STRALLOC_ZERO ;  /* directory listings, reused */

/* fresh_name: a rotated-file name for now that is not taken yet */
static void fresh_name (logdir *d, char *name, char suffix)
{
  for (;;)
  {
    struct stat st ;
    tain now ;
    tai64n_now(&now) ;
    logname_fmt(name, &now, suffix) ;
    if (fstatat(d->fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT) return ;
  }
}

/* list_old: the names of the old files of KIND ('s' or 'u') into names;
   with CLEAN, the processor's leftovers (.t) are deleted on the way.
   Returns the count. Like runit, only complete files (.s) count for
   retention and may go: a .u waits for the processor. */
static size_t list_old (logdir *d, int clean, char kind)
{
  DIR *dir ;
  names.len = 0 ;
  dir = opendir_at(d->fd, ".") ;  /* skalibs: openat + fdopendir, close-on-exec */
  if (!dir)
  {
    errword_warnsys("unable to read directory: ", d->name) ;
    return 0 ;
  }
  for (;;)
  {
    struct dirent *e ;
    char k ;
    errno = 0 ;
    e = readdir(dir) ;
    if (!e) break ;
    k = logname_kind(e->d_name) ;
    if (k == 't')
    {
      if (clean && unlinkat(d->fd, e->d_name, 0) < 0)
        errword_warnsys("unable to unlink processor leftover: ", d->name, "/", e->d_name) ;
    }
    else if (k == kind && !stralloc_catb(&names, e->d_name, LOGNAME_SIZE))
    {
      errword_warnsys("unable to list directory: ", d->name) ;
      break ;
    }
  }
  if (errno) errword_warnsys("unable to read directory: ", d->name) ;
  dir_close(dir) ;
  return names.len / LOGNAME_SIZE ;
}

/* unlink_old: deletes the old file NAME, saying so */
static int unlink_old (logdir *d, char const *name, char const *why)
{
  if (unlinkat(d->fd, name, 0) < 0)
  {
    errword_warnsys("unable to unlink: ", d->name, "/", name) ;
    return 0 ;
  }
  if (why) errword_warn(why, d->name, "/", name) ;
  else if (d->verbose) errword_info("delete: ", d->name, "/", name) ;
  return 1 ;
}

/* prune: the retention step after a rotation; JUST is the file just made */
static void prune (logdir *d, char const *just)
{
  size_t n = list_old(d, 1, 's') ;
  size_t del = logname_prune(names.s, n, d->cfg.nmax, just) ;
  for (size_t i = 0 ; i < del ; i++) unlink_old(d, names.s + i * LOGNAME_SIZE, 0) ;
}

/* make_room: on a full disk with N below n, deletes the oldest file if more
   than N are left. 1 if one went */
static int make_room (logdir *d)
{
  size_t n = list_old(d, 0, 's') ;
  if (n <= d->cfg.nmin) return 0 ;
  /* sorts oldest first, the file being processed last */
  logname_prune(names.s, n, n, d->pname[0] ? d->pname : 0) ;
  if (!strcmp(names.s, d->pname)) return 0 ;
  return unlink_old(d, names.s, "out of disk space, delete: ") ;
}

void logdir_flush (logdir *d)
{
  size_t done = 0 ;
  while (done < d->outlen)
  {
    ssize_t r = write(d->fdcur, d->out + done, d->outlen - done) ;
    if (r > 0)
    {
      done += (size_t)r ;
      continue ;
    }
    if (r < 0 && errno == EINTR) continue ;
    {
      /* the write's own error: make_room reads the directory, which leaves
         errno 0 (or an unlink's) when nothing could go */
      int e = r ? errno : EIO ;
      if (e == ENOSPC && d->cfg.nmin < d->cfg.nmax && make_room(d)) continue ;
      logwait_pause(d->name, &d->pauses, "unable to write to current", e) ;
    }
  }
  d->outlen = 0 ;
  d->pauses = 0 ;
}

void logdir_put (logdir *d, char const *s, size_t len)
{
  uint64_t max = d->cfg.size ;
  while (len)
  {
    size_t n = len ;
    /* current full: a line may be split across two files, as in runit */
    if (max && d->size >= max) logdir_rotate(d) ;
    if (max && n > max - d->size) n = (size_t)(max - d->size) ;
    if (n > SVLOGD_OUTSIZE - d->outlen) n = SVLOGD_OUTSIZE - d->outlen ;
    memcpy(d->out + d->outlen, s, n) ;
    d->outlen += n ;
    d->size += n ;
    s += n ;
    len -= n ;
    if (d->outlen == SVLOGD_OUTSIZE) logdir_flush(d) ;
  }
}

void logdir_endline (logdir *d)
{
  if (d->cfg.size && d->size >= d->threshold) logdir_rotate(d) ;
}

/* open_current: opens current for appending, readable by all while in use
   (non-blocking: a fifo in its place must not hang svlogd; no effect on files) */
static int open_current (logdir *d)
{
  struct stat st ;
  int fd = openat(d->fd, "current", O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600) ;
  if (fd < 0) return -1 ;
  if (fstat(fd, &st) < 0) goto err ;
  if (!S_ISREG(st.st_mode))
  {
    errno = EINVAL ;
    goto err ;
  }
  if (fchmod(fd, 0644) < 0) goto err ;
  d->size = (uint64_t)st.st_size ;
  return fd ;
err:
  fd_close(fd) ;
  return -1 ;
}

void logdir_rotate (logdir *d)
{
  char name[LOGNAME_SIZE] ;
  char fmt[UINT64_FMT] ;
  uint64_t size = d->size ;
  int fd ;
  if (!size) return ;
  logdir_flush(d) ;
  /* one processor per directory: the next rotation waits for the last one,
     or gives it up (the .u stays pending) */
  processor_wait(d, 0) ;
  if (fsync(d->fdcur) < 0) errword_warnsys("unable to fsync current: ", d->name) ;
  /* the owner-execute bit marks a complete file */
  if (fchmod(d->fdcur, 0744) < 0) errword_warnsys("unable to set mode of current: ", d->name) ;
  for (;;)
  {
    fresh_name(d, name, d->cfg.processorlen ? 'u' : 's') ;
    if (!renameat(d->fd, "current", d->fd, name)) break ;
    logwait_pause(d->name, &d->pauses, "unable to rename current", errno) ;
  }
  while ((fd = open_current(d)) < 0) logwait_pause(d->name, &d->pauses, "unable to create new current", errno) ;
  fd_close(d->fdcur) ;
  d->fdcur = fd ;
  d->size = 0 ;
  d->pauses = 0 ;
  if (d->verbose)
  {
    fmt[uint64_fmt(fmt, size)] = 0 ;
    errword_info("rename: ", d->name, "/current ", name, " ", fmt) ;
  }
  prune(d, name) ;
  /* the processor still runs if a signal cut the wait short: this one is pending then */
  if (d->cfg.processorlen && !d->ppid)
  {
    memcpy(d->pname, name, LOGNAME_SIZE) ;
    d->ptries = 0 ;
    processor_start(d) ;
  }
}

/* recover: with no processor to take them up, the .u files left over (by
   a SIGKILL, a processor given up, or one since removed from config) are
   made complete files under their own names, so they are not left for
   ever; a .u that cannot be renamed stays for the next opening */
static void recover (logdir *d)
{
  size_t n = list_old(d, 0, 'u') ;
  for (size_t i = 0 ; i < n ; i++)
  {
    char const *u = names.s + i * LOGNAME_SIZE ;
    char s[LOGNAME_SIZE] ;
    struct stat st ;
    memcpy(s, u, LOGNAME_SIZE) ;
    s[26] = 's' ;
    /* its .s exists when a booking was cut short: both are kept */
    if (!fstatat(d->fd, s, &st, AT_SYMLINK_NOFOLLOW) || errno != ENOENT) fresh_name(d, s, 's') ;
    /* the mode first, so that the .s appears complete */
    if (!replacefile_chmodat(d->fd, u, 0744) || renameat(d->fd, u, d->fd, s) < 0)
    {
      errword_warnsys("unable to rename: ", d->name, "/", u) ;
      continue ;
    }
    if (d->verbose) errword_info("rename: ", d->name, "/", u, " ", s) ;
  }
}

/* what config_warn needs: the directory, and how many warnings it gave */
typedef struct warnctx_s warnctx ;
struct warnctx_s
{
  logdir const *d ;
  unsigned int n ;
} ;

/* config_warn: a config problem, with the file named; at most WARN_MAX per read */
static void config_warn (void *ctx, unsigned int line, char const *what, char const *text, size_t len)
{
  warnctx *w = ctx ;
  char fmt[UINT_FMT] ;
  char show[81] ;
  size_t n = 0 ;
  if (w->n++ >= WARN_MAX)
  {
    if (w->n == WARN_MAX + 1) errword_warn(w->d->name, "/config: more problems not shown") ;
    return ;
  }
  /* one printable line whatever the file holds */
  for (size_t i = 0 ; i < len && n < 80 ; i++)
    show[n++] = (unsigned char)text[i] < 32 || (unsigned char)text[i] > 126 ? '?' : text[i] ;
  show[n] = 0 ;
  fmt[uint_fmt(fmt, line)] = 0 ;
  errword_warn(what, ": ", w->d->name, "/config:", fmt, ": ", show, len > 80 ? "..." : "") ;
}

/* read_config: d->cfg from DIR/config, the defaults if there is none */
static void read_config (logdir *d)
{
  stralloc sa = STRALLOC_ZERO ;
  warnctx w = { .d = d, .n = 0 } ;
  struct stat st ;
  logcfg_reset(&d->cfg) ;
  if (fstatat(d->fd, "config", &st, 0) < 0)
  {
    if (errno != ENOENT) errword_warnsys("unable to read config: ", d->name) ;
    return ;
  }
  /* a device or a fifo has no size to trust (/dev/zero never ends): too big */
  if (!S_ISDIR(st.st_mode) && (!S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX))
  {
    errno = EFBIG ;
    errword_warnsys("unable to read config: ", d->name) ;
    return ;
  }
  if (!openslurpclose_at(d->fd, "config", &sa))
  {
    errword_warnsys("unable to read config: ", d->name) ;
    goto end ;
  }
  if (d->verbose) errword_info("read: ", d->name, "/config") ;
  if (!logcfg_parse(&d->cfg, sa.s, sa.len, &config_warn, &w))
  {
    errword_warnsys("unable to read config: ", d->name) ;
    logcfg_reset(&d->cfg) ;
  }
end:
  stralloc_free(&sa) ;
}

/* fail: gives up on a directory being opened */
static int fail (logdir *d, char const *what)
{
  errword_warnsys(what, d->name) ;
  if (d->fdcur >= 0) fd_close(d->fdcur) ;
  if (d->fdlock >= 0) fd_close(d->fdlock) ;
  fd_close(d->fd) ;
  d->fd = d->fdlock = d->fdcur = -1 ;
  return 0 ;
}

int logdir_open (logdir *d)
{
  struct stat st ;
  int isnew ;
  d->fdlock = d->fdcur = d->fdudp = -1 ;
  d->outlen = 0 ;
  d->pauses = 0 ;
  d->fd = open(d->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (d->fd < 0)
  {
    /* runit's two words for these, from its open + fchdir */
    errword_warnsys(errno == ENOTDIR ? "unable to change directory: " : "unable to open log directory: ", d->name) ;
    return 0 ;
  }
  d->fdlock = openat(d->fd, "lock", O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600) ;
  if (d->fdlock < 0 || flock(d->fdlock, LOCK_EX | LOCK_NB) < 0) return fail(d, "unable to lock directory: ") ;
  if (!d->out && !(d->out = alloc(SVLOGD_OUTSIZE))) return fail(d, "unable to allocate buffer for ") ;
  read_config(d) ;
  d->threshold = d->cfg.size >= d->linemax ? d->cfg.size - d->linemax : UINT64_MAX ;

  if (!d->cfg.processorlen) recover(d) ;
  /* a current without the execute bit was not closed cleanly: kept aside as
     .u for the processor, else as a .s (complete: what there is of it) */
  if (!fstatat(d->fd, "current", &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) && st.st_size && !(st.st_mode & S_IXUSR))
  {
    char name[LOGNAME_SIZE] ;
    char suffix = d->cfg.processorlen ? 'u' : 's' ;
    if (suffix == 's' && !replacefile_chmodat(d->fd, "current", 0744)) errword_warnsys("unable to set mode of current: ", d->name) ;
    for (;;)
    {
      fresh_name(d, name, suffix) ;
      if (!renameat(d->fd, "current", d->fd, name)) break ;
      logwait_pause(d->name, &d->pauses, "unable to rename current", errno) ;
    }
    prune(d, name) ;
  }
  isnew = fstatat(d->fd, "current", &st, 0) < 0 ;
  d->fdcur = open_current(d) ;
  if (d->fdcur < 0) return fail(d, "unable to open current: ") ;
  if (d->verbose) errword_info(isnew ? "new: " : "append: ", d->name, "/current") ;
  if (d->cfg.udp)
  {
    d->fdudp = socket_udp4_coe() ;
    if (d->fdudp < 0) errword_warnsys("unable to create udp socket for ", d->name) ;
  }
  tain_addsec_g(&d->trotate, (int)(d->cfg.timeout > 0x7fffffff ? 0x7fffffff : d->cfg.timeout)) ;
  processor_pending(d) ;
  return 1 ;
}

void logdir_close (logdir *d, int hurry)
{
  if (d->fd < 0) return ;
  logdir_flush(d) ;
  processor_wait(d, hurry) ;
  if (fsync(d->fdcur) < 0) errword_warnsys("unable to fsync current: ", d->name) ;
  if (fchmod(d->fdcur, 0744) < 0) errword_warnsys("unable to set mode of current: ", d->name) ;
  fd_close(d->fdcur) ;
  if (d->fdudp >= 0) fd_close(d->fdudp) ;
  fd_close(d->fdlock) ;
  fd_close(d->fd) ;
  d->fd = d->fdlock = d->fdcur = d->fdudp = -1 ;
  if (d->verbose) errword_info("close: ", d->name) ;
}
