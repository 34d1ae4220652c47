/* fuzz_secs.c - durations in seconds ("2.5"): the scanners stay inside
 * the string and agree with each other, and what secs_fmt prints reads
 * back as the same time, to the hundredth below. */
#include "fuzz.h"
#include "secs.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = fuzz_cstr(data, size) ;
  size_t len = strlen(s), n ;
  uint32_t ms = 0, ms0 = 0 ;
  n = secs_scan(s, &ms) ;
  FUZZ_CHECK(n <= len) ;
  if (secs0_scan(s, &ms0)) FUZZ_CHECK(n == len && ms0 == ms) ;
  else FUZZ_CHECK(n != len || !len) ;
  if (n)
  {
    char buf[SECS_FMT + 1] ;
    uint32_t back ;
    size_t k = secs_fmt(buf, ms) ;
    FUZZ_CHECK(k && k <= SECS_FMT) ;
    buf[k] = 0 ;
    FUZZ_CHECK(secs0_scan(buf, &back)) ;
    FUZZ_CHECK(back <= ms && ms - back < 10) ;
  }
  free(s) ;
  return 0 ;
}
