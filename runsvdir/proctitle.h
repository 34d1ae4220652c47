/* proctitle.h - runsvdir's LOG argument: its stderr shown in its own argv. */
#ifndef RUNSVDIR_PROCTITLE_H
#define RUNSVDIR_PROCTITLE_H

#include <skalibs/tai.h>

/* proctitle_init: LOG (0 if none): stderr becomes a pipe shown in LOG's argv memory */
extern void proctitle_init (char *log) ;
/* proctitle_fd: the pipe to read, or -1 */
extern int proctitle_fd (void) ;
/* proctitle_read: shift what arrived into the argv window */
extern void proctitle_read (void) ;
/* proctitle_tick: writes the 15-minute dot when due; lowers *d to the next one */
extern void proctitle_tick (tain *d) ;

#endif
