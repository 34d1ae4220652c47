/* exitmap.c - exit code remapping (see exitmap.h). */
#include "exitmap.h"

void exitmap_init (exitmap *m)
{
  for (unsigned int i = 0 ; i < 256 ; i++) m->to[i] = (unsigned char)i ;
}

static int is_sep (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == ',' ;
}

/* code: 1 to 3 decimal digits, 0 to 255, at *s; advances *s; 1, or 0 */
static int code (char const **s, unsigned int *v)
{
  unsigned int n = 0, len = 0 ;
  while (**s >= '0' && **s <= '9')
  {
    if (++len > 3) return 0 ;
    n = n * 10 + (unsigned int)(**s - '0') ;
    (*s)++ ;
  }
  if (!len || n > 255) return 0 ;
  *v = n ;
  return 1 ;
}

int exitmap_parse (exitmap *m, char const *s, size_t *bad)
{
  char const *start = s ;
  for (;;)
  {
    unsigned int from, to ;
    char const *pair ;
    while (is_sep(*s)) s++ ;
    if (!*s) return 1 ;
    pair = s ;
    if (!code(&s, &from) || *s++ != '=' || !code(&s, &to) || (*s && !is_sep(*s)))
    {
      *bad = (size_t)(pair - start) ;
      return 0 ;
    }
    m->to[from] = (unsigned char)to ;
  }
}

int exitmap_apply (exitmap const *m, int code)
{
  if (code < 0 || code > 255) return code ;
  return m->to[code] ;
}
