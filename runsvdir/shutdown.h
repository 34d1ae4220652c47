/* shutdown.h - runsvdir's shutdown (PID 1, or -g): signal, deadline, kill, the strays, report.
 *
 * The shutdown is the container's end: every runsv is told to exit (and so
 * to stop its service, which is runit's stop, done by runsv), each once the
 * services that need its service are down. The caller
 * owns the table of services and passes it in; shutdown.c keeps only the
 * state of the shutdown itself. Once the shutdown has begun, shutdown_step
 * reaps every child, with reaper.c's reaper_collect (the caller collects
 * with it only before that).
 */
#ifndef RUNSVDIR_SHUTDOWN_H
#define RUNSVDIR_SHUTDOWN_H

#include <sys/types.h>
#include <stdint.h>
#include <skalibs/tai.h>
#include "scanned.h"

/* shutdown_init: the grace time in milliseconds; PID1: we are the init of
   our PID namespace, so the shutdown also ends every other process in it */
extern void shutdown_init (uint32_t grace_ms, int pid1) ;
/* shutdown_begun: has the shutdown begun? */
extern int shutdown_begun (void) ;
/* shutdown_child: PID (0: none) is the foreground child, the main command or
   the init task running, named NAME in the report: the shutdown sends it its
   signal, waits for it, and kills its process group at the deadline */
extern void shutdown_child (pid_t pid, char const *name) ;
/* shutdown_begin: read what each service of T (in scan directory DIR) needs,
   tell every runsv that nothing holds to exit (the others when the services
   that need theirs are down), and send the foreground child FGSIG (and
   CONT). A signal (WHY 0) shuts down with CODE (0 for SIGTERM and SIGINT,
   111 for SIGHUP), or 2 if something had to be killed; a cause (WHY: "web
   exited 3") is said at once and in the report, and its CODE is the exit
   code even then */
extern void shutdown_begin (scanned *t, char const *dir, int code, char const *why, int fgsig) ;
/* shutdown_hurry: a second SIGTERM/SIGINT: do not wait for the deadlines */
extern void shutdown_hurry (void) ;
/* shutdown_step: reap, and advance the shutdown; 1 when everything is done, else lowers *d */
extern int shutdown_step (scanned *t, tain *d) ;
/* shutdown_report: one line per service of T (in scan directory DIR, whose
   supervise/state says how each service's last run ended) on stderr, in
   the order they stopped; returns the exit code */
extern int shutdown_report (scanned *t, char const *dir) ;

#endif
