/* logwait.h - where svlogd waits: trapped signals, recorded until taken,
 * and the 3-second pause after a failed write. The bottom of svlogd's
 * files: it calls none of theirs. */
#ifndef SVLOGD_LOGWAIT_H
#define SVLOGD_LOGWAIT_H

#include <skalibs/tai.h>

/* what logwait_pending returns: the signals received and not yet taken */
#define LOGWAIT_TERM 1
#define LOGWAIT_HUP 2
#define LOGWAIT_ALRM 4
#define LOGWAIT_CHLD 8

/* logwait_init: traps TERM, HUP, ALRM, CHLD (VERBOSE: each is reported); the selfpipe fd, or dies */
extern int logwait_init (unsigned int verbose) ;
/* logwait_handle: records what the selfpipe holds (call when its fd is readable) */
extern void logwait_handle (void) ;
/* logwait_pending: the LOGWAIT_* bits received and not taken */
extern unsigned int logwait_pending (void) ;
/* logwait_take: 1 if one of WHAT was received; forgets them */
extern int logwait_take (unsigned int what) ;
/* logwait_until: sleeps until DEADLINE or a signal, which is only recorded */
extern void logwait_until (tain const *deadline) ;
/* logwait_pause: reports WHAT failed on directory NAME with E (the first of
   a run of *PAUSES only, then once a minute), then waits 3 s, signals recorded */
extern void logwait_pause (char const *name, unsigned int *pauses, char const *what, int e) ;

#endif
