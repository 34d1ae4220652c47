/* chpst.c - run a program with a changed process state (runit's chpst).
 *
 * Options only record what to do; the changes then happen in runit's fixed
 * order, whatever the order of the options: setsid, envdir, chroot, chdir,
 * nice, $UID/$GID, uid switch, lock, closing fds, limits, exec. Called as
 * envdir, envuidgid, pgrphack, setlock, setuidgid or softlimit it behaves
 * as that daemontools program instead (daemontools.c).
 */
#include <unistd.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>
#include "chpst.h"
#include "errword.h"
#include "rlimit.h"

#define USAGE " [-vVP012] [-u user[:group]] [-U user[:group]] [-b argv0] [-e dir] [-/ root] [-C pwd] [-n nice] [-l|-L lock] [-m n] [-d n] [-o n] [-p n] [-f n] [-c n] [-t n] prog"
#define OPTSTRING "u:U:b:e:m:d:o:p:f:c:r:t:/:C:n:l:L:vP012V"
#define VERSION "$Id: chpst, runit 2.1.2 compatible (sv suite) $"

typedef struct opts_s opts ;
struct opts_s
{
  char const *user ;       /* -u */
  char const *envuser ;    /* -U */
  char const *argv0 ;      /* -b */
  char const *envdir ;     /* -e */
  char const *root ;       /* -/ */
  char const *pwd ;        /* -C */
  char const *lock ;       /* -l / -L */
  int lockwait ;
  int nice ;               /* -n; 0: leave it */
  int verbose, setsid, close0, close1, close2 ;
  chpst_limits lim ;
} ;

/* limit_arg: a chpst limit option's number (no "=" here, as in runit) */
static rlim_t limit_arg (char const *s, chpst_names const *names)
{
  rlim_t v ;
  if (!rlimit_scan(s, &v, 0)) chpst_die_usage(names, USAGE) ;
  return v ;
}

/* parse: chpst's options into O; returns the index of prog in argv */
static int parse (int argc, char const *const *argv, chpst_names const *names, opts *o)
{
  subgetopt l = SUBGETOPT_ZERO ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, OPTSTRING, &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'u' : o->user = l.arg ; break ;
      case 'U' : o->envuser = l.arg ; break ;
      case 'b' : o->argv0 = l.arg ; break ;
      case 'e' : o->envdir = l.arg ; break ;
      case '/' : o->root = l.arg ; break ;
      case 'C' : o->pwd = l.arg ; break ;
      case 'm' :
      {
        rlim_t v = limit_arg(l.arg, names) ;
        chpst_limits_set(&o->lim, CHPST_LIM_DATA, v) ;
        chpst_limits_set(&o->lim, CHPST_LIM_STACK, v) ;
        chpst_limits_set(&o->lim, CHPST_LIM_MEMLOCK, v) ;
        chpst_limits_set(&o->lim, CHPST_LIM_AS, v) ;
        break ;
      }
      case 'd' : chpst_limits_set(&o->lim, CHPST_LIM_DATA, limit_arg(l.arg, names)) ; break ;
      case 'o' : chpst_limits_set(&o->lim, CHPST_LIM_NOFILE, limit_arg(l.arg, names)) ; break ;
      case 'p' : chpst_limits_set(&o->lim, CHPST_LIM_NPROC, limit_arg(l.arg, names)) ; break ;
      case 'f' : chpst_limits_set(&o->lim, CHPST_LIM_FSIZE, limit_arg(l.arg, names)) ; break ;
      case 'c' : chpst_limits_set(&o->lim, CHPST_LIM_CORE, limit_arg(l.arg, names)) ; break ;
      case 'r' : chpst_limits_set(&o->lim, CHPST_LIM_RSS, limit_arg(l.arg, names)) ; break ;
      case 't' : chpst_limits_set(&o->lim, CHPST_LIM_CPU, limit_arg(l.arg, names)) ; break ;
      case 'n' : if (!rlimit_nice_scan(l.arg, &o->nice)) chpst_die_usage(names, USAGE) ; break ;
      case 'l' :
      case 'L' :
        if (o->lock) chpst_die_usage(names, USAGE) ;   /* one lock only, as runit */
        o->lock = l.arg ;
        o->lockwait = opt == 'l' ;
        break ;
      case 'v' : o->verbose = 1 ; break ;
      case 'P' : o->setsid = 1 ; break ;
      case '0' : o->close0 = 1 ; break ;
      case '1' : o->close1 = 1 ; break ;
      case '2' : o->close2 = 1 ; break ;
      case 'V' : chpst_die_version(names, VERSION, USAGE) ;
      default : chpst_die_badopt(names, &l, OPTSTRING, USAGE) ;
    }
  }
  if (l.ind >= argc) chpst_die_usage(names, USAGE) ;
  return l.ind ;
}

/* change: apply O in runit's order; the uid switch comes late so that the
   env dir and chroot are read with the old rights, and the lock and limits
   apply to the new user */
static void change (opts const *o, stralloc *modifs)
{
  if (o->setsid) setsid() ;   /* fails only for a group leader, which runit ignores too */
  if (o->envdir) change_envdir(o->envdir, modifs, 1, o->verbose) ;
  if (o->root) change_root(o->root) ;
  if (o->pwd && chdir(o->pwd) < 0) errword_diesys(111, "unable to change directory: ", o->pwd) ;
  if (o->nice) change_nice(o->nice) ;
  if (o->envuser) change_envuser(o->envuser, 1, modifs) ;
  if (o->user) change_user(o->user, 1) ;
  if (o->lock)
  {
    char const *what ;
    if (change_lock(o->lock, o->lockwait, &what) < 0) errword_diesys(111, what, o->lock) ;
  }
  if (o->close0) change_close(0) ;
  if (o->close1) change_close(1) ;
  if (o->close2) change_close(2) ;
  change_limits(&o->lim, o->verbose) ;
}

int main (int argc, char const *const *argv)
{
  opts o = { .lim = CHPST_LIMITS_ZERO } ;
  stralloc modifs = STRALLOC_ZERO ;
  chpst_names names ;
  daemontools_func *persona ;
  char const *file ;
  PROG = "chpst" ;
  names = chpst_names_get(argv[0]) ;
  persona = daemontools_find(names.usage) ;
  if (persona) return (*persona)(argc, argv, &names) ;

  argv += parse(argc, argv, &names, &o) ;
  change(&o, &modifs) ;
  /* -b replaces argv[0] (main's argv is writable); the program is still found by its name */
  file = argv[0] ;
  if (o.argv0) ((char const **)argv)[0] = o.argv0 ;
  change_exec(file, argv, &modifs) ;
}
