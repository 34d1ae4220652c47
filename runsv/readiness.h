/* readiness.h - what a run declares about its readiness and what it says:
 * s6's notification-fd (a pipe, ready at its first newline) and systemd's
 * notify socket (READY=1 and STATUS= from the run or a process below it). */
#ifndef RUNSV_READINESS_H
#define RUNSV_READINESS_H

#include <skalibs/tai.h>
#include "service.h"

/* readiness_init: nothing open; DECLARES as the files say now (read quietly: the warnings come at the start) */
extern void readiness_init (service *s) ;

/* readiness_prepare: what S declares for this start of its run (the files
   read again, with warnings): the notification-fd pipe (its write end in
   *NOTEW, to become the returned fd in the child; 0 if none) and the
   notify socket (NOTIFY_SOCKET is then S->ready.sockname) */
extern unsigned int readiness_prepare (service *s, int *notew) ;

/* readiness_abandon: the run never ran: nothing of it can notify */
extern void readiness_abandon (service *s) ;

/* readiness_started: a run started (at LABEL): without a declaration it is ready now */
extern void readiness_started (service *s, tain const *label) ;

/* readiness_ended: the run ended: not ready any more, its pipe closed */
extern void readiness_ended (service *s) ;

/* readiness_ready: the run is ready */
extern int readiness_ready (service const *s) ;

/* readiness_read_note, readiness_read_sock: what waits on the pipe or the
   socket of the running run (pid RUN); 1 if it made the run ready just now */
extern int readiness_read_note (service *s, pid_t run) ;
extern int readiness_read_sock (service *s, pid_t run) ;

/* readiness_close: the notify socket goes (runsv exits) */
extern void readiness_close (service *s) ;

/* readiness_shown: S's part of supervise/state into ST: DECLARES, READY, its label, the text */
extern void readiness_shown (service const *s, superstate *st) ;

#endif
