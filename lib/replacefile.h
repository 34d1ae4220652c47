/* replacefile.h - replace a file atomically, or set its mode, never through a planted symlink.
 *
 * skalibs' openwritenclose_suffix opens NAME.new with O_TRUNC, following a
 * symbolic link there: whoever may write the directory (a supervise/ owned
 * by another user, or one a supervise link leads to) could make a root runsv
 * truncate and write any file. Here NAME.new is unlinked first, then created
 * with O_EXCL | O_NOFOLLOW (an entry planted again in between makes the call
 * fail, never write elsewhere), written, and swapped with NAME
 * (renameat2's RENAME_EXCHANGE), the old NAME then unlinked; renamed over
 * NAME where there is none yet or the file system cannot swap. Readers
 * see NAME whole, old or new, either way; the swap spares ext4's write
 * to disk of a file renamed over another (replacefile.c).
 */
#ifndef SV_REPLACEFILE_H
#define SV_REPLACEFILE_H

#include <stddef.h>
#include <sys/types.h>

/* replacefile_write: FN's content becomes S (N bytes), through FN.new (mode 0666
   less the umask); 1, or 0 with errno (FN.new removed) */
extern int replacefile_write (char const *fn, char const *s, size_t n) ;

/* replacefile_chmodat: NAME (relative to DIRFD) gets MODE through an fd
   opened without following a link, so a link planted in its place gives
   its target no mode; 1, or 0 with errno (ELOOP: NAME is a link, left as
   it is; ENOENT: gone) */
extern int replacefile_chmodat (int dirfd, char const *name, mode_t mode) ;

#endif
