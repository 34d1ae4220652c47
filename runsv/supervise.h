/* supervise.h - the supervise/ directory of a service (or of its logger):
 * made (through a symlink, or under RUNSV_STATEDIR), locked, its FIFOs
 * opened, and its files written: status, stat and pid (runit's), state
 * (ours), each a function of the service's record, each written only when
 * what it says changed. */
#ifndef RUNSV_SUPERVISE_H
#define RUNSV_SUPERVISE_H

#include <skalibs/tai.h>
#include "service.h"

/* supervise_place: S's supervise/ goes under $RUNSV_STATEDIR when the
   service dir has none of its own (statedir.h), its parents made; DIR is
   the service dir as runsv was given it */
extern void supervise_place (service *s, char const *dir) ;

/* supervise_lock: make SUPER (through a symlink, BASE the directory holding
   it) and take supervise/lock (blocking for the logger), or die */
extern void supervise_lock (char const *super, char const *base, int blocking) ;

/* supervise_fifo: mkfifo SUPER/NAME (kept if present) and open its read end, or die */
extern int supervise_fifo (char const *super, char const *name) ;

/* supervise_control: S's control FIFO, both ends (the write end keeps it from EOF) */
extern void supervise_control (service *s) ;

/* supervise_write: S's state, then its status, stat and pid, as far as they changed */
extern void supervise_write (service *s) ;

/* supervise_write_due: what of S cannot wait is written at NOW; *DEADLINE
   lowered to when a lazy status or a failed write's retry is due */
extern void supervise_write_due (service *s, tain const *now, tain *deadline) ;

#endif
