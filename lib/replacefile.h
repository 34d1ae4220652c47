/* replacefile.h - replace a file atomically, never through a planted symlink.
 *
 * skalibs' openwritenclose_suffix opens NAME.new with O_TRUNC, following a
 * symbolic link there: whoever may write the directory (a supervise/ owned
 * by another user, an unsafe RUNSV_STATEDIR) could make a root runsv
 * truncate and write any file. Here NAME.new is unlinked first, then created
 * with O_EXCL | O_NOFOLLOW (an entry planted again in between makes the call
 * fail, never write elsewhere), written, and renamed over NAME.
 */
#ifndef SV_REPLACEFILE_H
#define SV_REPLACEFILE_H

#include <stddef.h>

/* replacefile_write: FN's content becomes S (N bytes), through FN.new (mode 0666
   less the umask); 1, or 0 with errno (FN.new removed) */
extern int replacefile_write (char const *fn, char const *s, size_t n) ;

#endif
