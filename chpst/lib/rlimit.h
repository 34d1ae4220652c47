/* rlimit.h - chpst's resource limits and nice increments: parsing and setting.
 *
 * Limits are runit's: only the soft limit changes, and a value above the
 * hard limit is lowered to it, silently (so "as much as allowed" is always
 * reachable, by softlimit's "=" or by any huge number). Numbers are plain
 * unsigned decimals; runit wraps around on overflow and reads "" as 0, we
 * refuse both (a wrapped -u uid or limit is a trap, not a feature).
 */
#ifndef SV_RLIMIT_H
#define SV_RLIMIT_H

#include <sys/resource.h>

/* rlimit_scan: S as a limit value into *V: decimal digits only, or, if
   HARDOK, "=" for "the hard limit" (RLIM_INFINITY, which rlimit_soft lowers
   to the hard limit). 1, or 0 (EINVAL) if S is not that. */
extern int rlimit_scan (char const *s, rlim_t *v, int hardok) ;

/* rlimit_clamp: the soft limit actually set when V is asked for under HARD */
extern rlim_t rlimit_clamp (rlim_t v, rlim_t hard) ;

/* rlimit_soft: set RESOURCE's soft limit to V, clamped to its hard limit.
   1; 0 with errno if getrlimit failed; -1 with errno if setrlimit failed. */
extern int rlimit_soft (int resource, rlim_t v) ;

/* rlimit_nice_scan: a nice increment, "N", "+N" or "-N" (decimal, fits an int) into *N; 1 or 0 (EINVAL) */
extern int rlimit_nice_scan (char const *s, int *n) ;

#endif
