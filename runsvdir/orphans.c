/* orphans.c - the processes a dead runsv's session still holds (see orphans.h). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/direntry.h>
#include "orphans.h"
#include "procids.h"

#define GROUPS_MAX 64  /* distinct process groups signalled once each; more are signalled per process */

/* ids: the process group and session of process PID (decimal); 1, or 0
   if it is gone, unreadable, or a zombie (which holds nothing and is
   reaped by its parent) */
static int ids (char const *pid, pid_t *pgrp, pid_t *session)
{
  char pstate ;
  return procids_read(pid, &pstate, pgrp, session) && pstate != 'Z' ;
}

pid_t orphans_pgrp (pid_t pid, pid_t sid)
{
  char s[PID_FMT] ;
  pid_t pgrp, session ;
  s[pid_fmt(s, pid)] = 0 ;
  return pid > 0 && ids(s, &pgrp, &session) && session == sid ? pgrp : 0 ;
}

int orphans_signal (pid_t sid, pid_t spare, int sig)
{
  pid_t groups[GROUPS_MAX] ;
  unsigned int ngroups = 0 ;
  int count = 0 ;
  pid_t self = getpid() ;
  DIR *d = opendir("/proc") ;
  if (!d) return -1 ;
  for (;;)
  {
    struct dirent *de ;
    pid_t pgrp, session ;
    uint64_t pid ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[uint640_scan(de->d_name, &pid)] || !pid || (pid_t)pid == self) continue ;
    if (!ids(de->d_name, &pgrp, &session) || session != sid) continue ;
    count++ ;
    if (!sig || (spare && pgrp == spare)) continue ;
    {
      unsigned int j = 0 ;
      while (j < ngroups && groups[j] != pgrp) j++ ;
      if (j < ngroups) continue ;
      if (ngroups < GROUPS_MAX) groups[ngroups++] = pgrp ;
      if (kill(-pgrp, sig) < 0 || j == GROUPS_MAX) kill((pid_t)pid, sig) ;
      kill(-pgrp, SIGCONT) ;
      kill((pid_t)pid, SIGCONT) ;
    }
  }
  dir_close(d) ;
  return count ;
}
