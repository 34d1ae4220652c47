/* svlogcfg.h - svlogd's per-directory config file (runit-spec.md 7.4).
 *
 * One directive per line, chosen by the line's first byte; the rest of the
 * line (trailing blanks included) is the argument:
 *   sSIZE[k|m]  nNUM  NMIN  tSECS[m|h]  !PROCESSOR  uIP[:PORT]  UIP[:PORT]
 *   pPREFIX  +PATTERN  -PATTERN  ePATTERN  EPATTERN  #comment
 * Parsing is pure: the caller reads the file, and problems are reported
 * through a callback so that svlogd can name the file in its warnings.
 */
#ifndef SV_SVLOGCFG_H
#define SV_SVLOGCFG_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/stralloc.h>
#include <skalibs/genalloc.h>

#define SVLOGCFG_SIZE 1000000  /* default s */
#define SVLOGCFG_NUM 10        /* default n */
#define SVLOGCFG_MIN 10        /* default N: equal to n, so off unless n is raised */
#define SVLOGCFG_PORT 514      /* default UDP port (syslog) */

typedef struct svlogcfg_pattern_s svlogcfg_pattern ;
struct svlogcfg_pattern_s
{
  char op ;    /* '+', '-', 'e' or 'E' */
  size_t pos ; /* the pattern is strings.s + pos, len bytes, NUL-terminated */
  size_t len ;
} ;

typedef struct svlogcfg_s svlogcfg ;
struct svlogcfg_s
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
  genalloc patterns ;   /* svlogcfg_pattern, in file order */
} ;
#define SVLOGCFG_ZERO \
  { .size = SVLOGCFG_SIZE, .nmax = SVLOGCFG_NUM, .nmin = SVLOGCFG_MIN, .timeout = 0, .udp = 0, \
    .ip = { 0, 0, 0, 0 }, .port = SVLOGCFG_PORT, .processor = 0, .processorlen = 0, .prefix = 0, \
    .prefixlen = 0, .strings = STRALLOC_ZERO, .patterns = GENALLOC_ZERO }

/* what went wrong on config line LINE (1-based): WHAT, about TEXT (len bytes, not NUL-terminated) */
typedef void svlogcfg_warn_func (void *ctx, unsigned int line, char const *what, char const *text, size_t len) ;

/* svlogcfg_reset: back to the defaults; keeps the allocated storage for reuse */
extern void svlogcfg_reset (svlogcfg *c) ;
/* svlogcfg_parse: reset C, then apply the config text S (len bytes). A bad line is
   reported through WARN (may be 0) and ignored; a number followed by junk is used
   and the junk reported. Returns 1, or 0 if out of memory. */
extern int svlogcfg_parse (svlogcfg *c, char const *s, size_t len, svlogcfg_warn_func *warn, void *ctx) ;
/* svlogcfg_free: releases the storage */
extern void svlogcfg_free (svlogcfg *c) ;

/* pattern number i, its text, and the processor/prefix as C strings (or 0) */
#define svlogcfg_npatterns(c) genalloc_len(svlogcfg_pattern, &(c)->patterns)
#define svlogcfg_pattern_at(c, i) (genalloc_s(svlogcfg_pattern, &(c)->patterns) + (i))
#define svlogcfg_text(c, pos) ((c)->strings.s + (pos))

#endif
