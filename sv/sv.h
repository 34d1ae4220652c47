/* sv.h - the types sv's files share: the run as a whole (sv_ctx) and one
 * service being waited for (sv_service). sv.c fills them in; svwait.c and
 * svio.c take them as arguments. */
#ifndef SV_SV_H
#define SV_SV_H

#include <stdint.h>
#include <sys/types.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include "svcmd.h"
#include "superstatus.h"

/* the run as a whole */
typedef struct sv_ctx_s sv_ctx ;
struct sv_ctx_s
{
  svcmd cmd ;              /* what was asked */
  int lsb ;                /* run under another name: init-script exit codes */
  int bootwait ;           /* -w given (and waiting): a runsv still starting is waited for */
  unsigned long wait ;     /* seconds to wait (-w, $SVWAIT, 7) */
  char const *svdir ;      /* $SVDIR or /etc/service/ */
  char const *statedir ;   /* $RUNSV_STATEDIR, 0 if unset (read once: statedir.h) */
  int curdir ;             /* the directory sv started in */
  int away ;               /* sv has left it (svio_chdir): a relative name needs curdir again */
  int svdirfd ;            /* $SVDIR, opened at the first plain name; -1: not yet, -2: chdir each time */
  tain t0 ;                /* when sv started, as a runit label (for t, k, o) */
  tain deadline ;          /* when waiting ends, on the stopwatch (STAMP) */
  unsigned int checksecs ; /* how long a ./check may run, when not up to the deadline
                              (health without -w, whose deadline is now); 0: the deadline */
  unsigned int errors ;    /* failed services: the exit code */
  int verbose ;            /* -v given (health prints its healthy services) */
  char const *base ;       /* the dir holding the current service's supervise/: 0 for the
                              current dir, else DIR/NAME (or DIR/NAME/log) under
                              $RUNSV_STATEDIR (statedir.h); set by svio_place */
  stralloc basesa ;        /* what base points into */
} ;

/* one service being waited for */
#define SV_SEND 0  /* no runsv seen yet (-w): the command is still to be written */
#define SV_WAIT 1  /* written (or nothing to write): waiting for its effect */
#define SV_DONE 2
typedef struct sv_service_s sv_service ;
struct sv_service_s
{
  char const *name ;       /* as typed: every message names it so */
  unsigned char phase ;
  unsigned char looked ;   /* svwait has looked at it once */
  unsigned char seen ;     /* a runsv was seen serving it */
  unsigned char alive ;    /* ... at the last look */
  unsigned char checkfail ;/* the last look failed only because ./check did */
  unsigned char unwatched ;/* inotify cannot tell us about it: look now and then */
  unsigned char unread ;   /* runsv may not have acted on our bytes yet */
  unsigned char rewrites ; /* ... and when it does, it rewrites supervise/status */
  unsigned char failing ;  /* found failing while runsv wants it up (down, or a run after a
                              quick death): a run must outlast the throttle */
  unsigned char stateflags ; /* supervise/state's flags at the last look (0: no such file) */
  unsigned char schedflags ; /* ... the schedule's (SUPERSTATE_SCHED_*) */
  unsigned char clock ;    /* the last look found it unhealthy by the clock (svcmd_clock's verdict) */
  uint32_t checkfails ;    /* ... the liveness check's failures in a row */
  unsigned char settling ; /* ... and one does not yet: look again at settle */
  unsigned char dirty ;    /* an event came for it: look at it */
  unsigned char ticks ;    /* why it needs looks without events (svwait.c's TICK_*) */
  char before[SUPERSTATUS_SIZE] ; /* supervise/status as read before our bytes were written */
  ino_t beforeino ;        /* ... and its inode (runsv renames a new file over it) */
  int err ;                /* why no runsv was found, while waiting for one */
  int wdir ;               /* inotify watch of the service dir, or -1 */
  int wsup ;               /* inotify watch of supervise/, or -1 */
  tain settle ;            /* on the stopwatch: when its run has outlasted runsv's throttle */
} ;

#endif
