/* lineprefix.h - lines of a service's output, each written whole with a prefix.
 *
 * runsv -p mode (RUNSVDIR_PREFIX) reads what a service without log/ writes
 * and passes it on to runsvdir's stdout (docker logs) as "NAME: line". The
 * prefix is a format: %n the service's name (escaped: namequote.h), %t the time the line was read
 * (ISO 8601, UTC, milliseconds: 2026-12-02T05:01:02.345Z), %% a percent.
 * Output goes in writes of at most LINEPREFIX_MAX bytes (PIPE_BUF), each
 * holding whole lines only, so that writes of two services into one pipe
 * never cut into each other's lines. A line too long for one write is cut
 * into pieces of at most LINEPREFIX_MAX bytes, each prefixed; every piece
 * but the last ends in a backslash before its newline. Nothing here reads
 * or writes a file descriptor: bytes go in, writes come out through a
 * callback.
 */
#ifndef SV_LINEPREFIX_H
#define SV_LINEPREFIX_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#define LINEPREFIX_MAX PIPE_BUF      /* the most one write holds: atomic on a pipe */
#define LINEPREFIX_FMTMAX 64         /* the longest format */
#define LINEPREFIX_NAMEMAX 64        /* the longest name shown (escaped); longer ones are cut */
#define LINEPREFIX_STAMP 24          /* 2026-12-02T05:01:02.345Z */
/* the longest prefix lineprefix_format accepts (every format byte a %t, at
   most, and a name; a format of many %n that would go past it is refused) */
#define LINEPREFIX_PREFIXMAX (LINEPREFIX_FMTMAX / 2 * LINEPREFIX_STAMP + LINEPREFIX_NAMEMAX)
#define LINEPREFIX_DEFAULT "%n: "

/* lineprefix_write_func: one write of LEN bytes (whole lines) */
typedef void lineprefix_write_func (char const *s, size_t len, void *ctx) ;

typedef struct lineprefix_s lineprefix ;
struct lineprefix_s
{
  char fmt[LINEPREFIX_FMTMAX + 1] ;
  char name[LINEPREFIX_NAMEMAX + 1] ;
  size_t partlen ;               /* the start of a line not ended yet */
  char part[LINEPREFIX_MAX] ;
} ;

/* lineprefix_format: is SPEC a valid format (at most LINEPREFIX_FMTMAX bytes,
   every % followed by n, t or %, and short enough that a piece of a line
   still fits a write)? "1" is the default format. 1 and P's format set,
   or 0 */
extern int lineprefix_format (lineprefix *p, char const *spec) ;
/* lineprefix_name: NAME (LEN bytes) for %n, escaped (namequote.h: a newline in
   it would forge a line) and cut to LINEPREFIX_NAMEMAX bytes; 1, or 0 with
   errno (ENOMEM) */
extern int lineprefix_name (lineprefix *p, char const *name, size_t len) ;
/* lineprefix_expand: the prefix for a line read at Unix time SECS + MSECS
   into OUT (LINEPREFIX_PREFIXMAX bytes); its length */
extern size_t lineprefix_expand (lineprefix const *p, char *out, int64_t secs, uint32_t msecs) ;
/* lineprefix_feed: LEN bytes of output, read at SECS + MSECS: every whole
   line (and every full piece of a long one) goes out through W; the end of
   an unfinished line is kept for the next call */
extern void lineprefix_feed (lineprefix *p, char const *s, size_t len, int64_t secs, uint32_t msecs, lineprefix_write_func *w, void *ctx) ;
/* lineprefix_flush: the unfinished line, if any, goes out with a newline */
extern void lineprefix_flush (lineprefix *p, int64_t secs, uint32_t msecs, lineprefix_write_func *w, void *ctx) ;

#endif
