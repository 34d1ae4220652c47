/* instances.c - a template's instances file (see instances.h). */
#include <stdlib.h>
#include <string.h>
#include "instances.h"
#include "svinstance.h"

/* blank: a character the file's value may be wrapped in */
static int blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' ;
}

int instances_number (char const *s, size_t len, unsigned int *n)
{
  unsigned int v = 0 ;
  if (!len || len > 4 || (len > 1 && s[0] == '0')) return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    if (s[i] < '0' || s[i] > '9') return 0 ;
    v = v * 10 + (unsigned int)(s[i] - '0') ;
  }
  if (v > SVINSTANCE_MAX) return 0 ;
  *n = v ;
  return 1 ;
}

int instances_parse (char const *s, size_t len, unsigned int *n, char *value, size_t vmax)
{
  size_t m ;
  *n = 0 ;
  while (len && blank(s[0])) { s++ ; len-- ; }
  while (len && blank(s[len - 1])) len-- ;
  if (vmax)
  {
    m = len < vmax - 1 ? len : vmax - 1 ;
    memcpy(value, s, m) ;
    value[m] = 0 ;
  }
  if (len > 1 && s[0] == '$')
  {
    char var[len] ;
    char const *x ;
    memcpy(var, s + 1, len - 1) ;
    var[len - 1] = 0 ;
    if (memchr(var, 0, len - 1) || strchr(var, '=')) return 0 ;
    x = getenv(var) ;
    return x && instances_number(x, strlen(x), n) ;
  }
  return instances_number(s, len, n) ;
}
