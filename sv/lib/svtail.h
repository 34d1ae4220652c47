/* svtail.h - the pure part of sv tail: lines cut from bytes, the last N
 * lines of a text, and the log directory on svlogd's command line. Nothing
 * here reads or writes a file descriptor. */
#ifndef SV_SVTAIL_H
#define SV_SVTAIL_H

#include <stddef.h>

#define SVTAIL_LINEMAX 65536  /* a longer line is shown cut, marked */
#define SVTAIL_CUT " [cut]"   /* the mark (runsv's log-buffer cuts lines with it too) */
#define SVTAIL_CUTLEN 6

/* svtail_line_func: one whole line of LEN bytes, without its newline */
typedef void svtail_line_func (char const *s, size_t len, void *ctx) ;

typedef struct svtail_s svtail ;
struct svtail_s
{
  size_t partlen ;       /* the start of a line not ended yet */
  int cutting ;          /* the line went past SVTAIL_LINEMAX: its rest is dropped */
  char part[SVTAIL_LINEMAX + SVTAIL_CUTLEN] ;
} ;

/* svtail_feed: LEN bytes of a stream: each whole line goes out through F;
   the end of an unfinished one is kept for the next call. A line longer
   than SVTAIL_LINEMAX goes out at its newline as its first SVTAIL_LINEMAX
   bytes and SVTAIL_CUT */
extern void svtail_feed (svtail *t, char const *s, size_t len, svtail_line_func *f, void *ctx) ;

/* svtail_start: where, in S (LEN bytes), the last N whole lines start (a
   last line without its newline is not one); their count into *COUNT
   (fewer than N: the text holds no more) */
extern size_t svtail_start (char const *s, size_t len, unsigned int n, unsigned int *count) ;

/* svtail_issvlogd: is the base name of PATH (LEN bytes) "svlogd"? */
extern int svtail_issvlogd (char const *path, size_t len) ;

/* svtail_logdir: the first directory svlogd's command line CMD (LEN bytes,
   /proc/PID/cmdline: NUL-terminated words) names, after its options; 0 when
   its first word is not svlogd, or it names no directory */
extern char const *svtail_logdir (char const *cmd, size_t len) ;

#endif
