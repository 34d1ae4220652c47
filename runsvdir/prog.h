/* prog.h - runsvdir DIR -- PROG ARGS...: the main command, in the foreground.
 *
 * PROG leads a process group of its own and gets runsvdir's stdin, stdout
 * and stderr. When runsvdir holds the foreground of its controlling
 * terminal (docker run -it), PROG's group gets it, so the terminal's
 * Ctrl-C and job control reach PROG and not runsvdir; runsvdir takes it
 * back when PROG has ended.
 */
#ifndef RUNSVDIR_PROG_H
#define RUNSVDIR_PROG_H

#include <sys/types.h>

/* prog_start: runs ARGV (PATH search), once the exec has succeeded; its pid.
   0 when it could not run: said why, and *code is a shell's code for it
   (127 not found, 126 found but not runnable, 111 no fork) */
extern pid_t prog_start (char const *const *argv, int *code) ;
/* prog_ended: the main command ended: the terminal comes back to runsvdir */
extern void prog_ended (void) ;

#endif
