/* superstatus.h - the supervise/ files of runit 2.1.2: status (20 bytes), stat, pid.
 *
 * This module is the only place that knows the byte layout:
 *   0..11  TAI64N label, big-endian (when run last started / went down)
 *   12..15 pid, little-endian (0 when down)
 *   16     paused flag        17  want: 'u' or 'd' (exit is written as 'd')
 *   18     got-TERM flag      19  state: 0 down, 1 run, 2 finish
 */
#ifndef SV_SUPERSTATUS_H
#define SV_SUPERSTATUS_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>

#define SUPERSTATUS_SIZE 20
#define SUPERSTATUS_DOWN 0
#define SUPERSTATUS_RUN 1
#define SUPERSTATUS_FINISH 2
/* longest stat line: "finish, paused, got TERM, want down\n" */
#define SUPERSTATUS_STAT_FMT 48

typedef struct superstatus_s superstatus ;
struct superstatus_s
{
  tain stamp ;
  uint32_t pid ;
  unsigned char paused ;
  char want ;        /* 'u', 'd', or 'x' (exit; packed as 'd') */
  unsigned char gotterm ;
  unsigned char proc ;       /* byte 19: SUPERSTATUS_DOWN, _RUN (./run runs) or _FINISH (./finish runs) */
} ;
#define SUPERSTATUS_ZERO { .stamp = TAIN_ZERO, .pid = 0, .paused = 0, .want = 'u', .gotterm = 0, .proc = SUPERSTATUS_DOWN }

/* superstatus_pack: the 20 status bytes */
extern void superstatus_pack (char *s, superstatus const *st) ;
/* superstatus_unpack: reads 20 bytes; any byte values are accepted (callers judge the state) */
extern void superstatus_unpack (char const *s, superstatus *st) ;
/* superstatus_read: reads DIR/supervise/status (dir 0 = cwd). 1; 0 if it cannot be
   opened (errno); -1 if it cannot be read (errno; EPROTO: not exactly 20 bytes) */
extern int superstatus_read (char const *dir, superstatus *st) ;
/* superstatus_readfd: the same from an open status file; RAW (if not 0) gets the
   20 bytes. 1, or -1 with errno (EPROTO: not exactly 20 bytes) */
extern int superstatus_readfd (int fd, superstatus *st, char *raw) ;
/* superstatus_stat_fmt: the supervise/stat line ("run, paused, want down\n"); returns its length */
extern size_t superstatus_stat_fmt (char *s, superstatus const *st) ;
/* what superstatus_write replaces */
#define SUPERSTATUS_W_STATUS 1
#define SUPERSTATUS_W_STAT 2
#define SUPERSTATUS_W_PID 4   /* the pid and a newline; empty when pid is 0 */
#define SUPERSTATUS_W_ALL 7
/* superstatus_write: atomically replaces (write to NAME.new, rename) the files of
   SUPERDIR named by the W bits, pid and stat before status; 1, or 0 with errno */
extern int superstatus_write (char const *superdir, superstatus const *st, unsigned int w) ;

#endif
