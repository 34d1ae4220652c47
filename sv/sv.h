/* sv.h - what sv.c (commands, output) and svwait.c (waiting) share. */
#ifndef SV_SV_H
#define SV_SV_H

#include <sys/types.h>
#include <skalibs/gccattributes.h>
#include <skalibs/tai.h>
#include "svcmd.h"
#include "svstatus.h"

/* the run as a whole */
typedef struct sv_ctx_s sv_ctx ;
struct sv_ctx_s
{
  svcmd cmd ;              /* what was asked */
  int lsb ;                /* run under another name: init-script exit codes */
  int bootwait ;           /* -w given (and waiting): a runsv still starting is waited for */
  unsigned long wait ;     /* seconds to wait (-w, $SVWAIT, 7) */
  char const *svdir ;      /* $SVDIR or /etc/service/ */
  int curdir ;             /* the directory sv started in */
  int svdirfd ;            /* $SVDIR, opened at the first plain name; -1: not yet, -2: chdir each time */
  tain t0 ;                /* when sv started, as a runit label (for t, k, o) */
  tain deadline ;          /* when waiting ends, on the stopwatch (STAMP) */
  unsigned int errors ;    /* failed services: the exit code */
} ;
extern sv_ctx sv ;

/* one service being waited for */
#define SVC_SEND 0  /* no runsv seen yet (-w): the command is still to be written */
#define SVC_WAIT 1  /* written (or nothing to write): waiting for its effect */
#define SVC_DONE 2
typedef struct svc_s svc ;
struct svc_s
{
  char const *name ;       /* as typed: every message names it so */
  unsigned char phase ;
  unsigned char seen ;     /* a runsv was seen serving it */
  unsigned char alive ;    /* ... at the last look */
  unsigned char checkfail ;/* the last look failed only because ./check did */
  unsigned char unwatched ;/* inotify cannot tell us about it: look now and then */
  unsigned char unread ;   /* runsv may not have acted on our bytes yet */
  unsigned char rewrites ; /* ... and when it does, it rewrites supervise/status */
  char before[SVSTATUS_SIZE] ; /* supervise/status as read before our bytes were written */
  ino_t beforeino ;        /* ... and its inode (runsv renames a new file over it) */
  int err ;                /* why no runsv was found, while waiting for one */
  int wdir ;               /* inotify watch of the service dir, or -1 */
  int wsup ;               /* inotify watch of supervise/, or -1 */
} ;

/* sv.c */
/* svc_enter: chdir into service NAME as runit resolves it, from sv's own
   directory or $SVDIR, so no way back is needed (inwait: the wait
   loop's rule, which ignores a trailing slash); 1, or 0 after "fail:" */
extern int svc_enter (char const *name, int inwait) ;
/* svc_absent: reports a missing runsv as runit does: r is svcontrol_alive's
   0 (ENXIO) or -1 (errno); "ok:" for the exit commands, else "fail:"/"warning:" */
extern void svc_absent (char const *name, int r) ;
/* svc_read: reads supervise/status of the current dir (of NAME, or of its
   log when SUB is "log") into ST, and when RAW is not 0 its bytes into RAW
   and its inode into *INO; 1, or 0 after "warning:" */
extern int svc_read (char const *name, char const *sub, svstatus *st, char *raw, ino_t *ino) ;
/* svc_sent: notes in P what svc_send's result R means for waiting (P->before
   must hold the status read just before) */
extern void svc_sent (svc *p, int r) ;
/* svc_send: writes BYTES to supervise/control unless runsv already wants
   them; 2 written, 1 nothing to write, 0 failed (reported) */
extern int svc_send (char const *name, char const *bytes, svstatus const *st) ;
/* svc_line: writes PREFIX and the status line of the current dir (no newline); 0 if
   ./down could not be looked at, else 1 for a process, 2 for none */
extern int svc_line (char const *prefix, char const *name, svstatus const *st) ;
/* svc_endline: ends the line on stdout and flushes it */
extern void svc_endline (void) ;
/* sv_fatal: "fatal: WHAT: ERR", exit 100 (151 as an init script) */
extern void sv_fatal (char const *what) gccattr_noreturn ;

/* svwait.c */
/* svwait: waits until every service in S is done or the deadline passes */
extern void svwait (svc *s, unsigned int n) ;

#endif
