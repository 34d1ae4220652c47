/* cronspec.h - the one-line schedule file of a service directory: a cron
 * expression (five fields, as cronie, the cron Debian uses, reads them) or a
 * one-word form, parsed into bit sets; and the next time it names, in UTC or
 * in the local time zone. Nothing here reads a file or allocates.
 *
 * Syntax. Five fields separated by spaces and tabs (leading and trailing
 * ones allowed): minute 0-59, hour 0-23, day of month 1-31, month 1-12 or
 * jan..dec, day of week 0-7 (0 and 7 are Sunday) or sun..sat. Names are
 * the 3 letters, any case, and may be range ends (mon-fri). A field is a
 * list of items separated by commas; an item is "*", N, A-B, "*"/S, A-B/S,
 * or A/S (A to the field's maximum, stepping S). Decisions, and where they
 * part from cronie:
 *  - A range A-B with A > B is an error, except in the day of week when B
 *    is Sunday as 0 (fri-sun, 5-0: Friday to Sunday), which cronie allows.
 *  - A step is 1 to 4294967295; 0 is an error. A step larger than its range
 *    only names the range's start (cronie warns, and accepts it too).
 *  - A/S is accepted as the brief for this module asks; cronie itself
 *    rejects it (its crontab(5) was corrected to say "*" + "/35", not "0/35").
 *  - The day rule is cronie's, read from its source (entry.c, cron.c): a
 *    day field counts as "*" (mday_any, wday_any) when its text BEGINS with
 *    '*', so "*" + "/2" and "*,5" count as "*" too. When either day field
 *    counts as "*", a day must match BOTH fields' bits (for a plain "*",
 *    whose bits are all set, that is: only the other field restricts); when
 *    neither does, a day matches if EITHER does ("0 0 13 * 5": the 13th, and
 *    every Friday). So "0 0 *" + "/2 * 1" is odd-numbered Mondays only.
 *  - The one-word forms, case-sensitive as in cronie: @hourly (0 * * * *),
 *    @daily and @midnight (0 0 * * *), @weekly (0 0 * * 0), @monthly
 *    (0 0 1 * *), @yearly and @annually (0 0 1 1 *), and @every SECONDS (a
 *    plain decimal number, at most 10 digits, 1 to 4294967295, no suffix).
 *    @reboot and anything else is an error.
 *
 * Times. cronspec_next names whole minutes only (seconds 0). In the local
 * zone a named time is a wall-clock time: one that a spring-forward gap
 * skips is skipped (not moved to after the gap); one that a fall-back
 * repeats is named at each of its instants (both tm_isdst values are tried
 * with mktime), as a cron checking every minute would see it. */
#ifndef SV_CRONSPEC_H
#define SV_CRONSPEC_H

#include <stdint.h>

typedef struct cronspec_s cronspec ;
struct cronspec_s
{
  uint64_t minutes ;   /* bit m set: minute m (0..59) */
  uint32_t hours ;     /* bit h: hour h (0..23) */
  uint32_t mdays ;     /* bit d: day of month d (1..31) */
  uint16_t months ;    /* bit m: month m (1..12) */
  uint8_t wdays ;      /* bit d: day of week d (0..6, Sunday 0; 7 is read as 0) */
  unsigned char mday_any, wday_any ;  /* the field was "*" (began with '*': cron's day rule, above) */
  uint32_t every ;     /* @every SECONDS: the seconds (> 0), the fields unused; 0 for a cron expression */
} ;

/* cronspec_parse: LINE (NUL-terminated, no newline; leading/trailing spaces and tabs allowed) into *C;
   1, or 0 with *WHY set to a short English reason naming the field, e.g.
   "minute: 61 is out of range 0-59", "day of week: bad name \"fooday\"", "5 fields expected, got 4",
   "@every: not a positive number of seconds". *WHY points to static storage,
   good until the next cronspec_parse (a quoted piece of LINE is cut to 20
   bytes, unprintable bytes shown as '?'). On failure *C is unspecified. */
extern int cronspec_parse (char const *line, cronspec *c, char const **why) ;

/* cronspec_next: the first time strictly after T (seconds since the Epoch) that C names,
   as seconds since the Epoch, in UTC when UTC is nonzero, else in the local time zone
   (tzset, localtime_r, mktime: TZ as the C library reads it); for @every: T + every.
   -1 when there is none within 8 years (8 * 366 + 1 days: e.g. "0 0 31 2 *"),
   or when the time cannot be represented. */
extern int64_t cronspec_next (cronspec const *c, int64_t t, int utc) ;

#endif
