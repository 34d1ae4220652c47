/* superstatus_mk.h - a status value in one call, for the suites that judge statuses. */
#ifndef SV_SUPERSTATUS_MK_H
#define SV_SUPERSTATUS_MK_H

#include <stdint.h>
#include "superstatus.h"
#include "tai64n.h"

/* superstatus_mk: PID, STATE, WANT, paused and got-TERM flags, labelled unix
   second SECS plus NANO nanoseconds */
static inline superstatus superstatus_mk (uint32_t pid, unsigned char proc, char want, int paused, int term,
                                    int64_t secs, uint32_t nano)
{
  superstatus st = SUPERSTATUS_ZERO ;
  st.pid = pid ;
  st.proc = proc ;
  st.want = want ;
  st.paused = (unsigned char)paused ;
  st.gotterm = (unsigned char)term ;
  tai64n_from_unix(&st.stamp, secs, nano) ;
  return st ;
}

#endif
