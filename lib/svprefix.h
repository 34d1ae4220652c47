/* svprefix.h - lines of a service's output, each written whole with a prefix.
 *
 * runsv -p mode (RUNSVDIR_PREFIX) reads what a service without log/ writes
 * and passes it on to runsvdir's stdout (docker logs) as "NAME: line". The
 * prefix is a format: %n the service's name (escaped: svname.h), %t the time the line was read
 * (ISO 8601, UTC, milliseconds: 2026-12-02T05:01:02.345Z), %% a percent.
 * Output goes in writes of at most SVPREFIX_MAX bytes (PIPE_BUF), each
 * holding whole lines only, so that writes of two services into one pipe
 * never cut into each other's lines. A line too long for one write is cut
 * into pieces of at most SVPREFIX_MAX bytes, each prefixed; every piece
 * but the last ends in a backslash before its newline. Nothing here reads
 * or writes a file descriptor: bytes go in, writes come out through a
 * callback.
 */
#ifndef SV_SVPREFIX_H
#define SV_SVPREFIX_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#define SVPREFIX_MAX PIPE_BUF      /* the most one write holds: atomic on a pipe */
#define SVPREFIX_FMTMAX 64         /* the longest format */
#define SVPREFIX_NAMEMAX 64        /* the longest name shown (escaped); longer ones are cut */
#define SVPREFIX_STAMP 24          /* 2026-12-02T05:01:02.345Z */
/* the longest prefix svprefix_format accepts (every format byte a %t, at
   most, and a name; a format of many %n that would go past it is refused) */
#define SVPREFIX_PREFIXMAX (SVPREFIX_FMTMAX / 2 * SVPREFIX_STAMP + SVPREFIX_NAMEMAX)
#define SVPREFIX_DEFAULT "%n: "

/* svprefix_write_func: one write of LEN bytes (whole lines) */
typedef void svprefix_write_func (char const *s, size_t len, void *ctx) ;

typedef struct svprefix_s svprefix ;
struct svprefix_s
{
  char fmt[SVPREFIX_FMTMAX + 1] ;
  char name[SVPREFIX_NAMEMAX + 1] ;
  size_t partlen ;               /* the start of a line not ended yet */
  char part[SVPREFIX_MAX] ;
} ;

/* svprefix_format: is SPEC a valid format (at most SVPREFIX_FMTMAX bytes,
   every % followed by n, t or %, and short enough that a piece of a line
   still fits a write)? "1" is the default format. 1 and P's format set,
   or 0 */
extern int svprefix_format (svprefix *p, char const *spec) ;
/* svprefix_name: NAME (LEN bytes) for %n, escaped (svname.h: a newline in
   it would forge a line) and cut to SVPREFIX_NAMEMAX bytes; 1, or 0 with
   errno (ENOMEM) */
extern int svprefix_name (svprefix *p, char const *name, size_t len) ;
/* svprefix_expand: the prefix for a line read at Unix time SECS + MSECS
   into OUT (SVPREFIX_PREFIXMAX bytes); its length */
extern size_t svprefix_expand (svprefix const *p, char *out, int64_t secs, uint32_t msecs) ;
/* svprefix_feed: LEN bytes of output, read at SECS + MSECS: every whole
   line (and every full piece of a long one) goes out through W; the end of
   an unfinished line is kept for the next call */
extern void svprefix_feed (svprefix *p, char const *s, size_t len, int64_t secs, uint32_t msecs, svprefix_write_func *w, void *ctx) ;
/* svprefix_flush: the unfinished line, if any, goes out with a newline */
extern void svprefix_flush (svprefix *p, int64_t secs, uint32_t msecs, svprefix_write_func *w, void *ctx) ;

#endif
