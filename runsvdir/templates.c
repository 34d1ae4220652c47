/* templates.c - runsvdir's side of templates (see templates.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/alloc.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "errword.h"
#include "instances.h"
#include "namequote.h"
#include "svinstance.h"
#include "templates.h"

extern char **environ ;

static int scanned_once = 0 ;

/* readfile: the first bytes of TNAME/instances in DFD into BUF (MAX); their
   count, or -1 with errno */
static ssize_t readfile (int dfd, char const *tname, char *buf, size_t max)
{
  size_t len = strlen(tname) ;
  char path[len + 11] ;
  struct stat st ;
  ssize_t r ;
  int fd ;
  memcpy(path, tname, len) ;
  memcpy(path + len, "/instances", 11) ;
  /* not blocking on a FIFO, as runsv opens its one-value files */
  fd = openat(dfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) return -1 ;
  if (fstat(fd, &st) < 0) { fd_close(fd) ; return -1 ; }
  if (!S_ISREG(st.st_mode)) { fd_close(fd) ; return (errno = EINVAL, -1) ; }
  r = fd_read(fd, buf, max) ;
  fd_close(fd) ;
  return r ;
}

int templates_count (int dfd, char const *tname, unsigned int *n)
{
  char buf[256], value[64] ;
  ssize_t r = readfile(dfd, tname, buf, sizeof(buf)) ;
  *n = 0 ;
  if (r < 0 && errno == ENOENT) return 1 ;
  if (r < 0)
  {
    if (!scanned_once) errword_diesys(111, "unable to read ", namequote_show(tname), "/instances") ;
    errword_warnsys("unable to read ", namequote_show(tname), "/instances") ;
    return 0 ;
  }
  if (instances_parse(buf, (size_t)r, n, value, sizeof(value))) return 1 ;
  if (!scanned_once) errword_die(100, namequote_show(tname), "/instances: \"", value, "\" is not a number of instances (0 to 1000, or $VAR)") ;
  errword_warn(namequote_show(tname), "/instances: \"", value, "\" is not a number of instances (0 to 1000, or $VAR): its instances kept as they were") ;
  return 0 ;
}

void templates_scanned (void)
{
  scanned_once = 1 ;
}

char const *const *templates_runsv (char const *name, char const **dir)
{
  static stralloc sa = STRALLOC_ZERO ;  /* T@, then SV_INSTANCE=I */
  static char const **envv = 0 ;
  size_t tlen = svinstance_split(name), envn = env_len((char const *const *)environ) ;
  size_t mlen ;
  if (!tlen) return (errno = EINVAL, (char const *const *)0) ;
  sa.len = 0 ;
  if (!stralloc_catb(&sa, name, tlen) || !stralloc_0(&sa)
   || !stralloc_cats(&sa, SVINSTANCE_VAR "=") || !stralloc_cats(&sa, name + tlen) || !stralloc_0(&sa)) return 0 ;
  mlen = sa.len - (tlen + 1) ;
  alloc_free(envv) ;
  envv = alloc((envn + 2) * sizeof(char const *)) ;
  if (!envv) return 0 ;
  if (!env_merge(envv, envn + 2, (char const *const *)environ, envn, sa.s + tlen + 1, mlen)) return 0 ;
  *dir = sa.s ;
  return envv ;
}
