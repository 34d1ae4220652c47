/* processor.c - the "!processor" of a log directory (runit-spec.md 7.7).
 *
 * At rotation current becomes @T.u and "sh -c PROCESSOR" runs in the log
 * directory with stdin @T.u, stdout @T.t, fd 4 state, fd 5 newstate. Exit 0:
 * @T.t becomes @T.s (0744), @T.u goes, newstate becomes state. Otherwise
 * @T.t goes and the processor runs again on the same @T.u, a second later
 * (runit retries at once, which spins when the command is broken).
 */
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>  /* renameat only */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "logname.h"
#include "svlogd.h"

/* child_open: opens NAME with FLAGS as fd TARGET in the processor's child, or dies */
static void child_open (char const *name, int flags, int target)
{
  int fd = open(name, flags, 0644) ;
  if (fd < 0) sverr_diesys(111, "unable to open ", name, " for processor") ;
  /* first out of the way of the targets, then onto the target */
  if (fd <= 5)
  {
    int fd2 = fcntl(fd, F_DUPFD, 6) ;
    if (fd2 < 0) sverr_diesys(111, "unable to set up processor") ;
    close(fd) ;
    fd = fd2 ;
  }
  if (dup2(fd, target) < 0) sverr_diesys(111, "unable to set up processor") ;
  close(fd) ;
}

void processor_start (logdir *d)
{
  char out[LOGNAME_SIZE] ;
  struct stat st ;
  pid_t pid ;
  if (!d->cfg.processorlen)
  {
    /* the config lost its processor (SIGHUP): the file stays as it is */
    d->pname[0] = 0 ;
    return ;
  }
  if (fstatat(d->fd, d->pname, &st, 0) < 0 && errno == ENOENT)
  {
    strerr_warn(PROG, ": warning: processor input is gone: ", d->name, "/", d->pname) ;
    d->pname[0] = 0 ;
    return ;
  }
  buffer_flush(buffer_2) ;  /* or the child would write our pending alerts again */
  memcpy(out, d->pname, LOGNAME_SIZE) ;
  out[26] = 't' ;
  pid = fork() ;
  if (pid < 0)
  {
    sverr_warnsys("unable to fork for processor: ", d->name) ;
    tain_addsec_g(&d->prestart, 1) ;
    return ;
  }
  if (!pid)
  {
    /* the child: no blocked signals, the files in place, then the shell */
    char const *argv[4] = { "sh", "-c", svlogcfg_text(&d->cfg, d->cfg.processor), 0 } ;
    sigset_t none ;
    sigemptyset(&none) ;
    sigprocmask(SIG_SETMASK, &none, 0) ;
    if (fchdir(d->fd) < 0) sverr_diesys(111, "unable to change directory: ", d->name) ;
    child_open(d->pname, O_RDONLY, 0) ;
    child_open(out, O_WRONLY | O_CREAT | O_TRUNC, 1) ;
    child_open("state", O_RDONLY | O_CREAT, 4) ;
    child_open("newstate", O_WRONLY | O_CREAT | O_TRUNC, 5) ;
    execv("/bin/sh", (char *const *)argv) ;
    sverr_diesys(111, "unable to run processor: ", d->name, ": /bin/sh") ;
  }
  d->ppid = pid ;
  d->pdone = 0 ;
  if (verbose) sverr_info("processing: ", d->name, "/", d->pname) ;
}

void processor_reap (void)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) return ;
    for (unsigned int i = 0 ; i < ndirs ; i++)
      if (dirs[i].ppid == pid)
      {
        dirs[i].pdone = 1 ;
        dirs[i].pwstat = wstat ;
      }
  }
}

/* booked: the processor of d succeeded: its output replaces the .u */
static void booked (logdir *d)
{
  char t[LOGNAME_SIZE], s[LOGNAME_SIZE] ;
  memcpy(t, d->pname, LOGNAME_SIZE) ;
  memcpy(s, d->pname, LOGNAME_SIZE) ;
  t[26] = 't' ;
  s[26] = 's' ;
  /* the mode first, so that the .s appears complete */
  while (fchmodat(d->fd, t, 0744, 0) < 0 && errno != ENOENT) logdir_pausing(d, "unable to set mode of processor output", errno) ;
  while (renameat(d->fd, t, d->fd, s) < 0) logdir_pausing(d, "unable to rename processor output", errno) ;
  if (unlinkat(d->fd, d->pname, 0) < 0 && errno != ENOENT) sverr_warnsys("unable to unlink: ", d->name, "/", d->pname) ;
  if (renameat(d->fd, "newstate", d->fd, "state") < 0 && errno != ENOENT) sverr_warnsys("unable to rename newstate: ", d->name) ;
  d->pauses = 0 ;
  if (verbose) sverr_info("processed: ", d->name, "/", s) ;
  d->pname[0] = 0 ;
}

void processor_step (logdir *d)
{
  if (d->pdone)
  {
    d->pdone = 0 ;
    d->ppid = 0 ;
    if (d->fd < 0)
    {
      /* the directory is gone since (SIGHUP): nothing to book it in */
      d->pname[0] = 0 ;
      return ;
    }
    if (WIFEXITED(d->pwstat) && !WEXITSTATUS(d->pwstat)) booked(d) ;
    else
    {
      char t[LOGNAME_SIZE] ;
      memcpy(t, d->pname, LOGNAME_SIZE) ;
      t[26] = 't' ;
      unlinkat(d->fd, t, 0) ;
      strerr_warn(PROG, ": warning: processor failed, restart: ", d->name) ;
      tain_addsec_g(&d->prestart, 1) ;
      d->ptries++ ;
    }
  }
  if (d->pname[0] && !d->ppid && d->fd >= 0 && !tain_future(&d->prestart)) processor_start(d) ;
}

void processor_wait (logdir *d, int final)
{
  for (;;)
  {
    processor_step(d) ;
    if (!d->ppid && !d->pname[0]) return ;
    if (final && !d->ppid && d->ptries >= PROCESSOR_TRIES)
    {
      /* a broken processor must not keep svlogd from ending: the .u stays */
      strerr_warn(PROG, ": warning: processor failed, giving up: ", d->name, "/", d->pname) ;
      return ;
    }
    svlogd_wait(d->ppid ? 0 : &d->prestart) ;
  }
}
