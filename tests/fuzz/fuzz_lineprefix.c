/* fuzz_lineprefix.c - runsv -p's prefixed output. The input is a format
 * (first line; the default if it is refused), a name (second line), then
 * a service's output, fed in chunks whose sizes come from the format
 * line's length. Every write is at most PIPE_BUF and ends in a newline;
 * every line of it is the prefix then a whole line or a piece of one (a
 * full piece, ending in a backslash); joined, the pieces give the input.
 * The name %n shows is printable ASCII only (namequote.h: a control byte in
 * it would break or forge a line), and unquotes to the start of the name. */
#include <skalibs/skamisc.h>
#include "fuzz.h"
#include "lineprefix.h"

#define SECS 1764683624
#define MSECS 345

typedef struct out_s out ;
struct out_s
{
  char prefix[LINEPREFIX_PREFIXMAX] ;
  size_t plen ;
  char *got ;          /* the service's output, rebuilt */
  size_t len ;
} ;

/* w: checks one write and appends what its lines carry */
static void w (char const *s, size_t len, void *ctx)
{
  out *o = ctx ;
  size_t room = LINEPREFIX_MAX - o->plen - 2 ;  /* a full piece's length */
  FUZZ_CHECK(len >= o->plen + 1 && len <= LINEPREFIX_MAX) ;
  FUZZ_CHECK(s[len - 1] == '\n') ;
  while (len)
  {
    char const *nl = memchr(s, '\n', len) ;
    size_t n = (size_t)(nl - s) ;
    FUZZ_CHECK(nl && n >= o->plen && !memcmp(s, o->prefix, o->plen)) ;
    n -= o->plen ;
    if (n == room + 1 && s[o->plen + room] == '\\')
    {
      /* a piece: its backslash is not the service's */
      memcpy(o->got + o->len, s + o->plen, room) ;
      o->len += room ;
    }
    else
    {
      FUZZ_CHECK(n <= room) ;
      memcpy(o->got + o->len, s + o->plen, n) ;
      o->len += n ;
      o->got[o->len++] = '\n' ;
    }
    len -= (size_t)(nl - s) + 1 ;
    s = nl + 1 ;
  }
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  static lineprefix p ;  /* big: not on the stack */
  out o ;
  char const *s = (char const *)data, *e ;
  size_t flen, nlen, chunk, rest ;
  char fmt[LINEPREFIX_FMTMAX + 2] ;
  e = memchr(s, '\n', size) ;
  flen = e ? (size_t)(e - s) : size ;
  memset(&p, 0, sizeof(p)) ;
  if (flen <= LINEPREFIX_FMTMAX && !memchr(s, 0, flen))
  {
    memcpy(fmt, s, flen) ;
    fmt[flen] = 0 ;
    if (!lineprefix_format(&p, fmt)) FUZZ_CHECK(lineprefix_format(&p, "1")) ;
  }
  else FUZZ_CHECK(lineprefix_format(&p, "1")) ;
  chunk = flen % 97 + 1 ;
  s += e ? flen + 1 : size ;
  rest = e ? size - flen - 1 : 0 ;
  e = memchr(s, '\n', rest) ;
  nlen = e ? (size_t)(e - s) : rest ;
  FUZZ_CHECK(lineprefix_name(&p, s, nlen)) ;
  {
    size_t shown = strlen(p.name) ;
    char back[LINEPREFIX_NAMEMAX] ;
    ssize_t blen ;
    FUZZ_CHECK(shown <= LINEPREFIX_NAMEMAX) ;
    for (size_t i = 0 ; i < shown ; i++) FUZZ_CHECK(p.name[i] >= 0x20 && p.name[i] < 0x7f) ;
    blen = string_unquote_nodelim(back, p.name, shown) ;
    FUZZ_CHECK(blen >= 0 && (size_t)blen <= nlen && !memcmp(back, s, (size_t)blen)) ;
    /* cut only where the escaped name would pass the limit */
    if ((size_t)blen < nlen) FUZZ_CHECK(shown > LINEPREFIX_NAMEMAX - 5) ;
  }
  s += e ? nlen + 1 : rest ;
  rest = e ? rest - nlen - 1 : 0 ;

  o.plen = lineprefix_expand(&p, o.prefix, SECS, MSECS) ;
  FUZZ_CHECK(o.plen <= LINEPREFIX_PREFIXMAX && o.plen + 64 <= LINEPREFIX_MAX) ;
  o.got = malloc(rest + 2) ;
  o.len = 0 ;
  FUZZ_CHECK(o.got) ;
  for (size_t i = 0 ; i < rest ; i += chunk)
    lineprefix_feed(&p, s + i, rest - i < chunk ? rest - i : chunk, SECS, MSECS, &w, &o) ;
  lineprefix_flush(&p, SECS, MSECS, &w, &o) ;
  FUZZ_CHECK(!p.partlen) ;
  /* the flush ends a last line that had no newline */
  if (rest && s[rest - 1] != '\n') FUZZ_CHECK(o.len == rest + 1 && o.got[rest] == '\n') ;
  else FUZZ_CHECK(o.len == rest) ;
  FUZZ_CHECK(!memcmp(o.got, s, rest)) ;
  free(o.got) ;
  return 0 ;
}
