/* supercontrol.c - supervise/ok liveness and supervise/control commands. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "pathjoin.h"
#include "supercontrol.h"

/* open_fifo: non-blocking write open of DIR/supervise/NAME; fd, or -1.
   Not through a symlink (ELOOP; a dangling one gives stat's ENOENT), and a
   file that is no fifo is no runsv (ENXIO): nothing is ever written to
   whatever someone put in their place */
static int open_fifo (char const *dir, char const *name)
{
  /* no dir (the service's own supervise/, as good as always): NAME as it is */
  char buf[dir ? path_joinsize(dir, name) : 1] ;
  char const *path = dir ? buf : name ;
  struct stat st ;
  int fd ;
  if (dir && !path_join(buf, sizeof(buf), dir, name)) return -1 ;
  fd = open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0)
  {
    /* a dangling link is as if absent (stat's ENOENT: runit's words); a
       link to something stays ELOOP (set again: a stat that succeeds may
       still change errno) */
    if (errno == ELOOP && stat(path, &st) == 0) errno = ELOOP ;
    return -1 ;
  }
  {
    int e = fstat(fd, &st) < 0 ? errno : S_ISFIFO(st.st_mode) ? 0 : ENXIO ;
    if (!e) return fd ;
    fd_close(fd) ;
    errno = e ;
    return -1 ;
  }
}

int supercontrol_alive (char const *dir)
{
  int fd = open_fifo(dir, "supervise/ok") ;
  if (fd < 0) return errno == ENXIO ? 0 : -1 ;
  fd_close(fd) ;
  return 1 ;
}

int supercontrol_send (char const *dir, char const *cmds, size_t len)
{
  ssize_t w ;
  int fd = open_fifo(dir, "supervise/control") ;
  if (fd < 0) return errno == ENXIO ? 0 : -1 ;
  w = fd_write(fd, cmds, len) ;
  fd_close(fd) ;
  if (w < 0) return -2 ;
  if ((size_t)w != len) return (errno = 0, -2) ;
  return 1 ;
}
