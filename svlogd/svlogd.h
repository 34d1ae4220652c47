/* svlogd.h - what svlogd's source files share: the log directory.
 *
 * The files form a tree: svlogd.c (main, the lines) calls logdir.c (one
 * directory), which calls processor.c (its "!processor"); both wait in
 * logwait.c (signals, pauses) at the bottom. No file calls one above it:
 * what a helper needs comes in the logdir it is given. */
#ifndef SVLOGD_H
#define SVLOGD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <skalibs/tai.h>
#include "logname.h"
#include "logcfg.h"

#define SVLOGD_OUTSIZE 65536  /* per directory: bytes gathered before one write */

typedef struct logdir_s logdir ;
struct logdir_s
{
  char const *name ;        /* as given on the command line */
  unsigned int verbose ;    /* -v */
  size_t linemax ;          /* -l */
  int fd ;                  /* the directory; -1 while not in use */
  int fdlock ;
  int fdcur ;               /* current, opened O_APPEND */
  int fdudp ;               /* UDP socket, or -1 */
  uint64_t size ;           /* bytes in current, counting those still in out */
  uint64_t threshold ;      /* after a line, rotate once size reaches this (s - len) */
  logcfg cfg ;
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
  int pscan ;               /* look for .u files left pending, after pafter */
  char pafter[LOGNAME_SIZE] ; /* "" (from the oldest) or the last one given up */
} ;

/* logdir.c */
/* logdir_open: locks the directory, reads config, sets aside an unclean current,
   completes the .u files left over if no processor will, opens current;
   0 (warned) if unusable */
extern int logdir_open (logdir *d) ;
/* logdir_close: writes everything, waits for the processor (with HURRY, does
   not run a failed one again), closes current cleanly (0744) */
extern void logdir_close (logdir *d, int hurry) ;
/* logdir_put: appends bytes for current, rotating whenever it reaches the size limit */
extern void logdir_put (logdir *d, char const *s, size_t len) ;
/* logdir_endline: after a newline, rotates if current is within len bytes of the limit */
extern void logdir_endline (logdir *d) ;
/* logdir_flush: writes out what is gathered; on errors pauses and retries, never drops */
extern void logdir_flush (logdir *d) ;
/* logdir_rotate: current becomes @NOW.s (or .u for the processor); old files pruned */
extern void logdir_rotate (logdir *d) ;

/* processor.c */
#define PROCESSOR_TRIES 3  /* runs of a failing processor on one file before it is given up */
/* processor_start: runs the processor on d->pname */
extern void processor_start (logdir *d) ;
/* processor_reap: collects every dead child, marking the directory of each of N whose it was */
extern void processor_reap (logdir *dirs, unsigned int n) ;
/* processor_step: books a finished processor's result; restarts a failed one
   when due, gives it up after PROCESSOR_TRIES; takes up a pending .u when idle */
extern void processor_step (logdir *d) ;
/* processor_wait: returns once the file d is processing is done with; a failed
   one is given up (its .u stays) after PROCESSOR_TRIES, or at once with HURRY
   or when SIGTERM or SIGHUP came; a running one is always waited for */
extern void processor_wait (logdir *d, int hurry) ;
/* processor_pending: from now on, d's .u files left over are taken up, oldest first */
extern void processor_pending (logdir *d) ;

#endif
