/* isotime.h - "YYYY-MM-DD?HH:MM:SS", the date and time of ISO 8601.
 *
 * svlogd's -tt, -ttt and -T stamps and runsv's prefixed output (%t) write
 * the same 19 characters; here once. The UTC form is computed from the
 * seconds (no gmtime: a year past what time_t or libc handle is clamped,
 * never garbage); the local one takes the struct tm localtime_r gave.
 */
#ifndef SV_ISOTIME_H
#define SV_ISOTIME_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ISOTIME_LEN 19

/* isotime_civil: the date (proleptic Gregorian) of day DAYS since 1970-01-01 */
extern void isotime_civil (int64_t days, int64_t *year, unsigned int *month, unsigned int *day) ;

/* isotime_utc: Unix time SECS as UTC into S (ISOTIME_LEN chars, no NUL),
   SEP between date and time ('T', or svlogd's '_'); ISOTIME_LEN */
extern size_t isotime_utc (char *s, int64_t secs, char sep) ;

/* isotime_tm: the same for the broken-down time TM */
extern size_t isotime_tm (char *s, struct tm const *tm, char sep) ;

#endif
