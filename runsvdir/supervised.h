/* supervised.h - what runsvdir reads of a service's supervise/: its state
 * (how an essential run ended, whether it declares readiness and is ready)
 * and its status (whether it is wanted up). The service is DIR/NAME, as runsvdir started its runsv; its
 * supervise/ is found where runsv puts it (statedir.h): in the service dir,
 * else under $RUNSV_STATEDIR.
 */
#ifndef RUNSVDIR_SUPERVISED_H
#define RUNSVDIR_SUPERVISED_H

#include <sys/types.h>
#include "superstate.h"

/* supervised_read: DIR/NAME's supervise/state into *ST; 1, or 0 with errno */
extern int supervised_read (char const *dir, char const *name, superstate *st) ;
/* supervised_unready: is DIR/NAME, as its runsv says (supervise/status and
   state: runsv alone decides what a service declares), wanted up, declaring
   readiness and not ready, or not yet told about at all? */
extern int supervised_unready (char const *dir, char const *name) ;
/* supervised_logpid: the pid DIR/NAME's log/supervise/pid names (the logger
   its runsv last started), or 0 when there is none or it cannot be read
   (errno says why: EMFILE, ENOMEM... when that may pass) */
extern pid_t supervised_logpid (char const *dir, char const *name) ;

#endif
