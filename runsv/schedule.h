/* schedule.h - the schedule file: the clock starts the run. A five-field
 * cron expression (in TZ's zone; UTC when TZ is unset or empty), @hourly,
 * @daily, @weekly, @monthly (and cron's other @ names), or @every SECONDS
 * (on the monotonic clock). A scheduled service is never restarted: at each
 * tick runsv starts ./run if it is wanted up (the schedule on) and nothing
 * of it runs; a tick that finds a run still going is skipped and counted.
 * The tick is one more deadline of runsv's loop: no polling. A cron tick is
 * checked against the wall clock when it comes (a clock stepped back waits
 * for it again, never runs it twice). */
#ifndef RUNSV_SCHEDULE_H
#define RUNSV_SCHEDULE_H

#include <skalibs/tai.h>
#include "service.h"

/* schedule_read: S's schedule file, read (at runsv's start, and at each u)
   and parsed; a bad one is one warning, and the clock then starts nothing;
   the first tick is armed from NOW */
extern void schedule_read (service *s, tain const *now) ;

/* schedule_due: has S's tick come at NOW? Lowers *DEADLINE to it when not */
extern int schedule_due (service *s, tain const *now, tain *deadline) ;

/* schedule_ticked: the tick came: SKIPPED (a run still went on) counted,
   and the next one armed */
extern void schedule_ticked (service *s, tain const *now, int skipped) ;

/* schedule_shown: the schedule's part of supervise/state */
extern void schedule_shown (service const *s, superstate *st) ;

#endif
