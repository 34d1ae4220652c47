/* tasks.h - runsvdir -i INITDIR: the init tasks that run before any service.
 *
 * Every executable regular file of INITDIR whose name does not start with
 * a dot is a task; they run one at a time, in the byte order of their
 * names, each in a process group of its own, with runsvdir's stdin, stdout
 * and stderr (so their output is in docker logs), or, with RUNSVDIR_PREFIX
 * (runsvdir -p), through pipes (linepump.h) whose lines runsvdir writes
 * prefixed with the task's name, as runsv does for a service. A task may add variables
 * for the tasks after it and for every service: it writes NAME=VALUE lines
 * to the file $RUNSVDIR_ENV names (taskenv.h), which runsvdir reads when
 * the task has succeeded and puts into its own environment, that every
 * runsv it starts inherits. The caller runs the loop; this module lists,
 * starts and reads.
 */
#ifndef RUNSVDIR_TASKS_H
#define RUNSVDIR_TASKS_H

#include <sys/types.h>
#include <skalibs/stralloc.h>
#include "linepump.h"

/* tasks_list: the tasks of INITDIR into NAMES (each NUL-terminated, in
   order); their count. A file that is not executable is warned about and
   skipped; dies 111 if INITDIR cannot be read */
extern unsigned int tasks_list (char const *initdir, stralloc *names) ;

/* tasks_start: runs INITDIR/NAME with RUNSVDIR_ENV naming a new empty file,
   whose path goes into ENVFILE; its pid, or 0 (said why, ENVFILE freed).
   With RUNSVDIR_PREFIX, OUT[0] (and OUT[1], stderr apart) are opened: the
   caller polls their read ends (linepump_read) and ends them with
   tasks_pumps_end when the task is reaped */
extern pid_t tasks_start (char const *initdir, char const *name, stralloc *envfile, linepump *out) ;

/* tasks_pumps_end: the task is reaped: what OUT[0] and OUT[1] still hold
   goes on, a last line gets its newline, the pipes close (what a child the
   task left behind writes later is lost: EPIPE) */
extern void tasks_pumps_end (linepump *out) ;

/* tasks_env: the task NAME succeeded: its ENVFILE's variables go into our
   environment and the file is removed; 1, or 0 (said why: a line that is
   not NAME=VALUE, or the file is unreadable) */
extern int tasks_env (char const *name, stralloc *envfile) ;

/* tasks_forget: the task failed: its ENVFILE is removed */
extern void tasks_forget (stralloc *envfile) ;

#endif
