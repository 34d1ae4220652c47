/* fuzz_uidgid_file.c - the passwd and group file parser: the input is
 * the file (as passwd and as group), looked up under names taken from the
 * input itself (the first field of each line) and some fixed ones. */
#include "fuzz.h"
#include "uidgid.h"

static void lookup (char const *file, char const *name, size_t len)
{
  uid_t uid ;
  gid_t gid ;
  int r = uidgid_passwd_file(file, name, len, &uid, &gid) ;
  FUZZ_CHECK(r == 0 || r == 1) ;
  r = uidgid_group_file(file, name, len, &gid) ;
  FUZZ_CHECK(r == 0 || r == 1) ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  static char const *const fixed[] = { "root", "", "nobody", "x", ":" } ;
  char path[128] ;
  char const *s = (char const *)data ;
  unsigned int n = 0 ;
  fuzz_writefile(fuzz_path(path, "db"), data, size) ;
  for (unsigned int i = 0 ; i < sizeof(fixed) / sizeof(fixed[0]) ; i++)
    lookup(path, fixed[i], strlen(fixed[i])) ;
  for (size_t i = 0 ; i < size && n < 8 ; n++)
  {
    size_t end = i ;
    while (end < size && s[end] != ':' && s[end] != '\n') end++ ;
    lookup(path, s + i, end - i) ;
    while (end < size && s[end] != '\n') end++ ;
    i = end + 1 ;
  }
  return 0 ;
}
