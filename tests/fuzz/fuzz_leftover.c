/* fuzz_leftover.c - /proc/PID/task/PID/children as runsv reads it: the pids
 * counted and the ones kept. */
#include "fuzz.h"
#include "leftover.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = malloc(size ? size : 1) ;
  pid_t pids[LEFTOVER_MAX + 1] ;
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  for (unsigned int max = 0 ; max <= LEFTOVER_MAX ; max += 16)
  {
    unsigned int n ;
    pids[max] = -12345 ;  /* a guard: nothing is written past MAX */
    n = leftover_parse(s, size, pids, max) ;
    FUZZ_CHECK(pids[max] == -12345) ;
    FUZZ_CHECK(n <= size) ;  /* a pid is a byte at least */
    for (unsigned int i = 0 ; i < n && i < max ; i++) FUZZ_CHECK(pids[i] > 0) ;
  }
  free(s) ;
  return 0 ;
}
