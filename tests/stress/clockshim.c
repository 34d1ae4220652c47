/* clockshim.c - an LD_PRELOAD library for tests/stress/faults: a wall clock
 * that can be stepped without touching the machine's.
 *
 * CLOCK_REALTIME cannot be namespaced (time namespaces offset only the
 * monotonic and boot clocks, and only before the first process enters), and
 * stepping the real clock would disturb everything else on the machine. So
 * the processes of the test (our dynamically linked programs, their
 * services) read the wall clock through this library: clock_gettime
 * (CLOCK_REALTIME, _COARSE), gettimeofday and time add the int64 seconds
 * held in the file $FAULTS_CLOCK, mapped shared, so a write to the file steps
 * every process's clock at once. The monotonic clock is left alone.
 * A static build (musl) ignores LD_PRELOAD: the step is then not seen.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int (*real_gettime) (clockid_t, struct timespec *) ;
static int64_t const volatile *offset ;
static int ready ;

static void init (void)
{
  char const *path ;
  int fd ;
  void *m ;
  if (ready) return ;
  ready = 1 ;
  real_gettime = (int (*) (clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime") ;
  path = getenv("FAULTS_CLOCK") ;
  if (!path) return ;
  fd = open(path, O_RDONLY | O_CLOEXEC) ;
  if (fd < 0) return ;
  m = mmap(0, sizeof(int64_t), PROT_READ, MAP_SHARED, fd, 0) ;
  close(fd) ;
  if (m != MAP_FAILED) offset = m ;
}

int clock_gettime (clockid_t c, struct timespec *ts)
{
  int r ;
  init() ;
  if (!real_gettime) return -1 ;
  r = real_gettime(c, ts) ;
  if (!r && offset && (c == CLOCK_REALTIME || c == CLOCK_REALTIME_COARSE)) ts->tv_sec += *offset ;
  return r ;
}

int gettimeofday (struct timeval *tv, void *tz)
{
  struct timespec ts ;
  (void)tz ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return -1 ;
  if (tv) { tv->tv_sec = ts.tv_sec ; tv->tv_usec = ts.tv_nsec / 1000 ; }
  return 0 ;
}

time_t time (time_t *t)
{
  struct timespec ts ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return (time_t)-1 ;
  if (t) *t = ts.tv_sec ;
  return ts.tv_sec ;
}
