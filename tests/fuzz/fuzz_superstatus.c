/* fuzz_superstatus.c - supervise/status as sv reads it: the decoder takes
 * any 20 bytes, packing gives them back (flags and want made canonical), the stat line
 * and sv's status line fit their buffers, and a file of any other size is
 * refused with EPROTO. */
#include <errno.h>
#include <skalibs/tai.h>
#include "fuzz.h"
#include "superstatus.h"
#include "svline.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char path[128], raw[SUPERSTATUS_SIZE] ;
  superstatus st = SUPERSTATUS_ZERO ;
  int fd, r ;
  if (size >= SUPERSTATUS_SIZE)
  {
    char back[SUPERSTATUS_SIZE], stat[SUPERSTATUS_STAT_FMT], line[SVLINE_FMT] ;
    tain now ;
    size_t n ;
    superstatus_unpack((char const *)data, &st) ;
    superstatus_pack(back, &st) ;
    /* the flags are written as 0 or 1, and a want that is not 'u' as 'd'
       (exit is written as 'd'): the rest comes back as it was */
    FUZZ_CHECK(!memcmp(back, data, 16) && back[19] == (char)data[19]) ;
    FUZZ_CHECK(back[16] == !!data[16] && back[18] == !!data[18]) ;
    FUZZ_CHECK(back[17] == (data[17] == 'u' ? 'u' : 'd')) ;
    n = superstatus_stat_fmt(stat, &st) ;
    FUZZ_CHECK(n && n <= SUPERSTATUS_STAT_FMT && stat[n - 1] == '\n') ;
    svline_state(&st) ;
    /* "now" from the input's tail too: ages from before 1970 to far ahead */
    memcpy(&now, &st.stamp, sizeof(now)) ;
    if (size >= 2 * SUPERSTATUS_SIZE)
    {
      superstatus later = SUPERSTATUS_ZERO ;
      superstatus_unpack((char const *)data + SUPERSTATUS_SIZE, &later) ;
      now = later.stamp ;
    }
    for (int up = -1 ; up <= 1 ; up++)
    {
      n = svline_fmt(line, &st, up, &now) ;
      FUZZ_CHECK(n <= SVLINE_FMT) ;
    }
  }
  fuzz_writefile(fuzz_path(path, "status"), data, size) ;
  fd = open(path, O_RDONLY) ;
  FUZZ_CHECK(fd >= 0) ;
  r = superstatus_readfd(fd, &st, raw) ;
  close(fd) ;
  if (size == SUPERSTATUS_SIZE) FUZZ_CHECK(r == 1 && !memcmp(raw, data, SUPERSTATUS_SIZE)) ;
  else FUZZ_CHECK(r == -1 && errno == EPROTO) ;
  return 0 ;
}
