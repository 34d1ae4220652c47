/* replacefile.c - replace a file atomically, never through a planted symlink. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "replacefile.h"

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
