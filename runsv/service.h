/* service.h - runsv's records: one per supervised process (the service, its
 * logger), and one for runsv itself, which holds both.
 *
 * A supervised process's life (state, want, pid, the one deadline, the
 * restart policy) is its life.h machine; the rest of the record is what
 * the machine's system around it needs: the supervise/ files, readiness,
 * the kill-group sweep, and what was last written, so that only changes
 * are written. Each fact lives in one field.
 */
#ifndef RUNSV_SERVICE_H
#define RUNSV_SERVICE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <skalibs/tai.h>
#include "cronspec.h"
#include "life.h"
#include "sdnotify.h"
#include "linepump.h"
#include "outbuf.h"
#include "superstate.h"
#include "superstatus.h"

typedef struct supervisor_s supervisor ;

/* what the run declared and said about its readiness (readiness.c) */
typedef struct readiness_s readiness ;
struct readiness_s
{
  unsigned char flags ;  /* SUPERSTATE_DECLARES, SUPERSTATE_READY */
  tain readystamp ;      /* when READY last changed (wall clock) */
  uint16_t textlen ;     /* the last STATUS= of the notify socket */
  char text[SUPERSTATE_TEXTMAX] ;
  int fdnote ;           /* read end of this run's notification-fd pipe, -1 if none */
  unsigned int notelines ;  /* newlines read from it during this run */
  int fdsock ;           /* the notify socket, -1 if none */
  char sockname[SDNOTIFY_NAMEMAX] ;  /* NOTIFY_SOCKET's value */
  int foreignwarned ;    /* a datagram from outside the run was warned about during this run */
} ;

/* what a run left behind (sweep.c): counted always, stopped with kill-group */
typedef struct leftovers_s leftovers ;
struct leftovers_s
{
  uint32_t count ;       /* still running */
  pid_t shown ;          /* the lowest of them, the pid the status shows during a sweep */
  int sweeping ;         /* a kill-group sweep runs: they got TERM */
  int killing ;          /* ... and their time is up: KILL to each, and to each that comes back */
  tain kill_at ;         /* monotonic: when their time is up */
} ;

/* what the run needs (needs.c): dependencies.d, waited for before each start */
typedef struct needs_s needs ;
struct needs_s
{
  int fd ;               /* inotify on the supervise/ of each service waited for, -1 if none */
  int polling ;          /* one of them has no supervise/ yet: looked at again at poll_at */
  tain poll_at ;         /* monotonic */
  int warned ;           /* this wait's warnings (missing, cycle) were said */
  uint16_t waitlen ;     /* the names waited for, each ended by a newline (supervise/state) */
  char waiting[SUPERSTATE_WAITMAX] ;
} ;

/* the liveness check (liveness.c): ./check on a clock while the run is up */
typedef struct liveness_s liveness ;
struct liveness_s
{
  uint32_t interval ;    /* check-interval, ms; 0: no check (read at each start of the run) */
  uint32_t timeout ;     /* check-timeout, ms (the interval when absent) */
  uint32_t limit ;       /* check-failures: failures in a row that restart the run */
  pid_t pid ;            /* the running check, 0 if none */
  int timedout ;         /* ... it was killed at its timeout */
  tain due ;             /* monotonic: the next check; tain_infinite: none armed */
  tain kill_at ;         /* monotonic: the running check's timeout */
  uint32_t failures ;    /* in a row, this run */
  unsigned char last ;   /* SUPERSTATE_CHECK_* */
  tain at ;              /* label of the last check's end; zero: none */
  tain shown_at ;        /* ... as supervise/state says it: a pass like the last one moves it at most every LIVENESS_SHOWN_MS */
  tain shown_mono ;      /* monotonic: when shown_at last moved */
} ;

/* the schedule (schedule.c): the clock starts the run */
typedef struct schedule_s schedule ;
struct schedule_s
{
  unsigned char flags ;  /* SUPERSTATE_SCHED_*; 0: no schedule file */
  cronspec spec ;
  uint16_t linelen ;     /* the file's line, for clients */
  char line[SUPERSTATE_SPECMAX] ;
  tain tick ;            /* monotonic: the next tick; tain_infinite: none */
  int64_t tickwall ;     /* ... a cron tick's wall-clock time (seconds since the Epoch) */
  int64_t lastwall ;     /* the last tick's: a clock stepped back never runs it twice */
  tain nextlabel ;       /* the next tick as a label, for clients; zero: none */
  uint32_t runs ;        /* runs started */
  uint32_t skipped ;     /* ticks that came while a run still ran */
} ;

/* what supervise/ holds, as last written (supervise.c) */
typedef struct written_s written ;
struct written_s
{
  char stat[SUPERSTATUS_STAT_FMT] ;
  size_t statlen ;       /* 0: never written */
  uint32_t pid ;         /* what supervise/pid says ((uint32_t)-1: never written) */
  char state[SUPERSTATE_SIZE] ;
  size_t statelen ;      /* 0: never written */
  int statusfail ;       /* the last write of status failed (warned once, then retried) */
  int statefail ;        /* the same for state */
  tain retry_at ;        /* monotonic: a failed write is tried again by then, events or not */
  tain flush_at ;        /* monotonic: a lazy status is written by then (zero: none pending) */
} ;

typedef struct service_s service ;
struct service_s
{
  life life ;            /* the state machine; life.ctx is this record */
  supervisor *sup ;      /* the runsv this belongs to */
  char const *super ;    /* "supervise", "log/supervise", or under RUNSV_STATEDIR */
  int fdcontrol ;        /* read end of supervise/control, -1 if none */
  int fdcontrolw ;       /* our own writer, so the FIFO never reports EOF */
  int fdok ;             /* supervise/ok, held open: "a runsv is here" */
  int reloadsig ;        /* reload-signal: what sv reload (r then h) sends, HUP by default */
  int reloading ;        /* the last control byte was r: an h after it is sv reload */
  int selected_down ;    /* RUNSV_DOWN=1 at runsv's start (the service, never its logger): SUPERSTATE_SELECTED_DOWN */
  pid_t pgrp_run ;       /* the process group of the last run (its pid), 0 if none */
  pid_t pgrp_finish ;    /* the same for the last ./finish */
  pid_t pgrp_termed ;    /* the run group an exit's stop already sent TERM, 0 if none */
  readiness ready ;
  needs need ;
  liveness check ;
  schedule sched ;
  leftovers left ;
  written wr ;
} ;

/* runsv's own phase: serving, then the steps of its exit */
#define SUPERVISOR_SERVING 0   /* commands obeyed */
#define SUPERVISOR_EXITING 1   /* x, SIGTERM or an essential end: u, d, o ignored; waits for the service to be down */
#define SUPERVISOR_DRAINING 2  /* the service is down and its groups told: the log pipe closed, the logger ends */

struct supervisor_s
{
  service svc[2] ;       /* the service, then its logger */
  int haslog ;
  int logpipe[2] ;       /* the log pipe runsv holds; -1 once closed */
  linepump out ;           /* prefixed output (RUNSVDIR_PREFIX, no log/): the service's stdout */
  linepump err ;           /* ... and stderr, with RUNSVDIR_PREFIX_STDERR=1 */
  outbuf keep ;          /* log-buffer: the stdout lines kept for sv tail (outbuf.h) */
  pid_t self ;           /* runsv's pid, whose children the kernel lists */
  int phase ;            /* SUPERVISOR_* */
  int essential ;        /* an essential run ended for good: runsv exits SUPERSTATE_RUNSV_ESSENTIAL */
} ;

#endif
