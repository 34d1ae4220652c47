/* logname.h - names of svlogd's rotated log files, and which ones to prune.
 *
 * A rotated file is "@" + runit's TAI64N label of the rotation time + "." +
 * 's' (complete), 'u' (unclean, or waiting for its processor) or 't'
 * (processor output being written): 27 bytes, which sort by time as long as
 * the clock never stepped back.
 */
#ifndef SV_LOGNAME_H
#define SV_LOGNAME_H

#include <stddef.h>
#include <skalibs/tai.h>

#define LOGNAME_LEN 27
#define LOGNAME_SIZE 28  /* with its NUL: the record size in logname_prune arrays */

/* logname_fmt: "@<label>.<suffix>" NUL-terminated into s (LOGNAME_SIZE bytes); returns LOGNAME_LEN */
extern size_t logname_fmt (char *s, tain const *t, char suffix) ;
/* logname_kind: 's', 'u' or 't' if NAME (a C string) is a rotated file's name, else 0 */
extern char logname_kind (char const *name) ;
/* logname_prune: NAMES holds N old files' names in LOGNAME_SIZE-byte records.
   Sorts them so that the ones to delete come first, oldest first, and returns
   how many to delete so that at most KEEP remain (KEEP 0: none). The name
   EXCLUDE (or 0) is never chosen: it is the file just rotated, which a clock
   that stepped back would otherwise make look like the oldest. */
extern size_t logname_prune (char *names, size_t n, size_t keep, char const *exclude) ;

#endif
