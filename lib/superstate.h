/* superstate.h - supervise/state: what runsv knows beyond runit's 20-byte status.
 *
 * runit's sv and every parser of supervise/status know nothing of this file,
 * so readiness, restart counts, the last exit and the restart policy's state
 * live here, and status stays runit's byte for byte. runsv writes it
 * (state.new, then rename) before status whenever both change, so a client
 * woken by status reads a state at least as new. All integers big-endian:
 *   0      version (2)
 *   1      flags: SUPERSTATE_DECLARES, SUPERSTATE_READY, SUPERSTATE_EXITED, SUPERSTATE_QUICK,
 *          SUPERSTATE_FAILED, SUPERSTATE_WAITING, SUPERSTATE_SELECTED_DOWN
 *          (64: runsv was started with RUNSV_DOWN=1, runsvdir's RUNSVDIR_ONLY
 *          or RUNSVDIR_SKIP: the service started wanted down, as with a down
 *          file; set for the life of that runsv, in every write, sv up or not)
 *   2..3   0
 *   4..15  TAI64N label of the last change of "ready" (all zero: never)
 *   16..19 restarts: how many times runsv started ./run
 *   20..23 wait status of the last ./run that ended (valid with SUPERSTATE_EXITED)
 *   24..35 TAI64N label of the next start runsv waits for (all zero: none waits)
 *   36..39 failures: quick deaths since the last run that lasted (in
 *          max-failures' window when there is one)
 *   40..43 leftovers: processes the service left behind, still running
 *   44..47 max-failures' window in seconds (0: runsv never gives up)
 *   48..49 L, the length of the status text (at most SUPERSTATE_TEXTMAX)
 *   50..   the text: the last STATUS= a notify-socket service sent
 * Version 3, written only while runsv waits for a dependency (so a file is
 * version 2 whenever there is nothing more to say), goes on after the text:
 *   W (2 bytes), then W bytes: the names of the services ./run waits for
 *   (dependencies.d), each ended by a newline, at most SUPERSTATE_WAITMAX
 * Version 4, written only when the service has a liveness check
 * (check-interval) or a schedule, is version 3's layout with W always there
 * (0 when nothing is waited for), then the clock's two blocks:
 *   check (24 bytes):    0..3 check-interval in ms (0: no liveness check)
 *                        4..7 failures in a row (reset by a pass)
 *                        8    the last check: 0 none yet, 1 pass, 2 fail
 *                        9..11 0
 *                        12..23 TAI64N label of the last check's end (zero: none)
 *   schedule (26 + S):   0    SUPERSTATE_SCHED_*
 *                        1..3 0
 *                        4..15 TAI64N label of the next run the clock
 *                              starts (zero: none: suspended or no valid schedule)
 *                        16..19 runs: how many runs the service started
 *                        20..23 skipped: ticks that came while a run still ran
 *                        24..25 S, then S bytes: the schedule file's line
 *                              (at most SUPERSTATE_SPECMAX)
 * Version 1 (the first 24 bytes, then L and the text at 24 and 26) is still
 * read, with the later members zero: an sv newer than the runsv it asks.
 * A file that is missing (runit's runsv, an older runsv) means: no readiness
 * declared, nothing known.
 */
#ifndef SV_SUPERSTATE_H
#define SV_SUPERSTATE_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>

#define SUPERSTATE_VERSION 2
#define SUPERSTATE_VERSION_WAITING 3
#define SUPERSTATE_VERSION_CLOCK 4
#define SUPERSTATE_DECLARES 1  /* the service declares readiness (notification-fd, notify-socket) */
#define SUPERSTATE_READY 2     /* ... and is ready; without a declaration: up */
#define SUPERSTATE_EXITED 4    /* a ./run has ended since runsv started: lastwstat holds its end */
#define SUPERSTATE_QUICK 8     /* ... before restart-reset (1 s), or never ready: runsv pauses (or paused) before the next */
#define SUPERSTATE_FAILED 16   /* max-failures was reached: runsv gave up restarting until sv up */
#define SUPERSTATE_WAITING 32  /* ./run waits for the services it needs (dependencies.d): waiting names them */
#define SUPERSTATE_SELECTED_DOWN 64  /* started down by runsvdir's selection (RUNSV_DOWN=1), as a down file: normally down */
/* runsv's exit code once an essential service's run ended for good (the
   state's lastwstat says how it ended): its scanner stops everything */
#define SUPERSTATE_RUNSV_ESSENTIAL 99
#define SUPERSTATE_FIXED 50
#define SUPERSTATE_FIXED_V1 26
#define SUPERSTATE_TEXTMAX 256
#define SUPERSTATE_WAITMAX 512
#define SUPERSTATE_SPECMAX 128
#define SUPERSTATE_CHECKLEN 24
#define SUPERSTATE_SCHEDLEN 26
#define SUPERSTATE_SIZE (SUPERSTATE_FIXED + SUPERSTATE_TEXTMAX + 2 + SUPERSTATE_WAITMAX + SUPERSTATE_CHECKLEN + SUPERSTATE_SCHEDLEN + SUPERSTATE_SPECMAX)
/* the last check */
#define SUPERSTATE_CHECK_NONE 0
#define SUPERSTATE_CHECK_PASS 1
#define SUPERSTATE_CHECK_FAIL 2
/* the schedule block's flags */
#define SUPERSTATE_SCHED_ON 1   /* the service has a schedule file: the clock starts it, it is not restarted */
#define SUPERSTATE_SCHED_BAD 2  /* ... which could not be read or parsed: the clock starts nothing */

typedef struct superstate_s superstate ;
struct superstate_s
{
  unsigned char flags ;
  tain readystamp ;
  uint32_t restarts ;
  int lastwstat ;
  tain nextstart ;       /* label of the next start waited for; zero: none */
  uint32_t failures ;
  uint32_t leftovers ;
  uint32_t window ;      /* max-failures' seconds, 0: none */
  uint16_t textlen ;
  char text[SUPERSTATE_TEXTMAX] ;
  uint16_t waitlen ;     /* with SUPERSTATE_WAITING: the names waited for, each ended by a newline */
  char waiting[SUPERSTATE_WAITMAX] ;
  /* version 4: the liveness check (check_interval 0: none) */
  uint32_t check_interval ;
  uint32_t check_failures ;  /* failures in a row */
  unsigned char check_last ; /* SUPERSTATE_CHECK_* */
  tain check_at ;            /* label of the last check's end; zero: none */
  /* version 4: the schedule (sched_flags 0: none) */
  unsigned char sched_flags ;
  tain sched_next ;          /* label of the next run the clock starts; zero: none */
  uint32_t sched_runs ;
  uint32_t sched_skipped ;
  uint16_t speclen ;
  char spec[SUPERSTATE_SPECMAX] ;
} ;
#define SUPERSTATE_ZERO { .flags = 0, .readystamp = TAIN_ZERO, .restarts = 0, .lastwstat = 0, .nextstart = TAIN_ZERO, .failures = 0, .leftovers = 0, .window = 0, .textlen = 0, .text = "", .waitlen = 0, .waiting = "", .check_interval = 0, .check_failures = 0, .check_last = 0, .check_at = TAIN_ZERO, .sched_flags = 0, .sched_next = TAIN_ZERO, .sched_runs = 0, .sched_skipped = 0, .speclen = 0, .spec = "" }

/* superstate_pack: the file's bytes into s (SUPERSTATE_SIZE bytes); returns the length */
extern size_t superstate_pack (char *s, superstate const *st) ;
/* superstate_unpack: reads N bytes; 1, or 0 with EPROTO when they are not a version 1 to 4 file */
extern int superstate_unpack (char const *s, size_t n, superstate *st) ;
/* superstate_readfd: unpacks an open state file; 1, or -1 with errno (EPROTO: malformed) */
extern int superstate_readfd (int fd, superstate *st) ;
/* superstate_read: reads SUPERDIR/state; 1; 0 if it cannot be opened (errno;
   ENOENT: no such file, nothing known); -1 if it cannot be read (errno) */
extern int superstate_read (char const *superdir, superstate *st) ;
/* superstate_readflags: the flags byte of the state file PATH (a whole
   path: ".../supervise/state") into *FLAGS, without unpacking the rest: the
   status line asks only whether runsvdir's selection left the service
   down, for every service, so it reads the header alone (sv status runs in
   probes). 1; 0 when there is none (ENOENT) or it cannot be opened or read
   (errno), or its header is not a version 1 to 4 file's (EPROTO) */
extern int superstate_readflags (char const *path, unsigned char *flags) ;
/* superstate_write: atomically replaces SUPERDIR/state (state.new, rename); 1, or 0 with errno */
extern int superstate_write (char const *superdir, superstate const *st) ;
/* superstate_writepacked: the same with the N bytes superstate_pack made in
   S (runsv packs once, to compare with what it last wrote) */
extern int superstate_writepacked (char const *superdir, char const *s, size_t n) ;

#endif
