/* watch.h - when runsvdir scans its directory: inotify, the 5-second check, SIGALRM. */
#ifndef RUNSVDIR_WATCH_H
#define RUNSVDIR_WATCH_H

#include <skalibs/tai.h>

/* watch_init: watch DIR (kept, not copied) with inotify if the kernel offers
   it; the first check is due at once */
extern void watch_init (char const *dir) ;
/* watch_fd: the inotify fd to wait on, or -1 */
extern int watch_fd (void) ;
/* watch_event: inotify said something changed in DIR (or about DIR) */
extern void watch_event (void) ;
/* watch_force: SIGALRM, scan now whatever DIR looks like */
extern void watch_force (void) ;
/* watch_due: look at DIR if a check is due; 1 when a scan should run now */
extern int watch_due (void) ;
/* watch_scanned: a scan ran (ok) or could not read DIR (!ok, errno set) */
extern void watch_scanned (int ok) ;
/* watch_deadline: lowers *d to when DIR must be looked at next */
extern void watch_deadline (tain *d) ;
/* watch_close: no more scanning (the shutdown) */
extern void watch_close (void) ;

#endif
