/* logname.c - rotated file names and retention choice (see logname.h). */
#include <stdlib.h>
#include <string.h>
#include "logname.h"
#include "tai64n.h"

size_t logname_fmt (char *s, tain const *t, char suffix)
{
  tai64n_fmt(s, t) ;
  s[25] = '.' ;
  s[26] = suffix ;
  s[27] = 0 ;
  return LOGNAME_LEN ;
}

char logname_kind (char const *name)
{
  tain t ;
  if (strlen(name) != LOGNAME_LEN || name[25] != '.') return 0 ;
  if (name[26] != 's' && name[26] != 'u' && name[26] != 't') return 0 ;
  return tai64n_scan(name, &t) == 25 ? name[26] : 0 ;
}

static int cmp (void const *a, void const *b)
{
  return strcmp((char const *)a, (char const *)b) ;
}

size_t logname_prune (char *names, size_t n, size_t keep, char const *exclude)
{
  size_t candidates = n ;
  if (!n) return 0 ;
  qsort(names, n, LOGNAME_SIZE, &cmp) ;
  if (exclude)
  {
    /* move the excluded name to the end, keeping the others in order */
    for (size_t i = 0 ; i < n ; i++)
    {
      if (strcmp(names + i * LOGNAME_SIZE, exclude)) continue ;
      char tmp[LOGNAME_SIZE] ;
      memcpy(tmp, names + i * LOGNAME_SIZE, LOGNAME_SIZE) ;
      memmove(names + i * LOGNAME_SIZE, names + (i + 1) * LOGNAME_SIZE, (n - i - 1) * LOGNAME_SIZE) ;
      memcpy(names + (n - 1) * LOGNAME_SIZE, tmp, LOGNAME_SIZE) ;
      candidates = n - 1 ;
      break ;
    }
  }
  if (!keep || n <= keep) return 0 ;
  return n - keep < candidates ? n - keep : candidates ;
}
