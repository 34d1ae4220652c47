/* needs.h - what a service's run needs (dependencies.d, s6-rc's form: one
 * file per service of the same scan directory, named after its directory):
 * each must be up, and ready when it declares readiness, before ./run
 * starts; timeout-up (ms) bounds the wait. A dependency that does not
 * exist, or that leads back to this service (a cycle), is one warning and
 * is not waited for. While runsv waits, inotify on each one's supervise/
 * wakes it (or, for one with no supervise/ yet, a look every NEEDS_POLL_MS). */
#ifndef RUNSV_NEEDS_H
#define RUNSV_NEEDS_H

#include <stdint.h>
#include <skalibs/tai.h>
#include "service.h"

#define NEEDS_POLL_MS 20

/* needs_init: nothing waited for, nothing watched */
extern void needs_init (service *s) ;

/* needs_met: is what S's run needs up and ready (or does it need nothing)?
   If not, S->need names what it waits for, watched, and *TIMEOUT gets
   timeout-up's milliseconds (0: as long as it takes) */
extern int needs_met (service *s, uint32_t *timeout) ;

/* needs_waited_out: timeout-up's time came: one warning naming what was not there */
extern void needs_waited_out (service *s) ;

/* needs_done: the wait is over: nothing watched any more */
extern void needs_done (service *s) ;

/* needs_due: while S waits, 1 if what it waits for may have changed (its
   watch fd readable per READABLE, or the poll due at NOW); otherwise
   *DEADLINE lowered to the next poll */
extern int needs_due (service *s, int readable, tain const *now, tain *deadline) ;

#endif
