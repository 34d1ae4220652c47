/* fuzz_svcmd.c - sv's command words: the word up to the first NUL, then
 * (optional) 20 status bytes, a 12-byte label for sv's start and the
 * state's flags, to judge the conditions the command waits for. */
#include "fuzz.h"
#include "superstatus.h"
#include "superstate.h"
#include "tai64n.h"
#include "svcmd.h"

/* valid: send and want are NUL-terminated, and what sv may write */
static void valid (svcmd const *c)
{
  FUZZ_CHECK(memchr(c->send, 0, sizeof(c->send))) ;
  FUZZ_CHECK(memchr(c->want, 0, sizeof(c->want))) ;
  FUZZ_CHECK(strspn(c->send, "udoxptcihaqk12r") == strlen(c->send)) ;
  FUZZ_CHECK(c->wait <= SVCMD_WAIT) ;
  FUZZ_CHECK(!c->status || (!c->send[0] && !c->wait)) ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *word = fuzz_cstr(data, size) ;
  size_t wlen = strlen(word) ;
  uint8_t const *rest = data + wlen + 1 ;
  size_t restlen = wlen < size ? size - wlen - 1 : 0 ;
  superstatus st = SUPERSTATUS_ZERO ;
  tain t0 = TAIN_ZERO, now, left ;
  unsigned char flags = 0 ;
  if (restlen >= SUPERSTATUS_SIZE) superstatus_unpack((char const *)rest, &st) ;
  if (restlen >= SUPERSTATUS_SIZE + 12) tai64n_unpack((char const *)rest + SUPERSTATUS_SIZE, &t0) ;
  if (restlen >= SUPERSTATUS_SIZE + 13) flags = rest[SUPERSTATUS_SIZE + 12] ;
  now = t0 ;
  for (int lsb = 0 ; lsb <= 1 ; lsb++)
  {
    svcmd c ;
    if (!svcmd_parse(word, lsb, &c)) continue ;
    valid(&c) ;
    svcmd_shows(c.want) ;
    for (char const *w = c.want ; *w ; w++)
    {
      int r = svcmd_reached(*w, &st, &t0) ;
      FUZZ_CHECK(r == SVCMD_NO || r == SVCMD_YES || r == SVCMD_IFCHECK) ;
    }
    svcmd_skip(c.send, &st) ;
    svcmd_revives(c.send, flags) ;
  }
  svcmd_failing(&st, flags) ;
  svcmd_settled(&st, &now, &left) ;
  {
    char const *why = svcmd_unhealthy(&st, flags, wlen & 1, wlen & 2) ;
    FUZZ_CHECK(!why || strlen(why) < 64) ;
  }
  free(word) ;
  return 0 ;
}
