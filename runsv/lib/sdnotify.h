/* sdnotify.h - the pieces of runsv's readiness protocols that need no runsv:
 * the notification-fd file's value (s6), and systemd's notify socket
 * (binding it, receiving a datagram with its sender's pid, parsing it, and
 * telling whether the sender is a process of ./run).
 * Linux: SO_PASSCRED, SCM_CREDENTIALS, the abstract socket namespace, /proc.
 */
#ifndef SV_SDNOTIFY_H
#define SV_SDNOTIFY_H

#include <stddef.h>
#include <sys/types.h>

/* room for NOTIFY_SOCKET's value: "@" and an abstract name */
#define SDNOTIFY_NAMEMAX 110
/* how far sdnotify_descends walks up the process tree */
#define SDNOTIFY_DEPTH 64

/* sdnotify_fdscan: the fd number in a notification-fd file's LEN bytes
   (surrounding whitespace ignored); 1 and *fd when it is a decimal number
   from 3 to MAX - 1, else 0 */
extern int sdnotify_fdscan (char const *s, size_t len, unsigned int max, unsigned int *fd) ;

typedef struct sdnotify_msg_s sdnotify_msg ;
struct sdnotify_msg_s
{
  int ready ;            /* a line READY=1 */
  char const *text ;     /* the value of the last STATUS= line (in the datagram), or 0 */
  size_t textlen ;
} ;

/* sdnotify_parse: the lines (KEY=VALUE, newline-separated) of one datagram of LEN bytes */
extern void sdnotify_parse (char const *s, size_t len, sdnotify_msg *m) ;

typedef struct sdnotify_proc_s sdnotify_proc ;
struct sdnotify_proc_s
{
  char pstate ;          /* R, S, Z... */
  pid_t ppid ;
  unsigned long flags ;  /* the kernel's PF_* flags */
} ;
/* sdnotify_procstat: the fields we need of the text of a /proc/PID/stat; 1, or 0 if malformed */
extern int sdnotify_procstat (char const *s, size_t len, sdnotify_proc *p) ;
/* sdnotify_exiting: 1 if process PID is exiting or a zombie (its fds may be
   closed already while its parent has no SIGCHLD yet), 0 if not, -1 if
   /proc does not say */
extern int sdnotify_exiting (pid_t pid) ;
/* sdnotify_descends: 1 if process PID is ANCESTOR or below it (parents read
   from /proc, at most SDNOTIFY_DEPTH steps), else 0 */
extern int sdnotify_descends (pid_t pid, pid_t ancestor) ;

/* sdnotify_bind: a close-on-exec, non-blocking datagram socket with
   SO_PASSCRED, bound to a name the kernel picks in the abstract namespace
   (no file, so no file mode keeps a sender out: a daemon that has changed
   its user reaches it; who counts is decided by the sender's pid, see
   sdnotify_descends). NAME (SDNOTIFY_NAMEMAX bytes) gets what
   NOTIFY_SOCKET says: "@" and the name. The fd, or -1 with errno */
extern int sdnotify_bind (char *name) ;
/* sdnotify_recv: one datagram into BUF (at most MAX bytes, the rest cut) and
   the pid its sender's credentials give (0 if none); its length, or -1 with
   errno (EAGAIN: nothing waits) */
extern ssize_t sdnotify_recv (int fd, char *buf, size_t max, pid_t *pid) ;

#endif
