/* selected.c - RUNSVDIR_ONLY, RUNSVDIR_SKIP: the environment of each runsv (see selected.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/env.h>
#include <skalibs/genalloc.h>
#include <skalibs/posixplz.h>
#include "errword.h"
#include "namequote.h"
#include "selected.h"
#include "selection.h"

static selection sel = SELECTION_ZERO ;
static int warned = 0 ;  /* the first complete scan was looked at */

void selected_init (void)
{
  if (!selection_parse(&sel.only, getenv(SELECTED_ONLY)) || !selection_parse(&sel.skip, getenv(SELECTED_SKIP)))
    errword_diesys(111, "unable to read " SELECTED_ONLY " and " SELECTED_SKIP) ;
  if (unsetenv(SELECTED_DOWN) < 0) errword_diesys(111, "unable to unset " SELECTED_DOWN) ;
}

char const *const *selected_env (char const *name, char const *const *base)
{
  static genalloc v = GENALLOC_ZERO ;  /* char const *: BASE's strings, RUNSV_DOWN=1, 0 */
  char const *down = SELECTED_DOWN "=1", *end = 0 ;
  size_t n ;
  if (!selection_down(&sel, name)) return base ;
  if (!base) base = (char const *const *)environ ;
  n = env_len(base) ;
  v.len = 0 ;
  if (!genalloc_catb(char const *, &v, base, n)
   || !genalloc_catb(char const *, &v, &down, 1)
   || !genalloc_catb(char const *, &v, &end, 1))
  {
    errword_warnsys("unable to start ", namequote_show(name), " down (its runsv starts it as it would)") ;
    return base == (char const *const *)environ ? 0 : base ;
  }
  return genalloc_s(char const *, &v) ;
}

/* warn_unused: each entry of L (the variable VAR) that no service matched */
static void warn_unused (selection_list const *l, char const *var)
{
  char const *e ;
  for (unsigned int i = 0 ; (e = selection_unused(l, i)) ; i++)
    errword_warn(var, ": ", namequote_show(e), ": matches no service") ;
}

void selected_scanned (scanned const *t)
{
  unsigned int n = scanned_n(t) ;
  if (warned) return ;
  warned = 1 ;
  for (unsigned int i = 0 ; i < n ; i++)
    if (!scanned_at(t, i)->removed) selection_note(&sel, scanned_at(t, i)->name) ;
  warn_unused(&sel.only, SELECTED_ONLY) ;
  warn_unused(&sel.skip, SELECTED_SKIP) ;
}
