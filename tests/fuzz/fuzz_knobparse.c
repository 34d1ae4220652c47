/* fuzz_knobparse.c - runsv's one-value files (down-signal, timeout-*,
 * restart-*, max-failures, essential): any bytes, every parser, values in
 * their ranges, and the quoted form fits its 24 bytes. */
#include <skalibs/nsig.h>
#include "fuzz.h"
#include "knobparse.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  /* an exact-size copy: the parsers get a length, not a C string */
  char *s = malloc(size ? size : 1) ;
  char shown[24] ;
  uint32_t ms, n, secs ;
  int sig, r ;
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  r = knobparse_ms(s, size, &ms) ;
  FUZZ_CHECK(r == 0 || r == 1) ;
  if (knobparse_failures(s, size, &n, &secs))
    FUZZ_CHECK(n >= 1 && secs >= 1 && secs <= KNOBPARSE_WINDOW_MAX) ;
  r = knobparse_essential(s, size) ;
  FUZZ_CHECK(r == 0 || r == KNOBPARSE_ESSENTIAL || r == KNOBPARSE_ON_FAILURE) ;
  if (knobparse_sig(s, size, &sig)) FUZZ_CHECK(sig >= 1 && sig < SKALIBS_NSIG) ;
  memset(shown, 0x55, sizeof(shown)) ;
  knobparse_show(s, size, shown) ;
  FUZZ_CHECK(memchr(shown, 0, sizeof(shown))) ;
  for (char const *p = shown ; *p ; p++) FUZZ_CHECK(*p >= 0x20 && *p < 0x7f) ;
  free(s) ;
  return 0 ;
}
