/* syslogmsg.h - one syslog datagram read: its tag, priority and message.
 *
 * RUNSVDIR_SYSLOG (syslogd.c) passes each datagram on as a line "TAG: msg".
 * What is understood: RFC 3164 as glibc's, musl's and busybox's syslog(3)
 * and util-linux logger send it ("<13>Dec  7 19:20:00 [HOST ]TAG[PID]: msg",
 * the time and host optional), and RFC 5424 ("<13>1 TIME HOST APP PROCID
 * MSGID SD msg", its "-" for none, a BOM before msg dropped). One trailing
 * newline and trailing NULs are not part of the message. Anything else is
 * malformed and passed on whole: no tag, no priority, the message is the
 * datagram. Nothing here reads or writes a file descriptor.
 */
#ifndef SV_SYSLOGMSG_H
#define SV_SYSLOGMSG_H

#include <stddef.h>

#define SYSLOGMSG_TAGMAX 48   /* a longer tag is not a tag: the message is passed on whole */

typedef struct syslogmsg_s syslogmsg ;
struct syslogmsg_s
{
  char const *tag ;   /* in the datagram; taglen 0: none */
  size_t taglen ;
  int pri ;           /* facility * 8 + severity, or -1: none */
  char const *msg ;   /* in the datagram */
  size_t msglen ;
} ;

/* syslogmsg_parse: datagram S (LEN bytes) into M (pointers into S) */
extern void syslogmsg_parse (syslogmsg *m, char const *s, size_t len) ;

/* syslogmsg_severity: the name of PRI's severity (emerg ... debug) */
extern char const *syslogmsg_severity (int pri) ;

#endif
