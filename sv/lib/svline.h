/* svline.h - the status line sv prints: "run: NAME: (pid 123) 45s, want down".
 *
 * The line is STATE NAME ": " REST, where STATE is "run: ", "down: ",
 * "finish: " (nothing for an unknown state byte, as runit) and REST the
 * pid, the age in seconds and the flags, in runit 2.1.2's order. Scripts
 * parse these lines, so the text is runit's to the byte.
 */
#ifndef SV_SVLINE_H
#define SV_SVLINE_H

#include <stddef.h>
#include <skalibs/tai.h>
#include "superstatus.h"

/* longest REST: "(pid 4294967295) " + 20 digits + "s" + every flag */
#define SVLINE_FMT 96

/* svline_state: "run: ", "down: ", "finish: ", or "" for a state byte runit does not know */
extern char const *svline_state (superstatus const *st) ;
/* svline_fmt: writes REST into s (SVLINE_FMT bytes, not NUL-terminated) and
   returns its length. normallyup: 1 no down file, 0 a down file, -1 unknown
   (no "normally" flag). now: the current runit label; the age is floored at 0. */
extern size_t svline_fmt (char *s, superstatus const *st, int normallyup, tain const *now) ;

#endif
