/* fuzz_scanned.c - runsvdir's scan of a directory's names. Each input line
 * makes one entry: its first byte says what (d a directory, f a file, l a
 * symlink to the entry made before it, n a dangling symlink), the rest is
 * the name ('/' made '_'). The table must hold exactly the directories
 * whose names do not start with a dot, one per (device, inode). */
#include <errno.h>
#include "fuzz.h"
#include "scanned.h"

#define MAXENT 32

static unsigned int warned ;
static void warn (int what, char const *name, int e)
{
  FUZZ_CHECK(what == SCANNED_WARN_STAT || what == SCANNED_WARN_FULL) ;
  FUZZ_CHECK(name && name[0] && name[0] != '.' && !strchr(name, '/')) ;
  (void)e ;
  warned++ ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char dir[128], path[512], prev[256] = "" ;
  struct stat st ;
  scanned t = SCANNED_ZERO ;
  unsigned int ndirs = 0 ;
  struct { dev_t dev ; ino_t ino ; } dirs[MAXENT] ;
  size_t i = 0 ;
  fuzz_path(dir, "scan") ;
  fuzz_rmtree(dir) ;
  FUZZ_CHECK(!mkdir(dir, 0755)) ;
  for (unsigned int k = 0 ; i < size && k < MAXENT ; k++)
  {
    char name[256] ;
    size_t end = i, len ;
    char kind ;
    while (end < size && data[end] != '\n') end++ ;
    kind = end > i ? (char)data[i] : 0 ;
    len = end > i ? end - i - 1 : 0 ;
    if (len > 200) len = 200 ;
    memcpy(name, data + i + 1, len) ;
    name[len] = 0 ;
    i = end + 1 ;
    for (size_t j = 0 ; j < len ; j++) if (name[j] == '/' || !name[j]) name[j] = '_' ;
    if (!len || !strcmp(name, ".") || !strcmp(name, "..")) continue ;
    snprintf(path, sizeof(path), "%s/%s", dir, name) ;
    switch (kind)
    {
      case 'd' : if (mkdir(path, 0755) < 0) continue ; break ;
      case 'f' :
      {
        /* the name may be taken already, by a directory */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644) ;
        if (fd < 0) continue ;
        close(fd) ;
        break ;
      }
      case 'l' : if (!prev[0] || symlink(prev, path) < 0) continue ; break ;
      case 'n' : if (symlink("nowhere/at/all", path) < 0) continue ; break ;
      default : continue ;
    }
    memcpy(prev, name, len + 1) ;
    if (name[0] != '.' && !stat(path, &st) && S_ISDIR(st.st_mode))
    {
      unsigned int m = 0 ;
      while (m < ndirs && !(dirs[m].dev == st.st_dev && dirs[m].ino == st.st_ino)) m++ ;
      if (m == ndirs) { dirs[ndirs].dev = st.st_dev ; dirs[ndirs].ino = st.st_ino ; ndirs++ ; }
    }
  }
  warned = 0 ;
  /* twice: a second scan finds the same, and warns of nothing new */
  for (int round = 0 ; round < 2 ; round++)
  {
    unsigned int before = warned ;
    FUZZ_CHECK(scanned_dir(&t, dir, &warn)) ;
    FUZZ_CHECK(scanned_n(&t) == ndirs) ;
    for (unsigned int k = 0 ; k < scanned_n(&t) ; k++)
    {
      scanned_entry const *e = scanned_at(&t, k) ;
      FUZZ_CHECK(e->seen && !e->removed && e->name[0] != '.') ;
      FUZZ_CHECK(scanned_find(&t, e->dev, e->ino) == (int)k) ;
      snprintf(path, sizeof(path), "%s/%s", dir, e->name) ;
      FUZZ_CHECK(!stat(path, &st) && S_ISDIR(st.st_mode) && st.st_dev == e->dev && st.st_ino == e->ino) ;
    }
    if (round) FUZZ_CHECK(warned == before) ;
  }
  scanned_sort(&t) ;
  for (unsigned int k = 1 ; k < scanned_n(&t) ; k++)
    FUZZ_CHECK(strcmp(scanned_at(&t, k - 1)->name, scanned_at(&t, k)->name) <= 0) ;
  /* everything gone: nothing is seen any more */
  fuzz_rmtree(dir) ;
  FUZZ_CHECK(!mkdir(dir, 0755)) ;
  FUZZ_CHECK(scanned_dir(&t, dir, &warn)) ;
  for (unsigned int k = 0 ; k < scanned_n(&t) ; k++) FUZZ_CHECK(!scanned_at(&t, k)->seen) ;
  while (scanned_n(&t)) scanned_remove(&t, 0) ;
  scanned_free(&t) ;
  return 0 ;
}
