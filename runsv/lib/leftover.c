/* leftover.c - children left behind (see leftover.h). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include "leftover.h"

/* the largest pid_t: pids are positive ints on every system we run on */
#define LEFTOVER_PIDMAX 2147483647

unsigned int leftover_parse (char const *s, size_t len, pid_t *pids, unsigned int max)
{
  unsigned int n = 0 ;
  size_t i = 0 ;
  while (i < len)
  {
    uint64_t pid = 0 ;
    size_t start ;
    while (i < len && (s[i] < '0' || s[i] > '9')) i++ ;
    start = i ;
    while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 19) pid = pid * 10 + (uint64_t)(s[i++] - '0') ;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++ ;  /* (no pid is that long) */
    if (i == start) break ;
    /* runsv signals what it is given: a 0 would be its own process group,
       a number that wraps to -1 every process; neither is a child */
    if (!pid || i - start >= 19 || pid > LEFTOVER_PIDMAX) continue ;
    if (n < max) pids[n] = (pid_t)pid ;
    n++ ;
  }
  return n ;
}

int leftover_subreaper (void)
{
#if defined(__linux__) && defined(PR_SET_CHILD_SUBREAPER)
  return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ;
#else
  return (errno = ENOSYS, 0) ;
#endif
}

int leftover_children (pid_t self, pid_t *pids, unsigned int max)
{
  char path[6 + PID_FMT + 6 + PID_FMT + 10] ;
  char buf[4096] ;  /* 500 pids at least; a longer list is cut, its count low */
  size_t m = 0 ;
  ssize_t r ;
  memcpy(path, "/proc/", 6) ; m += 6 ;
  m += pid_fmt(path + m, self) ;
  memcpy(path + m, "/task/", 6) ; m += 6 ;
  m += pid_fmt(path + m, self) ;
  memcpy(path + m, "/children", 10) ;
  /* a /proc of another PID namespace (unshare --pid without --mount-proc)
     names other processes by these numbers: its pids are not ours to use */
  r = readlink("/proc/self", buf, sizeof(buf) - 1) ;
  if (r < 0) return -1 ;
  buf[r] = 0 ;
  {
    pid_t seen ;
    size_t n = pid_scan(buf, &seen) ;
    if (!n || buf[n] || seen != self) return (errno = EXDEV, -1) ;
  }
  r = openreadnclose(path, buf, sizeof(buf)) ;
  if (r < 0) return -1 ;
  return (int)leftover_parse(buf, (size_t)r, pids, max) ;
}
