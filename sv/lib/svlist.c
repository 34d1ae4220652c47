/* svlist.c - the services of a scan directory (see svlist.h).
 *
 * POSIX, with one extension where the system has it: the d_type of
 * readdir(3) entries (hence nonposix.h), which spares a stat per plain
 * directory; without it every entry is stat'ed.
 */
#include <skalibs/nonposix.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/direntry.h>
#include <skalibs/genalloc.h>
#include <skalibs/stralloc.h>
#include "svlist.h"

/* byname: qsort order of two names */
static int byname (void const *a, void const *b)
{
  return strcmp(*(char const *const *)a, *(char const *const *)b) ;
}

/* isdir: does entry DE of D lead to a directory? d_type answers without a
   stat for the usual plain directory; symlinks and unknown types are stat'ed */
static int isdir (DIR *d, struct dirent const *de)
{
  struct stat st ;
#ifdef DT_DIR
  if (de->d_type == DT_DIR) return 1 ;
  if (de->d_type != DT_LNK && de->d_type != DT_UNKNOWN) return 0 ;
#endif
  return fstatat(dirfd(d), de->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode) ;
}

int svlist_read (svlist *l, char const *dir)
{
  DIR *d = opendir(dir) ;
  l->names.len = 0 ;
  genalloc_setlen(char const *, &l->v, 0) ;
  if (!d) return 0 ;
  for (;;)
  {
    struct dirent *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.') continue ;  /* ., .. and disabled services */
    if (!isdir(d, de)) continue ;
    if (!stralloc_catb(&l->names, de->d_name, strlen(de->d_name) + 1)) break ;
  }
  if (errno)
  {
    dir_close(d) ;  /* keeps errno */
    l->names.len = 0 ;
    return 0 ;
  }
  dir_close(d) ;
  /* the pointers are taken once every name is in: names may move while it grows */
  for (size_t i = 0 ; i < l->names.len ; i += strlen(l->names.s + i) + 1)
  {
    char const *s = l->names.s + i ;
    if (!genalloc_append(char const *, &l->v, &s))
    {
      genalloc_setlen(char const *, &l->v, 0) ;
      l->names.len = 0 ;
      return (errno = ENOMEM, 0) ;
    }
  }
  if (svlist_n(l) > 1) qsort(genalloc_s(char const *, &l->v), svlist_n(l), sizeof(char const *), &byname) ;
  return 1 ;
}

void svlist_free (svlist *l)
{
  stralloc_free(&l->names) ;
  genalloc_free(char const *, &l->v) ;
}
