/* envdir.h - read a daemontools/runit environment directory.
 *
 * Every entry NAME of the directory whose name does not start with a dot
 * sets or unsets one variable: an empty (0-byte) file unsets NAME; any
 * other file sets NAME to its first line, with trailing spaces and tabs
 * removed and NUL bytes turned into newlines (runit keeps a trailing CR,
 * and so do we; skalibs' own envdir() differs there, hence this module).
 * A name containing '=' is refused. The result is a string of skalibs
 * environment modifications ("NAME=value\0" to set, "NAME\0" to unset) that
 * mexec_afm() applies at exec time.
 */
#ifndef SV_ENVDIR_H
#define SV_ENVDIR_H

#include <stddef.h>
#include <skalibs/stralloc.h>

/* flags */
#define ENVDIR_SKIPDIRS 0x1     /* skip subdirectories (chpst -e) instead of failing (envdir) */

/* what failed, for the caller's message */
#define ENVDIR_EOPEN 1          /* the directory itself: "unable to switch to directory" */
#define ENVDIR_ELIST 2          /* listing it: "unable to read directory" */
#define ENVDIR_EREAD 3          /* opening or reading entry NAME */
#define ENVDIR_ENAME 4          /* entry NAME contains '=' (errno EINVAL) */
#define ENVDIR_ENOMEM 5         /* out of memory */

typedef struct envdir_err_s envdir_err ;
struct envdir_err_s
{
  int what ;                    /* one of ENVDIR_E* */
  char name[256] ;              /* the entry concerned, for EREAD and ENAME */
} ;

/* called for each subdirectory skipped with ENVDIR_SKIPDIRS (e: the read error) */
typedef void envdir_skip_func (char const *dir, char const *name, int e) ;

/* envdir_value: turns a file's first bytes S (LEN, holding at least the
   whole first line) into the variable's value, in place: first line only,
   trailing spaces and tabs removed, then NULs made newlines. Returns its length. */
extern size_t envdir_value (char *s, size_t len) ;

/* envdir_load: appends DIR's modifications to SA (see above). Returns the
   number of entries used, or -1 with errno and *ERR filled in; on failure
   SA keeps what it had. SKIP, if not 0, is told of each skipped subdirectory. */
extern int envdir_load (char const *dir, stralloc *sa, unsigned int flags, envdir_skip_func *skip, envdir_err *err) ;

#endif
