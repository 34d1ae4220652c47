/* backoff.h - runsv's restart policy: the pause before a restart after a
 * quick death (restart-delay, doubling up to restart-delay-max), what counts
 * as a quick death (restart-reset, readiness), and giving up (max-failures).
 * Pure arithmetic on monotonic times; runsv reads the knob files and keeps
 * one of these per service. With the defaults it is runit's throttle: a run
 * that lasted less than a second is restarted a second after its start. */
#ifndef SV_BACKOFF_H
#define SV_BACKOFF_H

#include <stdint.h>
#include <skalibs/tai.h>

#define BACKOFF_DELAY 1000  /* ms: restart-delay and restart-reset when absent */

typedef struct backoff_s backoff ;
struct backoff_s
{
  /* the knobs, set by whoever reads the files */
  uint32_t base ;      /* restart-delay, ms */
  uint32_t max ;       /* restart-delay-max, ms; at most base: no growth */
  uint32_t reset ;     /* restart-reset, ms */
  uint32_t maxfail ;   /* max-failures' N, 0: never give up */
  uint32_t window ;    /* ... and its SECONDS */
  /* what the deaths so far give */
  uint32_t delay ;     /* the pause after the next quick death, ms */
  uint32_t failures ;  /* quick deaths in the window (without max-failures: since the last run that lasted) */
  tain window_at ;     /* when the window opened: its first quick death */
  int failed ;         /* max-failures was reached: no restart until backoff_clear */
} ;
#define BACKOFF_ZERO { .base = BACKOFF_DELAY, .max = 0, .reset = BACKOFF_DELAY, .maxfail = 0, .window = 0, \
  .delay = BACKOFF_DELAY, .failures = 0, .window_at = TAIN_ZERO, .failed = 0 }

/* backoff_knobs: new knob values (read at a start); the current pause
   follows them, within the new bounds */
extern void backoff_knobs (backoff *r, uint32_t base, uint32_t max, uint32_t reset, uint32_t maxfail, uint32_t window) ;

/* backoff_ended: a run that started at STARTED ended at NOW, having been
   ready (READY) or not; *NEXT gets the earliest time of the next start.
   Returns 1 if it was a quick death (lasted less than reset, or never
   ready): counted, the pause grown, and perhaps given up (r->failed) */
extern int backoff_ended (backoff *r, tain const *started, tain const *now, int ready, tain *next) ;

/* backoff_stopped: a run that started at STARTED, that runsv itself
   stopped (sv restart, sv term, sv down, sv kill), ended at NOW, having
   been ready (READY) or not: no failure, so nothing is counted or grown,
   but two starts are still never closer than restart-delay (runit's
   throttle); *NEXT gets the earliest time of the next start */
extern void backoff_stopped (backoff *r, tain const *started, tain const *now, int ready, tain *next) ;

/* backoff_lasted: whether a run that started at STARTED and is READY has,
   at NOW, lasted long enough to end the failures; if so they are cleared */
extern int backoff_lasted (backoff *r, tain const *started, tain const *now, int ready) ;

/* backoff_lasts_at: *AT becomes the moment a run that started at STARTED
   will have lasted restart-reset */
extern void backoff_lasts_at (backoff const *r, tain const *started, tain *at) ;

/* backoff_clear: failures, pause and give-up back to the start (sv up after a give-up) */
extern void backoff_clear (backoff *r) ;

/* backoff_after: *AT becomes FROM + MS milliseconds, any uint32 (skalibs'
   tain_from_millisecs takes an int): every delay and timeout of runsv's */
extern void backoff_after (tain *at, tain const *from, uint32_t ms) ;

#endif
