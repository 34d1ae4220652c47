/* reaper.h - runsvdir's one reaper: the only place it waits for a child.
 *
 * runsvdir's children are its runsv's, the init tasks and the main command,
 * and, as PID 1 (or a child subreaper, -s), every orphan of its namespace
 * too. Whoever is in charge hands reaper_collect a handler: runsvdir.c's
 * before the shutdown (a runsv to restart, a task or the main command that
 * ended), shutdown.c's once it has begun (an end for the report). This file
 * knows neither: it only collects, and says what it collected.
 */
#ifndef RUNSVDIR_REAPER_H
#define RUNSVDIR_REAPER_H

#include <sys/types.h>

/* reaper_func: child PID ended as WSTAT says; CTX is the caller's. 1 to
   collect on, 0 to leave the zombies left for a later reaper_collect */
typedef int reaper_func (pid_t pid, int wstat, void *ctx) ;

/* reaper_collect: collects every child that has ended, without blocking,
   and hands each to F with CTX, until none is left or F returns 0 */
extern void reaper_collect (reaper_func *f, void *ctx) ;

#endif
