/* templates.h - runsvdir's side of templates (svinstance.h): how many
 * instances each template's instances file asks for, and what an
 * instance's runsv is started with. */
#ifndef RUNSVDIR_TEMPLATES_H
#define RUNSVDIR_TEMPLATES_H

/* templates_count: scanned.h's count function: TNAME/instances of the scan
   directory open as DFD, read and parsed (instances.h); none is 0 (links
   only). A bad value dies 100 before the first scan is done
   (templates_scanned), and is a warning after, the instances kept */
extern int templates_count (int dfd, char const *tname, unsigned int *n) ;
/* templates_scanned: the first scan is done: bad values are warnings from now on */
extern void templates_scanned (void) ;
/* templates_runsv: for the instance NAME (T@I), *DIR gets T@ (the dir its
   runsv runs in) and the environment, runsvdir's with SV_INSTANCE=I, is
   returned; both valid until the next call. 0 with errno */
extern char const *const *templates_runsv (char const *name, char const **dir) ;

#endif
