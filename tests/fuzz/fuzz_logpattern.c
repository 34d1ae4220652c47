/* fuzz_logpattern.c - svlogd's patterns: the input is a pattern, a NUL,
 * then a line. The match never reads past either, and a pattern without
 * * or + matches exactly the line equal to it. */
#include "fuzz.h"
#include "logpattern.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  uint8_t const *nul = memchr(data, 0, size) ;
  size_t plen = nul ? (size_t)(nul - data) : size ;
  size_t llen = nul ? size - plen - 1 : 0 ;
  /* exact-size copies, so that ASan sees any read past either end */
  char *p = malloc(plen + 1), *s = malloc(llen + 1) ;
  int r ;
  FUZZ_CHECK(p && s) ;
  memcpy(p, data, plen) ;
  memcpy(s, data + size - llen, llen) ;
  r = logpattern_match(p, plen, s, llen) ;
  FUZZ_CHECK(r == 0 || r == 1) ;
  if (!memchr(p, '*', plen) && !memchr(p, '+', plen))
    FUZZ_CHECK(r == (plen == llen && !memcmp(p, s, plen))) ;
  /* a pattern matches itself when it has no operators; * alone matches all */
  FUZZ_CHECK(logpattern_match("*", 1, s, llen) == 1) ;
  free(p) ; free(s) ;
  return 0 ;
}
