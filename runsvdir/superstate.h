/* superstate.h - what runsvdir reads of a service's supervise/: its state
 * (how an essential run ended, whether it is ready) and whether it declares
 * readiness, and whether it is wanted up. The service is DIR/NAME, as runsvdir started its runsv; its
 * supervise/ is found where runsv puts it (statedir.h): in the service dir,
 * else under $RUNSV_STATEDIR.
 */
#ifndef RUNSVDIR_SUPERSTATE_H
#define RUNSVDIR_SUPERSTATE_H

#include <sys/types.h>
#include "svstate.h"

/* superstate_read: DIR/NAME's supervise/state into *ST; 1, or 0 with errno */
extern int superstate_read (char const *dir, char const *name, svstate *st) ;
/* superstate_declares: does DIR/NAME declare readiness (a notification-fd
   or notify-socket file)? */
extern int superstate_declares (char const *dir, char const *name) ;
/* superstate_wantsdown: does DIR/NAME's supervise/status say it is wanted
   down (a down file, sv down, an exit)? 0 when it cannot be read */
extern int superstate_wantsdown (char const *dir, char const *name) ;

/* superstate_logpid: the pid DIR/NAME's log/supervise/pid names (the logger
   its runsv last started), or 0 when there is none or it cannot be read
   (errno says why: EMFILE, ENOMEM... when that may pass) */
extern pid_t superstate_logpid (char const *dir, char const *name) ;

#endif
