/* fuzz_logcfg.c - svlogd's config file: any bytes parse, and what the
 * parser keeps (processor, prefix, patterns) lies inside its storage. */
#include <skalibs/stralloc.h>
#include "fuzz.h"
#include "logcfg.h"
#include "logpattern.h"

/* warn: a reported line must be a line of the input */
static void warn (void *ctx, unsigned int line, char const *what, char const *text, size_t len)
{
  size_t nlines = *(size_t *)ctx ;
  FUZZ_CHECK(line >= 1 && line <= nlines) ;
  FUZZ_CHECK(what && *what) ;
  FUZZ_CHECK(!len || text) ;
}

static void within (logcfg const *c, size_t pos, size_t len)
{
  FUZZ_CHECK(pos <= c->strings.len && len < c->strings.len - pos + 1) ;
  if (len) FUZZ_CHECK(!c->strings.s[pos + len]) ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  logcfg c = LOGCFG_ZERO ;
  size_t nlines = 1 ;
  for (size_t i = 0 ; i < size ; i++) if (data[i] == '\n') nlines++ ;
  /* twice: the second parse reuses the first one's storage */
  for (int round = 0 ; round < 2 ; round++)
  {
    if (!logcfg_parse(&c, (char const *)data, size, &warn, &nlines)) break ;
    FUZZ_CHECK(!c.udp || c.udp == 'u' || c.udp == 'U') ;
    if (c.processorlen) within(&c, c.processor, c.processorlen) ;
    if (c.prefixlen) within(&c, c.prefix, c.prefixlen) ;
    for (size_t i = 0 ; i < logcfg_npatterns(&c) ; i++)
    {
      logcfg_pattern const *p = logcfg_pattern_at(&c, i) ;
      FUZZ_CHECK(p->op == '+' || p->op == '-' || p->op == 'e' || p->op == 'E') ;
      within(&c, p->pos, p->len) ;
      FUZZ_CHECK(!c.strings.s[p->pos + p->len]) ;
      /* the patterns against the processor text, as svlogd matches lines */
      logpattern_match(logcfg_text(&c, p->pos), p->len, c.strings.s, c.strings.len) ;
    }
  }
  logcfg_free(&c) ;
  return 0 ;
}
