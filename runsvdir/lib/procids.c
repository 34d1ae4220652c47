/* procids.c - a process's state letter, process group and session (see procids.h). */
#include <string.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include "procids.h"

int procids_parse (char const *buf, size_t len, char *pstate, pid_t *pgrp, pid_t *session)
{
  char const *p = memchr(buf, 0, len) ? 0 : buf ;
  uint64_t v[2] ;
  if (!p) return 0 ;  /* a NUL inside: not a stat line */
  p = strrchr(buf, ')') ;
  if (!p || p[1] != ' ' || !p[2]) return 0 ;
  p += 2 ;
  *pstate = *p ;
  for (int field = 0 ; field < 2 ; field++)  /* the state letter, ppid */
  {
    p = strchr(p, ' ') ;
    if (!p) return 0 ;
    p++ ;
  }
  for (int i = 0 ; i < 2 ; i++)
  {
    size_t n = uint64_scan(p, &v[i]) ;
    if (!n || p[n] != ' ' || v[i] > 0x7fffffff) return 0 ;
    p += n + 1 ;
  }
  *pgrp = (pid_t)v[0] ;
  *session = (pid_t)v[1] ;
  return 1 ;
}

int procids_read (char const *pid, char *pstate, pid_t *pgrp, pid_t *session)
{
  char path[32] = "/proc/" ;
  char buf[512] ;
  size_t plen = strlen(pid) ;
  ssize_t r ;
  if (plen > sizeof(path) - 12) return 0 ;
  memcpy(path + 6, pid, plen) ;
  memcpy(path + 6 + plen, "/stat", 6) ;
  r = openreadnclose(path, buf, sizeof(buf) - 1) ;
  if (r <= 0) return 0 ;
  buf[r] = 0 ;
  return procids_parse(buf, (size_t)r, pstate, pgrp, session) ;
}
