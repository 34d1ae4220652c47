/* svlogd.h - what svlogd's source files share: the log directory, the
 * options, and the one place where svlogd waits besides its main loop. */
#ifndef SVLOGD_H
#define SVLOGD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <skalibs/tai.h>
#include "logname.h"
#include "svlogcfg.h"

#define SVLOGD_OUTSIZE 65536  /* per directory: bytes gathered before one write */

typedef struct logdir_s logdir ;
struct logdir_s
{
  char const *name ;        /* as given on the command line */
  int fd ;                  /* the directory; -1 while not in use */
  int fdlock ;
  int fdcur ;               /* current, opened O_APPEND */
  int fdudp ;               /* UDP socket, or -1 */
  uint64_t size ;           /* bytes in current, counting those still in out */
  uint64_t threshold ;      /* after a line, rotate once size reaches this (s - len) */
  svlogcfg cfg ;
  char *out ;               /* bytes for current not yet written */
  size_t outlen ;
  unsigned int pauses ;     /* failed attempts in a row (the first one is reported) */
  tain trotate ;            /* next check of the t timer */
  char sel ;                /* '+' if the line being written goes to this directory */
  pid_t ppid ;              /* running processor, or 0 */
  int pdone ;               /* it was reaped, with status pwstat, not yet handled */
  int pwstat ;
  char pname[LOGNAME_SIZE] ; /* the .u file being processed, or "" */
  tain prestart ;           /* when to run a failed processor again */
  unsigned int ptries ;     /* its failures so far */
} ;

/* svlogd.c */
extern unsigned int verbose ;
extern size_t linemax ;
extern logdir *dirs ;
extern unsigned int ndirs ;
/* svlogd_wait: sleep until DEADLINE or a signal, which is only recorded (or reaped) */
extern void svlogd_wait (tain const *deadline) ;

/* logdir.c */
/* logdir_open: locks the directory, reads config, opens current; 0 (warned) if unusable */
extern int logdir_open (logdir *d) ;
/* logdir_close: writes everything, waits for the processor, closes current cleanly (0744) */
extern void logdir_close (logdir *d) ;
/* logdir_put: appends bytes for current, rotating whenever it reaches the size limit */
extern void logdir_put (logdir *d, char const *s, size_t len) ;
/* logdir_endline: after a newline, rotates if current is within len bytes of the limit */
extern void logdir_endline (logdir *d) ;
/* logdir_flush: writes out what is gathered; on errors pauses and retries, never drops */
extern void logdir_flush (logdir *d) ;
/* logdir_rotate: current becomes @NOW.s (or .u for the processor); old files pruned */
extern void logdir_rotate (logdir *d) ;
/* logdir_pausing: reports WHAT failed with E (first time of a run only), then waits 3 s */
extern void logdir_pausing (logdir *d, char const *what, int e) ;

/* processor.c */
/* processor_start: runs the processor on d->pname */
extern void processor_start (logdir *d) ;
/* processor_reap: collects every dead child, marking its directory */
extern void processor_reap (void) ;
/* processor_step: books a finished processor's result; restarts a failed one when due */
extern void processor_step (logdir *d) ;
/* processor_wait: returns when d has no processor running and none to run again; with
   FINAL (closing), gives up on a processor that failed PROCESSOR_TRIES times */
#define PROCESSOR_TRIES 3
extern void processor_wait (logdir *d, int final) ;

#endif
