/* processor.c - the "!processor" of a log directory (runit-spec.md 7.7).
 *
 * At rotation current becomes @T.u and "sh -c PROCESSOR" runs in the log
 * directory with stdin @T.u, stdout @T.t, fd 4 state, fd 5 newstate. Exit 0:
 * @T.t becomes @T.s (0744), @T.u goes, newstate becomes state. Otherwise
 * @T.t goes and the processor runs again on the same @T.u, a second later
 * (runit retries at once, which spins when the command is broken), and
 * after PROCESSOR_TRIES failures @T.u is given up: it stays, pending.
 *
 * Pending .u files (given up, or left by an unclean stop) are taken up one
 * at a time, oldest first, in the background: when the directory is opened
 * and after the processor next succeeds; a rotation waits only for the file
 * being processed, never for the pending ones, so input keeps flowing.
 * (With no processor, logdir.c makes them .s files when it opens the
 * directory.)
 */
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>  /* renameat only */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/unix-transactional.h>
#include <skalibs/sig.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "logname.h"
#include "logwait.h"
#include "replacefile.h"
#include "svlogd.h"

/* child_open: opens NAME with FLAGS as fd TARGET in the processor's child, or dies */
static void child_open (char const *name, int flags, int target)
{
  int fd = open(name, flags, 0644) ;
  if (fd < 0) errword_diesys(111, "unable to open ", name, " for processor") ;
  /* first out of the way of the targets, then onto the target */
  if (fd <= 5)
  {
    int fd2 = fcntl(fd, F_DUPFD, 6) ;
    if (fd2 < 0) errword_diesys(111, "unable to set up processor") ;
    close(fd) ;
    fd = fd2 ;
  }
  if (dup2(fd, target) < 0) errword_diesys(111, "unable to set up processor") ;
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
    errword_warn("processor input is gone: ", d->name, "/", d->pname) ;
    d->pname[0] = 0 ;
    return ;
  }
  buffer_flush(buffer_2) ;  /* or the child would write our pending warnings again */
  memcpy(out, d->pname, LOGNAME_SIZE) ;
  out[26] = 't' ;
  pid = fork() ;
  if (pid < 0)
  {
    errword_warnsys("unable to fork for processor: ", d->name) ;
    tain_addsec_g(&d->prestart, 1) ;
    return ;
  }
  if (!pid)
  {
    /* the child: no blocked signals, the files in place, then the shell */
    char const *argv[4] = { "sh", "-c", logcfg_text(&d->cfg, d->cfg.processor), 0 } ;
    sig_blocknone() ;
    if (fchdir(d->fd) < 0) errword_diesys(111, "unable to change directory: ", d->name) ;
    child_open(d->pname, O_RDONLY | O_NOFOLLOW, 0) ;
    /* new files, not the old ones truncated: a processor left running by a
       svlogd that was killed may still write into those, and the .t would
       then be overwritten after it became the .s */
    unlink(out) ;
    unlink("newstate") ;
    child_open(out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 1) ;
    child_open("state", O_RDONLY | O_CREAT | O_NOFOLLOW, 4) ;
    child_open("newstate", O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 5) ;
    execv("/bin/sh", (char *const *)argv) ;
    errword_diesys(111, "unable to run processor: ", d->name, ": /bin/sh") ;
  }
  d->ppid = pid ;
  d->pdone = 0 ;
  if (d->verbose) errword_info("processing: ", d->name, "/", d->pname) ;
}

void processor_reap (logdir *dirs, unsigned int n)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) return ;
    /* a child that is no processor (inherited from the shell that exec'd us) just goes */
    for (unsigned int i = 0 ; i < n ; i++)
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
  /* the mode first, so that the .s appears complete; by an fd, never
     through a link put in place of the output (gone or a link: no mode) */
  while (!replacefile_chmodat(d->fd, t, 0744) && errno != ENOENT && errno != ELOOP)
    logwait_pause(d->name, &d->pauses, "unable to set mode of processor output", errno) ;
  while (renameat(d->fd, t, d->fd, s) < 0) logwait_pause(d->name, &d->pauses, "unable to rename processor output", errno) ;
  if (unlinkat(d->fd, d->pname, 0) < 0 && errno != ENOENT) errword_warnsys("unable to unlink: ", d->name, "/", d->pname) ;
  if (renameat(d->fd, "newstate", d->fd, "state") < 0 && errno != ENOENT) errword_warnsys("unable to rename newstate: ", d->name) ;
  d->pauses = 0 ;
  if (d->verbose) errword_info("processed: ", d->name, "/", s) ;
  d->pname[0] = 0 ;
  /* it works (again): what was given up before gets its turn */
  d->pscan = 1 ;
  d->pafter[0] = 0 ;
}

/* give_up: the .u of d stays for later; the pending ones after it come next */
static void give_up (logdir *d)
{
  errword_warn("processor failed, giving up: ", d->name, "/", d->pname) ;
  memcpy(d->pafter, d->pname, LOGNAME_SIZE) ;
  d->pscan = 1 ;
  d->pname[0] = 0 ;
}

/* next_pending: the oldest .u of d named after AFTER into name; 0 if none */
static int next_pending (logdir *d, char const *after, char *name)
{
  DIR *dir ;
  int found = 0 ;
  dir = opendir_at(d->fd, ".") ;  /* skalibs: openat + fdopendir, close-on-exec */
  if (!dir)
  {
    errword_warnsys("unable to read directory: ", d->name) ;
    return 0 ;
  }
  for (;;)
  {
    struct dirent *e ;
    errno = 0 ;
    e = readdir(dir) ;
    if (!e) break ;
    if (logname_kind(e->d_name) != 'u' || strcmp(e->d_name, after) <= 0) continue ;
    if (found && strcmp(e->d_name, name) >= 0) continue ;
    memcpy(name, e->d_name, LOGNAME_SIZE) ;
    found = 1 ;
  }
  if (errno) errword_warnsys("unable to read directory: ", d->name) ;
  dir_close(dir) ;
  return found ;
}

/* finished: books d's processor, which was reaped */
static void finished (logdir *d)
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
    if (++d->ptries >= PROCESSOR_TRIES) give_up(d) ;
    else
    {
      errword_warn("processor failed, restart: ", d->name) ;
      tain_addsec_g(&d->prestart, 1) ;
    }
  }
}

void processor_pending (logdir *d)
{
  d->pscan = !!d->cfg.processorlen ;
  d->pafter[0] = 0 ;
}

void processor_step (logdir *d)
{
  if (d->pdone) finished(d) ;
  if (d->fd < 0 || d->ppid) return ;
  if (d->pname[0])
  {
    if (!tain_future(&d->prestart)) processor_start(d) ;
    return ;
  }
  if (!d->pscan || !d->cfg.processorlen) return ;
  d->pscan = 0 ;
  if (!next_pending(d, d->pafter, d->pname)) return ;
  d->ptries = 0 ;
  processor_start(d) ;
}

/* collect: d's processor, if it ended (it may have ended while we waited) */
static void collect (logdir *d)
{
  if (d->ppid && !d->pdone && wait_pid_nohang(d->ppid, &d->pwstat) == d->ppid) d->pdone = 1 ;
}

void processor_wait (logdir *d, int hurry)
{
  for (;;)
  {
    collect(d) ;
    if (d->pdone) finished(d) ;
    if (!d->pname[0] || d->fd < 0) return ;
    if (!d->ppid)
    {
      if (hurry || logwait_pending() & (LOGWAIT_TERM | LOGWAIT_HUP))
      {
        /* a failed processor must not hold up what a signal asks for */
        give_up(d) ;
        return ;
      }
      if (!tain_future(&d->prestart))
      {
        processor_start(d) ;
        continue ;
      }
    }
    logwait_until(d->ppid ? &tain_infinite : &d->prestart) ;
  }
}
