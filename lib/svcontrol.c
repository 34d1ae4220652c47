/* svcontrol.c - supervise/ok liveness and supervise/control commands. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "pathjoin.h"
#include "svcontrol.h"

/* open_fifo: non-blocking write open of DIR/supervise/NAME; fd, or -1 */
static int open_fifo (char const *dir, char const *name)
{
  char path[4096] ;
  if (!path_join(path, sizeof(path), dir, name)) return -1 ;
  return openc_write(path) ;
}

int svcontrol_alive (char const *dir)
{
  int fd = open_fifo(dir, "supervise/ok") ;
  if (fd < 0) return errno == ENXIO ? 0 : -1 ;
  fd_close(fd) ;
  return 1 ;
}

int svcontrol_send (char const *dir, char const *cmds, size_t len)
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
