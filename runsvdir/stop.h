/* stop.h - runsvdir's graceful stop (PID 1, or -g): signal, deadline, kill, sweep, report.
 *
 * The caller owns the table of services and passes it in; stop.c keeps only
 * the state of the stop itself. Once the stop has begun, stop_step reaps
 * every child (the caller reaps only before that).
 */
#ifndef RUNSVDIR_STOP_H
#define RUNSVDIR_STOP_H

#include <sys/types.h>
#include <stdint.h>
#include <skalibs/tai.h>
#include "svscan.h"

/* stop_init: the grace time in milliseconds; PID1: we are the init of our
   PID namespace, so the stop also sweeps every other process in it */
extern void stop_init (uint32_t grace_ms, int pid1) ;
/* stop_begun: has the graceful stop begun? */
extern int stop_begun (void) ;
/* stop_child: PID (0: none) is the foreground child, the main command or
   the init task running, named NAME in the report: a stop sends it its
   signal, waits for it, and kills its process group at the deadline */
extern void stop_child (pid_t pid, char const *name) ;
/* stop_begin: tell every runsv of T to exit, and send the foreground child
   FGSIG (and CONT). A signal (WHY 0) stops with CODE (0 for SIGTERM and
   SIGINT, 111 for SIGHUP), or 2 if something had to be killed; a cause
   (WHY: "web exited 3") is said at once and in the report, and its CODE is
   the exit code even then */
extern void stop_begin (svscan *t, int code, char const *why, int fgsig) ;
/* stop_hurry: a second SIGTERM/SIGINT: do not wait for the deadlines */
extern void stop_hurry (void) ;
/* stop_step: reap, and advance the stop; 1 when everything is done, else lowers *d */
extern int stop_step (svscan *t, tain *d) ;
/* stop_report: one line per service of T (in scan directory DIR, whose
   supervise/state says how each service's last run ended) on stderr;
   returns the exit code */
extern int stop_report (svscan *t, char const *dir) ;

#endif
