/* sweep.c - a run's leftovers, and kill-group's sweep of them (see sweep.h).
 *
 * Linux: the children list of /proc (leftover). */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include "leftover.h"
#include "sweep.h"

void sweep_group (pid_t pgrp, int sig)
{
  if (pgrp <= 0 || kill(pgrp, 0) == 0 || errno != ESRCH) return ;
  kill(-pgrp, sig) ;
}

/* leftovers_of: runsv's children that are neither service's current
   process, S's by process group (the logger's group is the logger's, the
   rest the service's), into PIDS (LEFTOVER_MAX); how many */
static unsigned int leftovers_of (service const *s, pid_t *pids)
{
  supervisor const *sp = s->sup ;
  service const *lg = &sp->svc[1] ;
  pid_t all[LEFTOVER_MAX] ;
  int n = leftover_children(sp->self, all, LEFTOVER_MAX) ;
  unsigned int k = 0 ;
  if (n > LEFTOVER_MAX) n = LEFTOVER_MAX ;
  for (int i = 0 ; i < n ; i++)
  {
    pid_t p = all[i] ;
    int logs ;
    if (sp->svc[0].life.pid == p || (sp->haslog && lg->life.pid == p)) continue ;
    logs = sp->haslog && lg->pgrp_run && getpgid(p) == lg->pgrp_run ;
    if (logs == s->life.islog) pids[k++] = p ;
  }
  return k ;
}

/* count: K leftovers in PIDS are S's now; the lowest is the one a sweep's status shows */
static void count (service *s, pid_t const *pids, unsigned int k)
{
  pid_t low = 0 ;
  for (unsigned int i = 0 ; i < k ; i++) if (!low || pids[i] < low) low = pids[i] ;
  if (low != s->left.shown && s->life.stage == LIFE_SWEEP) s->life.dirty = LIFE_DIRTY_NOW ;
  s->left.count = k ;
  s->left.shown = low ;
}

void sweep_start (service *s, uint32_t tkill)
{
  pid_t pids[LEFTOVER_MAX] ;
  unsigned int k = leftovers_of(s, pids) ;
  count(s, pids, k) ;
  /* one TERM each: a process still in the run's group gets the group's
     (or had the exit's), never its own as well (a second TERM reruns a
     shell's trap) */
  if (s->pgrp_termed != s->pgrp_run) sweep_group(s->pgrp_run, SIGTERM) ;
  s->pgrp_termed = s->pgrp_run ;
  for (unsigned int i = 0 ; i < k ; i++)
    if (!s->pgrp_run || getpgid(pids[i]) != s->pgrp_run) kill(pids[i], SIGTERM) ;
  sweep_group(s->pgrp_run, SIGCONT) ;
  for (unsigned int i = 0 ; i < k ; i++) kill(pids[i], SIGCONT) ;
  if (!k) return ;
  s->left.sweeping = 1 ;
  s->left.killing = 0 ;
  /* their time counts from the TERMs, not from this wake-up: the /proc
     read and a getpgid per leftover came between (31 ms once, under load) */
  tain_now_g() ;
  {
    tain d ;
    uint32_t ms = tkill ? tkill : SWEEP_MS ;
    tai_uint(tain_secp(&d), ms / 1000) ;
    d.nano = (ms % 1000) * 1000000u ;
    tain_add_g(&s->left.kill_at, &d) ;
  }
}

int sweep_update (service *s)
{
  pid_t pids[LEFTOVER_MAX] ;
  unsigned int k = leftovers_of(s, pids) ;
  count(s, pids, k) ;
  if (!s->left.sweeping) return 0 ;
  if (!k) { s->left.sweeping = s->left.killing = 0 ; return 1 ; }
  if (!s->left.killing) return 0 ;
  sweep_group(s->pgrp_run, SIGKILL) ;
  for (unsigned int i = 0 ; i < k ; i++) kill(pids[i], SIGKILL) ;
  return 0 ;
}

int sweep_deadline (service *s, tain const *now, tain *deadline)
{
  if (!s->left.sweeping || s->left.killing) return 0 ;
  if (tain_less(now, &s->left.kill_at))
  {
    if (tain_less(&s->left.kill_at, deadline)) *deadline = s->left.kill_at ;
    return 0 ;
  }
  s->left.killing = 1 ;
  return sweep_update(s) ;
}
