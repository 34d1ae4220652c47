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
#include "statedir.h"
#include "supercontrol.h"
#include "svinstance.h"
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

/* generated: the instances of template TNAME in DIR that a runsv serves
   where svinstance.h puts them (under $RUNSV_STATEDIR as T@I, else in
   T@/.instances/I), their names T@I added to L; links are listed as
   entries already (svlist_read drops the twins) */
static void generated (svlist *l, char const *dir, char const *tname)
{
  stralloc path = STRALLOC_ZERO ;
  char const *sd = statedir_dir() ;
  size_t tlen = strlen(tname), base ;
  DIR *d ;
  if (!(sd ? stralloc_cats(&path, sd)
      : stralloc_cats(&path, dir) && stralloc_catb(&path, "/", 1) && stralloc_cats(&path, tname)
        && stralloc_cats(&path, "/" SVINSTANCE_DIR)) || !stralloc_0(&path)) goto end ;
  base = path.len - 1 ;
  d = opendir(path.s) ;
  if (!d) goto end ;
  for (;;)
  {
    struct dirent *de = readdir(d) ;
    char const *n, *i ;
    if (!de) break ;
    n = de->d_name ;
    if (sd && (strncmp(n, tname, tlen) || !svinstance_valid(n + tlen))) continue ;
    if (!sd && !svinstance_valid(n)) continue ;
    i = sd ? n + tlen : n ;
    path.len = base ;
    if (!stralloc_catb(&path, "/", 1) || !stralloc_cats(&path, n) || !stralloc_0(&path)) break ;
    if (supercontrol_alive(path.s) != 1) continue ;
    if (!stralloc_catb(&l->names, tname, tlen) || !stralloc_catb(&l->names, i, strlen(i) + 1)) break ;
  }
  dir_close(d) ;
 end:
  stralloc_free(&path) ;
}

/* twins: drops the names that sort next to an equal one */
static void twins (svlist *l)
{
  char const **v = genalloc_s(char const *, &l->v) ;
  unsigned int n = svlist_n(l), k = 0 ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (!k || strcmp(v[k - 1], v[i])) v[k++] = v[i] ;
  genalloc_setlen(char const *, &l->v, k) ;
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
    /* a template is never a service; its running instances are */
    if (svinstance_template(de->d_name, strlen(de->d_name))) { generated(l, dir, de->d_name) ; continue ; }
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
  twins(l) ;
  return 1 ;
}

void svlist_free (svlist *l)
{
  stralloc_free(&l->names) ;
  genalloc_free(char const *, &l->v) ;
}
