/* envdir.h - read a daemontools/runit environment directory.
 *
 * Every entry NAME of the directory whose name does not start with a dot
 * sets or unsets one variable: an empty (0-byte) file unsets NAME; any
 * other file sets NAME to its first line, with trailing spaces and tabs
 * removed and NUL bytes turned into newlines (runit keeps a trailing CR,
 * and so do we; skalibs' own envdir() differs there, hence this module).
 * A name containing '=' is refused, and so is an entry that is neither a
 * regular file nor a directory (a FIFO would block the reader forever, a
 * device may act on being opened): it is not even opened. The first line is
 * read up to ENVDIR_MAXLINE bytes and a longer one is refused rather than
 * cut: runit and daemontools read a file with no newline whole, so a link
 * to a huge or endless file would eat all memory. The result is a string
 * of skalibs environment modifications ("NAME=value\0" to set, "NAME\0" to
 * unset) that mexec_afm() applies at exec time.
 */
#ifndef SV_ENVDIR_H
#define SV_ENVDIR_H

#include <stddef.h>
#include <skalibs/stralloc.h>

/* the longest first line accepted, in bytes, before trailing blanks are
   removed: Linux refuses to exec with any one variable of this size or more
   (MAX_ARG_STRLEN, 32 pages of 4 KiB), so no working runit setup is refused */
#define ENVDIR_MAXLINE 131072

/* flags */
#define ENVDIR_SKIPDIRS 0x1     /* skip subdirectories (chpst -e) instead of failing (envdir) */

/* what failed, for the caller's message */
#define ENVDIR_EOPEN 1          /* the directory itself: "unable to switch to directory" */
#define ENVDIR_ELIST 2          /* listing it: "unable to read directory" */
#define ENVDIR_EREAD 3          /* opening or reading entry NAME */
#define ENVDIR_ENAME 4          /* entry NAME contains '=' (errno EINVAL) */
#define ENVDIR_ENOMEM 5         /* out of memory */
#define ENVDIR_ENOTREG 6        /* entry NAME is a FIFO, socket or device (errno EINVAL) */
#define ENVDIR_ETOOLONG 7       /* entry NAME's first line is over ENVDIR_MAXLINE (errno E2BIG) */

typedef struct envdir_err_s envdir_err ;
struct envdir_err_s
{
  int what ;                    /* one of ENVDIR_E* */
  char name[256] ;              /* the entry concerned, for EREAD, ENAME, ENOTREG, ETOOLONG */
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
