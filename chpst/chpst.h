/* chpst.h - what chpst.c (chpst's own options) and daemontools.c (the argv0
 * personalities) share: the names used in usage lines, and the steps that
 * change the process state. Each step dies with runit's message and exit
 * code 111 when it fails, so the program never runs half-changed.
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
  LIM_DATA, LIM_STACK, LIM_MEMLOCK, LIM_AS, LIM_NOFILE,
  LIM_NPROC, LIM_FSIZE, LIM_CORE, LIM_RSS, LIM_CPU, LIM_N
} ;

typedef struct limits_s limits ;
struct limits_s
{
  rlim_t v[LIM_N] ;            /* the soft limit asked for (RLIM_INFINITY: the hard limit) */
  unsigned char set[LIM_N] ;   /* nonzero: change this one */
} ;
#define LIMITS_ZERO { .v = { 0 }, .set = { 0 } }

/* usage names: "usage: PROGNAME ..." uses argv[0]'s basename minus one
   leading 'd' (as runit); getopt complaints use the plain basename */
extern char const *progname ;
extern char const *optname ;

/* die_usage: "usage: PROGNAME TEXT" and an empty line, exit 100 */
extern void die_usage (char const *text) gccattr_noreturn ;
/* die_badopt: runit's getopt complaint for L's problem, then die_usage(TEXT) */
extern void die_badopt (subgetopt const *l, char const *optstring, char const *text) gccattr_noreturn ;

/* set_limit: record soft limit V for limit I (runit's -m sets four of them) */
extern void set_limit (limits *lim, unsigned int i, rlim_t v) ;

/* change_envdir: DIR's variables into MODIFS (chpst -e skips subdirectories, envdir fails) */
extern void change_envdir (char const *dir, stralloc *modifs, int skipdirs, int verbose) ;
/* change_root: chdir to ROOT, then chroot there (-/) */
extern void change_root (char const *root) ;
/* change_nice: add INC to the nice value (-n) */
extern void change_nice (int inc) ;
/* change_envuser: $UID and $GID of SPEC into MODIFS (EXT: -U's [:]user[:group] form, else an account name) */
extern void change_envuser (char const *spec, int ext, stralloc *modifs) ;
/* change_user: groups, gid then uid of SPEC (EXT as above) */
extern void change_user (char const *spec, int ext) ;
/* lock_take: open FILE and flock it, WAIT or not; the fd (kept across exec),
   or -1 with errno and *WHAT saying which step failed */
extern int lock_take (char const *file, int wait, char const **what) ;
/* change_close: close fd FD (0, 1 or 2) for -0/-1/-2; already closed is fine */
extern void change_close (int fd) ;
/* change_limits: set the soft limits recorded in LIM (after the uid switch) */
extern void change_limits (limits const *lim, int verbose) ;
/* run: exec FILE (PATH search in the original environment) with ARGV and
   the environment changed by MODIFS, or die "unable to run: ARGV[0]: ERR" */
extern void run (char const *file, char const *const *argv, stralloc const *modifs) gccattr_noreturn ;

/* daemontools_find: the personality for NAME (envdir, setlock...), or 0 */
typedef int personality_func (int argc, char const *const *argv) ;
extern personality_func *daemontools_find (char const *name) ;

#endif
