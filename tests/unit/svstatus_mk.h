/* svstatus_mk.h - a status value in one call, for the suites that judge statuses. */
#ifndef SV_SVSTATUS_MK_H
#define SV_SVSTATUS_MK_H

#include <stdint.h>
#include "svstatus.h"
#include "tai64n.h"

/* svstatus_mk: PID, STATE, WANT, paused and got-TERM flags, labelled unix
   second SECS plus NANO nanoseconds */
static inline svstatus svstatus_mk (uint32_t pid, unsigned char state, char want, int paused, int term,
                                    int64_t secs, uint32_t nano)
{
  svstatus st = SVSTATUS_ZERO ;
  st.pid = pid ;
  st.state = state ;
  st.want = want ;
  st.paused = (unsigned char)paused ;
  st.gotterm = (unsigned char)term ;
  tai64n_from_unix(&st.stamp, secs, nano) ;
  return st ;
}

#endif
