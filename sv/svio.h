/* svio.h - sv's per-service I/O: entering a service dir, reading its
 * supervise/status, writing its supervise/control, and the runit-format
 * lines about it. Used by sv.c and svwait.c; calls nothing of theirs.
 *
 * Messages: every other program of the suite words its diagnostics through
 * errword.h's errword_* ("PROG: warning: ..."). sv is the one documented
 * exception: runit's sv prints "fail:", "warning:", "fatal:" lines without
 * a program name (most on stdout, where scripts parse them), and ours are
 * those lines to the byte. They all leave through tell (stdout),
 * svio_warn and svio_fatal (stderr) here, and sv.c's usage lines.
 */
#ifndef SV_SVIO_H
#define SV_SVIO_H

#include <sys/types.h>
#include <skalibs/gccattributes.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "statedir.h"
#include "superstate.h"
#include "superstatus.h"
#include "sv.h"

/* svio_warn: "warning: ..." on stderr, runit's words (no program name) */
#define svio_warn(...) strerr_warn("warning: ", __VA_ARGS__)

/* svio_fatal: "fatal: WHAT: ERR" on stderr (stdout flushed first), exit 100
   (151 as an init script) */
extern void svio_fatal (sv_ctx const *ctx, char const *what) gccattr_noreturn ;
/* svio_tell: "PREFIX NAME[/SUB][: MSG][: ERR]" on stdout; "fail:" and
   "warning:" lines count as errors. A line about the log (SUB) is part of a
   status line, which its caller ends; other lines are ended here. */
extern void svio_tell (sv_ctx *ctx, char const *prefix, char const *name, char const *sub, char const *msg, int e) ;
/* svio_endline: ends the line on stdout (flushed, except for sv status,
   which writes all its lines at once at the end) */
extern void svio_endline (sv_ctx const *ctx) ;
/* svio_shown: a line svio_line ended is shown (flushed, except for sv status) */
extern void svio_shown (sv_ctx const *ctx) ;
/* svio_more: the line svio_line just wrote goes on: its newline is taken
   back, for svio_endline to put after what follows */
extern void svio_more (void) ;
/* svio_insvdir: is NAME a service of $SVDIR (a plain name), not a path from
   sv's own directory? (inwait: the wait loop's rule, see svio_enter) */
extern int svio_insvdir (char const *name, int inwait) ;
/* svio_chdir: svio_enter without a message: 0, or -1 with errno */
extern int svio_chdir (sv_ctx *ctx, char const *name, int inwait) ;
/* svio_instance: I when the service svio_chdir last entered is an
   instance T@I (svinstance.h: the current dir is then its template T@), else 0 */
extern char const *svio_instance (void) ;
/* svio_enter: chdir into service NAME as runit resolves it, from sv's own
   directory or $SVDIR, so no way back is needed (inwait: the wait
   loop's rule, which ignores a trailing slash); 1, or 0 after "fail:" */
extern int svio_enter (sv_ctx *ctx, char const *name, int inwait) ;
/* svio_place: sets ctx->base for service NAME, the current dir being its
   service dir (LOG: for its log, still from the service dir); 1, or 0
   with errno when $RUNSV_STATEDIR cannot be used (statedir_pick) */
extern int svio_place (sv_ctx *ctx, char const *name, int islog) ;
/* SVIO_PATH: room for the longest base (statedir.h) and a supervise/ file */
#define SVIO_PATH (STATEDIR_MAX + 32)
/* svio_path: FILE ("supervise/...") of the current service, into BUF
   (SVIO_PATH bytes) when it is under ctx->base; BUF or FILE itself */
extern char const *svio_path (sv_ctx const *ctx, char *buf, char const *file) ;
/* svio_absent: reports a missing runsv of NAME (or of its log, SUB) as runit
   does: r is supercontrol_alive's 0 (ENXIO) or -1 (errno); "ok:" for the exit
   commands, else "fail:"/"warning:" */
extern void svio_absent (sv_ctx *ctx, char const *name, char const *sub, int r) ;
/* svio_read: reads supervise/status of the current dir (of NAME, or of its
   log when SUB is "log") into ST, and when RAW is not 0 its bytes into RAW
   and its inode into *INO; 1, or 0 after "warning:" */
extern int svio_read (sv_ctx *ctx, char const *name, char const *sub, superstatus *st, char *raw, ino_t *ino) ;
/* svio_stateflags: the flags of supervise/state in the current dir (of
   NAME): readiness and how the last run ended; 0 when there is none
   (runit's runsv) or, after a "warning:", when it cannot be read */
extern unsigned char svio_stateflags (sv_ctx const *ctx, char const *name) ;
/* svio_note: notes in S what supervise/state of the current dir (of
   S->name) says at this look: its flags, the schedule's flags and the
   liveness check's failures in a row; all 0 when there is none (runit's
   runsv) or, after a "warning:", when it cannot be read */
extern void svio_note (sv_ctx const *ctx, sv_service *s) ;
/* svio_downstate: reads supervise/state of the current dir (of NAME, or of
   its log, SUB) into SS when the service of ST is down and wanted up
   (svline_maywait), the only time the status line says more than runit's:
   1 read; 0 not looked at, none, or (after a "warning:") unreadable */
extern int svio_downstate (sv_ctx const *ctx, char const *name, char const *sub, superstatus const *st, superstate *ss) ;
/* svio_waits: does the service of ST in the current dir (of NAME, or of
   its log, SUB) wait for the services it needs (dependencies.d)? Its
   supervise/state is read into SS only when ST may say so (down, wanted
   up: svline_maywait), so a service that runs costs no more reads. 1 it
   waits; 0 not, or not known (no state; one that cannot be read, after a
   "warning:" on stderr) */
extern int svio_waits (sv_ctx const *ctx, char const *name, char const *sub, superstatus const *st, superstate *ss) ;
/* svio_waiting: appends to SA "waiting for A, B", the names of SS (a state
   svio_waits said waits for them), as every line shows them */
extern void svio_waiting (sv_ctx const *ctx, stralloc *sa, superstate const *ss) ;
/* svio_putwaits: writes "; waiting for A, B" of SS on stdout, after a
   status line ("; log waiting for A, B" for the log, SUB) */
extern void svio_putwaits (sv_ctx const *ctx, char const *sub, superstate const *ss) ;
/* svio_putafter: writes what follows runit's line for SS (a state
   svio_downstate read): "; waiting for A, B" (svio_putwaits), then, for a
   service with a schedule, "; next run in 25s" until that run is due
   ("; log next run in 25s" for the log, SUB) */
extern void svio_putafter (sv_ctx const *ctx, char const *sub, superstate const *ss) ;
/* svio_send: writes BYTES to supervise/control unless runsv already wants
   them; 2 written, 1 nothing to write, 0 failed (reported) */
extern int svio_send (sv_ctx *ctx, char const *name, char const *bytes, superstatus const *st) ;
/* svio_sent: notes in P what svio_send's result R means for waiting (P->before
   must hold the status read just before) */
extern void svio_sent (sv_ctx const *ctx, sv_service *p, int r) ;
/* svio_line: writes PREFIX and the status line of the current dir, for NAME
   or its log (SUB), and a newline, in one put (most lines end there: see
   svio_more and svio_shown; sv status runs in probes); 0 if ./down could not be looked at, else 1
   for a process, 2 for none. Normally down: a ./down file, or (the service,
   not its log) a supervise/state saying SUPERSTATE_SELECTED_DOWN */
extern int svio_line (sv_ctx const *ctx, char const *prefix, char const *name, char const *sub, superstatus const *st) ;

#endif
