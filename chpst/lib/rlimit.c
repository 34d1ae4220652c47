/* rlimit.c - resource limits and nice increments (see rlimit.h). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/resource.h>
#include <skalibs/uint64.h>
#include "rlimit.h"

/* numbers are read by skalibs' uint640_scan: the whole string, all decimal
   digits, at least one, no overflow (where runit wraps and reads "" as 0) */

int rlimit_scan (char const *s, rlim_t *v, int hardok)
{
  uint64_t x ;
  if (hardok && s[0] == '=' && !s[1])
  {
    *v = RLIM_INFINITY ;
    return 1 ;
  }
  if (!uint640_scan(s, &x) || (rlim_t)x != x) return (errno = EINVAL, 0) ;
  *v = (rlim_t)x ;
  return 1 ;
}

rlim_t rlimit_clamp (rlim_t v, rlim_t hard)
{
  /* RLIM_INFINITY is the largest rlim_t here, so this also covers "=" */
  return hard != RLIM_INFINITY && v > hard ? hard : v ;
}

int rlimit_soft (int resource, rlim_t v)
{
  struct rlimit r ;
  if (getrlimit(resource, &r) < 0) return 0 ;
  r.rlim_cur = rlimit_clamp(v, r.rlim_max) ;
  return setrlimit(resource, &r) < 0 ? -1 : 1 ;
}

int rlimit_nice_scan (char const *s, int *n)
{
  uint64_t x ;
  int neg = *s == '-' ;
  if (*s == '-' || *s == '+') s++ ;
  if (!uint640_scan(s, &x) || x > (uint64_t)INT_MAX + neg) return (errno = EINVAL, 0) ;
  *n = !neg ? (int)x : x ? -(int)(x - 1) - 1 : 0 ;
  return 1 ;
}
