/* linepump.h - a pipe whose lines go on prefixed: the prefixed output of a
 * service (runsv) and of an init task (runsvdir), RUNSVDIR_PREFIX.
 *
 * The caller gives the write end to the program whose output it is and
 * polls the read end; each read is cut into whole lines by lineprefix.h and
 * written to fd 1 or 2 in writes of at most PIPE_BUF bytes. A write to an
 * fd that is gone (EPIPE) loses the lines, nothing else: the caller traps
 * SIGPIPE.
 */
#ifndef SV_LINEPUMP_H
#define SV_LINEPUMP_H

#include <stddef.h>
#include "lineprefix.h"

/* linepump_tee_func: LEN bytes read from the pipe (runsv's log-buffer) */
typedef void linepump_tee_func (char const *s, size_t len, void *ctx) ;

typedef struct linepump_s linepump ;
struct linepump_s
{
  int fd[2] ;   /* the pipe; -1 -1: closed */
  int to ;      /* where the lines go: 1, 2 (or any open fd) */
  linepump_tee_func *tee ;  /* also given every byte read, as read (0: none) */
  void *teectx ;
  lineprefix *p ;  /* the line not ended yet and the prefix, given at open */
} ;
/* the 4 KiB of a lineprefix live apart, given to linepump_open: a
   supervisor's zeroed (.bss) record stays a few bytes, and pages that no
   prefixed output uses are never touched */
#define LINEPUMP_ZERO { .fd = { -1, -1 }, .to = 1, .tee = 0, .teectx = 0, .p = 0 }

#define LINEPUMP_TURN 65536  /* what one bounded linepump_read takes at most: a pipe's worth */

/* linepump_spec: the format $RUNSVDIR_PREFIX asks for, or 0 if prefixing is
   off (unset, empty or "0"). A value that is not a format is warned about
   once, and the default ("1") is used */
extern char const *linepump_spec (void) ;

/* linepump_open: P's pipe (both ends close-on-exec, the read end
   non-blocking), its lines named NAME (LEN bytes) with format FMT (valid,
   as linepump_spec gives), going to fd TO (1 or 2, any fd), kept in STORE
   (the caller's, as long as P is used); 1, or 0 with errno */
extern int linepump_open (linepump *p, lineprefix *store, char const *fmt, char const *name, size_t len, int to) ;

/* linepump_read: what waits in P's pipe goes on: all of it when ALL, else
   about LINEPUMP_TURN bytes at most, so that a chatty writer does not keep
   the caller from its other work. 0 once the write end is closed and everything is read; 2
   when it stopped at its bound (more may wait: a writer faster than the
   reader); else 1 (drained for now) */
extern int linepump_read (linepump *p, int all) ;

/* linepump_flush: a last line without its newline goes on, with one */
extern void linepump_flush (linepump *p) ;

/* linepump_drain: everything P's pipe holds goes on, then linepump_flush: the
   writer's run ended, or the reader is about to exit */
extern void linepump_drain (linepump *p) ;

/* linepump_close_write: the write end closed (the caller's copy) */
extern void linepump_close_write (linepump *p) ;

/* linepump_close: both ends closed */
extern void linepump_close (linepump *p) ;

#endif
