/* svspawn.h - start a child process with a clean signal mask and fd plumbing.
 *
 * The supervisors trap their signals through skalibs' selfpipe, which on
 * Linux is a signalfd that keeps those signals *blocked*; a blocked mask
 * survives fork and exec, so every child must unblock them before exec or a
 * service binary would start deaf to SIGTERM. skalibs' child_spawn* do that
 * but cannot chdir, setsid or wire a pipe between two children, which runsv
 * (log pipe, ./log) and runsvdir (-P) need; hence this helper.
 * Children get an empty signal mask and every signal at its default action.
 */
#ifndef SV_SPAWN_H
#define SV_SPAWN_H

#include <sys/types.h>

#define SPAWN_INHERIT (-1)
#define SPAWN_CLOSE (-2)

typedef struct spawn_opts_s spawn_opts ;
struct spawn_opts_s
{
  char const *dir ;      /* chdir here before exec, or 0 */
  int fd0 ;              /* new stdin: SPAWN_INHERIT, SPAWN_CLOSE or an fd */
  int fd1 ;              /* new stdout: likewise */
  int setsid ;           /* nonzero: the child gets its own session */
  char const *what ;     /* on exec failure the child prints "PROG: fatal: unable to start WHAT: ERR" */
  int failcode ;         /* ... and exits with this code */
} ;
#define SPAWN_OPTS_ZERO { .dir = 0, .fd0 = SPAWN_INHERIT, .fd1 = SPAWN_INHERIT, .setsid = 0, .what = 0, .failcode = 111 }

/* spawn: fork and exec FILE (PATH search when it has no slash) with ARGV and
   ENVP (0 = environ). Returns the child's pid, or 0 with errno if fork failed.
   An exec failure is reported by the child itself (message, failcode), so
   it looks to the caller like a process that exited at once, as in runit. */
extern pid_t spawn (char const *file, char const *const *argv, char const *const *envp, spawn_opts const *o) ;

#endif
