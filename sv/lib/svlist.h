/* svlist.h - the services of a scan directory, by name, for sv's commands
 * that take no service (sv status, sv -j status, and later sv health).
 *
 * An entry counts when runsvdir would supervise it (runsvdir/lib/scanned.h):
 * its name does not start with a dot, and it is a directory or a symlink
 * to one. An entry that cannot be stat'ed (a dangling symlink) is left out,
 * as runsvdir leaves it unsupervised. Unlike runsvdir, two names for one
 * directory are both listed: each is a name sv can be given. A template
 * (svinstance.h: a name ending in '@') is never listed; its instances are:
 * its links T@I, and the T@I a runsv serves where svinstance.h places
 * an instance's supervise/ (the generated ones, known from their runsv).
 */
#ifndef SV_SVLIST_H
#define SV_SVLIST_H

#include <skalibs/genalloc.h>
#include <skalibs/stralloc.h>

typedef struct svlist_s svlist ;
struct svlist_s
{
  stralloc names ;   /* every name, NUL-terminated, one after the other */
  genalloc v ;       /* char const *, into names, sorted (strcmp) */
} ;
#define SVLIST_ZERO { .names = STRALLOC_ZERO, .v = GENALLOC_ZERO }

#define svlist_n(l) ((unsigned int)genalloc_len(char const *, &(l)->v))
#define svlist_names(l) ((char const *const *)genalloc_s(char const *, &(l)->v))

/* svlist_read: the services of DIR into L, sorted in byte order; 1, or 0
   with errno when DIR cannot be opened or read (L is then empty) */
extern int svlist_read (svlist *l, char const *dir) ;
/* svlist_free: releases L */
extern void svlist_free (svlist *l) ;

#endif
