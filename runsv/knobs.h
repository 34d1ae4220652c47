/* knobs.h - runsv's one-value files in a service directory (and in log/):
 * read without blocking, refused unless regular, each bad value one warning. */
#ifndef RUNSV_KNOBS_H
#define RUNSV_KNOBS_H

#include <sys/types.h>
#include "service.h"

/* room for "log/" and the longest knob file name, and its NUL */
#define KNOBS_PATH 24

/* knobs_path: knob NAME of the service (ISLOG: of its logger, under log/), relative to the service dir */
extern void knobs_path (char *path, int islog, char const *name) ;

/* knobs_file_read: at most LEN bytes of the one-value file PATH into BUF;
   their count, or -1 with errno (EINVAL: not a regular file) */
extern ssize_t knobs_file_read (char const *path, char *buf, size_t len) ;

/* knobs_unread: the one warning for a one-value file PATH that could not
   be read (errno), saying what happens INSTEAD */
extern void knobs_unread (char const *path, char const *instead) ;

/* knobs_ms: the milliseconds S's knob file NAME gives, DEF when none (bad:
   one warning, saying INSTEAD) */
extern uint32_t knobs_ms (service const *s, char const *name, uint32_t def, char const *instead) ;

/* knobs_count: the same for a count (check-failures) */
extern uint32_t knobs_count (service const *s, char const *name, uint32_t def, char const *instead) ;

/* knobs_read: every stop and restart knob of S into its life (and
   reload-signal into S), read at each start of the run so that an edit
   counts from the next start; absent files give runit's behaviour */
extern void knobs_read (service *s) ;

#endif
