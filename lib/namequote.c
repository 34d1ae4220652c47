/* namequote.c - names escaped for lines of output (see namequote.h). */
#include <string.h>
#include <sys/types.h>
#include <skalibs/skamisc.h>
#include <skalibs/stralloc.h>
#include "namequote.h"

int namequote_escape (stralloc *sa, char const *name, size_t len)
{
  /* no delimiter to quote: every byte outside printable ASCII, and the
     backslash, are escaped all the same */
  return string_quote_nodelim_mustquote(sa, name, len, "", 0) ;
}

ssize_t namequote_fit (char *out, size_t max, char const *name, size_t len)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t n = 0 ;
  /* a byte at a time: the cut falls where one byte's escape ends */
  for (size_t i = 0 ; i < len ; i++)
  {
    if (!namequote_escape(&sa, name + i, 1)) { stralloc_free(&sa) ; return -1 ; }
    if (sa.len > max) break ;
    n = sa.len ;
  }
  if (n) memcpy(out, sa.s, n) ;
  out[n] = 0 ;
  stralloc_free(&sa) ;
  return (ssize_t)n ;
}

/* plain: does NAME hold only bytes shown as they are (printable ASCII but
   the backslash)? */
static int plain (char const *name)
{
  for (; *name ; name++)
    if ((unsigned char)*name < 32 || (unsigned char)*name > 126 || *name == '\\') return 0 ;
  return 1 ;
}

char const *namequote_show (char const *name)
{
  static stralloc sa = STRALLOC_ZERO ;
  /* the usual name needs no escape, and no allocation (runsv shows its
     name in every message: an idle runsv then has no heap) */
  if (plain(name)) return name ;
  sa.len = 0 ;
  if (!namequote_escape(&sa, name, strlen(name)) || !stralloc_0(&sa)) return "?" ;
  return sa.s ;
}
