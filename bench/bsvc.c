/* bsvc.c - the benchmarks' helper: a service stand-in, a namespace holder, a timer.
 *
 * bench/run compiles this once per run into its temp dir. It is not part of
 * the suite, so it uses stdio freely; it builds with the project's flags
 * (-std=c99 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror).
 *
 * Invoked as "run" (every benchmark service's run is a symlink to it), it is
 * the supervised process: the same tiny program under every suite, so what
 * is measured is the supervisor, not a shell. It reads its behaviour from the
 * environment, which every peer's scanner and supervisor pass down unchanged:
 *   BENCH_NOTIFY  a FIFO: on start write "S NAME PID NS\n" (NS = CLOCK_MONOTONIC
 *                 in nanoseconds, the clock Python's time.monotonic_ns reads),
 *                 before exiting on its own "E NAME PID NS\n";
 *   BENCH_MARK    a directory: on SIGTERM create MARK/NAME (a graceful stop);
 *   BENCH_EXIT_MS exit 0 on its own after this many milliseconds;
 *   BENCH_DEAF    (any value) ignore SIGTERM: only SIGKILL ends it;
 *   BENCH_STRAY   (any value) after the start report, leave a stray behind:
 *                 a child in a session of its own that ignores SIGTERM and
 *                 waits for signals forever (a daemon that escaped);
 *   BENCH_ORPHAN_MS  every second, leave an orphan (a double fork): it
 *                 reports "P NAME PID NS" as it starts, lives this many
 *                 milliseconds, then reports "O NAME PID NS" and exits, to
 *                 be reaped by whoever inherits it.
 * A service dir holding both notification-fd and a FIFO named bench-ready
 * (figure 11) makes it declare readiness when told: after its start report
 * it reads one byte from ./bench-ready, takes the time, writes its newline
 * to the notification-fd, and only then reports "R NAME PID NS" with the
 * time taken just before the write (so the report costs the measure nothing).
 * NAME is the base name of the current directory (the service dir: every
 * supervisor runs ./run there), followed by $SV_INSTANCE when that is set and
 * not empty: an instance's run runs in its template's dir (svc@), so instance
 * 7 reports svc@7. Otherwise it waits for signals forever;
 * SIGTERM makes it exit 0 (unless BENCH_DEAF).
 *
 *   bsvc hold PROG ARGS...
 *     PID 1 of a benchmark's PID namespace: starts PROG, reaps every child
 *     and orphan, and exits 0 once it has no child left (so the namespace's
 *     end means every process in it is gone).
 *   bsvc time IN OUT PROG ARGS...
 *     runs PROG with stdin from IN and stdout to OUT (stderr inherited),
 *     prints "NANOSECONDS WAITSTATUS\n" for fork+exec+wait.
 *   bsvc until IN OUT PROG ARGS...
 *     the same, but prints "NS WAITSTATUS\n" with NS the CLOCK_MONOTONIC
 *     time right after wait returned: when the client's exit was seen.
 *   bsvc spawn N PROG ARGS...
 *     fork+exec+wait PROG N times, one after the other (stdin /dev/null,
 *     stdout, stderr, environment and cwd inherited), and print the CPU time
 *     this parent spent per spawn, in nanoseconds ("NS\n"), from the first
 *     field of /proc/self/schedstat (the clock bench/run's cpu_ns reads) read
 *     before the first fork and after the last wait; exits 1 if a run did
 *     not exit 0. The bare cost of running a liveness check (figure 18).
 *   bsvc syslog PATH M
 *     sends M datagrams to the unix datagram socket PATH, as glibc's
 *     syslog(3) words them ("<13>Dec  7 20:00:00 bench[PID]: message N"
 *     and x's, 80 bytes; N is 0 .. M-1 in 7 digits), blocking: the
 *     receiver's pace sets the sender's. Prints "NS\n", the CLOCK_MONOTONIC
 *     time of the first send (figure 20).
 *
 * Invoked as "check" (a service dir's ./check, a symlink to it), it is a
 * liveness check that passes: it writes "C NAME PID NS\n" on $BENCH_NOTIFY
 * (NAME as for run) and exits 0.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char name[256] = "?" ;
static char markpath[PATH_MAX] ;
static int havemark = 0 ;

/* now_ns: CLOCK_MONOTONIC in nanoseconds */
static long long now_ns (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec ;
}

/* notify_at: one line on $BENCH_NOTIFY with time NS, never blocking (no reader: nothing) */
static void notify_at (char what, long long ns)
{
  char const *fifo = getenv("BENCH_NOTIFY") ;
  char line[400] ;
  int fd, n ;
  if (!fifo) return ;
  fd = open(fifo, O_WRONLY | O_NONBLOCK) ;
  if (fd < 0) return ;
  n = snprintf(line, sizeof line, "%c %s %ld %lld\n", what, name, (long)getpid(), ns) ;
  if (n > 0 && write(fd, line, (size_t)n) < 0) { /* the bench is gone: nothing to tell */ }
  close(fd) ;
}

/* notify: one line on $BENCH_NOTIFY, time now */
static void notify (char what)
{
  notify_at(what, now_ns()) ;
}

/* ready_when_told: with ./notification-fd and the FIFO ./bench-ready, wait
 * for a byte on the FIFO, then write the newline; 0 when not asked to */
static int ready_when_told (void)
{
  char buf[32] ;
  struct stat st ;
  long long t ;
  ssize_t r ;
  int nfd, tfd ;
  FILE *f ;
  if (stat("bench-ready", &st) < 0 || !S_ISFIFO(st.st_mode)) return 0 ;
  f = fopen("notification-fd", "r") ;
  if (!f) return 0 ;
  nfd = fgets(buf, sizeof buf, f) ? atoi(buf) : -1 ;
  fclose(f) ;
  if (nfd < 3) return 0 ;
  /* the bench holds the FIFO open for writing, so this open does not block */
  tfd = open("bench-ready", O_RDONLY) ;
  if (tfd < 0) return 0 ;
  while ((r = read(tfd, buf, 1)) < 0 && errno == EINTR) ;
  if (r != 1) return 0 ;
  t = now_ns() ;
  if (write(nfd, "\n", 1) != 1) return 0 ;
  notify_at('R', t) ;
  close(tfd) ;
  return 1 ;
}

/* on_term: a graceful stop; async-signal-safe calls only */
static void on_term (int sig)
{
  (void)sig ;
  if (havemark)
  {
    int fd = open(markpath, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
    if (fd >= 0) close(fd) ;
  }
  _exit(0) ;
}

/* sleep_ms: MS milliseconds, through signals */
static void sleep_ms (long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L } ;
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) ;
}

/* stray: a child in a session of its own, deaf to SIGTERM, for ever */
static void stray (void)
{
  pid_t pid = fork() ;
  if (pid < 0) { perror("bsvc: fork") ; return ; }
  if (pid) return ;
  setsid() ;
  signal(SIGTERM, SIG_IGN) ;
  for (;;) pause() ;
}

/* orphans: every second a double fork; the grandchild, reparented, lives
   MS milliseconds between its reports; never returns */
static void orphans (long ms)
{
  for (;;)
  {
    pid_t pid = fork() ;
    if (pid < 0) { perror("bsvc: fork") ; sleep_ms(1000) ; continue ; }
    if (!pid)
    {
      pid_t gc = fork() ;
      if (gc < 0) _exit(111) ;
      if (!gc)
      {
        notify('P') ;
        sleep_ms(ms) ;
        notify('O') ;
        _exit(0) ;
      }
      _exit(0) ;
    }
    while (waitpid(pid, 0, 0) < 0 && errno == EINTR) ;
    sleep_ms(1000) ;
  }
}

/* name_from_cwd: NAME is the base name of the current directory (the service
 * dir), followed by $SV_INSTANCE when set and not empty (svc@ + 7: svc@7) */
static void name_from_cwd (void)
{
  char cwd[PATH_MAX] ;
  if (getcwd(cwd, sizeof cwd))
  {
    char const *b = strrchr(cwd, '/') ;
    char const *inst = getenv("SV_INSTANCE") ;
    size_t n, m ;
    b = b ? b + 1 : cwd ;
    n = strlen(b) ;
    if (n >= sizeof name) n = sizeof name - 1 ;
    memcpy(name, b, n) ;
    if (inst && *inst)
    {
      m = strlen(inst) ;
      if (m > sizeof name - 1 - n) m = sizeof name - 1 - n ;
      memcpy(name + n, inst, m) ;
      n += m ;
    }
    name[n] = 0 ;
  }
}

/* check: what a benchmark service's ./check does: report, pass */
static int check (void)
{
  name_from_cwd() ;
  notify('C') ;
  return 0 ;
}

/* service: what a benchmark service's ./run does */
static int service (void)
{
  char const *mark = getenv("BENCH_MARK") ;
  char const *exitms = getenv("BENCH_EXIT_MS") ;
  char const *orphanms = getenv("BENCH_ORPHAN_MS") ;
  struct sigaction sa ;
  name_from_cwd() ;
  if (mark && snprintf(markpath, sizeof markpath, "%s/%s", mark, name) < (int)sizeof markpath) havemark = 1 ;
  memset(&sa, 0, sizeof sa) ;
  sa.sa_handler = getenv("BENCH_DEAF") ? SIG_IGN : &on_term ;
  sigemptyset(&sa.sa_mask) ;
  sigaction(SIGTERM, &sa, 0) ;
  notify('S') ;
  ready_when_told() ;
  if (getenv("BENCH_STRAY")) stray() ;
  if (orphanms) orphans(atol(orphanms)) ;
  if (exitms)
  {
    sleep_ms(atol(exitms)) ;
    notify('E') ;
    return 0 ;
  }
  for (;;) pause() ;
}

/* hold: PID 1 of a namespace; reap until no child is left */
static int hold (char **argv)
{
  pid_t pid = fork() ;
  if (pid < 0) { perror("bsvc hold: fork") ; return 111 ; }
  if (!pid)
  {
    execvp(argv[0], argv) ;
    fprintf(stderr, "bsvc hold: unable to run %s: %s\n", argv[0], strerror(errno)) ;
    _exit(127) ;
  }
  for (;;)
  {
    int st ;
    if (waitpid(-1, &st, 0) < 0)
    {
      if (errno == EINTR) continue ;
      if (errno == ECHILD) return 0 ;
      perror("bsvc hold: waitpid") ;
      return 111 ;
    }
  }
}

/* timeit: fork+exec+wait PROG with redirections; print the nanoseconds it
 * took, or (ABS) the time right after wait returned */
static int timeit (char const *in, char const *out, char **argv, int abs)
{
  long long t0, t1 ;
  int st ;
  pid_t pid ;
  t0 = now_ns() ;
  pid = fork() ;
  if (pid < 0) { perror("bsvc time: fork") ; return 111 ; }
  if (!pid)
  {
    int fdi = open(in, O_RDONLY) ;
    int fdo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
    if (fdi < 0 || fdo < 0 || dup2(fdi, 0) < 0 || dup2(fdo, 1) < 0)
    {
      fprintf(stderr, "bsvc time: unable to redirect: %s\n", strerror(errno)) ;
      _exit(126) ;
    }
    if (fdi > 1) close(fdi) ;
    if (fdo > 1) close(fdo) ;
    execvp(argv[0], argv) ;
    fprintf(stderr, "bsvc time: unable to run %s: %s\n", argv[0], strerror(errno)) ;
    _exit(127) ;
  }
  while (waitpid(pid, &st, 0) < 0)
  {
    if (errno != EINTR) { perror("bsvc time: waitpid") ; return 111 ; }
  }
  t1 = now_ns() ;
  printf("%lld %d\n", abs ? t1 : t1 - t0, st) ;
  return fflush(stdout) ? 111 : 0 ;
}

/* self_cpu_ns: this process's time on a CPU (/proc/self/schedstat's first field), -1 on error */
static long long self_cpu_ns (void)
{
  long long ns = -1 ;
  FILE *f = fopen("/proc/self/schedstat", "r") ;
  if (!f) return -1 ;
  if (fscanf(f, "%lld", &ns) != 1) ns = -1 ;
  fclose(f) ;
  return ns ;
}

/* spawn: fork+exec+wait ARGV N times; print this parent's CPU nanoseconds per spawn */
static int spawn (long n, char **argv)
{
  long long c0, c1 ;
  long i ;
  int bad = 0 ;
  int fdi = open("/dev/null", O_RDONLY) ;
  if (fdi < 0 || n < 1) { fprintf(stderr, "bsvc spawn: bad count or no /dev/null\n") ; return 100 ; }
  c0 = self_cpu_ns() ;
  for (i = 0 ; i < n ; i++)
  {
    int st ;
    pid_t pid = fork() ;
    if (pid < 0) { perror("bsvc spawn: fork") ; return 111 ; }
    if (!pid)
    {
      if (dup2(fdi, 0) < 0) _exit(126) ;
      close(fdi) ;
      execvp(argv[0], argv) ;
      fprintf(stderr, "bsvc spawn: unable to run %s: %s\n", argv[0], strerror(errno)) ;
      _exit(127) ;
    }
    while (waitpid(pid, &st, 0) < 0)
    {
      if (errno != EINTR) { perror("bsvc spawn: waitpid") ; return 111 ; }
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st)) bad = 1 ;
  }
  c1 = self_cpu_ns() ;
  if (c0 < 0 || c1 < 0) { fprintf(stderr, "bsvc spawn: unable to read /proc/self/schedstat\n") ; return 111 ; }
  printf("%lld\n", (c1 - c0) / n) ;
  if (fflush(stdout)) return 111 ;
  return bad ;
}

/* sendlog: M syslog(3)-style datagrams to the socket PATH; print the time of the first */
static int sendlog (char const *path, long m)
{
  struct sockaddr_un sa ;
  char msg[128] ;
  long long t0 = 0 ;
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0) ;
  if (fd < 0 || m < 1 || strlen(path) >= sizeof sa.sun_path) { fprintf(stderr, "bsvc syslog: bad count or path, or no socket\n") ; return 100 ; }
  memset(&sa, 0, sizeof sa) ;
  sa.sun_family = AF_UNIX ;
  strcpy(sa.sun_path, path) ;
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("bsvc syslog: connect") ; return 111 ; }
  for (long i = 0 ; i < m ; i++)
  {
    int n = snprintf(msg, sizeof msg, "<13>Dec  7 20:00:00 bench[%ld]: message %07ld ", (long)getpid(), i) ;
    /* padded to 80 bytes: a typical daemon's line */
    while (n < 80) msg[n++] = 'x' ;
    if (!i) t0 = now_ns() ;
    while (send(fd, msg, (size_t)n, 0) < 0)
    {
      if (errno != EINTR) { perror("bsvc syslog: send") ; return 111 ; }
    }
  }
  printf("%lld\n", t0) ;
  return fflush(stdout) ? 111 : 0 ;
}

int main (int argc, char **argv)
{
  char const *base = strrchr(argv[0], '/') ;
  base = base ? base + 1 : argv[0] ;
  if (!strcmp(base, "check")) return check() ;
  if (strcmp(base, "bsvc")) return service() ;
  if (argc >= 4 && !strcmp(argv[1], "spawn")) return spawn(atol(argv[2]), argv + 3) ;
  if (argc >= 3 && !strcmp(argv[1], "hold")) return hold(argv + 2) ;
  if (argc >= 5 && !strcmp(argv[1], "time")) return timeit(argv[2], argv[3], argv + 4, 0) ;
  if (argc >= 5 && !strcmp(argv[1], "until")) return timeit(argv[2], argv[3], argv + 4, 1) ;
  if (argc == 4 && !strcmp(argv[1], "syslog")) return sendlog(argv[2], atol(argv[3])) ;
  fprintf(stderr, "usage: bsvc hold PROG [ARGS...] | bsvc time|until IN OUT PROG [ARGS...] | bsvc spawn N PROG [ARGS...] | bsvc syslog PATH M | (as run: a service; as check: a check)\n") ;
  return 100 ;
}
