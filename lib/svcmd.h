/* svcmd.h - sv's commands: which control bytes each one writes, and when
 * the state it asks for has been reached.
 *
 * sv looks at the first letter of a command only, except for the LSB words
 * (start, stop, restart, ...) and check, which are matched whole. Each
 * command writes some bytes to supervise/control and may then wait until
 * supervise/status shows their effect; the condition letters below say what
 * "done" means (runit 2.1.2's rules, with 2.3.0's fixed "check").
 */
#ifndef SV_SVCMD_H
#define SV_SVCMD_H

#include <skalibs/tai.h>
#include "svstatus.h"

#define SVCMD_WAIT_V 1  /* waits only when asked to (-v or -w) */
#define SVCMD_WAIT 2    /* always waits (start, stop, restart, check, ...) */

typedef struct svcmd_s svcmd ;
struct svcmd_s
{
  char send[4] ;         /* control bytes to write, NUL-terminated; "" for status and check */
  char want[4] ;         /* condition letters that must all be reached (see svcmd_reached) */
  unsigned char wait ;   /* 0 (status: never), SVCMD_WAIT_V or SVCMD_WAIT */
  unsigned char kill ;   /* force-* and X E D T: on timeout say "kill:" and send k */
  unsigned char status ; /* the status command */
} ;

/* svcmd_parse: the command WORD names; lsb is set when sv runs under another
   name (an init script), where only the exact word "status" means status.
   1, or 0 when WORD is no command (a usage error) */
extern int svcmd_parse (char const *word, int lsb, svcmd *c) ;

#define SVCMD_NO 0       /* not yet */
#define SVCMD_YES 1      /* reached */
#define SVCMD_IFCHECK 2  /* reached if the service's ./check script succeeds */

/* svcmd_reached: is condition letter C met by status ST (read while runsv
   runs)? t0 is when sv started, as a runit label: t and k want a process
   started since then, o one started or ended since then. runit compared
   whole seconds, which its 420 ms naps hid; a look at once would take a
   start in sv's own second for the new one, so we compare the full label.
   'x' is never met while runsv runs: the caller sees runsv gone. */
extern int svcmd_reached (char c, svstatus const *st, tain const *t0) ;

/* svcmd_shows: does supervise/status show what the condition letters in
   WANT wait for (not so for the bare signals h a i q 1 2, nor for x, seen
   by runsv going away)? */
extern int svcmd_shows (char const *want) ;

/* svcmd_skip: nothing needs writing, because runsv already wants what SEND
   asks: "u" while want is up, "d" while want is down and TERM was sent */
extern int svcmd_skip (char const *send, svstatus const *st) ;

#endif
