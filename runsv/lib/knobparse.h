/* knobparse.h - the values of runsv's one-value knob files (down-signal,
 * reload-signal, timeout-kill, timeout-finish, restart-delay,
 * restart-delay-max, restart-reset, max-failures, essential): a file's bytes in, the
 * value out, surrounding whitespace ignored; nothing here reads a file. */
#ifndef SV_KNOBPARSE_H
#define SV_KNOBPARSE_H

#include <stddef.h>
#include <stdint.h>

/* the largest timeout a knob may give, in milliseconds (about 49 days) */
#define KNOBPARSE_MS_MAX 4294967295u

/* knobparse_ms: LEN bytes holding a decimal number of milliseconds, 0 to
   KNOBPARSE_MS_MAX; 1 and *ms, or 0 (empty, garbage, sign, overflow) */
extern int knobparse_ms (char const *s, size_t len, uint32_t *ms) ;

/* knobparse_failures: LEN bytes holding max-failures' "N SECONDS", two decimal
   numbers from 1 to KNOBPARSE_MS_MAX (SECONDS at most KNOBPARSE_WINDOW_MAX)
   separated by blanks; 1 and *n, *secs, or 0 */
#define KNOBPARSE_WINDOW_MAX 4294967u
extern int knobparse_failures (char const *s, size_t len, uint32_t *n, uint32_t *secs) ;

/* knobparse_essential: LEN bytes of the essential file: empty (only
   whitespace) is KNOBPARSE_ESSENTIAL (every end of ./run counts), "on-failure"
   is KNOBPARSE_ON_FAILURE (an exit with code 0 does not); anything else 0 */
#define KNOBPARSE_ESSENTIAL 1
#define KNOBPARSE_ON_FAILURE 2
extern int knobparse_essential (char const *s, size_t len) ;

/* knobparse_sig: LEN bytes holding a signal, by number (1 to SKALIBS_NSIG - 1) or by
   name with or without SIG (QUIT, SIGQUIT, any case); 1 and *sig, or 0 */
extern int knobparse_sig (char const *s, size_t len, int *sig) ;

/* knobparse_show: the value as a warning may quote it, in SHOWN (24 bytes):
   at most 20 characters, whitespace at the end cut, unprintable bytes as
   '?', a longer value ending in "..." */
extern void knobparse_show (char const *s, size_t len, char *shown) ;

#endif
