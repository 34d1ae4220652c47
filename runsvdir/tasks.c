/* tasks.c - init tasks: list, start, read what they add to the environment (see tasks.h). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "errword.h"
#include "pathjoin.h"
#include "statedir.h"
#include "namequote.h"
#include "linepump.h"
#include "forkexec.h"
#include "taskenv.h"
#include "tasks.h"

#define ENV_VAR "RUNSVDIR_ENV"
#define ENV_MAX 65536  /* what a task may add, in bytes */

/* by_name: qsort's order of two NUL-terminated names */
static int by_name (void const *a, void const *b)
{
  return strcmp(*(char const *const *)a, *(char const *const *)b) ;
}

/* is_task: is INITDIR/NAME a task? A regular file we may execute; one we may not is warned about */
static int is_task (char const *initdir, char const *name)
{
  char path[4096] ;
  struct stat st ;
  if (!path_join(path, sizeof(path), initdir, name) || stat(path, &st) < 0 || !S_ISREG(st.st_mode)) return 0 ;
  if (access(path, X_OK) == 0) return 1 ;
  errword_warn("init task ", namequote_show(path), " is not executable: skipped") ;
  return 0 ;
}

unsigned int tasks_list (char const *initdir, stralloc *names)
{
  stralloc raw = STRALLOC_ZERO ;
  unsigned int n = 0 ;
  DIR *d = opendir(initdir) ;
  if (!d) errword_diesys(111, "unable to open init task directory ", initdir) ;
  for (;;)
  {
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.' || !is_task(initdir, de->d_name)) continue ;
    if (!stralloc_catb(&raw, de->d_name, strlen(de->d_name) + 1)) errword_diesys(111, "unable to list ", initdir) ;
    n++ ;
  }
  if (errno) errword_diesys(111, "unable to read init task directory ", initdir) ;
  dir_close(d) ;
  {
    char const *v[n ? n : 1] ;
    size_t off = 0 ;
    for (unsigned int i = 0 ; i < n ; i++) { v[i] = raw.s + off ; off += strlen(raw.s + off) + 1 ; }
    qsort(v, n, sizeof(char const *), &by_name) ;
    names->len = 0 ;
    for (unsigned int i = 0 ; i < n ; i++)
      if (!stralloc_catb(names, v[i], strlen(v[i]) + 1)) errword_diesys(111, "unable to list ", initdir) ;
  }
  stralloc_free(&raw) ;
  return n ;
}

/* env_file_in: a new empty file DIR/.runsvdir-env.XXXXXX, its path into
   SA; its fd, or -1. A random name, not our pid: runsvdirs in two PID
   namespaces (two containers sharing /tmp) have the same pid */
static int env_file_in (stralloc *sa, char const *dir)
{
  int fd ;
  sa->len = 0 ;
  if (!stralloc_cats(sa, dir) || !stralloc_cats(sa, "/.runsvdir-env.XXXXXX") || !stralloc_0(sa)) return -1 ;
  fd = mkstemp(sa->s) ;
  if (fd >= 0 && coe(fd) < 0) { unlink(sa->s) ; fd_close(fd) ; return -1 ; }
  return fd ;
}

/* env_file: a new empty file for a task's variables, its path into SA:
   under $RUNSV_STATEDIR when set (the one place a read-only image may
   write; made if missing, as runsv would, and refused when another user
   may write it: runsvdir reads the file back by name, and what it reads
   goes into every service's environment), else $TMPDIR, else /tmp; its
   fd, or -1 (said why) */
static int env_file (stralloc *sa)
{
  char const *dir = statedir_dir() ;
  int fd ;
  sa->len = 0 ;
  if (dir)
  {
    stralloc bad = STRALLOC_ZERO ;
    int r = statedir_make(dir, dir, &bad) ;
    if (r < 0) errword_warn("unable to use " STATEDIR_VAR "=", dir, " for " ENV_VAR ": another user may write ", bad.len ? bad.s : dir) ;
    else if (!r) errword_warnsys("unable to create directory ", bad.len ? bad.s : dir) ;
    stralloc_free(&bad) ;
    if (r <= 0) return -1 ;
  }
  else
  {
    dir = getenv("TMPDIR") ;
    if (!dir || !*dir) dir = "/tmp" ;
  }
  fd = env_file_in(sa, dir) ;
  if (fd < 0) errword_warnsys("unable to create ", sa->len ? sa->s : "the file", " for ", ENV_VAR) ;
  return fd ;
}

/* pumps_open: with RUNSVDIR_PREFIX, OUT's pipes for the task NAME (stdout,
   and stderr apart with RUNSVDIR_PREFIX_STDERR=1), set as O's fd 1 and 2;
   1, or 0 (said why: the task runs with runsvdir's own) */
static int pumps_open (linepump *out, char const *name, forkexec_opts *o)
{
  static lineprefix prefixes[2] ;  /* one task at a time: its stdout's and stderr's */
  char const *spec = linepump_spec(), *split = getenv("RUNSVDIR_PREFIX_STDERR") ;
  if (!spec) return 1 ;
  if (!linepump_open(&out[0], &prefixes[0], spec, name, strlen(name), 1)
   || (split && !strcmp(split, "1") && !linepump_open(&out[1], &prefixes[1], spec, name, strlen(name), 2)))
  {
    errword_warnsys("unable to create the pipe for the prefixed output of init task ", namequote_show(name)) ;
    linepump_close(&out[0]) ;
    return 0 ;
  }
  o->fd1 = out[0].fd[1] ;
  o->fd2 = out[1].fd[1] >= 0 ? out[1].fd[1] : out[0].fd[1] ;
  return 1 ;
}

pid_t tasks_start (char const *initdir, char const *name, stralloc *envfile, linepump *out)
{
  char path[4096], what[4096] ;
  char const *argv[2] = { path, 0 } ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  pid_t pid ;
  int fd ;
  if (!path_join(path, sizeof(path), initdir, name)) { errword_warn("init task ", namequote_show(name), ": path too long") ; return 0 ; }
  fd = env_file(envfile) ;
  if (fd < 0) return 0 ;
  fd_close(fd) ;
  if (setenv(ENV_VAR, envfile->s, 1) < 0) { errword_warnsys("unable to set ", ENV_VAR) ; tasks_forget(envfile) ; return 0 ; }
  o.setpgrp = 1 ;
  /* the child's message, should the task not run: the path escaped (namequote.h) */
  if (namequote_fit(what, sizeof(what) - 1, path, strlen(path)) < 0) memcpy(what, "?", 2) ;
  o.what = what ;
  o.failcode = 126 ;  /* a shell's code for a command found but not run */
  pumps_open(out, name, &o) ;
  pid = forkexec(path, argv, 0, &o) ;
  /* the task holds the write ends now: EOF when it and its children are done */
  linepump_close_write(&out[0]) ;
  linepump_close_write(&out[1]) ;
  unsetenv(ENV_VAR) ;  /* for the task only, never a service */
  if (!pid) { errword_warnsys("unable to fork for init task ", namequote_show(name)) ; tasks_forget(envfile) ; tasks_pumps_end(out) ; }
  return pid ;
}

/* env_add: one NAME=VALUE line into our environment; 1, or 0 */
static int env_add (taskenv_line const *l)
{
  char name[l->namelen + 1] ;
  char value[l->valuelen + 1] ;
  memcpy(name, l->name, l->namelen) ; name[l->namelen] = 0 ;
  memcpy(value, l->value, l->valuelen) ; value[l->valuelen] = 0 ;
  return setenv(name, value, 1) == 0 ;
}

int tasks_env (char const *name, stralloc *envfile)
{
  stralloc sa = STRALLOC_ZERO ;
  taskenv_line l ;
  size_t pos = 0 ;
  unsigned int lineno = 0 ;
  int r, ok = 1 ;
  if (!openslurpclose(&sa, envfile->s))
  {
    errword_warnsys("init task ", namequote_show(name), ": unable to read ", envfile->s) ;
    tasks_forget(envfile) ;
    return 0 ;
  }
  if (sa.len > ENV_MAX)
  {
    errword_warn("init task ", namequote_show(name), ": ", ENV_VAR, " holds more than 64 KiB") ;
    ok = 0 ;
  }
  while (ok && (r = taskenv_next(sa.s, sa.len, &pos, &lineno, &l)))
  {
    char num[UINT_FMT] ;
    if (r > 0 && env_add(&l)) continue ;
    num[uint_fmt(num, lineno)] = 0 ;
    if (r > 0) errword_warnsys("init task ", namequote_show(name), ": unable to set the variable of ", ENV_VAR, " line ", num) ;
    else errword_warn("init task ", namequote_show(name), ": ", ENV_VAR, " line ", num, " is not NAME=VALUE") ;
    ok = 0 ;
  }
  stralloc_free(&sa) ;
  tasks_forget(envfile) ;
  return ok ;
}

void tasks_forget (stralloc *envfile)
{
  if (envfile->len) unlink(envfile->s) ;
  stralloc_free(envfile) ;
}

void tasks_pumps_end (linepump *out)
{
  for (unsigned int i = 0 ; i < 2 ; i++)
  {
    linepump_drain(&out[i]) ;
    linepump_close(&out[i]) ;
  }
}
