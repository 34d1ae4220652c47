/* logstamp.h - the line prefixes of svlogd -t, -tt, -ttt and -T.
 *
 *   -t    "@400000006b0ad05a338a928c "        runit's TAI64N label (2^62+10+unix)
 *   -tt   "2026-11-28_13:00:00.86471 "        UTC, 5 digits: tens of microseconds
 *   -ttt  "2026-11-28T13:00:00.86471 "        the same with a T
 *   -T    "2026-11-28T14:00:00.864+01:00 "   local time (TZ), milliseconds, offset
 * svlogd stamps every line of a read with the same clock reading, so the
 * formatter keeps the date part of the last second it saw: only the
 * fraction is formatted for every read. A zone's offset changes on a whole
 * second, so the -T offset is cached with the date.
 */
#ifndef SV_LOGSTAMP_H
#define SV_LOGSTAMP_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>

#define LOGSTAMP_MAX 30    /* the longest stamp (-T): 29 characters and a space */
#define LOGSTAMP_LOCAL 4   /* the kind of -T */
/* logstamp_len: the length of every stamp of kind K (with its space) */
#define logstamp_len(k) ((k) ? (k) == LOGSTAMP_LOCAL ? 30 : 26 : 0)

typedef struct logstamp_s logstamp ;
struct logstamp_s
{
  unsigned int kind ; /* 0 none, 1 -t, 2 -tt, 3 -ttt, LOGSTAMP_LOCAL -T */
  uint64_t sec ;      /* label seconds of the cached part, 0 = nothing cached */
  char s[LOGSTAMP_MAX] ;
} ;
#define LOGSTAMP_ZERO(k) { .kind = (k), .sec = 0, .s = { 0 } }

/* logstamp_fmt: writes the stamp for label T (runit-style, see tai64n.h)
   into s; returns its length, logstamp_len(c->kind). -T needs tzset() done */
extern size_t logstamp_fmt (logstamp *c, char *s, tain const *t) ;

/* logstamp_local: "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM" (29 chars) for Unix time SECS
   and MS milliseconds in the local time zone (localtime_r: TZ, after tzset) */
extern size_t logstamp_local (char *s, int64_t secs, unsigned int ms) ;

#endif
