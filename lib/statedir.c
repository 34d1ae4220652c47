/* statedir.c - where a service keeps supervise/ (see statedir.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "statedir.h"

char const *statedir_dir (void)
{
  char const *x = getenv(STATEDIR_VAR) ;
  return x && x[0] ? x : 0 ;
}

size_t statedir_last (char const *arg, char const **name)
{
  size_t end = strlen(arg), start ;
  while (end && arg[end - 1] == '/') end-- ;
  start = end ;
  while (start && arg[start - 1] != '/') start-- ;
  *name = arg + start ;
  /* "." and ".." are no name: the directory they lead to has its own */
  if (end - start == 1 && arg[start] == '.') return 0 ;
  if (end - start == 2 && arg[start] == '.' && arg[start + 1] == '.') return 0 ;
  return end - start ;
}

/* join: DIR "/" NAME (LEN bytes) "/log" (when LOG) into SA, NUL-terminated */
static int join (stralloc *sa, char const *dir, char const *name, size_t len, int log)
{
  size_t dlen = strlen(dir) ;
  while (dlen > 1 && dir[dlen - 1] == '/') dlen-- ;
  if (dlen + 1 + len + (log ? 4 : 0) > STATEDIR_MAX) return (errno = ENAMETOOLONG, 0) ;
  sa->len = 0 ;
  if (!stralloc_catb(sa, dir, dlen)
   || (dir[dlen - 1] != '/' && !stralloc_catb(sa, "/", 1))
   || !stralloc_catb(sa, name, len)
   || (log && !stralloc_catb(sa, "/log", 4))
   || !stralloc_0(sa)) return 0 ;
  sa->len-- ;
  return 1 ;
}

/* named: the path that names the service, ARG or (when ARG has no name of
   its own) the current directory's, into CWD then; its last component in
   *NAME, of length *LEN; 0 with errno when there is none */
static char const *named (char const *arg, stralloc *cwd, char const **name, size_t *len)
{
  *len = statedir_last(arg, name) ;
  if (*len) return arg ;
  if (sagetcwd(cwd) < 0 || !stralloc_0(cwd)) return 0 ;
  *len = statedir_last(cwd->s, name) ;
  if (!*len) return (errno = EINVAL, (char const *)0) ;  /* the root has no name */
  return cwd->s ;
}

/* as_log: for a service dir named P/log (P's log, given as a service),
   DIR/P/log into SA when runsv keeps P's log state there; 1 if so */
static int as_log (stralloc *sa, char const *dir, char const *path, char const *name, size_t len)
{
  struct stat st ;
  char const *p ;
  size_t plen ;
  if (len != 3 || memcmp(name, "log", 3)) return 0 ;
  {
    /* the component before NAME */
    size_t n = (size_t)(name - path) ;
    char up[n + 1] ;
    memcpy(up, path, n) ;
    up[n] = 0 ;
    plen = statedir_last(up, &p) ;
    if (!plen || !join(sa, dir, path + (p - up), plen, 1)) return 0 ;
  }
  if (!stralloc_cats(sa, "/supervise") || !stralloc_0(sa)) return 0 ;
  if (lstat(sa->s, &st) < 0) return 0 ;
  sa->len -= 11 ;
  sa->s[sa->len] = 0 ;
  return 1 ;
}

int statedir_base (stralloc *sa, char const *dir, char const *arg, int islog)
{
  stralloc cwd = STRALLOC_ZERO ;
  char const *name, *path ;
  size_t len ;
  int r ;
  /* relative, it would be relative to each service dir */
  if (dir[0] != '/') return (errno = EINVAL, 0) ;
  path = named(arg, &cwd, &name, &len) ;
  r = path && join(sa, dir, name, len, islog) ;
  stralloc_free(&cwd) ;
  return r ;
}

int statedir_pick (stralloc *sa, char const *arg, char const *own, int islog)
{
  return statedir_pickfrom(statedir_dir(), sa, arg, own, islog) ;
}

int statedir_pickfrom (char const *dir, stralloc *sa, char const *arg, char const *own, int islog)
{
  struct stat st ;
  stralloc cwd = STRALLOC_ZERO ;
  char const *name, *path ;
  size_t len ;
  int r ;
  if (!dir || !dir[0]) return 0 ;
  /* anything there, even what we may not look at, is the dir's own */
  if (lstat(own, &st) == 0 || errno != ENOENT) return 0 ;
  if (dir[0] != '/') return (errno = EINVAL, -1) ;
  path = named(arg, &cwd, &name, &len) ;
  r = !path ? -1 : (!islog && as_log(sa, dir, path, name, len)) || join(sa, dir, name, len, islog) ? 1 : -1 ;
  stralloc_free(&cwd) ;
  return r ;
}

/* others_may_write: may another user than ours (or root) change the
   entries of the directory ST is about? */
static int others_may_write (struct stat const *st)
{
  if (st->st_uid && st->st_uid != geteuid()) return 1 ;
  return (st->st_mode & (S_IWGRP | S_IWOTH)) && !(st->st_mode & S_ISVTX) ;
}

/* at_fault: PATH (LEN bytes) into BAD, for the caller's message; R */
static int at_fault (stralloc *bad, char const *path, size_t len, int r)
{
  int e = errno ;
  bad->len = 0 ;
  if (!stralloc_catb(bad, path, len) || !stralloc_0(bad)) bad->len = 0 ;
  errno = e ;
  return r ;
}

/* enter: the directory NAME in FD, made first if missing, opened without
   following a link; its fd, or -1 with errno (ELOOP for a link) */
static int enter (int fd, char const *name)
{
  struct stat st ;
  int sub ;
  if (mkdirat(fd, name, 0755) < 0 && errno != EEXIST) return -1 ;
  sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) ;
  /* O_DIRECTORY says ENOTDIR for a link: say what it is */
  if (sub < 0 && errno == ENOTDIR && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) errno = ELOOP ;
  return sub ;
}

int statedir_make (char const *dir, char const *base, stralloc *bad)
{
  size_t dlen = strlen(dir), len = strlen(base), i ;
  struct stat st ;
  int fd ;
  char path[len + 1] ;
  while (dlen > 1 && dir[dlen - 1] == '/') dlen-- ;
  if (dlen > len || memcmp(dir, base, dlen)) return (errno = EINVAL, at_fault(bad, base, len, 0)) ;
  memcpy(path, base, len + 1) ;
  /* DIR's missing parents, then DIR, by name: one that exists is fine */
  for (i = 1 ; i <= dlen ; i++)
  {
    char c = path[i] ;
    if (i < dlen && c != '/') continue ;
    path[i] = 0 ;
    if (mkdir(path, 0755) < 0 && errno != EEXIST) return at_fault(bad, path, i, 0) ;
    path[i] = c ;
  }
  path[dlen] = 0 ;
  fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (fd < 0) return at_fault(bad, path, dlen, 0) ;
  path[dlen] = base[dlen] ;
  /* then each component below DIR, through the fd of the one above */
  for (i = dlen ;; )
  {
    size_t start ;
    int sub ;
    if (fstat(fd, &st) < 0) { fd_close(fd) ; return at_fault(bad, path, i, 0) ; }
    if (others_may_write(&st)) { fd_close(fd) ; return at_fault(bad, path, i, -1) ; }
    while (i < len && path[i] == '/') i++ ;
    if (i == len) break ;
    start = i ;
    while (i < len && path[i] != '/') i++ ;
    path[i] = 0 ;
    sub = enter(fd, path + start) ;
    path[i] = base[i] ;
    fd_close(fd) ;
    if (sub < 0) return at_fault(bad, path, i, 0) ;
    fd = sub ;
  }
  fd_close(fd) ;
  return 1 ;
}
