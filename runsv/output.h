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

/* output_drain: everything the service wrote, passed on, a last line
   without its newline ended: a run ended, or runsv exits */
extern void output_drain (supervisor *sp) ;

#endif
