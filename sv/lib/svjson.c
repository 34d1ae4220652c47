/* svjson.c - JSON string escaping (see svjson.h). */
#include <stdint.h>
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
