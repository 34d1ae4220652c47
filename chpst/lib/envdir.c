/* envdir.c - environment directories, runit's semantics (see envdir.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "envdir.h"

size_t envdir_value (char *s, size_t len)
{
  char *nl = memchr(s, '\n', len) ;
  if (nl) len = (size_t)(nl - s) ;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len-- ;
  for (size_t i = 0 ; i < len ; i++) if (!s[i]) s[i] = '\n' ;
  return len ;
}

/* fail: record what went wrong with which entry; returns -1 keeping errno */
static int fail (envdir_err *err, int what, char const *name)
{
  int e = errno ;
  err->what = what ;
  err->name[0] = 0 ;
  if (name)
  {
    size_t n = strlen(name) ;
    if (n >= sizeof(err->name)) n = sizeof(err->name) - 1 ;
    memcpy(err->name, name, n) ;
    err->name[n] = 0 ;
  }
  errno = e ;
  return -1 ;
}

/* readfirstline: appends to SA the bytes of FD up to and including the
   first newline (or all of them), reading at most ENVDIR_MAXLINE + 1 bytes,
   so a huge file costs nothing. Returns the number of bytes, or -1 (errno;
   E2BIG when the first line is longer than ENVDIR_MAXLINE). */
static ssize_t readfirstline (int fd, stralloc *sa)
{
  size_t start = sa->len ;
  for (;;)
  {
    size_t want = ENVDIR_MAXLINE + 1 - (sa->len - start) ;
    ssize_t r ;
    if (!want) return (errno = E2BIG, -1) ;   /* MAXLINE + 1 bytes and no newline */
    if (want > 4096) want = 4096 ;
    if (!stralloc_readyplus(sa, want)) return -1 ;
    r = fd_read(fd, sa->s + sa->len, want) ;
    if (r < 0) return -1 ;
    if (!r) break ;
    sa->len += (size_t)r ;
    if (memchr(sa->s + sa->len - r, '\n', (size_t)r)) break ;
  }
  return (ssize_t)(sa->len - start) ;
}

/* usable: may ST be read as an entry? 1 a regular file; 0 a directory
   (errno EISDIR, as reading one would say); -1 anything else (errno EINVAL) */
static int usable (struct stat const *st)
{
  if (S_ISREG(st->st_mode)) return 1 ;
  if (S_ISDIR(st->st_mode)) return (errno = EISDIR, 0) ;
  return (errno = EINVAL, -1) ;
}

/* loadone: appends the modification for entry NAME of DFD; 1 done, 0
   skipped subdir, -1 error (errno; *WHAT: ENVDIR_EREAD, ENOTREG or ETOOLONG) */
static int loadone (int dfd, char const *name, stralloc *sa, unsigned int flags, int *what)
{
  size_t base = sa->len ;
  size_t vstart ;
  ssize_t n ;
  struct stat st ;
  int fd ;
  *what = ENVDIR_EREAD ;
  /* look before opening: opening a FIFO blocks, opening a device may act */
  if (fstatat(dfd, name, &st, 0) < 0) return -1 ;
  if (usable(&st) < 0) goto notreg ;
  /* O_NONBLOCK: should NAME become a FIFO after the look, open still returns */
  fd = openat(dfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) ;
  if (fd < 0) return -1 ;
  if (fstat(fd, &st) < 0) goto err ;
  switch (usable(&st))
  {
    case -1 : fd_close(fd) ; goto notreg ;
    case 0 :
      if (!(flags & ENVDIR_SKIPDIRS)) goto err ;
      fd_close(fd) ;
      return 0 ;
  }
  if (!stralloc_cats(sa, name) || !stralloc_catb(sa, "=", 1)) goto err ;
  vstart = sa->len ;
  n = readfirstline(fd, sa) ;
  if (n < 0)
  {
    if (errno == E2BIG) *what = ENVDIR_ETOOLONG ;
    goto err ;
  }
  fd_close(fd) ;
  if (!n) sa->len = vstart - 1 ;   /* empty file: "NAME\0" unsets */
  else sa->len = vstart + envdir_value(sa->s + vstart, (size_t)n) ;
  if (!stralloc_0(sa)) goto err2 ;
  return 1 ;
 notreg:
  *what = ENVDIR_ENOTREG ;
  errno = EINVAL ;
  return -1 ;
 err:
  fd_close(fd) ;
 err2:
  sa->len = base ;
  return -1 ;
}

int envdir_load (char const *dir, stralloc *sa, unsigned int flags, envdir_skip_func *skip, envdir_err *err)
{
  size_t base = sa->len ;
  int count = 0 ;
  int what ;
  DIR *d ;
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (dfd < 0) return fail(err, ENVDIR_EOPEN, 0) ;
  d = fdopendir(dfd) ;
  if (!d)
  {
    fd_close(dfd) ;
    return fail(err, ENVDIR_ELIST, 0) ;
  }
  for (;;)
  {
    struct dirent *de ;
    int r ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de)
    {
      if (errno) goto listerr ;
      break ;
    }
    if (de->d_name[0] == '.') continue ;
    if (strchr(de->d_name, '='))
    {
      errno = EINVAL ;
      fail(err, ENVDIR_ENAME, de->d_name) ;
      goto out ;
    }
    r = loadone(dirfd(d), de->d_name, sa, flags, &what) ;
    if (r < 0)
    {
      fail(err, errno == ENOMEM ? ENVDIR_ENOMEM : what, de->d_name) ;
      goto out ;
    }
    if (!r && skip) skip(dir, de->d_name, EISDIR) ;
    count += r ;
  }
  closedir(d) ;
  return count ;
 listerr:
  fail(err, ENVDIR_ELIST, 0) ;
 out:
  {
    int e = errno ;
    closedir(d) ;
    sa->len = base ;
    errno = e ;
  }
  return -1 ;
}
