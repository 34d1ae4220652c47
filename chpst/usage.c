/* usage.c - chpst's usage and getopt lines, in runit's exact format.
 *
 * These are the one place chpst writes to stderr without lib/errword.h's
 * errword_*: runit prints them without the "chpst: fatal: " prefix and under
 * the name chpst was called by (argv[0]), which PROG does not hold, and
 * errword_dieusage takes one string where these have the name in between.
 */
#include <string.h>
#include <skalibs/strerr.h>
#include "chpst.h"

chpst_names chpst_names_get (char const *argv0)
{
  chpst_names n = { .usage = "chpst", .opt = "chpst" } ;
  char const *s ;
  if (!argv0 || !*argv0) return n ;
  s = strrchr(argv0, '/') ;
  n.opt = s ? s + 1 : argv0 ;
  n.usage = n.opt[0] == 'd' ? n.opt + 1 : n.opt ;
  return n ;
}

void chpst_die_usage (chpst_names const *names, char const *text)
{
  strerr_die(100, "usage: ", names->usage, text, "\n") ;
}

void chpst_die_badopt (chpst_names const *names, subgetopt const *l, char const *optstring, char const *text)
{
  char c[2] = { (char)l->problem, 0 } ;
  size_t i = 0 ;
  while (optstring[i] && optstring[i] != c[0]) i++ ;
  if (c[0] && optstring[i] == c[0] && optstring[i + 1] == ':')
    strerr_warn(names->opt, ": option requires an argument -- ", c) ;
  else
    strerr_warn(names->opt, ": illegal option -- ", c) ;
  chpst_die_usage(names, text) ;
}

void chpst_die_version (chpst_names const *names, char const *version, char const *text)
{
  strerr_warn(version) ;
  chpst_die_usage(names, text) ;
}
