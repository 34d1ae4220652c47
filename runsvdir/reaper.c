/* reaper.c - the one wait loop of runsvdir (see reaper.h). */
#include <skalibs/djbunix.h>
#include "reaper.h"

void reaper_collect (reaper_func *f, void *ctx)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) break ;
    if (!(*f)(pid, wstat, ctx)) break ;
  }
}
