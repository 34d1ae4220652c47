/* daemontools.c - chpst called as envdir, envuidgid, pgrphack, setlock,
 * setuidgid or softlimit: daemontools' programs of those names.
 *
 * Where runit's emulation differs from daemontools by mistake we follow
 * daemontools: setlock waits by default and -n means "do not wait" (runit
 * has them the other way round), setlock -x does not hide a failed exec,
 * and softlimit prints its own usage on a bad number. Messages keep runit's
 * "chpst: fatal: " prefix.
 */
#include <string.h>
#include <unistd.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>
#include "chpst.h"
#include "errword.h"
#include "rlimit.h"

#define U_SETUIDGID " account child"
#define U_ENVUIDGID " account child"
#define U_ENVDIR " dir child"
#define U_PGRPHACK " child"
#define U_SETLOCK " [ -nNxX ] file program [ arg ... ]"
#define U_SOFTLIMIT " [-a allbytes] [-c corebytes] [-d databytes] [-f filebytes] [-l lockbytes] [-m membytes] [-o openfiles] [-p processes] [-r residentbytes] [-s stackbytes] [-t cpusecs] child"

/* setuidgid account child: become ACCOUNT (its uid, gid, and that gid as the only group) */
static int setuidgid_main (int argc, char const *const *argv, chpst_names const *names)
{
  if (argc < 3) chpst_die_usage(names, U_SETUIDGID) ;
  change_user(argv[1], 0) ;
  change_exec(argv[2], argv + 2, 0) ;
}

/* envuidgid account child: $UID and $GID of ACCOUNT */
static int envuidgid_main (int argc, char const *const *argv, chpst_names const *names)
{
  stralloc modifs = STRALLOC_ZERO ;
  if (argc < 3) chpst_die_usage(names, U_ENVUIDGID) ;
  change_envuser(argv[1], 0, &modifs) ;
  change_exec(argv[2], argv + 2, &modifs) ;
}

/* envdir dir child: the variables of DIR; a subdirectory in it is an error */
static int envdir_main (int argc, char const *const *argv, chpst_names const *names)
{
  stralloc modifs = STRALLOC_ZERO ;
  if (argc < 3) chpst_die_usage(names, U_ENVDIR) ;
  change_envdir(argv[1], &modifs, 0, 0) ;
  change_exec(argv[2], argv + 2, &modifs) ;
}

/* pgrphack child: a new session, so a new process group */
static int pgrphack_main (int argc, char const *const *argv, chpst_names const *names)
{
  if (argc < 2) chpst_die_usage(names, U_PGRPHACK) ;
  setsid() ;
  change_exec(argv[1], argv + 1, 0) ;
}

/* setlock [-nNxX] file program: hold an exclusive lock on FILE while PROGRAM runs */
static int setlock_main (int argc, char const *const *argv, chpst_names const *names)
{
  subgetopt l = SUBGETOPT_ZERO ;
  int wait = 1, quiet = 0 ;
  char const *what ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "nNxX", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'n' : wait = 0 ; break ;
      case 'N' : wait = 1 ; break ;
      case 'x' : quiet = 1 ; break ;
      case 'X' : quiet = 0 ; break ;
      default : chpst_die_badopt(names, &l, "nNxX", U_SETLOCK) ;
    }
  }
  argc -= l.ind ;
  argv += l.ind ;
  if (argc < 2) chpst_die_usage(names, U_SETLOCK) ;
  if (change_lock(argv[0], wait, &what) < 0)
  {
    if (quiet) _exit(0) ;   /* -x: "could not lock" is success */
    errword_diesys(111, what, argv[0]) ;
  }
  change_exec(argv[1], argv + 1, 0) ;
}

/* softlimit [-acdflmoprst n] child: soft limits; "=" means the hard limit */
static int softlimit_main (int argc, char const *const *argv, chpst_names const *names)
{
  static char const letters[] = "acdflmoprst" ;
  static unsigned char const which[] =
  {
    CHPST_LIM_AS, CHPST_LIM_CORE, CHPST_LIM_DATA, CHPST_LIM_FSIZE, CHPST_LIM_MEMLOCK,
    CHPST_LIM_N /* -m */, CHPST_LIM_NOFILE, CHPST_LIM_NPROC, CHPST_LIM_RSS, CHPST_LIM_STACK,
    CHPST_LIM_CPU
  } ;
  chpst_limits lim = CHPST_LIMITS_ZERO ;
  subgetopt l = SUBGETOPT_ZERO ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "a:c:d:f:l:m:o:p:r:s:t:", &l) ;
    char const *p ;
    rlim_t v ;
    if (opt == -1) break ;
    p = opt == '?' ? 0 : strchr(letters, opt) ;
    if (!p) chpst_die_badopt(names, &l, "a:c:d:f:l:m:o:p:r:s:t:", U_SOFTLIMIT) ;
    if (!rlimit_scan(l.arg, &v, 1)) chpst_die_usage(names, U_SOFTLIMIT) ;
    if (which[p - letters] == CHPST_LIM_N)
    {
      chpst_limits_set(&lim, CHPST_LIM_DATA, v) ;
      chpst_limits_set(&lim, CHPST_LIM_STACK, v) ;
      chpst_limits_set(&lim, CHPST_LIM_MEMLOCK, v) ;
      chpst_limits_set(&lim, CHPST_LIM_AS, v) ;
    }
    else chpst_limits_set(&lim, which[p - letters], v) ;
  }
  if (l.ind >= argc) chpst_die_usage(names, U_SOFTLIMIT) ;
  change_limits(&lim, 0) ;
  change_exec(argv[l.ind], argv + l.ind, 0) ;
}

daemontools_func *daemontools_find (char const *name)
{
  static struct { char const *name ; daemontools_func *f ; } const table[] =
  {
    { "setuidgid", &setuidgid_main },
    { "envuidgid", &envuidgid_main },
    { "envdir", &envdir_main },
    { "pgrphack", &pgrphack_main },
    { "setlock", &setlock_main },
    { "softlimit", &softlimit_main },
  } ;
  for (unsigned int i = 0 ; i < sizeof(table) / sizeof(table[0]) ; i++)
    if (!strcmp(name, table[i].name)) return table[i].f ;
  return 0 ;
}
