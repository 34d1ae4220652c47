/* logcfg.c - parser for svlogd's config file (see logcfg.h). */
#include <string.h>
#include <skalibs/bytestr.h>
#include <skalibs/fmtscan.h>
#include <skalibs/genalloc.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "logcfg.h"

void logcfg_reset (logcfg *c)
{
  c->size = LOGCFG_SIZE ;
  c->nmax = LOGCFG_NUM ;
  c->nmin = LOGCFG_MIN ;
  c->timeout = 0 ;
  c->udp = 0 ;
  memset(c->ip, 0, 4) ;
  c->port = LOGCFG_PORT ;
  c->processor = c->processorlen = 0 ;
  c->prefix = c->prefixlen = 0 ;
  c->strings.len = 0 ;
  genalloc_setlen(logcfg_pattern, &c->patterns, 0) ;
}

void logcfg_free (logcfg *c)
{
  stralloc_free(&c->strings) ;
  genalloc_free(logcfg_pattern, &c->patterns) ;
}

/* isblank_: what may trail a value without comment (editors leave \r and spaces) */
static int isblank_ (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' ;
}

static int allblank (char const *s, size_t len)
{
  for (size_t i = 0 ; i < len ; i++) if (!isblank_(s[i])) return 0 ;
  return 1 ;
}

/* store: keeps S (len bytes) NUL-terminated in strings; its offset in *pos. 1/0 */
static int store (logcfg *c, char const *s, size_t len, size_t *pos)
{
  *pos = c->strings.len ;
  return stralloc_catb(&c->strings, s, len) && stralloc_0(&c->strings) ;
}

/* scratch: a NUL-terminated copy of S at the end of strings (skalibs' scanners
   want C strings), removed again by the caller resetting strings.len */
static char const *scratch (logcfg *c, char const *s, size_t len)
{
  size_t pos ;
  if (!store(c, s, len, &pos)) return 0 ;
  return c->strings.s + pos ;
}

/* scan_number: a decimal number with an optional suffix from SUFFIXES
   (multipliers in MULTS) that fits in MAX; returns bytes consumed, 0 if none */
static size_t scan_number (char const *s, uint64_t max, char const *suffixes, uint64_t const *mults, uint64_t *u)
{
  size_t n = uint64_scan(s, u) ;
  if (!n || (s[n] >= '0' && s[n] <= '9')) return 0 ;  /* no digits, or too many */
  if (s[n] && suffixes[0])
  {
    size_t k = str_chr(suffixes, s[n]) ;
    if (suffixes[k])
    {
      if (*u > max / mults[k]) return 0 ;
      *u *= mults[k] ;
      n++ ;
    }
  }
  return *u <= max ? n : 0 ;
}

/* warnf: report a problem if the caller wants to hear about it */
static void warnf (logcfg_warn_func *warn, void *ctx, unsigned int line, char const *what, char const *s, size_t len)
{
  if (warn) (*warn)(ctx, line, what, s, len) ;
}

/* numeric: s, n, N and t lines. 1, or 0 if out of memory */
static int numeric (logcfg *c, char op, char const *arg, size_t len, unsigned int line,
                    logcfg_warn_func *warn, void *ctx)
{
  static uint64_t const sizemults[2] = { 1024, 1048576 } ;
  static uint64_t const timemults[2] = { 60, 3600 } ;
  size_t keep = c->strings.len, n ;
  uint64_t u ;
  char const *what ;
  char const *s = scratch(c, arg, len) ;
  if (!s) return 0 ;
  switch (op)
  {
    case 's' :
      n = scan_number(s, UINT64_MAX, "km", sizemults, &u) ;
      what = "unable to scan size" ;
      break ;
    case 't' :
      n = scan_number(s, UINT32_MAX, "mh", timemults, &u) ;
      what = "unable to scan timeout" ;
      break ;
    default :
      n = scan_number(s, UINT32_MAX, "", 0, &u) ;
      what = op == 'n' ? "unable to scan number of files" : "unable to scan minimum number of files" ;
      break ;
  }
  c->strings.len = keep ;
  if (!n)
  {
    warnf(warn, ctx, line, what, arg, len) ;
    return 1 ;
  }
  if (!allblank(arg + n, len - n)) warnf(warn, ctx, line, "trailing garbage ignored", arg - 1, len + 1) ;
  switch (op)
  {
    case 's' : c->size = u ; break ;
    case 't' : c->timeout = (uint32_t)u ; break ;
    case 'n' : c->nmax = (uint32_t)u ; break ;
    default : c->nmin = (uint32_t)u ; break ;
  }
  return 1 ;
}

/* udp: u and U lines, IPv4 address and optional :port. 1, or 0 if out of memory */
static int udp (logcfg *c, char op, char const *arg, size_t len, unsigned int line,
                logcfg_warn_func *warn, void *ctx)
{
  size_t keep = c->strings.len, n ;
  char ip[4] ;
  uint64_t port = LOGCFG_PORT ;
  char const *s = scratch(c, arg, len) ;
  if (!s) return 0 ;
  n = ip4_scan(s, ip) ;
  if (!n)
  {
    c->strings.len = keep ;
    warnf(warn, ctx, line, "unable to scan ip address", arg, len) ;
    return 1 ;
  }
  if (s[n] == ':')
  {
    size_t m = scan_number(s + n + 1, 65535, "", 0, &port) ;
    if (!m || !port)
    {
      c->strings.len = keep ;
      warnf(warn, ctx, line, "unable to scan port number", arg + n + 1, len - n - 1) ;
      return 1 ;
    }
    n += 1 + m ;
  }
  c->strings.len = keep ;
  if (!allblank(arg + n, len - n)) warnf(warn, ctx, line, "trailing garbage ignored", arg - 1, len + 1) ;
  c->udp = op ;
  memcpy(c->ip, ip, 4) ;
  c->port = (uint16_t)port ;
  return 1 ;
}

/* directive: one line (without its newline). 1, or 0 if out of memory */
static int directive (logcfg *c, char const *s, size_t len, unsigned int line, logcfg_warn_func *warn, void *ctx)
{
  char const *arg = s + 1 ;
  size_t arglen = len - 1 ;
  switch (s[0])
  {
    case '#' : return 1 ;
    case 's' : case 'n' : case 'N' : case 't' :
      return numeric(c, s[0], arg, arglen, line, warn, ctx) ;
    case 'u' : case 'U' :
      return udp(c, s[0], arg, arglen, line, warn, ctx) ;
    case '!' :
      /* an empty processor or prefix is ignored, as runit does */
      if (!arglen) return 1 ;
      c->processorlen = arglen ;
      return store(c, arg, arglen, &c->processor) ;
    case 'p' :
      if (!arglen) return 1 ;
      c->prefixlen = arglen ;
      return store(c, arg, arglen, &c->prefix) ;
    case '+' : case '-' : case 'e' : case 'E' :
    {
      logcfg_pattern p = { .op = s[0], .pos = 0, .len = arglen } ;
      return store(c, arg, arglen, &p.pos) && genalloc_append(logcfg_pattern, &c->patterns, &p) ;
    }
    default :
      if (!allblank(s, len)) warnf(warn, ctx, line, "unknown directive ignored", s, len) ;
      return 1 ;
  }
}

int logcfg_parse (logcfg *c, char const *s, size_t len, logcfg_warn_func *warn, void *ctx)
{
  unsigned int line = 0 ;
  logcfg_reset(c) ;
  while (len)
  {
    size_t n = byte_chr(s, len, '\n') ;
    line++ ;
    /* unlike runit, a last line without a newline counts, whatever its length */
    if (n && !directive(c, s, n, line, warn, ctx)) return 0 ;
    if (n == len) break ;
    s += n + 1 ;
    len -= n + 1 ;
  }
  return 1 ;
}
