/* logpattern.h - svlogd's line patterns (config lines + - e E).
 *
 * Not globs and not regular expressions: runit's own small language, which
 * users' configs rely on, quirks included (runit-spec.md 7.5).
 *   c    an ordinary byte matches itself
 *   *c   skips to the first c in the line (no backtracking); c is then
 *        matched as the next pattern character; a final * matches the rest
 *   +c   one or more c's (greedy); if that run ends the line, the pattern
 *        matches whatever follows it (runit does the same)
 * The whole line must be consumed. Where runit reads past the end of the
 * line (a + when the line is used up, a + ending the pattern) its answer
 * depends on leftover memory; here those cases never match.
 */
#ifndef SV_LOGPATTERN_H
#define SV_LOGPATTERN_H

#include <stddef.h>

/* logpattern_match: 1 if pattern P (plen bytes) matches line S (len bytes), else 0 */
extern int logpattern_match (char const *p, size_t plen, char const *s, size_t len) ;

#endif
