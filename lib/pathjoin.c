/* pathjoin.c - see pathjoin.h */
#include <errno.h>
#include <string.h>
#include "pathjoin.h"

int path_join (char *buf, size_t max, char const *dir, char const *name)
{
  size_t dlen = dir ? strlen(dir) : 0, nlen = strlen(name) ;
  if (dlen + nlen + 2 > max) return (errno = ENAMETOOLONG, 0) ;
  if (dlen)
  {
    memcpy(buf, dir, dlen) ;
    if (dir[dlen - 1] != '/') buf[dlen++] = '/' ;
  }
  memcpy(buf + dlen, name, nlen + 1) ;
  return 1 ;
}

size_t path_joinsize (char const *dir, char const *name)
{
  size_t n = (dir ? strlen(dir) : 0) + strlen(name) + 2 ;
  return n > PATH_JOIN_MAX ? 1 : n ;
}
