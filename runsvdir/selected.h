/* selected.h - RUNSVDIR_ONLY and RUNSVDIR_SKIP for runsvdir: which runsv's
 * are told to start their service down.
 *
 * The lists are read once, at start (lib/selection.h says how they
 * select). A deselected service's runsv gets RUNSV_DOWN=1 in its
 * environment, and no other process does: runsv then starts the service
 * wanted down, as a down file would, and says so in supervise/state. Nothing
 * is written to the service tree, so a read-only one works.
 */
#ifndef RUNSVDIR_SELECTED_H
#define RUNSVDIR_SELECTED_H

#include "scanned.h"

#define SELECTED_ONLY "RUNSVDIR_ONLY"
#define SELECTED_SKIP "RUNSVDIR_SKIP"
#define SELECTED_DOWN "RUNSV_DOWN"

/* selected_init: reads $RUNSVDIR_ONLY and $RUNSVDIR_SKIP, and removes
   RUNSV_DOWN from runsvdir's environment, so that only the lists decide;
   dies 111 without the memory */
extern void selected_init (void) ;
/* selected_env: the environment the runsv of service NAME gets, from BASE
   (0: ours): BASE when it is selected, else BASE's and RUNSV_DOWN=1 (valid
   until the next call); BASE too, with a warning, when there is no memory
   for that */
extern char const *const *selected_env (char const *name, char const *const *base) ;
/* selected_scanned: a scan read T completely; after the first, each entry
   of the lists that matches none of its services is warned about, once */
extern void selected_scanned (scanned const *t) ;

#endif
