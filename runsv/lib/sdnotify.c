/* sdnotify.c - notification-fd values, notify-socket datagrams (see sdnotify.h).
 * Linux: SO_PASSCRED and SCM_CREDENTIALS, hence nonposix.h first. */
#include <skalibs/nonposix.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include "sdnotify.h"

static int is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ;
}

int sdnotify_fdscan (char const *s, size_t len, unsigned int max, unsigned int *fd)
{
  unsigned int n ;
  size_t i = 0, used ;
  while (len && is_space(s[len - 1])) len-- ;
  while (i < len && is_space(s[i])) i++ ;
  if (i == len || s[i] < '0' || s[i] > '9') return 0 ;
  /* at most 9 digits: no overflow, and more would be past any limit anyway */
  if (len - i > 9) return 0 ;
  {
    char num[10] ;
    memcpy(num, s + i, len - i) ;
    num[len - i] = 0 ;
    used = uint_scan(num, &n) ;
  }
  if (used != len - i || n < 3 || n >= max) return 0 ;
  *fd = n ;
  return 1 ;
}

void sdnotify_parse (char const *s, size_t len, sdnotify_msg *m)
{
  size_t i = 0 ;
  m->ready = 0 ;
  m->text = 0 ;
  m->textlen = 0 ;
  while (i < len)
  {
    char const *line = s + i ;
    size_t n = byte_chr(line, len - i, '\n') ;
    if (n == 7 && !memcmp(line, "READY=1", 7)) m->ready = 1 ;
    else if (n >= 7 && !memcmp(line, "STATUS=", 7))
    {
      m->text = line + 7 ;
      m->textlen = n - 7 ;
    }
    i += n + 1 ;
  }
}

int sdnotify_procstat (char const *s, size_t len, sdnotify_proc *p)
{
  /* "PID (COMM) STATE PPID PGRP SESSION TTY TPGID FLAGS ...": COMM may hold
     anything, ')' too, so the last ')' ends it; after it come a letter and
     numbers (TPGID may be -1) */
  size_t i = len ;
  unsigned int field = 0 ;
  while (i && s[i - 1] != ')') i-- ;
  if (!i || len - i < 3 || s[i] != ' ') return 0 ;
  p->pstate = s[i + 1] ;
  i += 2 ;
  while (field < 6)
  {
    char num[24] ;
    size_t n = 0 ;
    if (i >= len || s[i] != ' ') return 0 ;
    i++ ;
    while (i < len && s[i] != ' ' && n < sizeof(num) - 1) num[n++] = s[i++] ;
    num[n] = 0 ;
    field++ ;
    if (field == 1)
    {
      uint64_t x ;
      if (!n || uint64_scan(num, &x) != n) return 0 ;
      p->ppid = (pid_t)x ;
    }
    else if (field == 6)
    {
      uint64_t x ;
      if (!n || uint64_scan(num, &x) != n) return 0 ;
      p->flags = (unsigned long)x ;
    }
  }
  return 1 ;
}

/* proc_read: what /proc/PID/stat says; 1, or 0 if it cannot be read (gone, no /proc) */
static int proc_read (pid_t pid, sdnotify_proc *p)
{
  char path[6 + PID_FMT + 6] = "/proc/" ;
  char buf[512] ;  /* COMM is at most 16 bytes: the flags are well inside */
  ssize_t r ;
  path[6 + pid_fmt(path + 6, pid)] = 0 ;
  strcat(path, "/stat") ;
  r = openreadnclose(path, buf, sizeof(buf)) ;
  return r > 0 && sdnotify_procstat(buf, (size_t)r, p) ;
}

int sdnotify_exiting (pid_t pid)
{
  sdnotify_proc p ;
  if (!proc_read(pid, &p)) return -1 ;
  return p.pstate == 'Z' || p.pstate == 'X' || (p.flags & 0x4) ;  /* PF_EXITING */
}

int sdnotify_descends (pid_t pid, pid_t ancestor)
{
  for (unsigned int depth = 0 ; depth <= SDNOTIFY_DEPTH ; depth++)
  {
    sdnotify_proc p ;
    if (pid == ancestor) return 1 ;
    if (pid <= 1 || !proc_read(pid, &p)) return 0 ;
    pid = p.ppid ;
  }
  return 0 ;
}

int sdnotify_bind (char *name)
{
  struct sockaddr_un sa ;
  socklen_t salen = sizeof(sa) ;
  size_t len ;
  int on = 1 ;
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) ;
  if (fd < 0) return -1 ;
  if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) < 0) goto err ;
  memset(&sa, 0, sizeof(sa)) ;
  sa.sun_family = AF_UNIX ;
  /* only the family: the kernel picks a free abstract name (autobind), so
     no other process can have taken it first and read what is meant for us */
  if (bind(fd, (struct sockaddr *)&sa, sizeof(sa_family_t)) < 0) goto err ;
  if (getsockname(fd, (struct sockaddr *)&sa, &salen) < 0) goto err ;
  len = salen - offsetof(struct sockaddr_un, sun_path) ;
  if (len < 2 || len >= SDNOTIFY_NAMEMAX) { errno = ENAMETOOLONG ; goto err ; }
  name[0] = '@' ;
  memcpy(name + 1, sa.sun_path + 1, len - 1) ;
  name[len] = 0 ;
  return fd ;
 err:
  {
    int e = errno ;
    fd_close(fd) ;
    errno = e ;
  }
  return -1 ;
}

ssize_t sdnotify_recv (int fd, char *buf, size_t max, pid_t *pid)
{
  union { struct cmsghdr h ; char space[CMSG_SPACE(sizeof(struct ucred))] ; } control ;
  struct iovec v = { .iov_base = buf, .iov_len = max } ;
  struct msghdr msg = { .msg_name = 0, .msg_namelen = 0, .msg_iov = &v, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof(control.space), .msg_flags = 0 } ;
  ssize_t r = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) ;
  *pid = 0 ;
  if (r < 0) return -1 ;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg) ; c ; c = CMSG_NXTHDR(&msg, c))
  {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len >= CMSG_LEN(sizeof(struct ucred)))
    {
      struct ucred u ;
      memcpy(&u, CMSG_DATA(c), sizeof(u)) ;
      *pid = u.pid ;
    }
    /* a sender may pass fds (SCM_RIGHTS): they are not wanted here */
    else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
    {
      size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int) ;
      for (size_t i = 0 ; i < n ; i++)
      {
        int x ;
        memcpy(&x, CMSG_DATA(c) + i * sizeof(int), sizeof(int)) ;
        fd_close(x) ;
      }
    }
  }
  return r ;
}
