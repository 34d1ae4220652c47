/* supercontrol.h - the client side of the control protocol: supervise/ok and supervise/control.
 *
 * A runsv keeps supervise/ok open for reading for its whole life, so a
 * non-blocking open for writing succeeds exactly when a runsv is there
 * (ENXIO otherwise). Commands are single bytes written to supervise/control;
 * there is no acknowledgement: clients read supervise/status.
 */
#ifndef SV_SUPERCONTROL_H
#define SV_SUPERCONTROL_H

#include <stddef.h>

/* every command byte runsv understands */
#define SUPERCONTROL_LETTERS "udoxtkpchaiq12"

/* supercontrol_alive: is a runsv serving DIR (0 = cwd)? 1 yes; 0 no (errno ENXIO);
   -1 error (errno, e.g. ENOENT when DIR/supervise/ok does not exist) */
extern int supercontrol_alive (char const *dir) ;
/* supercontrol_send: writes the command bytes in one write to DIR/supervise/control.
   1 sent; 0 no runsv (ENXIO); -1 it cannot be opened (errno); -2 the write
   failed (errno) or was short (errno 0) */
extern int supercontrol_send (char const *dir, char const *cmds, size_t len) ;

#endif
