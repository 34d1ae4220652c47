/* fuzz_selection.c - RUNSVDIR_ONLY and RUNSVDIR_SKIP: the input is a list,
 * parsed as ONLY and as SKIP, then matched against names taken from it. No
 * entry is empty or has a blank at either end; each entry matches itself
 * unless it holds a glob's special characters; SKIP always wins; an entry
 * a noted name matched is never unused. */
#include "fuzz.h"
#include "selection.h"

/* plain: no character fnmatch gives a meaning to */
static int plain (char const *e)
{
  return !strpbrk(e, "*?[\\\\") ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = fuzz_cstr(data, size) ;
  selection sel = SELECTION_ZERO ;
  char const *e ;
  unsigned int n = 0 ;
  FUZZ_CHECK(selection_parse(&sel.only, s)) ;
  FUZZ_CHECK(selection_parse(&sel.skip, s)) ;
  FUZZ_CHECK(sel.only.n == sel.skip.n) ;
  for (unsigned int i = 0 ; (e = selection_unused(&sel.only, i)) ; i++)
  {
    size_t len = strlen(e) ;
    n++ ;
    FUZZ_CHECK(len && !strchr(e, ',')) ;
    FUZZ_CHECK(e[0] != ' ' && e[0] != '\t' && e[len - 1] != ' ' && e[len - 1] != '\t') ;
    if (plain(e)) FUZZ_CHECK(selection_matches(&sel.only, e)) ;
    /* the same list in SKIP: whatever ONLY keeps, SKIP puts down */
    FUZZ_CHECK(selection_down(&sel, e) || !selection_matches(&sel.skip, e)) ;
  }
  FUZZ_CHECK(n == sel.only.n) ;
  /* each entry as a name: a plain one is used once noted */
  for (unsigned int i = 0 ; (e = selection_unused(&sel.skip, i)) ; i++)
    if (plain(e)) { selection_note(&sel, e) ; i = (unsigned int)-1 ; }
  for (unsigned int i = 0 ; (e = selection_unused(&sel.only, i)) ; i++) FUZZ_CHECK(!plain(e)) ;
  selection_free(&sel.only) ;
  selection_free(&sel.skip) ;
  free(s) ;
  return 0 ;
}
