/* fuzz_cronspec.c - the schedule file's line (runsv/lib/cronspec): any
 * bytes up to a NUL parse or give a reason; a parsed schedule's fields
 * stay in their ranges, and its next time (UTC) is strictly after the
 * given time, or none. */
#include "fuzz.h"
#include "cronspec.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  /* a C string: runsv gives the parser the file's line, NUL-terminated */
  char *s = malloc(size + 1) ;
  cronspec c ;
  char const *why = 0 ;
  int64_t t = 1796601600 ;  /* 2026-12-07 00:00 UTC */
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  s[size] = 0 ;
  if (!cronspec_parse(s, &c, &why))
  {
    FUZZ_CHECK(why && *why) ;
    free(s) ;
    return 0 ;
  }
  if (c.every) FUZZ_CHECK(cronspec_next(&c, t, 1) == t + (int64_t)c.every) ;
  else
  {
    int64_t n ;
    FUZZ_CHECK(c.minutes && !(c.minutes >> 60)) ;
    FUZZ_CHECK(c.hours && !(c.hours >> 24)) ;
    FUZZ_CHECK(c.mdays && !(c.mdays & 1)) ;
    FUZZ_CHECK(c.months && !(c.months & 1) && !(c.months >> 13)) ;
    FUZZ_CHECK(c.wdays && !(c.wdays >> 7)) ;
    n = cronspec_next(&c, t, 1) ;
    FUZZ_CHECK(n == -1 || (n > t && n % 60 == 0)) ;
  }
  free(s) ;
  return 0 ;
}
