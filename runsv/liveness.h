/* liveness.h - check-interval, check-timeout, check-failures: runsv runs
 * ./check (as sv check runs it: the service dir, runsv's environment, its
 * output to the service's) every check-interval ms while the run is up, and
 * ready when it declares readiness. A check that exits non-zero, is killed,
 * or still runs at check-timeout (then killed, its group too) is a failure;
 * check-failures failures in a row (default 3) restart the run, as a
 * failure. Two checks of one service never overlap, and runsv never waits
 * for one: the check is a child like any other, its end a SIGCHLD. */
#ifndef RUNSV_LIVENESS_H
#define RUNSV_LIVENESS_H

#include <sys/types.h>
#include <skalibs/tai.h>
#include "service.h"

#define LIVENESS_FAILURES 3
/* supervise/state is a file made anew (and renamed) at each change: a pass
   after a pass moves its last check's label at most this often, so a check
   a second costs no file a second (a result that changes is written at once) */
#define LIVENESS_SHOWN_MS 10000

/* liveness_init: no check known, none running */
extern void liveness_init (service *s) ;

/* liveness_knobs: the knob files, read at each start of the run; the
   failures in a row start again */
extern void liveness_knobs (service *s) ;

/* liveness_tick: at NOW, start a check that is due, kill one whose time is
   up, stop checking a run that is not up (or not ready); lowers *DEADLINE
   to the next moment it has to act */
extern void liveness_tick (service *s, tain const *now, tain *deadline) ;

/* liveness_reaped: PID ended with WSTAT at NOW (monotonic); 0 if it was not
   S's check, 1 if it was, 2 if it was and its failure makes check-failures
   in a row (said once) */
extern int liveness_reaped (service *s, pid_t pid, int wstat, tain const *now) ;

/* liveness_shown: the check's part of supervise/state */
extern void liveness_shown (service const *s, superstate *st) ;

#endif
