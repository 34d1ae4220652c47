/* forkexec.h - start a child process with a clean signal mask and fd plumbing.
 *
 * The supervisors trap their signals through skalibs' selfpipe, which on
 * Linux is a signalfd that keeps those signals *blocked*; a blocked mask
 * survives fork and exec, so every child must unblock them before exec or a
 * service binary would start deaf to SIGTERM. skalibs' child_spawn* do that
 * but cannot chdir, setsid or wire a pipe between two children, which runsv
 * (log pipe, ./log) and runsvdir (-P) need; hence this helper.
 * Children get an empty signal mask and every signal at its default action.
 * skalibs 2.13 has no vfork spawn (posix_spawn maps and unmaps a stack
 * for each child).
 */
#ifndef SV_SPAWN_H
#define SV_SPAWN_H

#include <sys/types.h>

#define FORKEXEC_INHERIT (-1)
#define FORKEXEC_CLOSE (-2)

/* where a reported spawn failed (forkexec_failure.step) */
#define FORKEXEC_OK 0       /* the program is running */
#define FORKEXEC_FORK 1     /* fork failed: there is no child */
#define FORKEXEC_FD 2       /* the child could not set up fd 0, 1, 2 or fdx */
#define FORKEXEC_DIR 3      /* the child could not chdir to opts.dir */
#define FORKEXEC_EXEC 4     /* exec failed */

typedef struct forkexec_failure_s forkexec_failure ;
struct forkexec_failure_s
{
  int step ;             /* FORKEXEC_OK or where it failed */
  int err ;              /* the errno of that failure */
} ;

typedef struct forkexec_opts_s forkexec_opts ;
struct forkexec_opts_s
{
  char const *dir ;      /* chdir here before exec, or 0 */
  int fd0 ;              /* new stdin: FORKEXEC_INHERIT, FORKEXEC_CLOSE or an fd */
  int fd1 ;              /* new stdout: likewise */
  int fd2 ;              /* new stderr: likewise (runsv's prefixed output) */
  int setsid ;           /* nonzero: the child gets its own session */
  int setpgrp ;          /* nonzero: the child leads a process group of its own */
  char const *what ;     /* on exec failure the child prints "PROG: fatal: unable to start WHAT: ERR" */
  int failcode ;         /* ... and exits with this code */
  forkexec_failure *report ;  /* not 0: forkexec returns once the exec is done (see below) */
  int fdx ;              /* not 0: the child also gets fd FDX (3 or more), a copy of fdx_from (runsv's notification-fd) */
  int fdx_from ;         /* ... an open fd of the caller, whatever its number */
} ;
#define FORKEXEC_OPTS_ZERO { .dir = 0, .fd0 = FORKEXEC_INHERIT, .fd1 = FORKEXEC_INHERIT, .fd2 = FORKEXEC_INHERIT, .setsid = 0, .setpgrp = 0, .what = 0, .failcode = 111, .report = 0, .fdx = 0, .fdx_from = -1 }

/* forkexec: starts FILE (PATH search when it has no slash) with ARGV and
   ENVP (0 = environ), by vfork: the child borrows the caller's memory
   until its exec, so nothing of the caller is copied (no page tables, no
   copy-on-write faults after), and the caller goes on once the child has
   exec'd or failed. Returns the child's pid, or 0 with errno if vfork
   failed. Without o->report, an exec failure is reported by the child
   itself (message, failcode), so it looks to the caller like a process
   that exited at once, as in runit. With o->report: on success it fills
   *o->report with FORKEXEC_OK and returns the pid; on failure the child
   exits silently, forkexec reaps it, fills *o->report with the step and
   errno, and returns 0 with errno set: the caller never sees a pid that
   did not run. The programs that use it catch no signal by a handler
   (signalfd), which a vfork child would run in the caller's memory. */
extern pid_t forkexec (char const *file, char const *const *argv, char const *const *envp, forkexec_opts const *o) ;

#endif
