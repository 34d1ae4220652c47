/* outbuf.h - log-buffer: the last lines a service under prefixed output
 * wrote to its stdout, kept in its supervise/ for sv tail (runsv.8,
 * "Prefixed output"). Lines go to supervise/output; once it holds a
 * quarter of the buffer, at the end of a line, it becomes output.old (the
 * one before is dropped) and a new output is started, as svlogd rotates
 * current. What a burst brings is written once, when the pipe is drained
 * (outbuf_turn), the lines that its own rotations would drop left out. A
 * line longer than a quarter of the buffer is kept cut, marked " [cut]"
 * (svtail.h's mark). A write that fails is dropped: the buffer
 * never stops runsv. */
#ifndef RUNSV_OUTBUF_H
#define RUNSV_OUTBUF_H

#include <stddef.h>
#include <stdint.h>
#include "statedir.h"

#define OUTBUF_DEFAULT 16384
#define OUTBUF_MIN 64  /* a smaller non-zero size is this one */
/* OUTBUF_PATH: room for SUPER/output.old, SUPER being at most a base
   (statedir.h) and "/supervise": two fixed buffers, not an allocation */
#define OUTBUF_PATH (STATEDIR_MAX + 32)

typedef struct outbuf_s outbuf ;
struct outbuf_s
{
  int fd ;               /* supervise/output, -1: none */
  uint32_t cap ;         /* the log-buffer size */
  size_t size ;          /* bytes in output */
  size_t linelen ;       /* bytes of the current line kept */
  int cutting ;          /* the current line went past the most kept */
  uint32_t dropped ;     /* writes that failed */
  size_t pendlen ;       /* bytes gathered and not yet written (outbuf.c's one gathering area) */
  size_t pendcut ;       /* with a rotation due: the end of the part before it */
  unsigned int due ;     /* rotations due: 0; 1, after the gathered bytes up to pendcut;
                            2, output dropped, those bytes the next output.old */
  unsigned int turns ;   /* turns since the last flush */
  char path[OUTBUF_PATH] ;  /* supervise/output */
  char old[OUTBUF_PATH] ;   /* supervise/output.old */
} ;
#define OUTBUF_ZERO { .fd = -1, .cap = 0, .size = 0, .linelen = 0, .cutting = 0, .dropped = 0, .pendlen = 0, .pendcut = 0, .due = 0, .turns = 0, .path = "", .old = "" }

/* outbuf_open: B kept in the supervise directory SUPER, CAP bytes (0: none
   kept, and what an earlier run kept removed); 1, or 0 with errno (warned by the caller) */
extern int outbuf_open (outbuf *b, char const *super, uint32_t cap) ;

/* outbuf_put: LEN bytes of output (a linepump's tee; CTX is the outbuf) */
extern void outbuf_put (char const *s, size_t len, void *ctx) ;

/* outbuf_flush: what outbuf_put gathered, written */
extern void outbuf_flush (outbuf *b) ;

/* outbuf_turn: a turn of reads ended, MORE when more may wait in the pipe:
   written when it is drained, or every 16 turns of a writer that keeps it full */
extern void outbuf_turn (outbuf *b, int more) ;

/* outbuf_pending: lines gathered and not yet written (outbuf_turn) */
extern int outbuf_pending (outbuf const *b) ;

/* outbuf_end: a last line without its newline ended, everything written: the run ended */
extern void outbuf_end (outbuf *b) ;

#endif
