/* replacefile.c - replace a file atomically, never through a planted symlink. */
/* syscall(), for renameat2, which musl 1.2.3 has no wrapper for */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "replacefile.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int exchange (char const *tmp, char const *fn) ;

int replacefile_write (char const *fn, char const *s, size_t n)
{
  size_t len = strlen(fn) ;
  char tmp[len + 5] ;
  int fd, e ;
  memcpy(tmp, fn, len) ;
  memcpy(tmp + len, ".new", 5) ;
  /* O_EXCL: never through whatever is there (a leftover, or a symlink
     someone planted), which goes first, and then once more; tried before
     the unlink, which the common case does not need */
  fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666) ;
  if (fd < 0 && errno == EEXIST)
  {
    if (unlink(tmp) < 0 && errno != ENOENT) return 0 ;
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666) ;
  }
  if (fd < 0) return 0 ;
  if (allwrite(fd, s, n) < n) goto err ;
  if (close(fd) < 0) { fd = -1 ; goto err ; }
  fd = -1 ;
  if (exchange(tmp, fn)) return 1 ;
  if (rename(tmp, fn) < 0) goto err ;
  return 1 ;
 err:
  e = errno ;
  if (fd >= 0) fd_close(fd) ;
  unlink(tmp) ;
  errno = e ;
  return 0 ;
}

int replacefile_chmodat (int dirfd, char const *name, mode_t mode)
{
  int e, fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) return 0 ;
  e = fchmod(fd, mode) < 0 ? errno : 0 ;
  fd_close(fd) ;
  errno = e ;
  return !e ;
}

/* exchange: TMP and FN swap names, then the old FN (now TMP) goes; 1, or
   0 with nothing changed (no FN yet, a kernel or file system without
   RENAME_EXCHANGE, a directory in FN's place: the caller renames, and
   fails as rename does). Readers see FN whole, old or new, as with a
   rename over it; but ext4 (and overlayfs on it) writes a file renamed
   over another to disk at once (auto_da_alloc): each status write was a
   disk write and 60 to 90 us. A file swapped in and the old one unlinked
   is neither (bench/ANALYSIS.md, figures 2, 5 and 6) */
static int exchange (char const *tmp, char const *fn)
{
  if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, fn, RENAME_EXCHANGE) < 0) return 0 ;
  if (!unlink(tmp) || errno == ENOENT) return 1 ;
  /* not a file we may remove (a directory): swapped back, for rename to say so */
  if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, fn, RENAME_EXCHANGE) < 0) return 1 ;
  return 0 ;
}
