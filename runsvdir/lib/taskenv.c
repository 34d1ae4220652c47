/* taskenv.c - parsing $RUNSVDIR_ENV (see taskenv.h). */
#include <string.h>
#include "taskenv.h"

static int name_start (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ;
}

static int name_char (char c)
{
  return name_start(c) || (c >= '0' && c <= '9') ;
}

int taskenv_next (char const *s, size_t len, size_t *pos, unsigned int *lineno, taskenv_line *line)
{
  for (;;)
  {
    char const *nl ;
    size_t start = *pos, end, i = start ;
    if (start >= len) return 0 ;
    nl = memchr(s + start, '\n', len - start) ;
    end = nl ? (size_t)(nl - s) : len ;
    *pos = nl ? end + 1 : len ;
    (*lineno)++ ;
    if (end == start) continue ;  /* an empty line */
    if (!name_start(s[i])) return -1 ;
    while (i < end && name_char(s[i])) i++ ;
    if (i == end || s[i] != '=' || memchr(s + i, 0, end - i)) return -1 ;
    line->name = s + start ;
    line->namelen = i - start ;
    line->value = s + i + 1 ;
    line->valuelen = end - i - 1 ;
    return 1 ;
  }
}
