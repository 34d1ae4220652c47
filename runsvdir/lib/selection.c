/* selection.c - RUNSVDIR_ONLY and RUNSVDIR_SKIP, parsed and matched (see selection.h). */
#include <fnmatch.h>
#include <string.h>
#include "selection.h"

/* blank: a space or a tab, dropped around an entry */
static int blank (char c)
{
  return c == ' ' || c == '\t' ;
}

int selection_parse (selection_list *l, char const *s)
{
  size_t len0 = l->s.len ;
  unsigned int n0 = l->n ;
  if (!s) return 1 ;
  while (*s)
  {
    size_t len ;
    while (blank(*s)) s++ ;
    len = strcspn(s, ",") ;
    {
      size_t end = len ;
      while (end && blank(s[end - 1])) end-- ;
      if (end)
      {
        if (!stralloc_catb(&l->s, "\0", 1) || !stralloc_catb(&l->s, s, end) || !stralloc_0(&l->s))
        {
          /* all of S or none of it */
          l->s.len = len0 ;
          l->n = n0 ;
          return 0 ;
        }
        l->n++ ;
      }
    }
    s += len ;
    if (*s == ',') s++ ;
  }
  return 1 ;
}

/* next: the entry after the one at *pos (its flag byte), moving *pos on */
static char *next (selection_list const *l, size_t *pos)
{
  char *e = l->s.s + *pos ;
  *pos += 1 + strlen(e + 1) + 1 ;
  return e ;
}

int selection_matches (selection_list const *l, char const *name)
{
  size_t pos = 0 ;
  for (unsigned int i = 0 ; i < l->n ; i++)
    if (!fnmatch(next(l, &pos) + 1, name, 0)) return 1 ;
  return 0 ;
}

int selection_down (selection const *sel, char const *name)
{
  if (selection_matches(&sel->skip, name)) return 1 ;
  return sel->only.n && !selection_matches(&sel->only, name) ;
}

/* note: marks every entry of L that matches NAME */
static void note (selection_list *l, char const *name)
{
  size_t pos = 0 ;
  for (unsigned int i = 0 ; i < l->n ; i++)
  {
    char *e = next(l, &pos) ;
    if (!fnmatch(e + 1, name, 0)) e[0] = 1 ;
  }
}

void selection_note (selection *sel, char const *name)
{
  note(&sel->only, name) ;
  note(&sel->skip, name) ;
}

char const *selection_unused (selection_list const *l, unsigned int i)
{
  size_t pos = 0 ;
  for (unsigned int k = 0 ; k < l->n ; k++)
  {
    char const *e = next(l, &pos) ;
    if (!e[0] && !i--) return e + 1 ;
  }
  return 0 ;
}

void selection_free (selection_list *l)
{
  stralloc_free(&l->s) ;
  l->n = 0 ;
}
