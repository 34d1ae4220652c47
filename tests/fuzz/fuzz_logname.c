/* fuzz_logname.c - the names svlogd finds in its log directory: which are
 * rotated files, and which of them to prune. Each input line is a name;
 * a rotated file's name is exactly "@" 24 hex digits "." s, u or t (each
 * name is taken once, as a directory lists it), and
 * pruning keeps KEEP (the first byte) of them, never the excluded one. */
#include "fuzz.h"
#include "logname.h"

#define MAXNAMES 64

static int ishex (char c)
{
  /* svlogd writes lowercase; a name renamed by hand in uppercase is still one */
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char names[MAXNAMES * LOGNAME_SIZE], copy[MAXNAMES * LOGNAME_SIZE] ;
  size_t n = 0, keep = size ? data[0] % 8 : 0, del ;
  char const *exclude = 0 ;
  for (size_t i = size ? 1 : 0 ; i < size && n < MAXNAMES ;)
  {
    char name[256] ;
    size_t end = i, len ;
    char k ;
    while (end < size && data[end] != '\n') end++ ;
    len = end - i < 255 ? end - i : 255 ;
    memcpy(name, data + i, len) ;
    name[len] = 0 ;
    i = end + 1 ;
    k = logname_kind(name) ;
    FUZZ_CHECK(!k || k == 's' || k == 'u' || k == 't') ;
    if (!k) continue ;
    FUZZ_CHECK(strlen(name) == LOGNAME_LEN && name[0] == '@' && name[25] == '.' && name[26] == k) ;
    for (size_t j = 1 ; j < 25 ; j++) FUZZ_CHECK(ishex(name[j])) ;
    {
      /* a directory lists a name once */
      size_t m = 0 ;
      while (m < n && strcmp(names + m * LOGNAME_SIZE, name)) m++ ;
      if (m < n) continue ;
    }
    memcpy(names + n * LOGNAME_SIZE, name, LOGNAME_SIZE) ;
    n++ ;
  }
  if (n && data[0] & 8) exclude = names + (n - 1) * LOGNAME_SIZE ;
  {
    char ex[LOGNAME_SIZE] ;
    if (exclude) { memcpy(ex, exclude, LOGNAME_SIZE) ; exclude = ex ; }
    memcpy(copy, names, n * LOGNAME_SIZE) ;
    del = logname_prune(names, n, keep, exclude) ;
    FUZZ_CHECK(del <= n) ;
    if (keep && n > keep) FUZZ_CHECK(n - del <= keep || exclude) ;
    if (!keep || n <= keep) FUZZ_CHECK(!del) ;
    /* the same names, reordered: every record still one of the input's */
    for (size_t j = 0 ; j < n ; j++)
    {
      size_t m = 0 ;
      while (m < n && memcmp(names + j * LOGNAME_SIZE, copy + m * LOGNAME_SIZE, LOGNAME_SIZE)) m++ ;
      FUZZ_CHECK(m < n) ;
      if (j < del && exclude) FUZZ_CHECK(strcmp(names + j * LOGNAME_SIZE, exclude)) ;
    }
  }
  return 0 ;
}
