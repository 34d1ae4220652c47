/* secs.h - durations written in seconds with an optional fraction.
 *
 * Options and environment variables give times as "7", "2.5" or "0.25"
 * seconds; programs keep them as milliseconds, and print them back with two
 * decimals ("7.00"), as runsvdir's shutdown report does.
 */
#ifndef SV_SECS_H
#define SV_SECS_H

#include <stddef.h>
#include <stdint.h>

/* longest secs_fmt output: 4294967.29 */
#define SECS_FMT 11

/* secs_scan: reads DIGITS or DIGITS.DIGITS (fraction digits past the third
   are ignored) into *ms; characters consumed, or 0 (nothing valid, or more
   than 4294967295 ms). Like skalibs' scanners it stops at the first byte
   that does not fit. */
extern size_t secs_scan (char const *s, uint32_t *ms) ;
/* secs0_scan: the whole string must be a duration; 1, or 0 */
extern int secs0_scan (char const *s, uint32_t *ms) ;
/* secs_fmt: MS as seconds with two decimals, rounded down ("0.31"); returns
   the length, no NUL added */
extern size_t secs_fmt (char *s, uint32_t ms) ;

#endif
