/* logstamp.h - the line prefixes of svlogd -t, -tt and -ttt.
 *
 *   -t    "@400000006b0ad05a338a928c "   runit's TAI64N label (2^62+10+unix)
 *   -tt   "2026-11-28_13:00:00.86471 "   UTC, 5 digits: tens of microseconds
 *   -ttt  "2026-11-28T13:00:00.86471 "   the same with a T
 * svlogd stamps every line of a read with the same clock reading, so the
 * formatter keeps the date part of the last second it saw: only the
 * fraction is formatted for every read.
 */
#ifndef SV_LOGSTAMP_H
#define SV_LOGSTAMP_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>

#define LOGSTAMP_MAX 26  /* every stamp is 25 characters and a space */

typedef struct logstamp_s logstamp ;
struct logstamp_s
{
  unsigned int kind ; /* 0 none, 1 -t, 2 -tt, 3 -ttt */
  uint64_t sec ;      /* label seconds of the cached part, 0 = nothing cached */
  char s[LOGSTAMP_MAX] ;
} ;
#define LOGSTAMP_ZERO(k) { .kind = (k), .sec = 0, .s = { 0 } }

/* logstamp_fmt: writes the stamp for label T (runit-style, see tai64n.h)
   into s; returns its length: 0 for kind 0, else LOGSTAMP_MAX */
extern size_t logstamp_fmt (logstamp *c, char *s, tain const *t) ;

/* logstamp_utc: "YYYY-MM-DD?HH:MM:SS" (19 chars) for Unix time SECS, SEP between date and time */
extern size_t logstamp_utc (char *s, int64_t secs, char sep) ;

#endif
