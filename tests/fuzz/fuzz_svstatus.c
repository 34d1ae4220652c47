/* fuzz_svstatus.c - supervise/status as sv reads it: the decoder takes
 * any 20 bytes, packing gives them back (flags and want made canonical), the stat line
 * and sv's status line fit their buffers, and a file of any other size is
 * refused with EPROTO. */
#include <errno.h>
#include <skalibs/tai.h>
#include "fuzz.h"
#include "svstatus.h"
#include "svline.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char path[128], raw[SVSTATUS_SIZE] ;
  svstatus st = SVSTATUS_ZERO ;
  int fd, r ;
  if (size >= SVSTATUS_SIZE)
  {
    char back[SVSTATUS_SIZE], stat[SVSTATUS_STAT_FMT], line[SVLINE_FMT] ;
    tain now ;
    size_t n ;
    svstatus_unpack((char const *)data, &st) ;
    svstatus_pack(back, &st) ;
    /* the flags are written as 0 or 1, and a want that is not 'u' as 'd'
       (exit is written as 'd'): the rest comes back as it was */
    FUZZ_CHECK(!memcmp(back, data, 16) && back[19] == (char)data[19]) ;
    FUZZ_CHECK(back[16] == !!data[16] && back[18] == !!data[18]) ;
    FUZZ_CHECK(back[17] == (data[17] == 'u' ? 'u' : 'd')) ;
    n = svstatus_stat_fmt(stat, &st) ;
    FUZZ_CHECK(n && n <= SVSTATUS_STAT_FMT && stat[n - 1] == '\n') ;
    svline_state(&st) ;
    /* "now" from the input's tail too: ages from before 1970 to far ahead */
    memcpy(&now, &st.stamp, sizeof(now)) ;
    if (size >= 2 * SVSTATUS_SIZE)
    {
      svstatus later = SVSTATUS_ZERO ;
      svstatus_unpack((char const *)data + SVSTATUS_SIZE, &later) ;
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
  r = svstatus_readfd(fd, &st, raw) ;
  close(fd) ;
  if (size == SVSTATUS_SIZE) FUZZ_CHECK(r == 1 && !memcmp(raw, data, SVSTATUS_SIZE)) ;
  else FUZZ_CHECK(r == -1 && errno == EPROTO) ;
  return 0 ;
}
