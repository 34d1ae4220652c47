/* svjson.h - JSON strings for sv's machine-readable output (sv -j).
 *
 * Service names are bytes, not text: they may hold quotes, backslashes,
 * control characters and bytes that are not UTF-8. The output is always a
 * valid JSON string: '"' and '\' are escaped, control characters become
 * \n, \t, ... or \u00XX, well-formed UTF-8 passes through as it is, and
 * every byte that is not part of well-formed UTF-8 (a stray continuation
 * byte, a truncated or overlong sequence, a surrogate, anything past
 * U+10FFFF) becomes \u00XX, the code point of the same number, so nothing
 * raw that is not UTF-8 is ever written and the byte's value can be read
 * back.
 */
#ifndef SV_SVJSON_H
#define SV_SVJSON_H

#include <stddef.h>
#include <skalibs/tai.h>
#include <skalibs/uint32.h>
#include "superstate.h"

/* the most one input byte can take in the output (\u00XX) */
#define SVJSON_MAXPERBYTE 6

/* svjson_string: writes S (N bytes) as a JSON string, quotes included, into
   D and returns the length; with D = 0 it only returns the length. D needs
   at most 2 + SVJSON_MAXPERBYTE * N bytes. */
extern size_t svjson_string (char *d, char const *s, size_t n) ;

/* longest time: "-" 19 digits "." 9 digits */
#define SVJSON_TIME_FMT 32

/* svjson_time: writes the Unix time of runit label T (tai64n.h) as a JSON
   number with nine decimals ("1764683624.123456500") into D
   (SVJSON_TIME_FMT bytes, not NUL-terminated); returns the length */
extern size_t svjson_time (char *d, tain const *t) ;

/* The members sv -j status takes from supervise/state (sv.8, JSON OUTPUT);
   SS is 0 when no state is known. Each writes into D, not NUL-terminated,
   and returns the length. */

/* longest exit: {"signal":} and 20 digits */
#define SVJSON_EXIT_FMT 40
/* svjson_exit: how the last ./run ended, {"code":N} or {"signal":N}; null
   when none has ended (no SUPERSTATE_EXITED) or nothing is known */
extern size_t svjson_exit (char *d, superstate const *ss) ;

#define SVJSON_CHECK_FMT (64 + 2 * UINT32_FMT + SVJSON_TIME_FMT)
/* svjson_check: the liveness check, {"interval_ms":N,"failures":N,
   "last":"pass"|"fail"|null,"last_at":T|null}; null when the service has
   none (check_interval 0) or nothing is known */
extern size_t svjson_check (char *d, superstate const *ss) ;

#define SVJSON_SCHEDULE_FMT (96 + 2 + SVJSON_MAXPERBYTE * SUPERSTATE_SPECMAX + SVJSON_TIME_FMT + SVJSON_EXIT_FMT + 2 * UINT32_FMT)
/* svjson_schedule: the schedule, {"spec":S,"next":T|null,"last_exit":E,
   "runs":N,"skipped":N,"valid":true|false}, E as svjson_exit writes it;
   null when the service has none (no SUPERSTATE_SCHED_ON) or nothing is
   known */
extern size_t svjson_schedule (char *d, superstate const *ss) ;

#endif
