/* fuzz_envdir.c - an envdir entry: the input is the file's bytes, read
 * with envdir_load (one file VAR in a directory) and given to
 * envdir_value directly; both say the same. */
#include <errno.h>
#include <skalibs/stralloc.h>
#include "fuzz.h"
#include "envdir.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char dir[128], file[160] ;
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  char *copy = malloc(size ? size : 1) ;
  size_t n ;
  int r ;
  FUZZ_CHECK(copy) ;
  memcpy(copy, data, size) ;
  n = envdir_value(copy, size) ;
  FUZZ_CHECK(n <= size) ;
  FUZZ_CHECK(!memchr(copy, 0, n)) ;
  FUZZ_CHECK(!n || (copy[n - 1] != ' ' && copy[n - 1] != '\t')) ;
  /* the value is the first line: no newline came from the file itself */
  for (size_t i = 0 ; i < n ; i++) if (copy[i] == '\n') FUZZ_CHECK(!data[i]) ;

  fuzz_path(dir, "env") ;
  mkdir(dir, 0755) ;
  snprintf(file, sizeof(file), "%s/VAR", dir) ;
  fuzz_writefile(file, data, size) ;
  r = envdir_load(dir, &sa, 0, 0, &err) ;
  if (r < 0)
  {
    /* only a first line too long is refused */
    FUZZ_CHECK(err.what == ENVDIR_ETOOLONG && errno == E2BIG) ;
    FUZZ_CHECK(!sa.len) ;
  }
  else
  {
    FUZZ_CHECK(r == 1) ;
    if (!size) FUZZ_CHECK(sa.len == 4 && !memcmp(sa.s, "VAR", 4)) ;
    else FUZZ_CHECK(sa.len == 5 + n && !memcmp(sa.s, "VAR=", 4) && !memcmp(sa.s + 4, copy, n) && !sa.s[4 + n]) ;
  }
  stralloc_free(&sa) ;
  free(copy) ;
  return 0 ;
}
