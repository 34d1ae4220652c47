/* svinstance.c - instances of a template service (see svinstance.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/stralloc.h>
#include "statedir.h"
#include "svinstance.h"

int svinstance_valid (char const *i)
{
  return i[0] && i[0] != '.' && !strchr(i, '/') ;
}

int svinstance_template (char const *name, size_t len)
{
  return len >= 2 && name[len - 1] == '@' && !memchr(name, '@', len - 1) && !memchr(name, '/', len) ;
}

size_t svinstance_split (char const *name)
{
  char const *at = strchr(name, '@') ;
  if (!at || at == name || strchr(name, '/') || !svinstance_valid(at + 1)) return 0 ;
  return (size_t)(at - name) + 1 ;
}

int svinstance_base (stralloc *sa, char const *tdir, char const *name, size_t tlen, int islog)
{
  char const *sd = statedir_dir() ;
  sa->len = 0 ;
  if (sd)
  {
    if (sd[0] != '/') return (errno = EINVAL, 0) ;
    return statedir_base(sa, sd, name, islog) && stralloc_0(sa) ;
  }
  if (tdir && tdir[0] && (!stralloc_cats(sa, tdir) || !stralloc_catb(sa, "/", 1))) return 0 ;
  if (!stralloc_cats(sa, SVINSTANCE_DIR "/") || !stralloc_cats(sa, name + tlen)
   || (islog && !stralloc_catb(sa, "/log", 4)) || !stralloc_0(sa)) return 0 ;
  if (sa->len > STATEDIR_MAX) return (errno = ENAMETOOLONG, 0) ;
  return 1 ;
}

int svinstance_of (char const *path, stralloc *sa, size_t *nameoff)
{
  struct stat tst, st ;
  char const *name ;
  size_t len = statedir_last(path, &name), tlen, dlen ;
  size_t i = 0 ;
  /* no '@', no instance: the common case, without the copy (a loop: the
     name is short, and sv status runs in probes) */
  while (i < len && name[i] != '@') i++ ;
  if (i == len) return 0 ;
  {
    char comp[len + 1] ;
    memcpy(comp, name, len) ;
    comp[len] = 0 ;
    tlen = svinstance_split(comp) ;
    if (!tlen) return 0 ;
    dlen = (size_t)(name - path) ;
    sa->len = 0 ;
    if (!stralloc_catb(sa, path, dlen + tlen) || !stralloc_0(sa)) return -1 ;
    *nameoff = sa->len ;
    if (!stralloc_catb(sa, comp, len) || !stralloc_0(sa)) return -1 ;
  }
  if (stat(sa->s, &tst) < 0) return errno == ENOENT || errno == ENOTDIR ? 0 : -1 ;
  if (!S_ISDIR(tst.st_mode)) return 0 ;
  if (stat(path, &st) < 0) return errno == ENOENT ? 1 : -1 ;
  return st.st_dev == tst.st_dev && st.st_ino == tst.st_ino ;
}
