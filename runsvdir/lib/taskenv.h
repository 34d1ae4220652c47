/* taskenv.h - the lines an init task writes to $RUNSVDIR_ENV.
 *
 * Each line is NAME=VALUE: NAME a letter or underscore, then letters,
 * digits and underscores; VALUE anything but a newline or NUL, possibly
 * empty. Empty lines are skipped; a last line without its newline counts.
 * Anything else is an error, reported by line number, so that a task's
 * typo ends the boot instead of starting services without a variable.
 */
#ifndef SV_TASKENV_H
#define SV_TASKENV_H

#include <stddef.h>

typedef struct taskenv_line_s taskenv_line ;
struct taskenv_line_s
{
  char const *name ;     /* into the buffer, not NUL-terminated */
  size_t namelen ;
  char const *value ;    /* likewise */
  size_t valuelen ;
} ;

/* taskenv_next: the next line of S (LEN bytes) from *pos, which it
   advances; *lineno counts lines read. 1 and *line, 0 at the end, -1 when
   line *lineno is not NAME=VALUE */
extern int taskenv_next (char const *s, size_t len, size_t *pos, unsigned int *lineno, taskenv_line *line) ;

#endif
