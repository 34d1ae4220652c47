/* fuzz_rlimit.c - chpst's limit values and nice increments: the input is
 * one argument; what is accepted is a plain decimal (or "=") that fits,
 * and formatting it back gives the same number. */
#include <limits.h>
#include <skalibs/types.h>
#include "fuzz.h"
#include "rlimit.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = fuzz_cstr(data, size) ;
  size_t len = strlen(s) ;
  rlim_t v ;
  int n ;
  for (int hardok = 0 ; hardok <= 1 ; hardok++)
  {
    int r = rlimit_scan(s, &v, hardok) ;
    FUZZ_CHECK(r == 0 || r == 1) ;
    if (!r) continue ;
    if (hardok && !strcmp(s, "=")) { FUZZ_CHECK(v == RLIM_INFINITY) ; continue ; }
    FUZZ_CHECK(len && strspn(s, "0123456789") == len) ;
    FUZZ_CHECK(rlimit_clamp(v, 0) == 0 || v == 0) ;
    FUZZ_CHECK(rlimit_clamp(v, RLIM_INFINITY) == v) ;
  }
  if (rlimit_nice_scan(s, &n))
  {
    char const *d = s + (*s == '+' || *s == '-') ;
    FUZZ_CHECK(*d && strspn(d, "0123456789") == strlen(d)) ;
    FUZZ_CHECK(*s != '-' || n <= 0) ;
    FUZZ_CHECK(*s == '-' || n >= 0) ;
  }
  free(s) ;
  return 0 ;
}
