/* svnotify.h - the pieces of runsv's readiness protocols that need no runsv:
 * the notification-fd file's value (s6), and systemd's notify socket
 * (binding it, receiving a datagram with its sender's pid, parsing it, and
 * telling whether the sender is a process of ./run).
 * Linux: SO_PASSCRED, SCM_CREDENTIALS, the abstract socket namespace, /proc.
 */
#ifndef SV_SVNOTIFY_H
#define SV_SVNOTIFY_H

#include <stddef.h>
#include <sys/types.h>

/* room for NOTIFY_SOCKET's value: "@" and an abstract name */
#define SVNOTIFY_NAMEMAX 110
/* how far svnotify_descends walks up the process tree */
#define SVNOTIFY_DEPTH 64

/* svnotify_fdscan: the fd number in a notification-fd file's LEN bytes
   (surrounding whitespace ignored); 1 and *fd when it is a decimal number
   from 3 to MAX - 1, else 0 */
extern int svnotify_fdscan (char const *s, size_t len, unsigned int max, unsigned int *fd) ;

typedef struct svnotify_msg_s svnotify_msg ;
struct svnotify_msg_s
{
  int ready ;            /* a line READY=1 */
  char const *text ;     /* the value of the last STATUS= line (in the datagram), or 0 */
  size_t textlen ;
} ;

/* svnotify_parse: the lines (KEY=VALUE, newline-separated) of one datagram of LEN bytes */
extern void svnotify_parse (char const *s, size_t len, svnotify_msg *m) ;

typedef struct svnotify_proc_s svnotify_proc ;
struct svnotify_proc_s
{
  char state ;           /* R, S, Z... */
  pid_t ppid ;
  unsigned long flags ;  /* the kernel's PF_* flags */
} ;
/* svnotify_procstat: the fields we need of the text of a /proc/PID/stat; 1, or 0 if malformed */
extern int svnotify_procstat (char const *s, size_t len, svnotify_proc *p) ;
/* svnotify_exiting: 1 if process PID is exiting or a zombie (its fds may be
   closed already while its parent has no SIGCHLD yet), 0 if not, -1 if
   /proc does not say */
extern int svnotify_exiting (pid_t pid) ;
/* svnotify_descends: 1 if process PID is ANCESTOR or below it (parents read
   from /proc, at most SVNOTIFY_DEPTH steps), else 0 */
extern int svnotify_descends (pid_t pid, pid_t ancestor) ;

/* svnotify_bind: a close-on-exec, non-blocking datagram socket with
   SO_PASSCRED, bound to a name the kernel picks in the abstract namespace
   (no file, so no file mode keeps a sender out: a daemon that has changed
   its user reaches it; who counts is decided by the sender's pid, see
   svnotify_descends). NAME (SVNOTIFY_NAMEMAX bytes) gets what
   NOTIFY_SOCKET says: "@" and the name. The fd, or -1 with errno */
extern int svnotify_bind (char *name) ;
/* svnotify_recv: one datagram into BUF (at most MAX bytes, the rest cut) and
   the pid its sender's credentials give (0 if none); its length, or -1 with
   errno (EAGAIN: nothing waits) */
extern ssize_t svnotify_recv (int fd, char *buf, size_t max, pid_t *pid) ;

#endif
