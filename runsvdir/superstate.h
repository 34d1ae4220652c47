/* superstate.h - what runsvdir reads of a service's supervise/: its state
 * (how an essential run ended, whether it declares readiness and is ready)
 * and its status (whether it is wanted up). The service is DIR/NAME, as runsvdir started its runsv; its
 * supervise/ is found where runsv puts it (statedir.h): in the service dir,
 * else under $RUNSV_STATEDIR.
 */
#ifndef RUNSVDIR_SUPERSTATE_H
#define RUNSVDIR_SUPERSTATE_H

#include <sys/types.h>
#include "svstate.h"

/* superstate_read: DIR/NAME's supervise/state into *ST; 1, or 0 with errno */
extern int superstate_read (char const *dir, char const *name, svstate *st) ;
/* superstate_unready: is DIR/NAME, as its runsv says (supervise/status and
   state: runsv alone decides what a service declares), wanted up, declaring
   readiness and not ready, or not yet told about at all? */
extern int superstate_unready (char const *dir, char const *name) ;
/* superstate_logpid: the pid DIR/NAME's log/supervise/pid names (the logger
   its runsv last started), or 0 when there is none or it cannot be read
   (errno says why: EMFILE, ENOMEM... when that may pass) */
extern pid_t superstate_logpid (char const *dir, char const *name) ;

#endif
