/* stop.h - runsvdir's graceful stop (PID 1, or -g): signal, deadline, kill, sweep, report.
 *
 * The caller owns the table of services and passes it in; stop.c keeps only
 * the state of the stop itself. Once the stop has begun, stop_step reaps
 * every child (the caller reaps only before that).
 */
#ifndef RUNSVDIR_STOP_H
#define RUNSVDIR_STOP_H

#include <stdint.h>
#include <skalibs/tai.h>
#include "svscan.h"

/* stop_init: the grace time in milliseconds; PID1: we are the init of our
   PID namespace, so the stop also sweeps every other process in it */
extern void stop_init (uint32_t grace_ms, int pid1) ;
/* stop_begun: has the graceful stop begun? */
extern int stop_begun (void) ;
/* stop_begin: SIGTERM/SIGINT (code 0) or SIGHUP (111): tell every runsv of T to exit */
extern void stop_begin (svscan *t, int code) ;
/* stop_hurry: a second SIGTERM/SIGINT: do not wait for the deadlines */
extern void stop_hurry (void) ;
/* stop_step: reap, and advance the stop; 1 when everything is done, else lowers *d */
extern int stop_step (svscan *t, tain *d) ;
/* stop_report: one line per service on stderr; returns the exit code */
extern int stop_report (svscan *t) ;

#endif
