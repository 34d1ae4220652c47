/* fuzz_taskenv.c - the lines an init task writes to $RUNSVDIR_ENV: every
 * line read is NAME=VALUE inside the input, the reader always moves on,
 * and it ends or stops at a bad line. */
#include "fuzz.h"
#include "taskenv.h"

static int namechar (char c, int first)
{
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9') ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = malloc(size ? size : 1) ;
  size_t pos = 0 ;
  unsigned int lineno = 0 ;
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  for (;;)
  {
    taskenv_line l ;
    size_t before = pos ;
    unsigned int lbefore = lineno ;
    int r = taskenv_next(s, size, &pos, &lineno, &l) ;
    FUZZ_CHECK(r >= -1 && r <= 1) ;
    FUZZ_CHECK(pos <= size && lineno >= lbefore) ;
    if (r <= 0) { if (!r) FUZZ_CHECK(pos == size) ; else FUZZ_CHECK(lineno >= 1) ; break ; }
    FUZZ_CHECK(pos > before && lineno > lbefore) ;
    FUZZ_CHECK(l.namelen >= 1 && l.name >= s && l.name + l.namelen <= s + size) ;
    FUZZ_CHECK(l.value >= s && l.value + l.valuelen <= s + size) ;
    FUZZ_CHECK(l.value == l.name + l.namelen + 1 && l.name[l.namelen] == '=') ;
    for (size_t i = 0 ; i < l.namelen ; i++) FUZZ_CHECK(namechar(l.name[i], !i)) ;
    FUZZ_CHECK(!memchr(l.value, '\n', l.valuelen) && !memchr(l.value, 0, l.valuelen)) ;
  }
  free(s) ;
  return 0 ;
}
