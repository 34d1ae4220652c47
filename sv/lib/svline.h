/* svline.h - the status line sv prints: "run: NAME: (pid 123) 45s, want down".
 *
 * The line is STATE NAME ": " REST, where STATE is "run: ", "down: ",
 * "finish: " (nothing for an unknown state byte, as runit) and REST the
 * pid, the age in seconds and the flags, in runit 2.1.2's order. Scripts
 * parse these lines, so the text is runit's to the byte; what runit's
 * line cannot say (the services a run waits for) comes after it, whole.
 */
#ifndef SV_SVLINE_H
#define SV_SVLINE_H

#include <stddef.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include "superstatus.h"

/* longest REST: "(pid 4294967295) " + 20 digits + "s" + every flag */
#define SVLINE_FMT 96

/* svline_state: "run: ", "down: ", "finish: ", or "" for a state byte runit does not know */
extern char const *svline_state (superstatus const *st) ;
/* svline_fmt: writes REST into s (SVLINE_FMT bytes, not NUL-terminated) and
   returns its length. normallyup: 1 no down file, 0 a down file, -1 unknown
   (no "normally" flag). now: the current runit label; the age is floored at 0. */
extern size_t svline_fmt (char *s, superstatus const *st, int normallyup, tain const *now) ;

/* svline_maywait: may the service of ST be waiting for the services it
   needs (dependencies.d)? Only down (no process) and wanted up: only then
   is supervise/state's wait looked at, so a state newer than the status
   (it is written first) never puts a wait on a run */
extern int svline_maywait (superstatus const *st) ;
/* svline_waiting: appends to SA "waiting for A, B" from supervise/state's
   WAITING (LEN bytes: names each ended by a newline, the last one's
   possibly missing), each name escaped as namequote.h shows names (a byte
   of a name cannot begin a line of its own), empty names left out;
   "waiting" when no name is left. 1, or 0 with errno (ENOMEM) */
extern int svline_waiting (stralloc *sa, char const *waiting, size_t len) ;

/* longest "next run in " + 20 digits + "s" */
#define SVLINE_NEXT_FMT 40
/* svline_nextrun: "next run in 25s" into S (SVLINE_NEXT_FMT bytes, not
   NUL-terminated), the whole seconds, rounded up, from runit label NOW to
   label NEXT, the run a schedule's clock starts next (supervise/state's
   sched_next); returns its length, 0 when NEXT is zero (none) or not in
   the future */
extern size_t svline_nextrun (char *s, tain const *next, tain const *now) ;

#endif
