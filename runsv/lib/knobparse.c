/* knobparse.c - knob file values (see knobparse.h). */
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <skalibs/nsig.h>
#include <skalibs/sig.h>
#include <skalibs/types.h>
#include "knobparse.h"

static int is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ;
}

/* trim: the bounds of S without the whitespace around it; 0 if nothing is left */
static size_t trim (char const **s, size_t len)
{
  while (len && is_space((*s)[len - 1])) len-- ;
  while (len && is_space(**s)) { (*s)++ ; len-- ; }
  return len ;
}

/* digits: LEN decimal digits (at most 19, so no overflow of 64 bits) into *n; 1 if they were */
static int digits (char const *s, size_t len, uint64_t *n)
{
  uint64_t v = 0 ;
  if (!len || len > 19) return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    if (s[i] < '0' || s[i] > '9') return 0 ;
    v = v * 10 + (uint64_t)(s[i] - '0') ;
  }
  *n = v ;
  return 1 ;
}

int knobparse_ms (char const *s, size_t len, uint32_t *ms)
{
  uint64_t n ;
  len = trim(&s, len) ;
  if (!digits(s, len, &n) || n > KNOBPARSE_MS_MAX) return 0 ;
  *ms = (uint32_t)n ;
  return 1 ;
}

int knobparse_failures (char const *s, size_t len, uint32_t *n, uint32_t *secs)
{
  uint64_t a, b ;
  size_t i = 0, j ;
  len = trim(&s, len) ;
  while (i < len && s[i] >= '0' && s[i] <= '9') i++ ;
  j = i ;
  while (j < len && (s[j] == ' ' || s[j] == '\t')) j++ ;
  /* the window in seconds, so that it fits in milliseconds */
  if (j == i || !digits(s, i, &a) || !digits(s + j, len - j, &b)
   || !a || !b || a > KNOBPARSE_MS_MAX || b > KNOBPARSE_WINDOW_MAX) return 0 ;
  *n = (uint32_t)a ;
  *secs = (uint32_t)b ;
  return 1 ;
}

int knobparse_essential (char const *s, size_t len)
{
  len = trim(&s, len) ;
  if (!len) return KNOBPARSE_ESSENTIAL ;
  if (len == 10 && !memcmp(s, "on-failure", 10)) return KNOBPARSE_ON_FAILURE ;
  return 0 ;
}

int knobparse_sig (char const *s, size_t len, int *sig)
{
  char name[16] ;
  uint64_t n ;
  len = trim(&s, len) ;
  if (!len) return 0 ;
  if (s[0] >= '0' && s[0] <= '9')
  {
    if (!digits(s, len, &n) || !n || n >= SKALIBS_NSIG) return 0 ;
    *sig = (int)n ;
    return 1 ;
  }
  if (len >= 3 && !strncasecmp(s, "SIG", 3)) { s += 3 ; len -= 3 ; }
  if (!len || len >= sizeof(name) || memchr(s, 0, len)) return 0 ;
  memcpy(name, s, len) ;
  name[len] = 0 ;
  n = (uint64_t)sig_number(name) ;
  if (!n) return 0 ;
  *sig = (int)n ;
  return 1 ;
}

void knobparse_show (char const *s, size_t len, char *shown)
{
  size_t n = 0 ;
  while (len && is_space(s[len - 1])) len-- ;
  for (size_t i = 0 ; i < len && n < 20 ; i++) shown[n++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?' ;
  if (len > 20) { memcpy(shown + 17, "...", 3) ; n = 20 ; }
  shown[n] = 0 ;
}
