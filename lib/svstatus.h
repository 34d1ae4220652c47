/* svstatus.h - the supervise/ files of runit 2.1.2: status (20 bytes), stat, pid.
 *
 * This module is the only place that knows the byte layout:
 *   0..11  TAI64N label, big-endian (when run last started / went down)
 *   12..15 pid, little-endian (0 when down)
 *   16     paused flag        17  want: 'u' or 'd' (exit is written as 'd')
 *   18     got-TERM flag      19  state: 0 down, 1 run, 2 finish
 */
#ifndef SV_SVSTATUS_H
#define SV_SVSTATUS_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>

#define SVSTATUS_SIZE 20
#define SVSTATUS_DOWN 0
#define SVSTATUS_RUN 1
#define SVSTATUS_FINISH 2
/* longest stat line: "finish, paused, got TERM, want down\n" */
#define SVSTATUS_STAT_FMT 48

typedef struct svstatus_s svstatus ;
struct svstatus_s
{
  tain stamp ;
  uint32_t pid ;
  unsigned char paused ;
  char want ;        /* 'u', 'd', or 'x' (exit; packed as 'd') */
  unsigned char gotterm ;
  unsigned char state ;
} ;
#define SVSTATUS_ZERO { .stamp = TAIN_ZERO, .pid = 0, .paused = 0, .want = 'u', .gotterm = 0, .state = SVSTATUS_DOWN }

/* svstatus_pack: the 20 status bytes */
extern void svstatus_pack (char *s, svstatus const *st) ;
/* svstatus_unpack: reads 20 bytes; any byte values are accepted (callers judge the state) */
extern void svstatus_unpack (char const *s, svstatus *st) ;
/* svstatus_read: reads DIR/supervise/status (dir 0 = cwd). 1; 0 if it cannot be
   opened (errno); -1 if it cannot be read (errno; EPROTO: not exactly 20 bytes) */
extern int svstatus_read (char const *dir, svstatus *st) ;
/* svstatus_readfd: the same from an open status file; RAW (if not 0) gets the
   20 bytes. 1, or -1 with errno (EPROTO: not exactly 20 bytes) */
extern int svstatus_readfd (int fd, svstatus *st, char *raw) ;
/* svstatus_stat_fmt: the supervise/stat line ("run, paused, want down\n"); returns its length */
extern size_t svstatus_stat_fmt (char *s, svstatus const *st) ;
/* what svstatus_write replaces */
#define SVSTATUS_W_STATUS 1
#define SVSTATUS_W_STAT 2
#define SVSTATUS_W_PID 4   /* the pid and a newline; empty when pid is 0 */
#define SVSTATUS_W_ALL 7
/* svstatus_write: atomically replaces (write to NAME.new, rename) the files of
   SUPERDIR named by the W bits, pid and stat before status; 1, or 0 with errno */
extern int svstatus_write (char const *superdir, svstatus const *st, unsigned int w) ;

#endif
