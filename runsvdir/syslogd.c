/* syslogd.c - RUNSVDIR_SYSLOG: syslog datagrams as lines on stdout (see syslogd.h). */
#include <sys/socket.h>
#include <sys/stat.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/socket.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include "errword.h"
#include "lineprefix.h"
#include "syslogmsg.h"
#include "syslogd.h"

static char const *path = 0 ;
static int sock = -1 ;
static int priority = 0 ;             /* RUNSVDIR_SYSLOG_PRIORITY=1 */
static char buf[SYSLOGD_BUFMAX] ;     /* the lines waiting for fd 1 */
static size_t buflen = 0 ;
static stralloc stage = STRALLOC_ZERO ;  /* one message's lines, before they are known to fit */
static unsigned long dropped = 0 ;
static lineprefix lp ;

void syslogd_init (void)
{
  struct stat st ;
  char const *prio = getenv("RUNSVDIR_SYSLOG_PRIORITY") ;
  path = getenv("RUNSVDIR_SYSLOG") ;
  if (!path || !*path) { path = 0 ; return ; }
  priority = prio && !strcmp(prio, "1") ;
  if (lstat(path, &st) == 0)
  {
    /* a socket is what a previous run left (it unlinks it at exit, unless
       killed); anything else is someone's file, never ours to remove */
    if (!S_ISSOCK(st.st_mode)) errword_die(100, "RUNSVDIR_SYSLOG: ", path, " exists and is not a socket") ;
    if (unlink(path) < 0 && errno != ENOENT) errword_diesys(111, "unable to remove the socket left at ", path) ;
  }
  else if (errno != ENOENT) errword_diesys(111, "unable to stat ", path) ;
  sock = ipc_datagram_nbcoe() ;
  if (sock < 0) errword_diesys(111, "unable to create a socket for RUNSVDIR_SYSLOG") ;
  if (ipc_bind(sock, path) < 0) errword_diesys(111, "unable to bind to ", path) ;
  if (chmod(path, 0666) < 0) errword_diesys(111, "unable to chmod ", path) ;
}

int syslogd_fd (void)
{
  return sock ;
}

int syslogd_pending (void)
{
  return buflen > 0 ;
}

/* put: one write's worth of lines (lineprefix_write_func) onto the stage */
static void put (char const *s, size_t len, void *ctx)
{
  int *ok = ctx ;
  if (!stralloc_catb(&stage, s, len)) *ok = 0 ;
}

/* one: datagram S (LEN bytes) as lines, into the buffer if they all fit, else counted dropped */
static void one (char const *s, size_t len)
{
  syslogmsg m ;
  char fmt[32] = "%n: " ;
  int ok = 1 ;
  syslogmsg_parse(&m, s, len) ;
  if (priority && m.pri >= 0)
  {
    size_t n = strlen(fmt) ;
    fmt[n++] = '<' ;
    strcpy(fmt + n, syslogmsg_severity(m.pri)) ;
    strcat(fmt, "> ") ;
  }
  if (!lineprefix_format(&lp, fmt)) ok = 0 ;  /* never: the format is ours */
  if (m.taglen ? !lineprefix_name(&lp, m.tag, m.taglen) : !lineprefix_name(&lp, "syslog", 6)) ok = 0 ;
  lp.partlen = 0 ;
  stage.len = 0 ;
  if (ok)
  {
    lineprefix_feed(&lp, m.msg, m.msglen, 0, 0, &put, &ok) ;
    lineprefix_flush(&lp, 0, 0, &put, &ok) ;
    if (!m.msglen) lineprefix_feed(&lp, "\n", 1, 0, 0, &put, &ok) ;  /* an empty message is an empty line */
  }
  if (!ok || stage.len > sizeof(buf) - buflen) { dropped++ ; return ; }
  memcpy(buf + buflen, stage.s, stage.len) ;
  buflen += stage.len ;
}

/* writable: does fd 1 take a write now (a poll that does not wait)? */
static int writable (void)
{
  iopause_fd x = { .fd = 1, .events = IOPAUSE_WRITE } ;
  return iopause_g(&x, 1, &tain_zero) > 0 && x.revents & (IOPAUSE_WRITE | IOPAUSE_EXCEPT) ;
}

/* make_room: once the buffer is half full, what stdout takes now goes out.
   A burst reads up to SYSLOGD_BURST datagrams but the loop writes one
   PIPE_BUF a turn: a sender as quick as our reads (one on another CPU)
   filled the buffer and cost lines while stdout kept up. A stdout that
   takes nothing (a full pipe) still costs them, never the loop. */
static void make_room (void)
{
  size_t before = SYSLOGD_BUFMAX + 1 ;
  /* each turn must shrink the buffer: an EINTR is tried once more next turn of the loop */
  while (buflen >= SYSLOGD_BUFMAX / 2 && buflen < before && writable())
  {
    before = buflen ;
    syslogd_write() ;
  }
}

void syslogd_read (void)
{
  static char dgram[SYSLOGD_MSGMAX] ;
  for (unsigned int i = 0 ; i < SYSLOGD_BURST ; i++)
  {
    ssize_t r = recv(sock, dgram, sizeof(dgram), 0) ;
    if (r < 0)
    {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) errword_warnsys("unable to read from ", path) ;
      return ;
    }
    one(dgram, (size_t)r) ;
    make_room() ;
  }
}

/* report: the dropped count, once the buffer has room for the line again */
static void report (void)
{
  char num[ULONG_FMT] ;
  size_t n ;
  if (!dropped || sizeof(buf) - buflen < 128) return ;
  n = ulong_fmt(num, dropped) ;
  stage.len = 0 ;
  if (!stralloc_cats(&stage, "runsvdir: warning: syslog: ") || !stralloc_catb(&stage, num, n)
   || !stralloc_cats(&stage, dropped == 1 ? " message dropped\n" : " messages dropped\n")) return ;
  memcpy(buf + buflen, stage.s, stage.len) ;
  buflen += stage.len ;
  dropped = 0 ;
}

void syslogd_write (void)
{
  size_t n = buflen < PIPE_BUF ? buflen : PIPE_BUF ;
  ssize_t w ;
  if (!n) return ;
  /* whole lines only, so that no other writer's line lands inside one */
  while (n && buf[n - 1] != '\n') n-- ;
  if (!n) n = buflen < PIPE_BUF ? buflen : PIPE_BUF ;
  w = write(1, buf, n) ;
  if (w < 0)
  {
    if (errno == EAGAIN || errno == EINTR) return ;
    /* stdout is gone (EPIPE) or broken: the lines are lost, nothing else */
    buflen = 0 ;
    return ;
  }
  memmove(buf, buf + w, buflen - (size_t)w) ;
  buflen -= (size_t)w ;
  if (!buflen) report() ;
}

void syslogd_end (void)
{
  tain deadline ;
  if (sock < 0) return ;
  tain_now_g() ;
  tain_from_millisecs(&deadline, SYSLOGD_DRAIN_MS) ;
  tain_add_g(&deadline, &deadline) ;
  for (;;)
  {
    iopause_fd x[2] = { { .fd = sock, .events = IOPAUSE_READ }, { .fd = 1, .events = IOPAUSE_WRITE } } ;
    syslogd_read() ;
    if (!buflen) report() ;
    x[1].events = buflen ? IOPAUSE_WRITE : 0 ;
    /* nothing waits to be read or written: done */
    if (iopause_g(x, 2, buflen ? &deadline : &tain_zero) <= 0) break ;
    if (x[1].revents & (IOPAUSE_WRITE | IOPAUSE_EXCEPT)) syslogd_write() ;
    if (!tain_future(&deadline)) break ;
  }
  /* stdout did not take it all in time: what is left counts as dropped
     (a line a message), said if stdout takes one more write at once */
  for (size_t i = 0 ; i < buflen ; i++) if (buf[i] == '\n') dropped++ ;
  buflen = 0 ;
  if (dropped)
  {
    iopause_fd x = { .fd = 1, .events = IOPAUSE_WRITE } ;
    report() ;
    if (iopause_g(&x, 1, &tain_zero) > 0 && x.revents & IOPAUSE_WRITE) syslogd_write() ;
  }
  fd_close(sock) ;
  sock = -1 ;
  unlink(path) ;
}
