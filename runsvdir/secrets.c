/* secrets.c - RUNSVDIR_SECRETS: NAME from the file NAME_FILE names (see secrets.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "errword.h"
#include "namequote.h"
#include "secretlist.h"
#include "secrets.h"

#define LIST_VAR "RUNSVDIR_SECRETS"

/* bad_name: the list's item NAME (LEN bytes) is not a variable name: dies 100 */
static void bad_name (char const *name, size_t len)
{
  stralloc sa = STRALLOC_ZERO ;
  if (!len) errword_die(100, "invalid " LIST_VAR ": an empty name (a comma too many)") ;
  /* escaped: the item is the list's, whatever bytes it holds */
  if (!namequote_escape(&sa, name, len) || !stralloc_0(&sa)) errword_diesys(111, "unable to read " LIST_VAR) ;
  errword_die(100, "invalid " LIST_VAR ": \"", sa.s, "\" is not a variable name (letters, digits and _, separated by commas)") ;
}

/* file_read: the bytes of the regular file PATH, at most SECRETLIST_MAX + 1
   (one more says "too big"), into SA; 1, or 0 with errno (EINVAL: not a
   regular file). O_NONBLOCK: a FIFO cannot hang the boot in its open;
   O_NOCTTY: a terminal cannot become PID 1's */
static int file_read (char const *path, stralloc *sa)
{
  struct stat st ;
  size_t r ;
  int e, fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) ;
  if (fd < 0) return 0 ;
  if (fstat(fd, &st) < 0) goto err ;
  if (!S_ISREG(st.st_mode)) { errno = EINVAL ; goto err ; }
  if (!stralloc_ready(sa, SECRETLIST_MAX + 2)) goto err ;  /* and a NUL */
  errno = 0 ;
  r = allread(fd, sa->s, SECRETLIST_MAX + 1) ;
  if (r < SECRETLIST_MAX + 1 && errno && errno != EPIPE) goto err ;  /* short for an error, not the end */
  sa->len = r ;
  fd_close(fd) ;
  return 1 ;
 err:
  e = errno ;
  fd_close(fd) ;
  errno = e ;
  return 0 ;
}

/* load: the secret NAME (LEN bytes, a valid name) into our environment */
static void load (char const *name, size_t len)
{
  stralloc vars = STRALLOC_ZERO, v = STRALLOC_ZERO ;
  char const *var, *filevar, *path, *cur ;
  size_t vlen ;
  int r ;
  /* "NAME\0NAME_FILE\0" */
  if (!stralloc_catb(&vars, name, len) || !stralloc_0(&vars)
   || !stralloc_catb(&vars, name, len) || !stralloc_cats(&vars, "_FILE") || !stralloc_0(&vars))
    errword_diesys(111, "unable to read " LIST_VAR) ;
  var = vars.s ;
  filevar = vars.s + len + 1 ;
  path = getenv(filevar) ;
  if (!path)
  {
    errword_warn(LIST_VAR " lists ", var, " but ", filevar, " is not set: ", var, " is left as it is") ;
    stralloc_free(&vars) ;
    return ;
  }
  if (!file_read(path, &v))
  {
    if (errno == EINVAL) errword_die(100, "unable to read ", filevar, "=", namequote_show(path), ": not a regular file") ;
    errword_diesys(100, "unable to read ", filevar, "=", namequote_show(path)) ;
  }
  r = secretlist_value(v.s, v.len, &vlen) ;
  if (r == SECRETLIST_BIG) errword_die(100, filevar, "=", namequote_show(path), ": more than 64 KiB") ;
  if (r == SECRETLIST_NUL) errword_die(100, filevar, "=", namequote_show(path), ": holds a NUL byte, which no environment variable can") ;
  v.s[vlen] = 0 ;
  cur = getenv(var) ;
  if (cur && strcmp(cur, v.s))
    errword_die(100, var, " is already set, to something other than what ", filevar, "=", namequote_show(path), " holds") ;
  if (!cur && setenv(var, v.s, 1) < 0) errword_diesys(111, "unable to set ", var, " from ", filevar) ;
  /* setenv kept its copy: ours goes without a trace in a core dump */
  memset(v.s, 0, v.len + 1) ;
  stralloc_free(&v) ;
  stralloc_free(&vars) ;
}

void secrets_load (void)
{
  char const *list = getenv(LIST_VAR), *name ;
  size_t pos = 0, len ;
  int r ;
  if (!list) return ;
  /* the whole list first: a typo stops the boot before any file is opened */
  while ((r = secretlist_next(list, &pos, &name, &len)))
    if (r < 0) bad_name(name, len) ;
  pos = 0 ;
  while (secretlist_next(list, &pos, &name, &len)) load(name, len) ;
}
