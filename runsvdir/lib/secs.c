/* secs.c - see secs.h */
#include <skalibs/types.h>
#include "secs.h"

size_t secs_scan (char const *s, uint32_t *ms)
{
  uint64_t v = 0 ;
  size_t i = 0 ;
  if (s[0] < '0' || s[0] > '9') return 0 ;
  for (; s[i] >= '0' && s[i] <= '9' ; i++)
  {
    v = v * 10 + (uint64_t)(s[i] - '0') ;
    if (v > UINT32_MAX / 1000) return 0 ;
  }
  v *= 1000 ;
  if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
  {
    uint64_t scale = 100 ;
    for (i++ ; s[i] >= '0' && s[i] <= '9' ; i++)
    {
      v += (uint64_t)(s[i] - '0') * scale ;
      scale /= 10 ;
    }
  }
  if (v > UINT32_MAX) return 0 ;
  *ms = (uint32_t)v ;
  return i ;
}

int secs0_scan (char const *s, uint32_t *ms)
{
  uint32_t v ;
  size_t n = secs_scan(s, &v) ;
  if (!n || s[n]) return 0 ;
  *ms = v ;
  return 1 ;
}

size_t secs_fmt (char *s, uint32_t ms)
{
  size_t n = uint32_fmt(s, ms / 1000) ;
  uint32_t cs = (ms % 1000) / 10 ;
  s[n++] = '.' ;
  s[n++] = (char)('0' + cs / 10) ;
  s[n++] = (char)('0' + cs % 10) ;
  return n ;
}
