/* chpst.h - what chpst.c (chpst's own options) and daemontools.c (the argv0
 * personalities) share: the names used in usage lines (usage.c), and the
 * steps that change the process state (change.c). Each step dies with
 * runit's message and exit code 111 when it fails, so the program never
 * runs half-changed. Files call downward only: chpst.c uses the other three,
 * daemontools.c uses usage.c and change.c, and those two use lib/ only.
 */
#ifndef CHPST_H
#define CHPST_H

#include <sys/resource.h>
#include <skalibs/gccattributes.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>

/* the resource limits, in the order runit sets them */
enum
{
  CHPST_LIM_DATA, CHPST_LIM_STACK, CHPST_LIM_MEMLOCK, CHPST_LIM_AS, CHPST_LIM_NOFILE,
  CHPST_LIM_NPROC, CHPST_LIM_FSIZE, CHPST_LIM_CORE, CHPST_LIM_RSS, CHPST_LIM_CPU, CHPST_LIM_N
} ;

typedef struct chpst_limits_s chpst_limits ;
struct chpst_limits_s
{
  rlim_t v[CHPST_LIM_N] ;            /* the soft limit asked for (RLIM_INFINITY: the hard limit) */
  unsigned char set[CHPST_LIM_N] ;   /* nonzero: change this one */
} ;
#define CHPST_LIMITS_ZERO { .v = { 0 }, .set = { 0 } }

/* the names chpst was called by (runit's rule, from argv[0]): "usage: USAGE
   ..." uses the basename minus one leading 'd', getopt complaints OPT, the
   plain basename */
typedef struct chpst_names_s chpst_names ;
struct chpst_names_s
{
  char const *usage ;
  char const *opt ;
} ;

/* usage.c: the lines that keep runit's exact format, outside errword_* */

/* chpst_names_get: the names for ARGV0 ("chpst" for both if it is empty) */
extern chpst_names chpst_names_get (char const *argv0) ;
/* chpst_die_usage: "usage: NAMES->usage TEXT" and an empty line, exit 100 */
extern void chpst_die_usage (chpst_names const *names, char const *text) gccattr_noreturn ;
/* chpst_die_badopt: runit's getopt complaint for L's problem, then chpst_die_usage */
extern void chpst_die_badopt (chpst_names const *names, subgetopt const *l, char const *optstring, char const *text) gccattr_noreturn ;
/* chpst_die_version: VERSION on a line of its own, then chpst_die_usage (-V) */
extern void chpst_die_version (chpst_names const *names, char const *version, char const *text) gccattr_noreturn ;

/* change.c: the steps, in the order chpst takes them */

/* chpst_limits_set: record soft limit V for limit I (runit's -m sets four of them) */
extern void chpst_limits_set (chpst_limits *lim, unsigned int i, rlim_t v) ;
/* change_envdir: DIR's variables into MODIFS (chpst -e skips subdirectories,
   envdir fails); VERBOSE: warn of each skipped subdirectory */
extern void change_envdir (char const *dir, stralloc *modifs, int skipdirs, int verbose) ;
/* change_root: chdir to ROOT, then chroot there (-/) */
extern void change_root (char const *root) ;
/* change_nice: add INC to the nice value (-n) */
extern void change_nice (int inc) ;
/* change_envuser: $UID and $GID of SPEC into MODIFS (EXT: -U's [:]user[:group] form, else an account name) */
extern void change_envuser (char const *spec, int ext, stralloc *modifs) ;
/* change_user: groups, gid then uid of SPEC (EXT as above) */
extern void change_user (char const *spec, int ext) ;
/* change_lock: open FILE and flock it, WAIT or not; the fd (kept across exec),
   or -1 with errno and *WHAT saying which step failed */
extern int change_lock (char const *file, int wait, char const **what) ;
/* change_close: close fd FD (0, 1 or 2) for -0/-1/-2; already closed is fine */
extern void change_close (int fd) ;
/* change_limits: set the soft limits recorded in LIM (after the uid switch) */
extern void change_limits (chpst_limits const *lim, int verbose) ;
/* change_exec: exec FILE (PATH search in the original environment) with ARGV and
   the environment changed by MODIFS, or die "unable to run: ARGV[0]: ERR" */
extern void change_exec (char const *file, char const *const *argv, stralloc const *modifs) gccattr_noreturn ;

/* daemontools.c: the personalities */

/* daemontools_func: a personality's main, given the names chpst was called by */
typedef int daemontools_func (int argc, char const *const *argv, chpst_names const *names) ;
/* daemontools_find: the personality for NAME (envdir, setlock...), or 0 */
extern daemontools_func *daemontools_find (char const *name) ;

#endif
