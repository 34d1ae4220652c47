/* instance.c - runsv as an instance of a template (see instance.h). */
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "errword.h"
#include "instance.h"
#include "statedir.h"
#include "svinstance.h"

static stralloc name = STRALLOC_ZERO ;  /* "T@I", empty when runsv is no instance */
static size_t tlen = 0 ;                /* the length of T@ in it */

char const *instance_init (char const *dir)
{
  char const *i = getenv(SVINSTANCE_VAR), *last ;
  size_t len ;
  if (!i || !i[0]) return dir ;
  len = statedir_last(dir, &last) ;
  if (!svinstance_template(last, len)) return dir ;
  if (!svinstance_valid(i)) errword_die(100, "invalid " SVINSTANCE_VAR ": ", i, " (a name without / that does not start with a dot)") ;
  if (!stralloc_catb(&name, last, len) || !stralloc_cats(&name, i) || !stralloc_0(&name))
    errword_diesys(111, "unable to allocate memory") ;
  tlen = len ;
  return name.s ;
}

/* mkdirs: BASE and its parents below the template dir (relative), mode 0755 */
static int mkdirs (char *base)
{
  for (char *p = base ;; p++)
  {
    if (*p && *p != '/') continue ;
    {
      char c = *p ;
      *p = 0 ;
      if (mkdir(base, 0755) < 0 && errno != EEXIST) { *p = c ; return 0 ; }
      *p = c ;
      if (!c) return 1 ;
    }
  }
}

char const *instance_super (int islog)
{
  static stralloc sa[2] = { STRALLOC_ZERO, STRALLOC_ZERO } ;
  stralloc *p = &sa[!!islog] ;
  char const *sd = statedir_dir() ;
  if (!name.len) return 0 ;
  if (!svinstance_base(p, "", name.s, tlen, islog))
  {
    if (errno == EINVAL) errword_die(100, STATEDIR_VAR "=", sd, ": not an absolute path") ;
    errword_diesys(111, "unable to name the supervise directory of ", name.s) ;
  }
  if (sd)
  {
    /* made without a link below the state dir, none of it another user's (statedir.h) */
    stralloc bad = STRALLOC_ZERO ;
    int r = statedir_make(sd, p->s, &bad) ;
    if (r < 0) errword_die(111, "unable to use " STATEDIR_VAR "=", sd, ": another user may write ", bad.len ? bad.s : p->s) ;
    if (!r) errword_diesys(111, "unable to create directory ", bad.len ? bad.s : p->s) ;
    stralloc_free(&bad) ;
  }
  else if (!mkdirs(p->s)) errword_diesys(111, "unable to create directory ", p->s) ;
  p->len-- ;
  if (!stralloc_cats(p, "/supervise") || !stralloc_0(p)) errword_diesys(111, "unable to name ", p->s, "/supervise") ;
  return p->s ;
}

void instance_args (char const **argv)
{
  size_t n = 0 ;
  if (!name.len) return ;
  while (argv[n]) n++ ;
  for (size_t k = n + 1 ; k > 1 ; k--) argv[k] = argv[k - 1] ;
  argv[1] = name.s + tlen ;
}
