/* scanned.c - see scanned.h
 *
 * DIR is opened by its path with opendir(3) and its entries stat'ed with
 * fstatat(2) on dirfd(3): skalibs' opendir_at would only add an fd to open
 * relative to (AT_FDCWD here), so it is not used; dir_close is.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/alloc.h>
#include <skalibs/direntry.h>
#include <skalibs/types.h>
#include "scanned.h"
#include "svinstance.h"

/* failed_has: was NAME in the set of names that could not be stat'ed? */
static int failed_has (stralloc const *sa, char const *name)
{
  size_t i = 0 ;
  while (i < sa->len)
  {
    size_t n = strlen(sa->s + i) ;
    if (!strcmp(sa->s + i, name)) return 1 ;
    i += n + 1 ;
  }
  return 0 ;
}

/* dupname: a copy of NAME in its own allocation, or 0 */
static char *dupname (char const *name)
{
  size_t n = strlen(name) + 1 ;
  char *s = alloc(n) ;
  if (s) memcpy(s, name, n) ;
  return s ;
}

/* seen_entry: a known service found again; the first name read this scan wins */
static void seen_entry (scanned_entry *e, char const *name)
{
  if (e->seen) return ;
  e->seen = 1 ;
  if (strcmp(e->name, name))
  {
    char *s = dupname(name) ;
    if (s) { alloc_free(e->name) ; e->name = s ; }
  }
}

/* add_entry: a new service (an instance: KIND), pid 0 and no restart delay; 0 if out of memory */
static int add_entry (scanned *t, struct stat const *st, char const *name, unsigned char kind)
{
  scanned_entry e ;
  memset(&e, 0, sizeof(e)) ;
  e.dev = st->st_dev ;
  e.ino = st->st_ino ;
  e.seen = 1 ;
  e.instance = kind ;
  e.started = e.restart_at = e.stop_at = e.end_at = tain_zero ;
  e.name = dupname(name) ;
  if (!e.name) return 0 ;
  if (!genalloc_append(scanned_entry, &t->entries, &e))
  {
    alloc_free(e.name) ;
    return 0 ;
  }
  return 1 ;
}

/* seen_instance: instance NAME (KIND) of the template ST is there; 1, or 0 out of memory */
static int seen_instance (scanned *t, struct stat const *st, char const *name, unsigned char kind)
{
  int i = scanned_find_instance(t, st->st_dev, st->st_ino, name) ;
  if (i >= 0) { scanned_at(t, i)->seen = 1 ; return 1 ; }
  return add_entry(t, st, name, kind) ;
}

/* keep_generated: template ST's generated instances stay as they are */
static void keep_generated (scanned *t, struct stat const *st)
{
  for (unsigned int i = 0 ; i < scanned_n(t) ; i++)
  {
    scanned_entry *e = scanned_at(t, i) ;
    if (e->instance == SCANNED_GENERATED && !e->removed && e->dev == st->st_dev && e->ino == st->st_ino) e->seen = 1 ;
  }
}

/* template: entry NAME (ST) of the directory open as DFD is a template:
   its generated instances, as the count function says */
static void templated (scanned *t, int dfd, struct stat const *st, char const *name, scanned_warn_func *warn)
{
  size_t len = strlen(name) ;
  unsigned int n = 0 ;
  char gen[len + UINT_FMT + 1] ;
  if (!t->count) return ;
  if (!(*t->count)(dfd, name, &n)) { keep_generated(t, st) ; return ; }
  memcpy(gen, name, len) ;
  for (unsigned int k = 1 ; k <= n ; k++)
  {
    gen[len + uint_fmt(gen + len, k)] = 0 ;
    if (!seen_instance(t, st, gen, SCANNED_GENERATED) && warn) (*warn)(SCANNED_WARN_FULL, gen, ENOMEM) ;
  }
}

/* linked: is entry NAME (ST) of the directory open as DFD an instance
   link, T@I leading to the template T@ beside it? */
static int linked (int dfd, struct stat const *st, char const *name)
{
  struct stat tst ;
  size_t tlen = svinstance_split(name) ;
  if (!tlen) return 0 ;
  {
    char tname[tlen + 1] ;
    memcpy(tname, name, tlen) ;
    tname[tlen] = 0 ;
    if (fstatat(dfd, tname, &tst, 0) < 0) return 0 ;
  }
  return tst.st_dev == st->st_dev && tst.st_ino == st->st_ino ;
}

int scanned_dir (scanned *t, char const *dir, scanned_warn_func *warn)
{
  unsigned int n = scanned_n(t) ;
  DIR *d = opendir(dir) ;
  if (!d) return 0 ;
  for (unsigned int i = 0 ; i < n ; i++) scanned_at(t, i)->seen = 0 ;
  t->failnew.len = 0 ;
  for (;;)
  {
    struct dirent *de ;
    struct stat st ;
    char const *name ;
    int i ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    name = de->d_name ;
    if (name[0] == '.') continue ;  /* ., .. and disabled services */
    if (fstatat(dirfd(d), name, &st, 0) < 0)
    {
      int e = errno ;
      if (warn && !failed_has(&t->failed, name)) (*warn)(SCANNED_WARN_STAT, name, e) ;
      /* if this fails the name is only warned about again next time */
      stralloc_catb(&t->failnew, name, strlen(name) + 1) ;
      continue ;
    }
    if (!S_ISDIR(st.st_mode)) continue ;
    if (svinstance_template(name, strlen(name))) { templated(t, dirfd(d), &st, name, warn) ; continue ; }
    if (linked(dirfd(d), &st, name))
    {
      if (!seen_instance(t, &st, name, SCANNED_LINK) && warn) (*warn)(SCANNED_WARN_FULL, name, ENOMEM) ;
      continue ;
    }
    i = scanned_find(t, st.st_dev, st.st_ino) ;
    if (i >= 0) seen_entry(scanned_at(t, i), name) ;
    else if (!add_entry(t, &st, name, 0) && warn) (*warn)(SCANNED_WARN_FULL, name, ENOMEM) ;
  }
  if (errno)
  {
    /* a half-read directory must not make services look removed */
    dir_close(d) ;  /* keeps errno */
    for (unsigned int i = 0 ; i < scanned_n(t) ; i++) scanned_at(t, i)->seen = 1 ;
    return 0 ;
  }
  dir_close(d) ;
  {
    stralloc tmp = t->failed ;
    t->failed = t->failnew ;
    t->failnew = tmp ;
  }
  return 1 ;
}

int scanned_find (scanned const *t, dev_t dev, ino_t ino)
{
  unsigned int n = scanned_n(t) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry const *e = scanned_at(t, i) ;
    if (!e->removed && !e->instance && e->ino == ino && e->dev == dev) return (int)i ;
  }
  return -1 ;
}

int scanned_find_instance (scanned const *t, dev_t dev, ino_t ino, char const *name)
{
  unsigned int n = scanned_n(t) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    scanned_entry const *e = scanned_at(t, i) ;
    if (!e->removed && e->instance && e->ino == ino && e->dev == dev && !strcmp(e->name, name)) return (int)i ;
  }
  return -1 ;
}

int scanned_find_pid (scanned const *t, pid_t pid)
{
  unsigned int n = scanned_n(t) ;
  if (pid <= 0) return -1 ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (scanned_at(t, i)->pid == pid) return (int)i ;
  return -1 ;
}

void scanned_remove (scanned *t, unsigned int i)
{
  unsigned int n = scanned_n(t) ;
  if (i >= n) return ;
  alloc_free(scanned_at(t, i)->name) ;
  if (i != n - 1) *scanned_at(t, i) = *scanned_at(t, n - 1) ;
  genalloc_setlen(scanned_entry, &t->entries, n - 1) ;
}

/* byname: qsort order of two entries */
static int byname (void const *a, void const *b)
{
  return strcmp(((scanned_entry const *)a)->name, ((scanned_entry const *)b)->name) ;
}

void scanned_sort (scanned *t)
{
  if (scanned_n(t) > 1) qsort(scanned_at(t, 0), scanned_n(t), sizeof(scanned_entry), &byname) ;
}

void scanned_free (scanned *t)
{
  for (unsigned int i = 0 ; i < scanned_n(t) ; i++) alloc_free(scanned_at(t, i)->name) ;
  genalloc_free(scanned_entry, &t->entries) ;
  stralloc_free(&t->failed) ;
  stralloc_free(&t->failnew) ;
}

int scanned_fstype_local (unsigned long type)
{
  switch (type & 0xffffffffUL)
  {
    case 0xEF53UL :      /* ext2, ext3, ext4 */
    case 0x58465342UL :  /* xfs */
    case 0x9123683EUL :  /* btrfs */
    case 0x01021994UL :  /* tmpfs */
    case 0x858458F6UL :  /* ramfs */
    case 0x794C7630UL :  /* overlayfs: containers' root */
    case 0xF2F52010UL :  /* f2fs */
    case 0x52654973UL :  /* reiserfs */
    case 0x3153464AUL :  /* jfs */
    case 0x2FC12FC1UL :  /* zfs */
    case 0xCA451A4EUL :  /* bcachefs */
    case 0x73717368UL :  /* squashfs: read-only, nothing changes */
      return 1 ;
    default : return 0 ;
  }
}

int scanned_path_symlinked (char const *path)
{
  char buf[PATH_MAX] ;
  size_t len = strlen(path) ;
  struct stat st ;
  if (len >= sizeof(buf)) return (errno = ENAMETOOLONG, -1) ;
  memcpy(buf, path, len + 1) ;
  while (len > 1 && buf[len - 1] == '/') buf[--len] = 0 ;  /* "dir/" would follow the link */
  /* every prefix that ends a component: "a", "a/b", then the whole path */
  for (size_t i = 1 ; i <= len ; i++)
  {
    if (i < len && (buf[i] != '/' || buf[i - 1] == '/')) continue ;
    {
      char c = buf[i] ;
      buf[i] = 0 ;
      if (lstat(buf, &st) < 0) return -1 ;
      buf[i] = c ;
    }
    if (S_ISLNK(st.st_mode)) return 1 ;
  }
  return 0 ;
}
