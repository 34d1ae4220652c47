/* logcfg.h - svlogd's per-directory config file (runit-spec.md 7.4).
 *
 * One directive per line, chosen by the line's first byte; the rest of the
 * line (trailing blanks included) is the argument:
 *   sSIZE[k|m]  nNUM  NMIN  tSECS[m|h]  !PROCESSOR  uIP[:PORT]  UIP[:PORT]
 *   pPREFIX  +PATTERN  -PATTERN  ePATTERN  EPATTERN  #comment
 * Parsing is pure: the caller reads the file, and problems are reported
 * through a callback so that svlogd can name the file in its warnings.
 */
#ifndef SV_LOGCFG_H
#define SV_LOGCFG_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/stralloc.h>
#include <skalibs/genalloc.h>

#define LOGCFG_SIZE 1000000  /* default s */
#define LOGCFG_NUM 10        /* default n */
#define LOGCFG_MIN 10        /* default N: equal to n, so off unless n is raised */
#define LOGCFG_PORT 514      /* default UDP port (syslog) */

typedef struct logcfg_pattern_s logcfg_pattern ;
struct logcfg_pattern_s
{
  char op ;    /* '+', '-', 'e' or 'E' */
  size_t pos ; /* the pattern is strings.s + pos, len bytes, NUL-terminated */
  size_t len ;
} ;

typedef struct logcfg_s logcfg ;
struct logcfg_s
{
  uint64_t size ;       /* s: rotate when current reaches this many bytes; 0: never */
  uint32_t nmax ;       /* n: keep at most this many old files; 0: keep them all */
  uint32_t nmin ;       /* N: on a full disk, delete old files down to this many (if < nmax) */
  uint32_t timeout ;    /* t: seconds between timed rotations of a non-empty current; 0: off */
  char udp ;            /* 0 none, 'u' UDP and the log, 'U' UDP only */
  char ip[4] ;          /* UDP destination, network byte order */
  uint16_t port ;
  size_t processor ;    /* offset of the processor in strings; processorlen 0: none */
  size_t processorlen ;
  size_t prefix ;       /* offset of the line prefix in strings; prefixlen 0: none */
  size_t prefixlen ;
  stralloc strings ;    /* storage for the processor, prefix and patterns */
  genalloc patterns ;   /* logcfg_pattern, in file order */
} ;
#define LOGCFG_ZERO \
  { .size = LOGCFG_SIZE, .nmax = LOGCFG_NUM, .nmin = LOGCFG_MIN, .timeout = 0, .udp = 0, \
    .ip = { 0, 0, 0, 0 }, .port = LOGCFG_PORT, .processor = 0, .processorlen = 0, .prefix = 0, \
    .prefixlen = 0, .strings = STRALLOC_ZERO, .patterns = GENALLOC_ZERO }

/* what went wrong on config line LINE (1-based): WHAT, about TEXT (len bytes, not NUL-terminated) */
typedef void logcfg_warn_func (void *ctx, unsigned int line, char const *what, char const *text, size_t len) ;

/* logcfg_reset: back to the defaults; keeps the allocated storage for reuse */
extern void logcfg_reset (logcfg *c) ;
/* logcfg_parse: reset C, then apply the config text S (len bytes). A bad line is
   reported through WARN (may be 0) and ignored; a number followed by junk is used
   and the junk reported. Returns 1, or 0 if out of memory. */
extern int logcfg_parse (logcfg *c, char const *s, size_t len, logcfg_warn_func *warn, void *ctx) ;
/* logcfg_free: releases the storage */
extern void logcfg_free (logcfg *c) ;

/* pattern number i, its text, and the processor/prefix as C strings (or 0) */
#define logcfg_npatterns(c) genalloc_len(logcfg_pattern, &(c)->patterns)
#define logcfg_pattern_at(c, i) (genalloc_s(logcfg_pattern, &(c)->patterns) + (i))
#define logcfg_text(c, pos) ((c)->strings.s + (pos))

#endif
