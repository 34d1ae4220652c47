/* leftover.h - what a service left behind: runsv's children that are not its
 * own runs. runsv is a child subreaper (Linux PR_SET_CHILD_SUBREAPER), so
 * whatever a service starts and abandons (a daemon that double-forks or
 * calls setsid, a helper of a run script) becomes runsv's child when its
 * parent ends; the kernel lists them in /proc/PID/task/PID/children. */
#ifndef SV_LEFTOVER_H
#define SV_LEFTOVER_H

#include <stddef.h>
#include <sys/types.h>

#define LEFTOVER_MAX 64  /* pids kept per reading; more are counted, not kept */

/* leftover_parse: the space-separated decimal pids in LEN bytes of S; the
   first MAX into PIDS; returns how many there were (may exceed MAX).
   A number that is no pid (0, or too big for pid_t) is skipped */
extern unsigned int leftover_parse (char const *s, size_t len, pid_t *pids, unsigned int max) ;

/* leftover_subreaper: makes the caller a child subreaper; 1, or 0 with errno
   (ENOSYS where the system has no such thing) */
extern int leftover_subreaper (void) ;

/* leftover_children: the children of process SELF (single-threaded), as
   leftover_parse; -1 with errno if the kernel cannot tell (EXDEV: /proc
   belongs to another PID namespace, whose pids are not the caller's) */
extern int leftover_children (pid_t self, pid_t *pids, unsigned int max) ;

#endif
