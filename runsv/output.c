/* output.c - prefixed output (see output.h). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/djbunix.h>
#include <skalibs/selfpipe.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "coldbss.h"
#include "errword.h"
#include "knobs.h"
#include "output.h"
#include "statedir.h"

/* the prefixes and unfinished lines of the stdout and stderr pumps: apart
   from the supervisor's record, untouched (no dirty page) without
   RUNSVDIR_PREFIX */
static lineprefix prefixes[2] COLDBSS ;

void output_setup (supervisor *sp, char const *dir)
{
  char const *split = getenv("RUNSVDIR_PREFIX_STDERR") ;
  char const *spec, *name ;
  size_t len ;
  stralloc here = STRALLOC_ZERO ;
  if (sp->haslog || !(spec = linepump_spec())) return ;
  len = statedir_last(dir, &name) ;
  if (!len)
  {
    /* runsv . : the service's name is its directory's */
    if (sagetcwd(&here) < 0 || !stralloc_0(&here)) errword_diesys(111, "unable to get the current directory") ;
    len = statedir_last(here.s, &name) ;
  }
  if (!linepump_open(&sp->out, &prefixes[0], spec, name, len, 1)
   || (split && !strcmp(split, "1") && !linepump_open(&sp->err, &prefixes[1], spec, name, len, 2)))
    errword_diesys(111, "unable to create pipe for the prefixed output") ;
  stralloc_free(&here) ;
  /* a docker logs pipe that is gone must cost the lines, not runsv */
  if (!selfpipe_trap(SIGPIPE)) errword_diesys(111, "unable to trap SIGPIPE") ;
}

void output_keep (supervisor *sp)
{
  uint32_t cap = 0 ;
  /* kept only where the output is prefixed: elsewhere, what an earlier run kept is removed */
  if (sp->out.fd[0] >= 0) cap = knobs_count(&sp->svc[0], "log-buffer", OUTBUF_DEFAULT, "16384 is used") ;
  if (!outbuf_open(&sp->keep, sp->svc[0].super, cap))
  {
    errword_warnsys("unable to keep the output in ", sp->svc[0].super, "/output") ;
    return ;
  }
  if (cap)
  {
    sp->out.tee = &outbuf_put ;
    sp->out.teectx = &sp->keep ;
  }
}

void output_read (supervisor *sp, int out, int err)
{
  int more = out && linepump_read(&sp->out, 0) == 2 ;
  if (err) linepump_read(&sp->err, 0) ;
  outbuf_turn(&sp->keep, more) ;  /* only stdout is kept */
}

int output_waiting (supervisor const *sp)
{
  return outbuf_pending(&sp->keep) ;
}

void output_drain (supervisor *sp)
{
  linepump_drain(&sp->out) ;
  linepump_drain(&sp->err) ;
  outbuf_end(&sp->keep) ;
}
