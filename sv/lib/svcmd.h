/* svcmd.h - sv's commands: which control bytes each one writes, and when
 * the state it asks for has been reached.
 *
 * sv looks at the first letter of a command only, except for the LSB words
 * (start, stop, restart, ...) and check, which are matched whole. Each
 * command writes some bytes to supervise/control and may then wait until
 * supervise/status shows their effect; the condition letters below say what
 * "done" means (runit 2.1.2's rules, with 2.3.0's fixed "check").
 */
#ifndef SV_SVCMD_H
#define SV_SVCMD_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>
#include "superstatus.h"

#define SVCMD_WAIT_V 1  /* waits only when asked to (-v or -w) */
#define SVCMD_WAIT 2    /* always waits (start, stop, restart, check, ...) */

typedef struct svcmd_s svcmd ;
struct svcmd_s
{
  char send[4] ;         /* control bytes to write, NUL-terminated; "" for status and check */
  char want[4] ;         /* condition letters that must all be reached (see svcmd_reached) */
  unsigned char wait ;   /* 0 (status: never), SVCMD_WAIT_V or SVCMD_WAIT */
  unsigned char kill ;   /* force-* and X E D T: on timeout say "kill:" and send k */
  unsigned char status ; /* the status command */
  unsigned char ready ;  /* it waits for a run to be up (u C t k H): readiness and ./check decide */
  unsigned char health ; /* the health command: its own lines and exit codes */
  unsigned char tail ;   /* the tail command: the service's last lines (tail.h) */
} ;

/* svcmd_parse: the command WORD names; lsb is set when sv runs under another
   name (an init script), where only the exact word "status" means status.
   1, or 0 when WORD is no command (a usage error) */
extern int svcmd_parse (char const *word, int lsb, svcmd *c) ;

#define SVCMD_NO 0       /* not yet */
#define SVCMD_YES 1      /* reached */
#define SVCMD_IFCHECK 2  /* reached if the service's ./check script succeeds */

/* svcmd_reached: is condition letter C met by status ST (read while runsv
   runs)? t0 is when sv started, as a runit label: t and k want a process
   started since then, o one started or ended since then. runit compared
   whole seconds, which its 420 ms naps hid; a look at once would take a
   start in sv's own second for the new one, so we compare the full label.
   'x' is never met while runsv runs: the caller sees runsv gone. */
extern int svcmd_reached (char c, superstatus const *st, tain const *t0) ;

/* svcmd_shows: does supervise/status show what the condition letters in
   WANT wait for (not so for the bare signals h a i q 1 2, nor for x, seen
   by runsv going away)? */
extern int svcmd_shows (char const *want) ;

/* svcmd_failing: runsv wants the service of ST up, and either no process
   runs (its last run failed and runsv pauses before the next, or it cannot
   be started at all) or the run follows one that died within its first
   second (STATEFLAGS, supervise/state's, has SUPERSTATE_QUICK): a crash loop
   caught in one of its moments of "run". A service down because runsv
   waits for what it needs (SUPERSTATE_WAITING) is not failing, unless its
   last run died quick too: a first run has no throttle to outlast */
extern int svcmd_failing (superstatus const *st, unsigned char stateflags) ;

/* runsv pauses 1 s before restarting a run that lasted less than this */
#define SVCMD_SETTLE_MS 1000
/* svcmd_settled: has the run in ST lasted SVCMD_SETTLE_MS at NOW (a runit
   label)? For a service found failing, a run counts as up only then, so a
   crash loop is not reported up for the moment each restart runs. 1 yes;
   0 no, and LEFT says how long it still has to last */
extern int svcmd_settled (superstatus const *st, tain const *now, tain *left) ;

/* svcmd_skip: nothing needs writing, because runsv already wants what SEND
   asks: "u" while want is up, "d" while want is down and TERM was sent */
extern int svcmd_skip (char const *send, superstatus const *st) ;

/* svcmd_revives: SEND must be written although svcmd_skip says not: a "u"
   to a runsv that gave up restarting (STATEFLAGS has SUPERSTATE_FAILED, after
   max-failures), which the u clears */
extern int svcmd_revives (char const *send, unsigned char stateflags) ;

/* svcmd_unhealthy: why a service wanted up is not healthy in ST (with
   supervise/state's STATEFLAGS): "down, want up", "finish, want up",
   "restarting, want up" (SETTLING: a crash loop's run, younger than the
   throttle), "not ready" (not declared ready, or CHECKFAIL: ./check failed) */
extern char const *svcmd_unhealthy (superstatus const *st, unsigned char stateflags, int settling, int checkfail) ;

/* svcmd_scheduled: does the schedule (supervise/state's SCHEDFLAGS,
   SUPERSTATE_SCHED_*) meet condition C in ST, whatever the rules above
   say? Between runs a scheduled service is down with want up, and only
   the clock starts it: so for a service with a schedule, wanted up, u and
   C are met at once (want up is the schedule on; no run is waited for);
   t and k, and H when the schedule is valid, are met while no ./run runs
   (a run in progress is judged as any run). 1 yes, 0 ask svcmd_reached */
extern int svcmd_scheduled (char c, superstatus const *st, unsigned char schedflags) ;

#define SVCMD_CLOCK_BAD 1    /* wanted up with a schedule that is not valid: unhealthy, whatever else */
#define SVCMD_CLOCK_CHECK 2  /* wanted up with failed liveness checks: unhealthy if nothing else is */
/* svcmd_clock: what the clock (supervise/state's SCHEDFLAGS and CHECKFAILS,
   the liveness check's failures in a row) says of the health of ST:
   SVCMD_CLOCK_BAD, SVCMD_CLOCK_CHECK, or 0; a service wanted down is as
   healthy as ever */
extern int svcmd_clock (superstatus const *st, unsigned char schedflags, uint32_t checkfails) ;
/* longest reason: "check failed 4294967295 times" */
#define SVCMD_CLOCKWHY_FMT 40
/* svcmd_clockwhy: health's reason for verdict V of svcmd_clock, "schedule
   not valid" or "check failed N times", into S (SVCMD_CLOCKWHY_FMT bytes,
   NUL-terminated); returns its length, 0 (S empty) for no verdict */
extern size_t svcmd_clockwhy (char *s, int v, uint32_t checkfails) ;

#endif
