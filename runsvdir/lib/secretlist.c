/* secretlist.c - RUNSVDIR_SECRETS' list and values (see secretlist.h). */
#include <string.h>
#include <skalibs/bytestr.h>
#include "secretlist.h"

static int name_start (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ;
}

static int name_char (char c)
{
  return name_start(c) || (c >= '0' && c <= '9') ;
}

int secretlist_isname (char const *s, size_t len)
{
  if (!len || !name_start(s[0])) return 0 ;
  for (size_t i = 1 ; i < len ; i++) if (!name_char(s[i])) return 0 ;
  return 1 ;
}

int secretlist_next (char const *list, size_t *pos, char const **name, size_t *len)
{
  size_t n = strlen(list) ;
  /* past the last item; or no list at all */
  if (!n || *pos > n) return 0 ;
  *name = list + *pos ;
  *len = str_chr(*name, ',') ;
  *pos += *len + 1 ;  /* past the comma, or past the end after the last item */
  return secretlist_isname(*name, *len) ? 1 : -1 ;
}

int secretlist_value (char const *s, size_t len, size_t *vlen)
{
  if (len > SECRETLIST_MAX) return SECRETLIST_BIG ;
  if (byte_chr(s, len, 0) < len) return SECRETLIST_NUL ;
  *vlen = len && s[len - 1] == '\n' ? len - 1 : len ;
  return SECRETLIST_OK ;
}
