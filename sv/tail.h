/* tail.h - sv tail: the last lines a service wrote, and with -f the new
 * ones as they come (sv.8, "sv tail"). Linux: /proc and inotify. */
#ifndef SV_TAIL_H
#define SV_TAIL_H

#include "sv.h"

/* tail_run: the last LINES lines of each of the N services NAMES (each line
   after its service's name when PREFIX), then, when FOLLOW, every new line
   until a signal ends sv; LISTED: the names are all of $SVDIR, so one that
   cannot be tailed is skipped with a warning. Returns the exit code: 0, or
   1 when a service cannot be tailed (one line on stderr says why) */
extern int tail_run (sv_ctx *ctx, char const *const *names, unsigned int n, unsigned int lines, int follow, int prefix, int listed) ;

#endif
