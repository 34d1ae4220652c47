/* multicall.c - the musl build's one program: runs the main of runsvdir,
 * runsv, sv, chpst or svlogd by the base name it was run under.
 *
 * Each program's main is its own file's (PROG/PROG.c), renamed PROG_main
 * in this build alone (objcopy, see the Makefile); the five names are hard
 * links to one file, so each process still names its program in
 * /proc/PID/exe (sv tail finds svlogd so). chpst's daemontools names
 * (with runit's one leading "d") go to chpst; any other name is sv's, run
 * as an init script for the service of that name (sv.8), as a link to sv
 * always was, where chpst under another name was chpst. Why one program,
 * and why not by default: docs/design.md.
 */
#include <string.h>

extern int runsvdir_main (int argc, char **argv) ;
extern int runsv_main (int argc, char const *const *argv) ;
extern int sv_main (int argc, char const *const *argv) ;
extern int chpst_main (int argc, char const *const *argv) ;
extern int svlogd_main (int argc, char const *const *argv) ;

/* runsvdir: runsvdir's main, which writes into its argv (proctitle.c):
   the kernel's argv is writable, main's type says it is not */
static int runsvdir (int argc, char const *const *argv)
{
  return runsvdir_main(argc, (char **)argv) ;
}

/* is: is the base name B the word W? */
static int is (char const *b, char const *w)
{
  while (*w && *b == *w) { b++ ; w++ ; }
  return !*w && !*b ;
}

/* persona: is B one of chpst's daemontools names? */
static int persona (char const *b)
{
  switch (b[0])
  {
    case 's' : return is(b, "setuidgid") || is(b, "setlock") || is(b, "softlimit") ;
    case 'e' : return is(b, "envdir") || is(b, "envuidgid") ;
    case 'p' : return is(b, "pgrphack") ;
    default : return 0 ;
  }
}

/* which: the main for base name B; sv's for any name not another's. By its
   first letters before whole words: sv status runs in probes, and this runs
   before each */
static int (*which (char const *b)) (int, char const *const *)
{
  if (b[0] == 'r') return is(b, "runsv") ? &runsv_main : is(b, "runsvdir") ? &runsvdir : &sv_main ;
  if (b[0] == 's' && b[1] == 'v') return is(b, "svlogd") ? &svlogd_main : &sv_main ;
  /* chpst's names, with runit's one leading "d" (dpgrphack) */
  if (is(b, "chpst") || persona(b) || (b[0] == 'd' && persona(b + 1))) return &chpst_main ;
  return &sv_main ;
}

int main (int argc, char const *const *argv)
{
  char const *b = argv[0] ? argv[0] : "sv" ;
  size_t n = strlen(b) ;
  while (n && b[n - 1] != '/') n-- ;
  return (*which(b + n))(argc, argv) ;
}
