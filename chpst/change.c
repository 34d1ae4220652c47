/* change.c - the steps that change chpst's process state, shared by its
 * options and its daemontools personalities (see chpst.h).
 * Linux/BSD calls: flock, chroot, and the non-POSIX rlimits (RLIMIT_NPROC,
 * RLIMIT_MEMLOCK, RLIMIT_RSS); hence nonposix.h first.
 */
#include <skalibs/nonposix.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/setgroups.h>
#include <skalibs/types.h>
#include "chpst.h"
#include "envdir.h"
#include "errword.h"
#include "rlimit.h"
#include "uidgid.h"

void chpst_limits_set (chpst_limits *lim, unsigned int i, rlim_t v)
{
  lim->v[i] = v ;
  lim->set[i] = 1 ;
}

/* NUM: a numeric macro as a string, so a message cannot disagree with the bound */
#define NUM_(n) #n
#define NUM(n) NUM_(n)

/* warn_skip: chpst -v's warning for a subdirectory of the env dir */
static void warn_skip (char const *dir, char const *name, int e)
{
  errword_warn("unable to read ", dir, "/", name, ": ", errword(e)) ;
}

void change_envdir (char const *dir, stralloc *modifs, int skipdirs, int verbose)
{
  envdir_err err ;
  if (envdir_load(dir, modifs, skipdirs ? ENVDIR_SKIPDIRS : 0, verbose ? &warn_skip : 0, &err) >= 0) return ;
  switch (err.what)
  {
    case ENVDIR_EOPEN : errword_diesys(111, "unable to switch to directory: ", dir) ;
    case ENVDIR_ELIST : errword_diesys(111, "unable to read directory: ", dir) ;
    case ENVDIR_ENAME : errword_die(111, "invalid environment variable name (contains =): ", dir, "/", err.name) ;
    case ENVDIR_ENOMEM : errword_die(111, "out of memory.") ;
    case ENVDIR_ENOTREG : errword_die(111, "unable to read ", dir, "/", err.name, ": not a regular file") ;
    case ENVDIR_ETOOLONG : errword_die(111, "unable to read ", dir, "/", err.name, ": first line longer than " NUM(ENVDIR_MAXLINE) " bytes") ;
    default : errword_diesys(111, "unable to read ", dir, "/", err.name) ;
  }
}

void change_root (char const *root)
{
  if (chdir(root) < 0) errword_diesys(111, "unable to change directory: ", root) ;
  /* chroot(".") after chdir: the program starts at its new root */
  if (chroot(".") < 0) errword_diesys(111, "unable to change root directory") ;
}

void change_nice (int inc)
{
  errno = 0 ;   /* nice() may rightly return -1 */
  if (nice(inc) == -1 && errno) errword_diesys(111, "unable to set nice level") ;
}

/* lookup: SPEC into *U, or die with runit's words for what went wrong */
static void lookup (char const *spec, int ext, uidgid *u)
{
  int r = ext ? uidgid_get(&uidgid_db_system, spec, u) : uidgid_account(&uidgid_db_system, spec, u) ;
  if (r > 0) return ;
  if (!ext)
  {
    if (r < 0) errword_diesys(111, "unable to get password file entry") ;
    errword_die(111, "unknown account: ", spec) ;
  }
  if (r < 0) errword_diesys(111, "unable to get password/group file entry") ;
  if (errno == EINVAL) errword_die(111, "invalid uid/gids: ", spec + 1) ;
  if (errno == E2BIG) errword_die(111, "too many groups (60 at most): ", spec) ;
  errword_die(111, "unknown user/group: ", spec) ;
}

void change_envuser (char const *spec, int ext, stralloc *modifs)
{
  uidgid u ;
  char fmt[UINT32_FMT] ;
  lookup(spec, ext, &u) ;
  if (!stralloc_cats(modifs, "GID=")
   || !stralloc_catb(modifs, fmt, gid_fmt(fmt, u.gid))
   || !stralloc_catb(modifs, "\0UID=", 5)
   || !stralloc_catb(modifs, fmt, uid_fmt(fmt, u.uid))
   || !stralloc_0(modifs))
    errword_die(111, "out of memory.") ;
}

void change_user (char const *spec, int ext)
{
  uidgid u ;
  lookup(spec, ext, &u) ;
  /* supplementary groups first, while we may still change them; uid last.
     setgroups_and_gid puts the gid first in the list (it is gids[0] already),
     which BSDs need; it does not setgid, hence the call after it */
  if (setgroups_and_gid(u.gid, u.ngids, u.gids) < 0) errword_diesys(111, "unable to setgroups") ;
  if (setgid(u.gid) < 0) errword_diesys(111, "unable to setgid") ;
  if (setuid(u.uid) < 0) errword_diesys(111, "unable to setuid") ;
}

int change_lock (char const *file, int wait, char const **what)
{
  /* runit's flags: the program inherits this fd, and with it the lock */
  int fd = open3(file, O_WRONLY | O_NONBLOCK | O_APPEND | O_CREAT, 0600) ;
  if (fd < 0)
  {
    *what = "unable to open lock: " ;
    return -1 ;
  }
  /* keep it off 0-2, so -0/-1/-2 cannot close it when chpst began without
     them. Not fd_move: that needs a target fd, and any fixed one could be an
     fd the program inherits; F_DUPFD takes the lowest free one from 3 up */
  if (fd < 3)
  {
    int fd2 = fcntl(fd, F_DUPFD, 3) ;
    if (fd2 < 0)
    {
      *what = "unable to open lock: " ;
      fd_close(fd) ;
      return -1 ;
    }
    fd_close(fd) ;
    fd = fd2 ;
  }
  for (;;)
  {
    if (flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) == 0) return fd ;
    if (errno != EINTR) break ;
  }
  *what = "unable to lock: " ;
  fd_close(fd) ;
  return -1 ;
}

void change_close (int fd)
{
  static char const *const name[3] = { "unable to close stdin", "unable to close stdout", "unable to close stderr" } ;
  /* runit fails when the fd is already closed; the caller's wish is met then */
  if (close(fd) < 0 && errno != EBADF) errword_diesys(111, name[fd]) ;
}

void change_limits (chpst_limits const *lim, int verbose)
{
  /* -1 marks a limit this system does not have (runit warns with -v) */
  static int const resource[CHPST_LIM_N] =
  {
    RLIMIT_DATA, RLIMIT_STACK,
#ifdef RLIMIT_MEMLOCK
    RLIMIT_MEMLOCK,
#else
    -1,
#endif
    RLIMIT_AS, RLIMIT_NOFILE,
#ifdef RLIMIT_NPROC
    RLIMIT_NPROC,
#else
    -1,
#endif
    RLIMIT_FSIZE, RLIMIT_CORE,
#ifdef RLIMIT_RSS
    RLIMIT_RSS,
#else
    -1,
#endif
    RLIMIT_CPU
  } ;
  static char const *const name[CHPST_LIM_N] =
  {
    "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_NOFILE",
    "RLIMIT_NPROC", "RLIMIT_FSIZE", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_CPU"
  } ;
  for (unsigned int i = 0 ; i < CHPST_LIM_N ; i++)
  {
    int r ;
    if (!lim->set[i]) continue ;
    if (resource[i] < 0)
    {
      if (verbose) errword_warn("system does not support ", name[i]) ;
      continue ;
    }
    r = rlimit_soft(resource[i], lim->v[i]) ;
    if (!r) errword_diesys(111, "unable to getrlimit()") ;
    if (r < 0) errword_diesys(111, "unable to setrlimit()") ;
  }
}

void change_exec (char const *file, char const *const *argv, stralloc const *modifs)
{
  /* the PATH search uses our own environment, not MODIFS: runit's rule */
  if (modifs && modifs->len)
    mexec_afm(file, argv, (char const *const *)environ, env_len((char const *const *)environ), modifs->s, modifs->len) ;
  else
    exec_ae(file, argv, (char const *const *)environ) ;
  errword_diesys(111, "unable to run: ", argv[0]) ;
}
