/* dependencies.c - each service's dependencies.d, read into the shutdown's order (see dependencies.h). */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/genalloc.h>
#include "errword.h"
#include "namequote.h"
#include "pathjoin.h"
#include "dependencies.h"
#include "svinstance.h"

/* named: the live instance entry named NAME (svinstance.h), or -1: a
   generated one exists nowhere on disk, a link's (device, inode) is its template's */
static int named (scanned const *t, char const *name)
{
  if (!svinstance_split(name)) return -1 ;
  for (unsigned int k = 0 ; k < scanned_n(t) ; k++)
  {
    scanned_entry const *e = scanned_at(t, k) ;
    if (e->instance && !e->removed && !strcmp(e->name, name)) return (int)k ;
  }
  return -1 ;
}

/* needs_of: the edges "service I needs J" for every J that I's
   dependencies.d names (I's entry is NAME in DIR) appended to EDGES; 1, or
   0 out of memory. A directory that is not there is no dependency; one
   that cannot be read is said */
static int needs_of (scanned const *t, char const *dir, unsigned int i, genalloc *edges)
{
  char sub[4096], path[4096] ;
  char const *name = scanned_at(t, i)->name ;
  size_t tlen = scanned_at(t, i)->instance ? svinstance_split(name) : strlen(name) ;
  DIR *d ;
  /* an instance's are its template's: the entry T@ of T@I */
  if (tlen >= sizeof(path)) return 1 ;
  memcpy(path, name, tlen) ;
  path[tlen] = 0 ;
  if (!path_join(sub, sizeof(sub), dir, path) || !path_join(path, sizeof(path), sub, "dependencies.d")) return 1 ;
  d = opendir(path) ;
  if (!d)
  {
    if (errno != ENOENT && errno != ENOTDIR) errword_warnsys("unable to read ", namequote_show(name), "/dependencies.d") ;
    return 1 ;
  }
  for (;;)
  {
    struct dirent *de ;
    struct stat st ;
    stoporder_edge e ;
    int j ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.') continue ;  /* ., .. and what is set aside, as in the scan */
    j = named(t, de->d_name) ;
    /* as the scan follows an entry: where it leads, a directory */
    if (j < 0 && (!path_join(path, sizeof(path), dir, de->d_name) || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))) continue ;
    if (j < 0) j = scanned_find(t, st.st_dev, st.st_ino) ;
    if (j < 0) continue ;  /* no such service: runsv said so */
    e.from = i ;
    e.to = (unsigned int)j ;
    if (!genalloc_append(stoporder_edge, edges, &e)) { dir_close(d) ; return 0 ; }
  }
  if (errno) errword_warnsys("unable to read ", namequote_show(name), "/dependencies.d") ;
  dir_close(d) ;
  return 1 ;
}

int dependencies_read (scanned const *t, char const *dir, stoporder *o)
{
  genalloc edges = GENALLOC_ZERO ;
  unsigned int n = scanned_n(t) ;
  int r = 1 ;
  for (unsigned int i = 0 ; i < n && r ; i++)
    if (!scanned_at(t, i)->removed) r = needs_of(t, dir, i, &edges) ;
  r = r && stoporder_make(o, n, genalloc_s(stoporder_edge, &edges), (unsigned int)genalloc_len(stoporder_edge, &edges)) ;
  if (!r) stoporder_free(o) ;
  genalloc_free(stoporder_edge, &edges) ;
  return r ;
}
