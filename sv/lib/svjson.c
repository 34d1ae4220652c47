/* svjson.c - JSON string escaping (see svjson.h). */
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <skalibs/types.h>
#include "tai64n.h"
#include "svjson.h"

/* utf8_len: the length of the well-formed UTF-8 sequence at S (N bytes
   left), or 0 if the byte at S does not start one (RFC 3629's table) */
static size_t utf8_len (unsigned char const *s, size_t n)
{
  unsigned char c = s[0] ;
  unsigned char lo = 0x80, hi = 0xbf ;  /* the allowed range of the second byte */
  size_t len ;
  if (c < 0x80) return 1 ;
  if (c >= 0xc2 && c <= 0xdf) len = 2 ;
  else if (c >= 0xe0 && c <= 0xef)
  {
    len = 3 ;
    if (c == 0xe0) lo = 0xa0 ;        /* no overlong forms */
    else if (c == 0xed) hi = 0x9f ;   /* no surrogates */
  }
  else if (c >= 0xf0 && c <= 0xf4)
  {
    len = 4 ;
    if (c == 0xf0) lo = 0x90 ;
    else if (c == 0xf4) hi = 0x8f ;   /* nothing past U+10FFFF */
  }
  else return 0 ;
  if (n < len || s[1] < lo || s[1] > hi) return 0 ;
  for (size_t i = 2 ; i < len ; i++)
    if (s[i] < 0x80 || s[i] > 0xbf) return 0 ;
  return len ;
}

/* put: append C to D at *W (D = 0: count only) */
static void put (char *d, size_t *w, char c)
{
  if (d) d[*w] = c ;
  (*w)++ ;
}

size_t svjson_string (char *d, char const *s, size_t n)
{
  static char const hex[] = "0123456789abcdef" ;
  unsigned char const *u = (unsigned char const *)s ;
  size_t w = 0, i = 0 ;
  put(d, &w, '"') ;
  while (i < n)
  {
    unsigned char c = u[i] ;
    size_t len ;
    char e = 0 ;
    switch (c)
    {
      case '"' : e = '"' ; break ;
      case '\\' : e = '\\' ; break ;
      case '\n' : e = 'n' ; break ;
      case '\t' : e = 't' ; break ;
      case '\r' : e = 'r' ; break ;
      case '\b' : e = 'b' ; break ;
      case '\f' : e = 'f' ; break ;
      default : break ;
    }
    if (e) { put(d, &w, '\\') ; put(d, &w, e) ; i++ ; continue ; }
    len = c < 0x20 ? 0 : utf8_len(u + i, n - i) ;
    if (!len)
    {
      /* a control character, or a byte that is not well-formed UTF-8 */
      put(d, &w, '\\') ; put(d, &w, 'u') ; put(d, &w, '0') ; put(d, &w, '0') ;
      put(d, &w, hex[c >> 4]) ; put(d, &w, hex[c & 15]) ;
      i++ ;
      continue ;
    }
    while (len--) put(d, &w, (char)u[i++]) ;
  }
  put(d, &w, '"') ;
  return w ;
}

size_t svjson_time (char *d, tain const *t)
{
  int64_t secs = tai64n_unix(t) ;
  uint32_t nano = t->nano % 1000000000 ;
  uint64_t whole ;
  size_t n = 0 ;
  /* -4.5 s is secs -5 and half a second: the digits are of -4 and 0.5 */
  if (secs < 0)
  {
    d[n++] = '-' ;
    whole = (uint64_t)(-(secs + 1)) ;
    if (nano) nano = 1000000000 - nano ; else whole++ ;
  }
  else whole = (uint64_t)secs ;
  n += uint64_fmt(d + n, whole) ;
  d[n++] = '.' ;
  for (int i = 8 ; i >= 0 ; i--) { d[n + (size_t)i] = (char)('0' + nano % 10) ; nano /= 10 ; }
  return n + 9 ;
}

/* word: appends the NUL-terminated W at D + N; returns the new length */
static size_t word (char *d, size_t n, char const *w)
{
  size_t len = strlen(w) ;
  memcpy(d + n, w, len) ;
  return n + len ;
}

/* stamp: label T as svjson_time writes it, or null when it is all zero (none) */
static size_t stamp (char *d, size_t n, tain const *t)
{
  if (!t->sec.x && !t->nano) return word(d, n, "null") ;
  return n + svjson_time(d + n, t) ;
}

size_t svjson_exit (char *d, superstate const *ss)
{
  size_t n = 0 ;
  if (ss && ss->flags & SUPERSTATE_EXITED && WIFEXITED(ss->lastwstat))
  {
    n = word(d, n, "{\"code\":") ;
    n += uint64_fmt(d + n, (uint64_t)WEXITSTATUS(ss->lastwstat)) ;
  }
  else if (ss && ss->flags & SUPERSTATE_EXITED && WIFSIGNALED(ss->lastwstat))
  {
    n = word(d, n, "{\"signal\":") ;
    n += uint64_fmt(d + n, (uint64_t)WTERMSIG(ss->lastwstat)) ;
  }
  else return word(d, n, "null") ;
  d[n++] = '}' ;
  return n ;
}

size_t svjson_check (char *d, superstate const *ss)
{
  size_t n = 0 ;
  if (!ss || !ss->check_interval) return word(d, n, "null") ;
  n = word(d, n, "{\"interval_ms\":") ;
  n += uint32_fmt(d + n, ss->check_interval) ;
  n = word(d, n, ",\"failures\":") ;
  n += uint32_fmt(d + n, ss->check_failures) ;
  n = word(d, n, ",\"last\":") ;
  /* none yet, or a value this sv does not know: null */
  n = word(d, n, ss->check_last == SUPERSTATE_CHECK_PASS ? "\"pass\"" : ss->check_last == SUPERSTATE_CHECK_FAIL ? "\"fail\"" : "null") ;
  n = word(d, n, ",\"last_at\":") ;
  n = stamp(d, n, &ss->check_at) ;
  d[n++] = '}' ;
  return n ;
}

size_t svjson_schedule (char *d, superstate const *ss)
{
  size_t n = 0 ;
  if (!ss || !(ss->sched_flags & SUPERSTATE_SCHED_ON)) return word(d, n, "null") ;
  n = word(d, n, "{\"spec\":") ;
  n += svjson_string(d + n, ss->spec, ss->speclen > SUPERSTATE_SPECMAX ? SUPERSTATE_SPECMAX : ss->speclen) ;
  n = word(d, n, ",\"next\":") ;
  n = stamp(d, n, &ss->sched_next) ;
  n = word(d, n, ",\"last_exit\":") ;
  n += svjson_exit(d + n, ss) ;
  n = word(d, n, ",\"runs\":") ;
  n += uint32_fmt(d + n, ss->sched_runs) ;
  n = word(d, n, ",\"skipped\":") ;
  n += uint32_fmt(d + n, ss->sched_skipped) ;
  n = word(d, n, ss->sched_flags & SUPERSTATE_SCHED_BAD ? ",\"valid\":false}" : ",\"valid\":true}") ;
  return n ;
}
