/* lineprefix.c - prefixed, whole-line output (see lineprefix.h). */
#include <string.h>
#include <skalibs/types.h>
#include "isotime.h"
#include "namequote.h"
#include "lineprefix.h"

/* the room a piece of a line keeps after the longest prefix a format may
   give: a format whose prefix leaves less is refused */
#define PIECE_MIN 64

/* prefix_max: the longest prefix FMT can give with a name of NAMELEN bytes */
static size_t prefix_max (char const *fmt, size_t namelen)
{
  size_t n = 0 ;
  for (char const *f = fmt ; *f ; f++)
  {
    if (*f != '%') { n++ ; continue ; }
    f++ ;
    n += *f == 'n' ? namelen : *f == 't' ? LINEPREFIX_STAMP : 1 ;
  }
  return n ;
}

int lineprefix_format (lineprefix *p, char const *spec)
{
  size_t len, max ;
  if (!strcmp(spec, "1")) spec = LINEPREFIX_DEFAULT ;
  len = strlen(spec) ;
  if (!len || len > LINEPREFIX_FMTMAX) return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    if (spec[i] != '%') continue ;
    i++ ;
    if (spec[i] != 'n' && spec[i] != 't' && spec[i] != '%') return 0 ;
  }
  /* the prefix must fit the buffers of LINEPREFIX_PREFIXMAX bytes it is
     expanded into: a %n gives up to LINEPREFIX_NAMEMAX bytes, more than a
     %t, so a format of many %n would otherwise overrun them */
  max = prefix_max(spec, LINEPREFIX_NAMEMAX) ;
  if (max > LINEPREFIX_PREFIXMAX || max + PIECE_MIN > LINEPREFIX_MAX) return 0 ;
  memcpy(p->fmt, spec, len + 1) ;
  return 1 ;
}

int lineprefix_name (lineprefix *p, char const *name, size_t len)
{
  return namequote_fit(p->name, LINEPREFIX_NAMEMAX, name, len) >= 0 ;
}

/* stamp: SECS + MSECS as 2026-12-02T05:01:02.345Z into S (LINEPREFIX_STAMP bytes) */
static void stamp (char *s, int64_t secs, uint32_t msecs)
{
  isotime_utc(s, secs, 'T') ;
  s[19] = '.' ; uint0_fmt(s + 20, msecs % 1000, 3) ;
  s[23] = 'Z' ;
}

size_t lineprefix_expand (lineprefix const *p, char *out, int64_t secs, uint32_t msecs)
{
  size_t n = 0, namelen = strlen(p->name) ;
  for (char const *f = p->fmt ; *f ; f++)
  {
    if (*f != '%') { out[n++] = *f ; continue ; }
    switch (*++f)
    {
      case 'n' : memcpy(out + n, p->name, namelen) ; n += namelen ; break ;
      case 't' : stamp(out + n, secs, msecs) ; n += LINEPREFIX_STAMP ; break ;
      default : out[n++] = '%' ; break ;
    }
  }
  return n ;
}

/* the writes being built: whole lines, at most LINEPREFIX_MAX bytes */
typedef struct batch_s batch ;
struct batch_s
{
  char buf[LINEPREFIX_MAX] ;
  size_t len ;
  char const *prefix ;
  size_t plen ;
  lineprefix_write_func *w ;
  void *ctx ;
} ;

static void batch_out (batch *b)
{
  if (b->len) (*b->w)(b->buf, b->len, b->ctx) ;
  b->len = 0 ;
}

/* batch_line: the prefix, A (ALEN bytes) then B (BLEN bytes), then END
   ("\n", or "\\\n" for a piece that is not a line's last) */
static void batch_line (batch *b, char const *a, size_t alen, char const *c, size_t clen, char const *end)
{
  size_t elen = strlen(end), n = b->plen + alen + clen + elen ;
  if (b->len + n > sizeof(b->buf)) batch_out(b) ;
  memcpy(b->buf + b->len, b->prefix, b->plen) ; b->len += b->plen ;
  memcpy(b->buf + b->len, a, alen) ; b->len += alen ;
  memcpy(b->buf + b->len, c, clen) ; b->len += clen ;
  memcpy(b->buf + b->len, end, elen) ; b->len += elen ;
}

void lineprefix_feed (lineprefix *p, char const *s, size_t len, int64_t secs, uint32_t msecs, lineprefix_write_func *w, void *ctx)
{
  char prefix[LINEPREFIX_PREFIXMAX] ;
  batch b ;
  size_t room ;  /* the most of a line one piece holds */
  b.len = 0 ;
  b.prefix = prefix ;
  b.plen = lineprefix_expand(p, prefix, secs, msecs) ;
  b.w = w ;
  b.ctx = ctx ;
  room = LINEPREFIX_MAX - b.plen - 2 ;
  while (len)
  {
    char const *nl = memchr(s, '\n', len) ;
    size_t n = nl ? (size_t)(nl - s) : len ;
    if (p->partlen + n > room)
    {
      /* a piece of a long line: what is kept, and as much of S as fits */
      size_t take = room - p->partlen ;
      batch_line(&b, p->part, p->partlen, s, take, "\\\n") ;
      p->partlen = 0 ;
      s += take ; len -= take ;
      continue ;
    }
    if (!nl)
    {
      memcpy(p->part + p->partlen, s, n) ;
      p->partlen += n ;
      break ;
    }
    batch_line(&b, p->part, p->partlen, s, n, "\n") ;
    p->partlen = 0 ;
    s += n + 1 ; len -= n + 1 ;
  }
  batch_out(&b) ;
}

void lineprefix_flush (lineprefix *p, int64_t secs, uint32_t msecs, lineprefix_write_func *w, void *ctx)
{
  if (!p->partlen) return ;
  lineprefix_feed(p, "\n", 1, secs, msecs, w, ctx) ;
}
