/* runsvdir.h - what the parts of runsvdir share.
 *
 * runsvdir.c  options, the main loop, scanning, starting and reaping runsv's
 * watch.c     when to scan: inotify on DIR, the 5-second fallback, SIGALRM
 * stop.c      the graceful stop (PID 1 or -g): deadline, kill, sweep, report
 * proctitle.c the LOG argument: stderr shown in runsvdir's own argv
 */
#ifndef RUNSVDIR_H
#define RUNSVDIR_H

#include <stdint.h>
#include <skalibs/tai.h>
#include "svscan.h"

/* exit codes (runsvdir.8, EXIT STATUS) */
#define RUNSVDIR_EXIT_USAGE 1     /* runit's usage code */
#define RUNSVDIR_EXIT_KILLED 2    /* the graceful stop had to SIGKILL something */
#define RUNSVDIR_EXIT_BADINPUT 100
#define RUNSVDIR_EXIT_HUP 111     /* runit's code for SIGHUP */
#define RUNSVDIR_EXIT_SYS 111

extern char const *dir ;   /* the scan directory, as given */
extern svscan table ;      /* its services and their runsv's */
extern int pid1 ;          /* we are PID 1 of our PID namespace: reap and sweep everything */

/* runsvdir.c */
/* reap: collect every dead child; runsv's are restarted (or accounted for, when stopping) */
extern void reap (void) ;

/* watch.c */
/* watch_init: inotify, if the kernel offers it; the first check is due at once */
extern void watch_init (void) ;
/* watch_fd: the inotify fd to wait on, or -1 */
extern int watch_fd (void) ;
/* watch_event: inotify said something changed in DIR (or about DIR) */
extern void watch_event (void) ;
/* watch_force: SIGALRM, scan now whatever DIR looks like */
extern void watch_force (void) ;
/* watch_due: look at DIR if a check is due; 1 when a scan should run now */
extern int watch_due (void) ;
/* watch_scanned: a scan ran (ok) or could not read DIR (!ok) */
extern void watch_scanned (int ok) ;
/* watch_deadline: lowers *d to when DIR must be looked at next */
extern void watch_deadline (tain *d) ;
/* watch_close: no more scanning (the graceful stop) */
extern void watch_close (void) ;

/* stop.c */
/* stop_init: the grace time in milliseconds */
extern void stop_init (uint32_t grace_ms) ;
/* stop_begin: SIGTERM/SIGINT (code 0) or SIGHUP (111): tell every runsv to exit */
extern void stop_begin (int code) ;
/* stop_hurry: a second SIGTERM/SIGINT: do not wait for the deadline */
extern void stop_hurry (void) ;
/* stopping: has the graceful stop begun? */
extern int stopping (void) ;
/* stop_step: advance the stop; 1 when everything is done, else lowers *d */
extern int stop_step (tain *d) ;
/* stop_report: one line per service on stderr; returns the exit code */
extern int stop_report (void) ;

/* proctitle.c */
/* proctitle_init: LOG (0 if none): stderr becomes a pipe shown in LOG's argv memory */
extern void proctitle_init (char *log) ;
/* proctitle_fd: the pipe to read, or -1 */
extern int proctitle_fd (void) ;
/* proctitle_read: shift what arrived into the argv window */
extern void proctitle_read (void) ;
/* proctitle_tick: writes the 15-minute dot when due; lowers *d to the next one */
extern void proctitle_tick (tain *d) ;

#endif
