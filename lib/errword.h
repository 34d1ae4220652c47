/* errword.h - runit's words for errno values, and messages that use them.
 *
 * runit prints "file does not exist" where strerror says "No such file or
 * directory"; scripts and tests match those words, so every diagnostic of
 * the suite goes through these macros instead of skalibs' *sys forms.
 * Every macro writes one line: "PROG: fatal: ...: WORD\n".
 */
#ifndef SV_ERRWORD_H
#define SV_ERRWORD_H

#include <errno.h>
#include <skalibs/strerr.h>

/* errword: runit's text for an errno value ("unknown error" if none). */
extern char const *errword (int e) ;

#define errword_warn(...) strerr_warn(PROG, ": warning: ", __VA_ARGS__)
#define errword_warnsys(...) strerr_warn(PROG, ": warning: ", __VA_ARGS__, ": ", errword(errno))
/* errword_pausesys: svlogd's "PROG: pausing: ...: WORD" for a stall it retries (runit's words) */
#define errword_pausesys(...) strerr_warn(PROG, ": pausing: ", __VA_ARGS__, ": ", errword(errno))
#define errword_info(...) strerr_warn(PROG, ": info: ", __VA_ARGS__)
/* a line that is neither a warning nor an error: "PROG: ...\n" (runsvdir's stop report) */
#define errword_say(...) strerr_warn(PROG, ": ", __VA_ARGS__)
#define errword_die(e, ...) strerr_die(e, PROG, ": fatal: ", __VA_ARGS__)
#define errword_diesys(e, ...) strerr_die(e, PROG, ": fatal: ", __VA_ARGS__, ": ", errword(errno))
/* usage: "usage: TEXT" and an empty line, as runit prints it */
#define errword_dieusage(e, u) strerr_die(e, "usage: ", u, "\n")

#endif
