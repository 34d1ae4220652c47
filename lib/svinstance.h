/* svinstance.h - instances of a template service (nitro's form).
 *
 * A service directory whose name ends in '@' (worker@) is a template: never
 * run itself. Its instance I is the service named T@I (worker@2): a link
 * T@I -> T@ beside the template, or a name runsvdir generates from the
 * template's instances file; each gets its own runsv, run in the template
 * dir with SV_INSTANCE=I. runsv, sv and runsvdir agree on where an instance
 * keeps supervise/ without talking to each other: $RUNSV_STATEDIR/T@I
 * (statedir.h's place for the name T@I) when that is set, else
 * T@/.instances/I; each with log/ for its logger. See runsv(8).
 */
#ifndef SV_SVINSTANCE_H
#define SV_SVINSTANCE_H

#include <stddef.h>
#include <skalibs/stralloc.h>

#define SVINSTANCE_VAR "SV_INSTANCE"
#define SVINSTANCE_DIR ".instances"
#define SVINSTANCE_MAX 1000  /* the most instances an instances file may ask for */

/* svinstance_valid: can I name an instance: non-empty, no '/', no leading dot? */
extern int svinstance_valid (char const *i) ;
/* svinstance_template: is NAME (LEN bytes, one component) a template: T@,
   T non-empty and without '@' (T@I splits at the first '@')? */
extern int svinstance_template (char const *name, size_t len) ;
/* svinstance_split: the length of T@ when NAME (one component) is T@I
   (T non-empty, up to the first '@'; I valid), else 0 */
extern size_t svinstance_split (char const *name) ;
/* svinstance_base: the directory that holds instance NAME's (T@I, T@ being
   TLEN bytes) supervise/, or its logger's (ISLOG): $RUNSV_STATEDIR/T@I[/log],
   else TDIR/.instances/I[/log] (TDIR "" or 0: the template dir is the
   current one), NUL-terminated in SA (reset first); 1, or 0 with errno
   (ENAMETOOLONG past STATEDIR_MAX, EINVAL for a relative $RUNSV_STATEDIR) */
extern int svinstance_base (stralloc *sa, char const *tdir, char const *name, size_t tlen, int islog) ;
/* svinstance_of: is the service PATH an instance: its last component T@I,
   a directory T@ beside it, and PATH missing or leading to T@ itself (a
   link)? 1 with T@'s path then T@I, each NUL-terminated, in SA (reset
   first), *NAMEOFF the offset of T@I; 0 when not; -1 with errno */
extern int svinstance_of (char const *path, stralloc *sa, size_t *nameoff) ;

#endif
