/* secretlist.h - RUNSVDIR_SECRETS: the names it lists, and the value a file gives.
 *
 * The list is NAME,NAME,...: each NAME a letter or underscore, then
 * letters, digits and underscores (a name a shell can set); no spaces and
 * no empty item (a leading, trailing or doubled comma), so that a typo
 * stops the boot instead of leaving a service without its secret. An
 * empty list is no list. A listed NAME's value is what the file $NAME_FILE
 * names holds, without one trailing newline (what echo and most secret
 * stores add); at most SECRETLIST_MAX bytes, and no NUL (an environment
 * value cannot hold one: it would be cut there, silently).
 */
#ifndef RUNSVDIR_SECRETLIST_H
#define RUNSVDIR_SECRETLIST_H

#include <stddef.h>

#define SECRETLIST_MAX 65536  /* a file's bytes, before the newline is removed */

/* what secretlist_value says of a file's bytes */
#define SECRETLIST_OK 0
#define SECRETLIST_BIG 1  /* more than SECRETLIST_MAX bytes */
#define SECRETLIST_NUL 2  /* a NUL byte */

/* secretlist_isname: are S's LEN bytes a variable name? 1, or 0 */
extern int secretlist_isname (char const *s, size_t len) ;

/* secretlist_next: the next item of the NUL-terminated LIST from *pos,
   which it advances (start at 0): 1 and *name, *len (into LIST, not
   NUL-terminated) a name; 0 at the end; -1 when that item (*name, *len,
   possibly empty) is not a name */
extern int secretlist_next (char const *list, size_t *pos, char const **name, size_t *len) ;

/* secretlist_value: a file's LEN bytes S as a value: SECRETLIST_OK and
   *vlen, the length without one trailing newline; or SECRETLIST_BIG, or
   SECRETLIST_NUL */
extern int secretlist_value (char const *s, size_t len, size_t *vlen) ;

#endif
