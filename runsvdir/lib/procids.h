/* procids.h - a process's state, process group and session, from /proc/PID/stat.
 *
 * runsvdir's shutdown (the sessions of runsvs killed at the deadline)
 * and its cleanup after a killed runsv (orphans.c) both need to know which
 * processes are in a session. /proc/PID/stat is "pid (comm) state ppid pgrp
 * session ..."; comm may hold spaces and parentheses, so the fields are
 * counted from the last ')'.
 */
#ifndef RUNSVDIR_PROCIDS_H
#define RUNSVDIR_PROCIDS_H

#include <stddef.h>
#include <sys/types.h>

/* procids_parse: the LEN bytes of a /proc/PID/stat (NUL-terminated at
   LEN) into *STATE, *PGRP and *SESSION; 1, or 0 if they are not such a line */
extern int procids_parse (char const *buf, size_t len, char *pstate, pid_t *pgrp, pid_t *session) ;

/* procids_read: the same for the process PID (decimal); 1, or 0 if it is
   gone or unreadable */
extern int procids_read (char const *pid, char *pstate, pid_t *pgrp, pid_t *session) ;

#endif
