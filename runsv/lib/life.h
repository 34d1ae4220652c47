/* life.h - the life of one supervised process, as a state machine: runsv's
 * service (./run, then ./finish) or its logger (log/run).
 *
 * Eight stages, sixteen events, one deadline whose meaning the stage
 * gives, and a table that says for every stage and event what happens
 * (life.c). A cell that cannot happen is reported (LIFE_BUG), never a
 * silent no-op. Nothing here makes a system call: spawning, signalling,
 * control/ scripts, the wall clock and whatever runsv does around an end
 * reach it through life_ops, so tests/unit drives it with a fake.
 *
 * What runsv's supervise/status says (pid, state, want, paused, got TERM,
 * the label) and its part of supervise/state (restarts, the last end, the
 * restart policy) are functions of a life: life_status, life_shown.
 */
#ifndef SV_LIFE_H
#define SV_LIFE_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <skalibs/tai.h>
#include "backoff.h"
#include "superstate.h"
#include "superstatus.h"

typedef enum life_stage_e life_stage ;
enum life_stage_e
{
  LIFE_DOWN,      /* nothing runs and nothing is due: wanted down (or to exit) */
  LIFE_PAUSE,     /* nothing runs; wanted, the start waits for the restart pause (deadline: the start) */
  LIFE_GAVEUP,    /* nothing runs: max-failures gave up, until u, o or t */
  LIFE_WAIT,      /* nothing runs; the run waits for what it needs, dependencies.d (deadline: timeout-up) */
  LIFE_UP,        /* the run runs (deadline: it will have lasted restart-reset, when failures are to end) */
  LIFE_STOPPING,  /* the run runs and was told to stop (deadline: timeout-kill's KILL) */
  LIFE_FINISH,    /* ./finish runs (deadline: timeout-finish's KILL) */
  LIFE_SWEEP,     /* run and finish are gone; what a kill-group run left is being stopped (the sweep keeps its own time) */
  LIFE_STAGES
} ;

typedef enum life_event_e life_event ;
enum life_event_e
{
  LIFE_EV_UP,        /* u */
  LIFE_EV_DOWN,      /* d */
  LIFE_EV_ONCE,      /* o */
  LIFE_EV_EXIT,      /* x (or SIGTERM to runsv): the service, never the logger */
  LIFE_EV_LAST,      /* the logger's pipe is closed: want exit, nothing stopped (it ends at end of file) */
  LIFE_EV_TERM,      /* t */
  LIFE_EV_PAUSE,     /* p */
  LIFE_EV_CONT,      /* c */
  LIFE_EV_SIGNAL,    /* k h a i q 1 2 (and h after r): a signal to the run, unless control/C handles it */
  LIFE_EV_ENDED,     /* the process of the stage (run or finish) ended, with a wait status */
  LIFE_EV_SWEPT,     /* the kill-group sweep found nothing left */
  LIFE_EV_READY,     /* the run became ready */
  LIFE_EV_DEADLINE,  /* the deadline has come */
  LIFE_EV_KICK,      /* start now if wanted, the pause waived (an exiting runsv's logger with bytes to read) */
  LIFE_EV_MET,       /* what the run needs is up and ready */
  LIFE_EV_UNHEALTHY, /* the liveness check failed check-failures times in a row: a restart that is a failure */
  LIFE_EVENTS
} ;

/* the want: what the operator asked for */
#define LIFE_WANT_UP 'u'
#define LIFE_WANT_DOWN 'd'
#define LIFE_WANT_ONCE 'o'  /* down, but one start (o): consumed by that start */
#define LIFE_WANT_EXIT 'x'

/* what life_ops.spawn reports */
#define LIFE_SPAWN_OK 0     /* it runs: *pid, *forked (monotonic) and *label (wall clock) are set */
#define LIFE_SPAWN_EXEC 1   /* it could not be executed (said by the op): an end with exit code 111, as under runit */
#define LIFE_SPAWN_FORK 2   /* fork failed (said by the op): tried again LIFE_FORK_RETRY later */
#define LIFE_FORK_RETRY 5   /* seconds, runit's */

/* what life_step returns */
#define LIFE_OK 0
#define LIFE_BUG (-1)       /* a cell that cannot happen: nothing was done */

typedef struct life_s life ;
typedef struct life_ops_s life_ops ;

/* the system around a life; CTX is life.ctx */
struct life_ops_s
{
  /* start the run (FINISH 0: ./run, having run control/u and read the
     knobs with life_knobs) or ./finish (with L->wstat); LIFE_SPAWN_* */
  int (*spawn) (life *l, int finish, pid_t *pid, tain *forked, tain *label) ;
  /* control/C exited 0, so it handled command C (never for a logger) */
  int (*custom) (life *l, char c) ;
  /* SIG to PID, or to its process group when GROUP (falling back to PID) */
  void (*signal) (life *l, pid_t pid, int sig, int group) ;
  /* ./finish can be opened for reading */
  int (*finish_exists) (life *l) ;
  /* a run ended with WSTAT (EXECUTED: it ran at all): its readiness, its
     output, and what it left (counted, or with kill-group swept) */
  void (*ended) (life *l, int wstat, int executed) ;
  /* a kill-group sweep is still stopping what the run left */
  int (*sweeping) (life *l) ;
  /* the run is ready (as readiness is declared, or at once without) */
  int (*ready) (life *l) ;
  /* an essential service's run ended for good (EXECUTED: it ran): runsv exits once down */
  void (*essential) (life *l, int wstat, int executed) ;
  /* max-failures gave up just now: said once */
  void (*gave_up) (life *l) ;
  /* the wall clock's label now, for the status; 0 if the clock failed */
  int (*label) (tain *label) ;
  /* what the run needs (dependencies.d) is up and ready, or it needs
     nothing (a logger never does); when not, *TIMEOUT gets timeout-up's
     milliseconds (0: wait as long as it takes) */
  int (*needs) (life *l, uint32_t *timeout) ;
  /* timeout-up's time came: the run starts without what it waited for (said once) */
  void (*waited_out) (life *l) ;
  /* the monotonic clock now: a deadline that counts from a signal or a
     spawn counts from after it, never from the event's now, which came
     before (timeout-kill's KILL never sooner than its time after the TERM) */
  void (*now) (tain *now) ;
} ;

/* the knobs read at each start of the run (life_knobs) */
typedef struct life_knobs_s life_knobs ;
struct life_knobs_s
{
  int downsig ;        /* down-signal: what a stop sends (TERM) */
  uint32_t tkill ;     /* timeout-kill, ms; 0: no KILL after a stop */
  uint32_t tfinish ;   /* timeout-finish, ms; 0: ./finish without a limit */
  int killgroup ;      /* kill-group: signals to the run's group */
  int essential ;      /* essential: 0, KNOBPARSE_ESSENTIAL or KNOBPARSE_ON_FAILURE */
} ;
#define LIFE_KNOBS_ZERO { .downsig = SIGTERM, .tkill = 0, .tfinish = 0, .killgroup = 0, .essential = 0 }

struct life_s
{
  life_stage stage ;
  char want ;            /* LIFE_WANT_* */
  int islog ;            /* the logger: no ./finish, no control/, no x, never essential */
  pid_t pid ;            /* the run's (UP, STOPPING) or finish's (FINISH); 0 in the other stages */
  tain deadline ;        /* tain_infinite_relative, or when the stage's deadline comes (monotonic) */
  unsigned char paused ; /* p was the last of p and c (runit's flag, in any stage) */
  unsigned char gotterm ;  /* the run was sent its stop signal (runit's got-TERM flag) */
  tain stamp ;           /* the status label: when the run started, or the service went down */
  tain run_at ;          /* monotonic: when the current (or last) run was forked */
  tain restart_at ;      /* monotonic: no run starts before this (the restart pause) */
  tain nextstart ;       /* that moment as a wall-clock label, for clients; zero: none waited for */
  backoff policy ;     /* restart-delay, restart-delay-max, restart-reset, max-failures */
  life_knobs knobs ;
  uint32_t restarts ;    /* runs started */
  int wstat ;            /* how the last run ended (./finish's arguments, supervise/state) */
  int ended ;            /* a run has ended since runsv started */
  int quick ;            /* ... and it was a quick death */
  int dirty ;            /* LIFE_DIRTY_*: the status changed and when it must be written */
  int scheduled ;        /* the clock starts the run (schedule): never restarted, no failures counted */
  tain tick ;            /* ... the clock's next start (monotonic); tain_infinite: none */
  int oncenow ;          /* o on a scheduled service: one start now, the schedule's want kept */
  int unhealthy ;        /* this run was stopped by its liveness check: its end is a failure */
  void *ctx ;            /* the caller's, for the ops */
} ;

/* how soon a changed status must be written */
#define LIFE_DIRTY_NONE 0
#define LIFE_DIRTY_NOW 1
#define LIFE_DIRTY_LAZY 2  /* a stop signal was sent: the end it announces may come within a moment */

/* life_init: a life at runsv's start, down since LABEL, wanted WANT ('u'
   or 'd'); a wanted one starts at the first LIFE_EV_DEADLINE, due at once
   (ZERO: a monotonic time in the past) */
extern void life_init (life *l, int islog, char want, tain const *zero, tain const *label, void *ctx) ;

/* life_step: event EV at NOW (monotonic), with C and SIG (LIFE_EV_SIGNAL:
   the command byte and its signal) or WSTAT (LIFE_EV_ENDED); LIFE_OK, or
   LIFE_BUG for a cell that cannot happen (nothing done) */
extern int life_step (life *l, life_ops const *ops, life_event ev, tain const *now, char c, int sig, int wstat) ;

/* life_set_knobs: the knobs and restart policy files read at a start (from the spawn op) */
extern void life_set_knobs (life *l, life_knobs const *k, uint32_t base, uint32_t max, uint32_t reset, uint32_t maxfail, uint32_t window) ;

/* life_status: what supervise/status says of L, LEFTPID being the pid a
   sweep shows (a leftover's) */
extern void life_status (life const *l, pid_t leftpid, superstatus *st) ;

/* life_shown: L's part of supervise/state into ST: restarts, the last end
   (SUPERSTATE_EXITED, SUPERSTATE_QUICK, lastwstat), and the restart policy
   (failures, window, SUPERSTATE_FAILED, the next start's label) */
extern void life_shown (life const *l, superstate *st) ;

/* life_schedule: the clock starts L's run (SCHEDULED), next at TICK
   (monotonic; tain_infinite: no tick known); a wanted run waiting for its
   start waits for the tick */
extern void life_schedule (life *l, int scheduled, tain const *tick) ;

/* life_running: the run runs (UP, STOPPING) */
extern int life_running (life const *l) ;

/* life_stage_name, life_event_name: for messages and tests */
extern char const *life_stage_name (life_stage s) ;
extern char const *life_event_name (life_event e) ;

#endif
