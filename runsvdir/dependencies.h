/* dependencies.h - what the services of the scan directory need, read for
 * the shutdown's order.
 *
 * A service directory may hold dependencies.d/ (s6-rc's name and form):
 * one file per service it needs, named after that service's entry in the
 * same scan directory; names beginning with a dot are skipped. runsv waits
 * for them before it starts ./run; runsvdir reads them once, when the
 * shutdown begins, so that a service is stopped after every service that
 * needs it (lib/stoporder). A name that leads to no service of the table is
 * ignored (runsv warns about it), and a name is followed as the scan
 * follows it: to a directory, known by its device and inode.
 */
#ifndef RUNSVDIR_DEPENDENCIES_H
#define RUNSVDIR_DEPENDENCIES_H

#include "scanned.h"
#include "stoporder.h"

/* dependencies_read: the order of T's services (scan directory DIR) into *O,
   from each live service's DIR/NAME/dependencies.d; one that cannot be
   read is warned about and taken as empty. 1, or 0 with errno (out of
   memory) and an empty order: everything may stop at once */
extern int dependencies_read (scanned const *t, char const *dir, stoporder *o) ;

#endif
