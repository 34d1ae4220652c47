/* orphans.h - what a runsv that died without stopping its service left behind.
 *
 * With -P and in graceful mode (PID 1, -g) each runsv leads its own session, so the
 * processes it started (./run and its children, ./finish, the logger) are
 * the session's members and outlive it when it is SIGKILLed. Its next runsv
 * would start the service a second time beside them, and its logger would
 * find the log directory locked by the old one. runsvdir ends them first:
 * TERM and CONT to every process group of the session but the logger's,
 * which then reads to the end of its pipe (every writer gone) and exits by
 * itself, so nothing written is lost; the next runsv starts once the
 * session is empty (orphans_count polled), and what is left after
 * ORPHANS_KILL_MS gets SIGKILL.
 */
#ifndef RUNSVDIR_ORPHANS_H
#define RUNSVDIR_ORPHANS_H

#include <sys/types.h>

#define ORPHANS_KILL_MS 5000  /* how long the TERMed orphans get before SIGKILL */
#define ORPHANS_POLL_MS 20    /* how often the session is looked at meanwhile */

/* orphans_signal: the number of processes in session SID (that is, left by
   the runsv that was SID); with SIG, SIG and then SIGCONT go to each of
   their process groups other than SPARE (0: none spared); -1 with errno
   when /proc cannot be read (ENOENT: there is none; EMFILE...: try again) */
extern int orphans_signal (pid_t sid, pid_t spare, int sig) ;

/* orphans_pgrp: the process group of PID if it is in session SID, else 0 */
extern pid_t orphans_pgrp (pid_t pid, pid_t sid) ;

#endif
