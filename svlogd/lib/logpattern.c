/* logpattern.c - svlogd's pattern matcher (see logpattern.h for the language). */
#include "logpattern.h"

int logpattern_match (char const *p, size_t plen, char const *s, size_t len)
{
  size_t i = 0, j = 0 ;
  for (;;)
  {
    char c ;
    if (i == plen) return j == len ;
    c = p[i++] ;
    if (c == '*')
    {
      if (i == plen) return 1 ;
      /* stop at the first occurrence of the next pattern byte, which is then
         matched (or interpreted, if it is itself * or +) by the next round */
      c = p[i] ;
      while (j < len && s[j] != c) j++ ;
      if (j == len) return 0 ;
    }
    else if (c == '+')
    {
      if (i == plen) return 0 ;
      c = p[i++] ;
      if (j == len || s[j] != c) return 0 ;
      while (j < len && s[j] == c) j++ ;
      if (j == len) return 1 ;
    }
    else
    {
      if (j == len || s[j] != c) return 0 ;
      j++ ;
    }
  }
}
