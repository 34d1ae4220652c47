/* svtail.c - lines, last lines, and svlogd's directory (see svtail.h). */
#include <string.h>
#include "svtail.h"

void svtail_feed (svtail *t, char const *s, size_t len, svtail_line_func *f, void *ctx)
{
  while (len)
  {
    char const *nl = memchr(s, '\n', len) ;
    size_t n = nl ? (size_t)(nl - s) : len ;
    size_t room = SVTAIL_LINEMAX - t->partlen ;
    if (n > room) t->cutting = 1 ;
    {
      size_t k = n < room ? n : room ;
      memcpy(t->part + t->partlen, s, k) ;
      t->partlen += k ;
    }
    if (!nl) return ;
    if (t->cutting)
    {
      memcpy(t->part + t->partlen, SVTAIL_CUT, SVTAIL_CUTLEN) ;
      t->partlen += SVTAIL_CUTLEN ;
    }
    (*f)(t->part, t->partlen, ctx) ;
    t->partlen = 0 ;
    t->cutting = 0 ;
    n++ ;
    s += n ; len -= n ;
  }
}

size_t svtail_start (char const *s, size_t len, unsigned int n, unsigned int *count)
{
  size_t i = len ;
  unsigned int c = 0 ;
  /* the last newline ends the last whole line */
  while (i && s[i - 1] != '\n') i-- ;
  if (!i || !n) { *count = 0 ; return i ; }
  i-- ;
  /* each newline before it ends the line before the one being counted */
  while (i)
  {
    if (s[i - 1] == '\n' && ++c == n) break ;
    i-- ;
  }
  *count = i ? n : c + 1 ;
  return i ;
}

int svtail_issvlogd (char const *path, size_t len)
{
  size_t i = len ;
  while (i && path[i - 1] != '/') i-- ;
  return len - i == 6 && !memcmp(path + i, "svlogd", 6) ;
}

char const *svtail_logdir (char const *cmd, size_t len)
{
  size_t i, w ;
  int skip = 0 ;
  if (!len || cmd[len - 1]) return 0 ;
  w = strlen(cmd) ;
  if (!svtail_issvlogd(cmd, w)) return 0 ;
  /* svlogd's options: R: r: l: b: take an argument (joined or next), t T v V do not */
  for (i = w + 1 ; i < len ; i += strlen(cmd + i) + 1)
  {
    char const *a = cmd + i ;
    if (skip) { skip = 0 ; continue ; }
    if (a[0] != '-' || !a[1]) return a[0] ? a : 0 ;
    if (!strcmp(a, "--")) { i += 3 ; return i < len && cmd[i] ? cmd + i : 0 ; }
    for (a++ ; *a ; a++)
      if (strchr("Rrlb", *a)) { skip = !a[1] ; break ; }
  }
  return 0 ;
}
