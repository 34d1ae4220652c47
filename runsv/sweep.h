/* sweep.h - what a run left behind: runsv's children that are none of its
 * services' current processes, counted when a run ends and when one of them
 * ends; with kill-group, stopped before the service is down (TERM and CONT,
 * then KILL after timeout-kill, or SWEEP_MS). */
#ifndef RUNSV_SWEEP_H
#define RUNSV_SWEEP_H

#include <sys/types.h>
#include <skalibs/tai.h>
#include "service.h"

/* how long leftovers have after their TERM without timeout-kill */
#define SWEEP_MS 2000

/* sweep_group: SIG to the process group PGRP led by a process of ours that
   has been reaped; skipped if a process PGRP exists again (its pid was
   reused: the kernel reuses no pid while a group of that number has members) */
extern void sweep_group (pid_t pgrp, int sig) ;

/* sweep_start: S's run ended with kill-group: its group and its leftovers
   get TERM (once each) and CONT, and KILL TKILL ms after the TERMs
   (SWEEP_MS if 0) */
extern void sweep_start (service *s, uint32_t tkill) ;

/* sweep_update: S's leftovers counted again; during a sweep, KILL to each
   once their time is up; 1 if the sweep just found none left */
extern int sweep_update (service *s) ;

/* sweep_deadline: a sweep's time is up by now (NOW): KILL from then on (1 if
   the sweep just ended); otherwise *DEADLINE lowered to that time */
extern int sweep_deadline (service *s, tain const *now, tain *deadline) ;

#endif
