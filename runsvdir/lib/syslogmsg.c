/* syslogmsg.c - one syslog datagram read (see syslogmsg.h). */
#include <string.h>
#include "syslogmsg.h"

static char const *const sevnames[8] = { "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug" } ;

char const *syslogmsg_severity (int pri)
{
  return sevnames[(pri < 0 ? 0 : pri) & 7] ;
}

static int isdigit_ (char c) { return c >= '0' && c <= '9' ; }

/* pri_scan: "<N>" at S (N 0 to 191, at most 3 digits); bytes read, or 0 */
static size_t pri_scan (char const *s, size_t len, int *pri)
{
  size_t i = 1 ;
  int n = 0 ;
  if (len < 3 || s[0] != '<') return 0 ;
  while (i < len && i <= 3 && isdigit_(s[i])) n = n * 10 + (s[i++] - '0') ;
  if (i == 1 || i >= len || s[i] != '>' || n > 191) return 0 ;
  *pri = n ;
  return i + 1 ;
}

/* stamp3164: "Mmm dd hh:mm:ss " at S: bytes read (16), or 0 */
static size_t stamp3164 (char const *s, size_t len)
{
  static char const months[] = "JanFebMarAprMayJunJulAugSepOctNovDec" ;
  int m = 0 ;
  if (len < 16) return 0 ;
  for (unsigned int i = 0 ; i < 12 ; i++) if (!memcmp(s, months + 3 * i, 3)) m = 1 ;
  if (!m || s[3] != ' ' || (s[4] != ' ' && !isdigit_(s[4])) || !isdigit_(s[5]) || s[6] != ' ') return 0 ;
  if (!isdigit_(s[7]) || !isdigit_(s[8]) || s[9] != ':' || !isdigit_(s[10]) || !isdigit_(s[11])
   || s[12] != ':' || !isdigit_(s[13]) || !isdigit_(s[14]) || s[15] != ' ') return 0 ;
  return 16 ;
}

/* tag3164: "TAG: " or "TAG[PID]: " at S (TAG without space, colon or
   bracket, at most SYSLOGMSG_TAGMAX bytes): bytes read up to the message
   (one space after the colon is dropped), and the tag's length; or 0 */
static size_t tag3164 (char const *s, size_t len, size_t *taglen)
{
  size_t i = 0 ;
  while (i < len && i <= SYSLOGMSG_TAGMAX && s[i] != ':' && s[i] != '[' && s[i] != ' ' && (unsigned char)s[i] > 32 && s[i] != 127) i++ ;
  if (!i || i > SYSLOGMSG_TAGMAX || i >= len) return 0 ;
  *taglen = i ;
  if (s[i] == '[')
  {
    size_t j = i + 1 ;
    while (j < len && isdigit_(s[j])) j++ ;
    if (j == i + 1 || j >= len || s[j] != ']') return 0 ;
    i = j + 1 ;
    /* busybox and glibc always add a colon; "tag[pid] msg" is seen too */
    if (i < len && s[i] == ':') i++ ;
  }
  else if (s[i] == ':') i++ ;
  else return 0 ;
  if (i < len && s[i] == ' ') i++ ;
  return i ;
}

/* field: one RFC 5424 header field at S and the space after it: its length, or 0 */
static size_t field (char const *s, size_t len, size_t max)
{
  size_t i = 0 ;
  while (i < len && s[i] != ' ') { if ((unsigned char)s[i] < 33 || (unsigned char)s[i] > 126) return 0 ; i++ ; }
  if (!i || i >= len || i > max) return 0 ;
  return i ;
}

/* sd5424: STRUCTURED-DATA ("-" or [...]...) at S: its length, or 0 */
static size_t sd5424 (char const *s, size_t len)
{
  size_t i = 0 ;
  if (len && s[0] == '-') return 1 ;
  while (i < len && s[i] == '[')
  {
    int quoted = 0 ;
    for (i++ ; i < len ; i++)
    {
      if (quoted && s[i] == '\\') { i++ ; continue ; }
      if (s[i] == '"') quoted = !quoted ;
      else if (!quoted && s[i] == ']') break ;
    }
    if (i >= len) return 0 ;
    i++ ;
  }
  return i ;
}

/* parse5424: after "<PRI>1 ": the header's fields, then the message; 1, or 0 if malformed */
static int parse5424 (syslogmsg *m, char const *s, size_t len)
{
  static size_t const max[5] = { 64, 255, 48, 128, 32 } ;  /* time, host, app, procid, msgid */
  char const *app = 0 ;
  size_t applen = 0, n ;
  for (unsigned int f = 0 ; f < 5 ; f++)
  {
    n = field(s, len, max[f]) ;
    if (!n) return 0 ;
    if (f == 2) { app = s ; applen = n ; }
    s += n + 1 ; len -= n + 1 ;
  }
  n = sd5424(s, len) ;
  if (!n || (n < len && s[n] != ' ')) return 0 ;
  s += n ; len -= n ;
  if (len) { s++ ; len-- ; }
  if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) { s += 3 ; len -= 3 ; }
  if (!(applen == 1 && app[0] == '-')) { m->tag = app ; m->taglen = applen ; }
  m->msg = s ; m->msglen = len ;
  return 1 ;
}

void syslogmsg_parse (syslogmsg *m, char const *s, size_t len)
{
  size_t n, taglen, stamped ;
  int pri ;
  while (len && !s[len - 1]) len-- ;
  if (len && s[len - 1] == '\n') len-- ;
  m->tag = 0 ; m->taglen = 0 ; m->pri = -1 ;
  m->msg = s ; m->msglen = len ;
  n = pri_scan(s, len, &pri) ;
  if (!n) return ;
  s += n ; len -= n ;
  if (len >= 2 && s[0] == '1' && s[1] == ' ')
  {
    syslogmsg t = *m ;
    if (parse5424(&t, s + 2, len - 2)) { *m = t ; m->pri = pri ; }
    return ;
  }
  m->pri = pri ;
  stamped = stamp3164(s, len) ;
  s += stamped ; len -= stamped ;
  n = tag3164(s, len, &taglen) ;
  if (!n && stamped)
  {
    /* "TIME HOST TAG: msg" (logger --rfc3164, a relay): the host is skipped;
       without the time, "Warning disk: full" is no host and tag */
    char const *sp = memchr(s, ' ', len) ;
    size_t h = sp ? (size_t)(sp - s) : 0 ;
    if (h && h < 256 && !memchr(s, ':', h) && !memchr(s, '[', h))
    {
      size_t k = tag3164(s + h + 1, len - h - 1, &taglen) ;
      if (k) { s += h + 1 ; len -= h + 1 ; n = k ; }
    }
  }
  if (!n) { m->msg = s ; m->msglen = len ; return ; }
  m->tag = s ; m->taglen = taglen ;
  m->msg = s + n ; m->msglen = len - n ;
}
