/* svline.c - the status line of sv (runit-spec.md 5.6). */
#include <string.h>
#include <skalibs/types.h>
#include "namequote.h"
#include "svline.h"

char const *svline_state (superstatus const *st)
{
  switch (st->proc)
  {
    case SUPERSTATUS_DOWN : return "down: " ;
    case SUPERSTATUS_RUN : return "run: " ;
    case SUPERSTATUS_FINISH : return "finish: " ;
    default : return "" ;
  }
}

/* put: appends the NUL-terminated WORD at s + n; returns the new length */
static size_t put (char *s, size_t n, char const *word)
{
  size_t len = strlen(word) ;
  memcpy(s + n, word, len) ;
  return n + len ;
}

size_t svline_fmt (char *s, superstatus const *st, int normallyup, tain const *now)
{
  size_t n = 0 ;
  uint32_t pid = st->pid ;
  if (st->proc != SUPERSTATUS_DOWN)
  {
    n = put(s, n, "(pid ") ;
    n += uint32_fmt(s + n, pid) ;
    n = put(s, n, ") ") ;
  }
  /* whole seconds; a label in the future (clock stepped back) reads 0 */
  n += uint64_fmt(s + n, now->sec.x < st->stamp.sec.x ? 0 : now->sec.x - st->stamp.sec.x) ;
  s[n++] = 's' ;
  if (pid && normallyup == 0) n = put(s, n, ", normally down") ;
  if (!pid && normallyup == 1) n = put(s, n, ", normally up") ;
  if (pid && st->paused) n = put(s, n, ", paused") ;
  if (!pid && st->want == 'u') n = put(s, n, ", want up") ;
  if (pid && st->want == 'd') n = put(s, n, ", want down") ;
  if (pid && st->gotterm) n = put(s, n, ", got TERM") ;
  return n ;
}

int svline_maywait (superstatus const *st)
{
  return !st->pid && st->proc == SUPERSTATUS_DOWN && st->want == 'u' ;
}

int svline_waiting (stralloc *sa, char const *waiting, size_t len)
{
  size_t start = sa->len, i = 0 ;
  int names = 0 ;
  if (!stralloc_cats(sa, "waiting")) return 0 ;
  while (i < len)
  {
    size_t n = 0 ;
    while (i + n < len && waiting[i + n] != '\n') n++ ;
    if (n)
    {
      if (!stralloc_cats(sa, names ? ", " : " for ") || !namequote_escape(sa, waiting + i, n))
      {
        sa->len = start ;
        return 0 ;
      }
      names = 1 ;
    }
    i += n + 1 ;
  }
  return 1 ;
}

size_t svline_nextrun (char *s, tain const *next, tain const *now)
{
  tain left ;
  uint64_t secs ;
  size_t n ;
  if ((!next->sec.x && !next->nano) || !tain_less(now, next)) return 0 ;
  tain_sub(&left, next, now) ;
  /* rounded up: a run 0.2 s away is "in 1s", never "in 0s" */
  secs = left.sec.x + !!left.nano ;
  n = put(s, 0, "next run in ") ;
  n += uint64_fmt(s + n, secs) ;
  s[n++] = 's' ;
  return n ;
}
