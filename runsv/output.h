/* output.h - prefixed output: with RUNSVDIR_PREFIX (1, or a format) and no
 * log/, the service's stdout (and, with RUNSVDIR_PREFIX_STDERR=1, its
 * stderr) goes through pipes runsv holds across restarts, each line passed
 * on to runsv's own stdout (stderr) as "NAME: line" (linepump.h). */
#ifndef RUNSV_OUTPUT_H
#define RUNSV_OUTPUT_H

#include "service.h"

/* output_setup: SP's pumps, when prefixing is asked for and there is no log/; DIR names the service */
extern void output_setup (supervisor *sp, char const *dir) ;

/* output_keep: log-buffer (outbuf.h) set up in SP's supervise/, once that is
   placed and locked: the lines of the service's stdout kept for sv tail */
extern void output_keep (supervisor *sp) ;

/* output_read: what the service wrote since the last look, passed on and
   kept: OUT and ERR say which of the two pipes has something (neither: the
   kept lines waiting are written, output_waiting) */
extern void output_read (supervisor *sp, int out, int err) ;

/* output_waiting: kept lines wait to be written (a writer faster than
   runsv): the caller looks again at once, and calls output_read */
extern int output_waiting (supervisor const *sp) ;

/* output_drain: everything the service wrote, passed on, a last line
   without its newline ended: a run ended, or runsv exits */
extern void output_drain (supervisor *sp) ;

#endif
