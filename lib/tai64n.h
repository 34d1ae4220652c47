/* tai64n.h - runit-style TAI64N time labels.
 *
 * runit and daemontools label time as 2^62 + 10 + Unix seconds, with no
 * leap-second table; skalibs' own wall clock applies one and is 27 s ahead.
 * Everything runit tools read (supervise/status, svlogd file names and -t
 * prefixes) must use these functions, never tain_wallclock_read().
 */
#ifndef SV_TAI64N_H
#define SV_TAI64N_H

#include <stdint.h>
#include <skalibs/tai.h>

#define TAI64N_PACK 12  /* 8 bytes seconds + 4 bytes nanoseconds, big-endian */
#define TAI64N_FMT 25   /* '@' and 24 lowercase hex digits, not NUL-terminated */
#define TAI64N_OFFSET ((uint64_t)4611686018427387914ULL)  /* 2^62 + 10 */

/* tai64n_now: the current runit-style label; nano = usec * 1000 + 500, as runit writes. 1/0 */
extern int tai64n_now (tain *t) ;
/* tai64n_from_unix: label for Unix time secs + nsec */
extern void tai64n_from_unix (tain *t, int64_t secs, uint32_t nsec) ;
/* tai64n_unix: Unix seconds of a label */
extern int64_t tai64n_unix (tain const *t) ;
/* tai64n_pack / tai64n_unpack: the 12-byte big-endian form */
extern void tai64n_pack (char *s, tain const *t) ;
extern void tai64n_unpack (char const *s, tain *t) ;
/* tai64n_fmt: "@" + 24 lowercase hex; returns TAI64N_FMT. The text form is
   skalibs' timestamp_fmt/timestamp_scan: only the clock differs from skalibs */
extern size_t tai64n_fmt (char *s, tain const *t) ;
/* tai64n_scan: parses "@" + 24 hex digits (either case); returns characters consumed, or 0 */
extern size_t tai64n_scan (char const *s, tain *t) ;

#endif
