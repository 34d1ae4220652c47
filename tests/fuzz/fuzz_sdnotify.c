/* fuzz_sdnotify.c - runsv's readiness inputs: the notification-fd file,
 * a notify-socket datagram, and the /proc/PID/stat text runsv reads about
 * a datagram's sender. The same bytes go to all three. */
#include "fuzz.h"
#include "sdnotify.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *s = malloc(size ? size : 1) ;
  unsigned int fd ;
  sdnotify_msg m ;
  sdnotify_proc p ;
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  for (unsigned int max = 0 ; max < 5000 ; max = max * 4 + 3)
    if (sdnotify_fdscan(s, size, max, &fd)) FUZZ_CHECK(fd >= 3 && fd < max) ;
  sdnotify_parse(s, size, &m) ;
  FUZZ_CHECK(m.ready == 0 || m.ready == 1) ;
  if (m.text)
  {
    /* the value lies in the datagram, and is one line */
    FUZZ_CHECK(m.text >= s + 7 && m.textlen <= size && (size_t)(m.text - s) <= size - m.textlen) ;
    FUZZ_CHECK(!memcmp(m.text - 7, "STATUS=", 7)) ;
    FUZZ_CHECK(!memchr(m.text, '\n', m.textlen)) ;
  }
  else FUZZ_CHECK(!m.textlen) ;
  /* any state byte is taken (runsv only asks whether it is Z or X) */
  sdnotify_procstat(s, size, &p) ;
  free(s) ;
  return 0 ;
}
