/* readiness.c - notification-fd and the notify socket (see readiness.h).
 *
 * Linux: the notify socket's SO_PASSCRED, /proc (sdnotify). */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "errword.h"
#include "knobs.h"
#include "readiness.h"
#include "sdnotify.h"
#include "tai64n.h"

/* run_name: the program readiness is about, for messages */
static char const *run_name (service const *s)
{
  return s->life.islog ? "log/run" : "./run" ;
}

/* fd_limit: how many fds a child may have (RLIMIT_NOFILE, soft): notification-fd must be below it */
static unsigned int fd_limit (void)
{
  struct rlimit r ;
  if (getrlimit(RLIMIT_NOFILE, &r) < 0 || r.rlim_cur == RLIM_INFINITY || r.rlim_cur > 1000000000) return 1000000000 ;
  return (unsigned int)r.rlim_cur ;
}

/* note_fd_read: the fd number S's notification-fd declares, 0 if none
   (no file; unreadable or invalid: said in one warning when WARN) */
static unsigned int note_fd_read (service const *s, int warn)
{
  char path[KNOBS_PATH], buf[64] ;
  unsigned int fd, max = fd_limit() ;
  ssize_t r ;
  knobs_path(path, s->life.islog, "notification-fd") ;
  r = knobs_file_read(path, buf, sizeof(buf)) ;
  if (r < 0)
  {
    if (errno != ENOENT && warn) knobs_unread(path, "no readiness declared") ;
    return 0 ;
  }
  if (sdnotify_fdscan(buf, (size_t)r, max, &fd)) return fd ;
  if (warn)
  {
    /* the value as it was, newline cut, unprintable bytes as '?', at most 20 */
    char shown[24], top[UINT_FMT] ;
    size_t n = 0 ;
    while (r && (buf[r - 1] == '\n' || buf[r - 1] == ' ')) r-- ;
    for (ssize_t i = 0 ; i < r && n < 20 ; i++) shown[n++] = buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '?' ;
    if (r > 20) { memcpy(shown + 17, "...", 3) ; n = 20 ; }
    shown[n] = 0 ;
    top[uint_fmt(top, max - 1)] = 0 ;
    errword_warn(path, ": \"", shown, "\" is not an fd number from 3 to ", top, ": no readiness declared") ;
  }
  return 0 ;
}

/* notify_wanted: does S have a notify-socket file? */
static int notify_wanted (service const *s)
{
  char path[KNOBS_PATH] ;
  struct stat sb ;
  knobs_path(path, s->life.islog, "notify-socket") ;
  return stat(path, &sb) == 0 ;
}

/* note_close: runsv's end of the notification-fd pipe goes (the run ended, or never ran) */
static void note_close (readiness *r)
{
  if (r->fdnote < 0) return ;
  fd_close(r->fdnote) ;
  r->fdnote = -1 ;
}

/* sock_open: bind S's notify socket (an abstract name: runsv(8),
   Readiness, says why); 1 if it is bound */
static int sock_open (readiness *r)
{
  if (r->fdsock >= 0) return 1 ;
  r->fdsock = sdnotify_bind(r->sockname) ;
  if (r->fdsock < 0)
  {
    errword_warnsys("unable to bind the notify socket") ;
    return 0 ;
  }
  return 1 ;
}

/* sock_drain: what waits in the socket was sent while the run was not running: gone */
static void sock_drain (int fd)
{
  char c ;
  pid_t pid ;
  for (unsigned int i = 0 ; i < 10000 && sdnotify_recv(fd, &c, 1, &pid) >= 0 ; i++) ;
}

/* set_ready: the ready bit on or off, labelled AT (0: now) when it changes; 1 if it changed */
static int set_ready (readiness *r, int on, tain const *at)
{
  if (!(r->flags & SUPERSTATE_READY) == !on) return 0 ;
  r->flags ^= SUPERSTATE_READY ;
  if (at) r->readystamp = *at ;
  else if (!tai64n_now(&r->readystamp)) errword_warnsys("unable to read the clock") ;
  return 1 ;
}

/* still_running: PID has not ended, is not ending (its fds close before
   its parent hears of it) and is not a zombie not yet reaped */
static int still_running (pid_t pid)
{
  siginfo_t si ;
  int e = sdnotify_exiting(pid) ;
  if (e >= 0) return !e ;
  memset(&si, 0, sizeof(si)) ;  /* no /proc: the zombie at least shows */
  if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) return 0 ;
  return !si.si_pid ;
}

void readiness_init (service *s)
{
  readiness *r = &s->ready ;
  r->flags = 0 ;
  r->readystamp = tain_zero ;
  r->textlen = 0 ;
  r->fdnote = r->fdsock = -1 ;
  r->notelines = 0 ;
  r->sockname[0] = 0 ;
  r->foreignwarned = 0 ;
  if (note_fd_read(s, 0) || notify_wanted(s)) r->flags |= SUPERSTATE_DECLARES ;
}

unsigned int readiness_prepare (service *s, int *notew)
{
  readiness *r = &s->ready ;
  unsigned int n = note_fd_read(s, 1) ;
  int declares = !!n ;
  *notew = -1 ;
  note_close(r) ;
  r->notelines = 0 ;
  r->foreignwarned = 0 ;
  if (n)
  {
    int p[2] ;
    /* declared, so a run that cannot get its fd is never ready: no lie */
    if (pipecoe(p) < 0) { errword_warnsys("unable to create a pipe for notification-fd") ; n = 0 ; }
    else
    {
      ndelay_on(p[0]) ;
      r->fdnote = p[0] ;
      *notew = p[1] ;
    }
  }
  if (notify_wanted(s))
  {
    declares = 1 ;
    if (sock_open(r)) sock_drain(r->fdsock) ;
  }
  else readiness_close(s) ;
  if (declares) r->flags |= SUPERSTATE_DECLARES ;
  else r->flags &= ~SUPERSTATE_DECLARES ;
  return n ;
}

void readiness_abandon (service *s)
{
  note_close(&s->ready) ;
}

void readiness_started (service *s, tain const *label)
{
  s->ready.textlen = 0 ;  /* the last run's STATUS= says nothing about this one */
  if (!(s->ready.flags & SUPERSTATE_DECLARES)) set_ready(&s->ready, 1, label) ;
}

void readiness_ended (service *s)
{
  set_ready(&s->ready, 0, 0) ;
  note_close(&s->ready) ;
}

int readiness_ready (service const *s)
{
  return !!(s->ready.flags & SUPERSTATE_READY) ;
}

int readiness_read_note (service *s, pid_t run)
{
  readiness *rd = &s->ready ;
  char buf[512], path[KNOBS_PATH] ;
  int became = 0 ;
  ssize_t r = sanitize_read(fd_read(rd->fdnote, buf, sizeof(buf))) ;
  knobs_path(path, s->life.islog, "notification-fd") ;
  if (!r) return 0 ;
  if (r < 0)
  {
    /* end of file: the service closed it; one that just died is not warned about */
    if (errno != EPIPE) errword_warnsys("unable to read ", path) ;
    else if (!rd->notelines && run && still_running(run))
      errword_warn(path, ": closed without a newline: ", run_name(s), " is not ready until it restarts") ;
    note_close(rd) ;
    return 0 ;
  }
  for (ssize_t i = 0 ; i < r && rd->notelines < 2 ; i++)
  {
    if (buf[i] != '\n') continue ;
    if (++rd->notelines == 1) became = set_ready(rd, 1, 0) ;
    else errword_warn(path, ": ", run_name(s), " notified readiness twice") ;
  }
  return became ;
}

int readiness_read_sock (service *s, pid_t run)
{
  readiness *rd = &s->ready ;
  char buf[4096] ;
  sdnotify_msg m ;
  pid_t pid ;
  ssize_t r = sdnotify_recv(rd->fdsock, buf, sizeof(buf), &pid) ;
  if (r < 0) return 0 ;  /* EAGAIN: someone else's wake-up */
  if (pid <= 0 || !sdnotify_descends(pid, run))
  {
    if (!rd->foreignwarned)
    {
      char path[KNOBS_PATH], fmt[PID_FMT] ;
      knobs_path(path, s->life.islog, "notify-socket") ;
      fmt[pid_fmt(fmt, pid)] = 0 ;
      errword_warn(path, ": ignored a datagram from pid ", fmt, ": not a process of ", run_name(s)) ;
      rd->foreignwarned = 1 ;
    }
    return 0 ;
  }
  sdnotify_parse(buf, (size_t)r, &m) ;
  if (m.text)
  {
    size_t n = m.textlen < SUPERSTATE_TEXTMAX ? m.textlen : SUPERSTATE_TEXTMAX ;
    memcpy(rd->text, m.text, n) ;
    rd->textlen = (uint16_t)n ;
  }
  return m.ready && set_ready(rd, 1, 0) ;
}

void readiness_close (service *s)
{
  if (s->ready.fdsock < 0) return ;
  fd_close(s->ready.fdsock) ;
  s->ready.fdsock = -1 ;
}

void readiness_shown (service const *s, superstate *st)
{
  st->flags = (unsigned char)((st->flags & ~(SUPERSTATE_DECLARES | SUPERSTATE_READY)) | s->ready.flags) ;
  st->readystamp = s->ready.readystamp ;
  st->textlen = s->ready.textlen ;
  memcpy(st->text, s->ready.text, s->ready.textlen) ;
}
