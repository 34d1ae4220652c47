/* statedir.h - where a service keeps supervise/: in its own directory, or
 * under $RUNSV_STATEDIR (for read-only service trees).
 *
 * runsv and sv agree on the place without talking to each other. A
 * supervise (directory or symlink, even a dangling one) in the service dir
 * (or in its log/) wins, so runit's trees keep working. Without one, and
 * with RUNSV_STATEDIR=DIR (absolute) in the environment, the service's
 * supervise/ is DIR/NAME/supervise and its log's DIR/NAME/log/supervise:
 * DIR/NAME mirrors the service dir's layout, so "supervise/ok" relative to
 * DIR/NAME is the same file sv would find in the service dir. NAME is the
 * last component of the service dir as runsv and sv are given it
 * (runsvdir passes the entry's name, sv its argument), so two scanned dirs
 * sharing one DIR share the names too: see runsv(8), "State directory".
 */
#ifndef SV_STATEDIR_H
#define SV_STATEDIR_H

#include <stddef.h>
#include <skalibs/stralloc.h>

#define STATEDIR_VAR "RUNSV_STATEDIR"
/* the longest DIR/NAME/log accepted: with "/supervise/status.new" it fits
   the small path buffers of lib/superstatus.c and lib/superstate.c (256) */
#define STATEDIR_MAX 200

/* statedir_dir: $RUNSV_STATEDIR, or 0 when it is unset or empty */
extern char const *statedir_dir (void) ;

/* statedir_last: the last component of the path ARG, trailing slashes
   ignored; its length, *name pointing into ARG. 0 when ARG names no
   component of its own ("", "/", ".", "..", "a/.."): the caller asks the
   current directory then */
extern size_t statedir_last (char const *arg, char const **name) ;

/* statedir_base: DIR "/" NAME, with "/log" for the log, NUL-terminated in
   SA (reset first). NAME is ARG's last component, or that of the current
   directory (which must be the service dir) when ARG has none. 1, or 0
   with errno: EINVAL when DIR is not absolute, ENAMETOOLONG past
   STATEDIR_MAX */
extern int statedir_base (stralloc *sa, char const *dir, char const *arg, int islog) ;

/* statedir_pick: where the service ARG keeps supervise/, the current
   directory being the dir that would hold OWN ("supervise" or
   "log/supervise"). 0: OWN it is (it exists, or $RUNSV_STATEDIR is unset
   or empty); 1: in SA's DIR/NAME (or DIR/NAME/log), as statedir_base;
   -1 with errno when $RUNSV_STATEDIR cannot be used (statedir_base).
   A service dir P/log, not as a log, is P's log given as a service (sv
   status /etc/service/web/log) when DIR/P/log/supervise exists: that
   is its place then, else DIR/log */
extern int statedir_pick (stralloc *sa, char const *arg, char const *own, int islog) ;
/* statedir_pickfrom: the same with DIR for $RUNSV_STATEDIR's value (0 or
   "": unset), for a caller that has read the environment already */
extern int statedir_pickfrom (char const *dir, stralloc *sa, char const *arg, char const *own, int islog) ;

/* statedir_make: makes BASE, which is DIR itself or a path below it (as
   statedir_base makes it), mode 0755 less the umask: DIR and its missing
   parents by name, as the administrator wrote it (links followed), then
   each directory below DIR without following a link. DIR and each of those
   must be safe from other users: owned by root or the effective uid, and
   writable by group or others only with the sticky bit (then no other user
   can rename or remove what is ours), so no other user can swap a link in
   while runsv uses the path. 1; 0 with errno (ELOOP: a symbolic link below
   DIR); -1 when another user may write one. BAD (reset) gets the path of
   the directory at fault, NUL-terminated, when it is not 1 */
extern int statedir_make (char const *dir, char const *base, stralloc *bad) ;

#endif
