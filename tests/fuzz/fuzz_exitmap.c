/* fuzz_exitmap.c - RUNSVDIR_EXIT_REMAP: the input is the variable's value.
 * A refused value names a pair inside it; an accepted one maps every
 * code into 0..255 and its last pair for a code wins. */
#include "fuzz.h"
#include "exitmap.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = fuzz_cstr(data, size) ;
  size_t len = strlen(s), bad = (size_t)-1 ;
  exitmap m ;
  exitmap_init(&m) ;
  for (int c = 0 ; c < 256 ; c++) FUZZ_CHECK(exitmap_apply(&m, c) == c) ;
  if (!exitmap_parse(&m, s, &bad)) FUZZ_CHECK(bad < len) ;
  for (int c = 0 ; c < 256 ; c++)
  {
    int to = exitmap_apply(&m, c) ;
    FUZZ_CHECK(to >= 0 && to <= 255) ;
  }
  FUZZ_CHECK(exitmap_apply(&m, -1) == -1 && exitmap_apply(&m, 256) == 256) ;
  free(s) ;
  return 0 ;
}
