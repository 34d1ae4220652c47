/* syslogd.h - RUNSVDIR_SYSLOG=PATH: a datagram socket at PATH (/dev/log)
 * whose messages go on as lines on runsvdir's stdout, "TAG: message".
 *
 * Each datagram (syslogmsg.h) is one message: its tag ("syslog" when it
 * has none) as the line's name, then, with RUNSVDIR_SYSLOG_PRIORITY=1, its
 * severity ("<err> "), then the message; a newline inside it starts
 * another line with the same name, and a line longer than PIPE_BUF is cut
 * into pieces as lineprefix.h does (each but the last ends in a
 * backslash). Nothing waits on stdout: the lines wait in a buffer of
 * SYSLOGD_BUFMAX bytes for it to take them, and a message that does not
 * fit is dropped whole and counted; once the buffer is empty again one
 * line says how many ("runsvdir: warning: syslog: N messages dropped").
 * Linux and BSD: AF_UNIX datagram sockets.
 */
#ifndef RUNSVDIR_SYSLOGD_H
#define RUNSVDIR_SYSLOGD_H

#define SYSLOGD_BUFMAX 65536   /* the lines waiting for stdout */
#define SYSLOGD_MSGMAX 16384   /* the longest datagram read; what is past it is cut off */
#define SYSLOGD_BURST 256      /* datagrams read per wake-up: the loop stays responsive */
#define SYSLOGD_DRAIN_MS 2000  /* the most syslogd_end waits for stdout */

/* syslogd_init: the socket at $RUNSVDIR_SYSLOG, if set (a socket left
   there is removed; anything else there: dies 100, one line; a failed
   bind: dies 111), mode 0666 so that a daemon that dropped its
   privileges can send */
extern void syslogd_init (void) ;

/* syslogd_fd: the socket to poll for reading, or -1 (RUNSVDIR_SYSLOG unset) */
extern int syslogd_fd (void) ;

/* syslogd_pending: do lines wait for fd 1 (poll it for writing)? */
extern int syslogd_pending (void) ;

/* syslogd_read: at most SYSLOGD_BURST datagrams, each into the buffer, or dropped and counted;
   once the buffer is half full, what fd 1 takes without waiting is written on the way */
extern void syslogd_read (void) ;

/* syslogd_write: one write of whole lines to fd 1 (at most PIPE_BUF bytes: atomic on a pipe) */
extern void syslogd_write (void) ;

/* syslogd_end: what the socket holds and the buffer go out (for at most
   SYSLOGD_DRAIN_MS), the dropped count is said, the socket closed and
   removed */
extern void syslogd_end (void) ;

#endif
