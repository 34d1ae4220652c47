/* fuzz_superstate.c - supervise/state as sv reads it: any bytes are a
 * version 1, 2 or 3 file or EPROTO; what is read packs into a file that
 * reads back the same. */
#include <errno.h>
#include "fuzz.h"
#include "superstate.h"

static void same (superstate const *a, superstate const *b)
{
  FUZZ_CHECK(a->flags == b->flags) ;
  FUZZ_CHECK(a->readystamp.sec.x == b->readystamp.sec.x && a->readystamp.nano == b->readystamp.nano) ;
  FUZZ_CHECK(a->restarts == b->restarts && a->lastwstat == b->lastwstat) ;
  FUZZ_CHECK(a->nextstart.sec.x == b->nextstart.sec.x && a->nextstart.nano == b->nextstart.nano) ;
  FUZZ_CHECK(a->failures == b->failures && a->leftovers == b->leftovers && a->window == b->window) ;
  FUZZ_CHECK(a->textlen == b->textlen && !memcmp(a->text, b->text, a->textlen)) ;
  FUZZ_CHECK(a->waitlen == b->waitlen && !memcmp(a->waiting, b->waiting, a->waitlen)) ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  superstate st = SUPERSTATE_ZERO, back = SUPERSTATE_ZERO, fromfile = SUPERSTATE_ZERO ;
  char buf[SUPERSTATE_SIZE], path[128] ;
  int r, rf, fd ;
  errno = 0 ;
  r = superstate_unpack((char const *)data, size, &st) ;
  FUZZ_CHECK(r == 1 || (r == 0 && errno == EPROTO)) ;
  if (r)
  {
    size_t n ;
    FUZZ_CHECK(st.textlen <= SUPERSTATE_TEXTMAX && st.waitlen <= SUPERSTATE_WAITMAX) ;
    FUZZ_CHECK(!!(st.flags & SUPERSTATE_WAITING) == (data[0] == SUPERSTATE_VERSION_WAITING)) ;
    n = superstate_pack(buf, &st) ;
    FUZZ_CHECK(n >= SUPERSTATE_FIXED && n <= SUPERSTATE_SIZE) ;
    FUZZ_CHECK(superstate_unpack(buf, n, &back) == 1) ;
    same(&st, &back) ;
  }
  fuzz_writefile(fuzz_path(path, "state"), data, size) ;
  fd = open(path, O_RDONLY) ;
  FUZZ_CHECK(fd >= 0) ;
  rf = superstate_readfd(fd, &fromfile) ;
  close(fd) ;
  /* a file too big for the buffer may be refused where its bytes are not */
  if (size <= SUPERSTATE_SIZE) FUZZ_CHECK(rf == (r ? 1 : -1)) ;
  if (r && rf == 1) same(&st, &fromfile) ;
  return 0 ;
}
