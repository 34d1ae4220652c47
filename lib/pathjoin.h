/* pathjoin.h - DIR/NAME into a caller's buffer, without allocation. */
#ifndef SV_PATHJOIN_H
#define SV_PATHJOIN_H

#include <stddef.h>

/* path_join: writes DIR "/" NAME (just NAME when dir is 0 or "") into buf,
   NUL-terminated; 1, or 0 with ENAMETOOLONG when it does not fit in max */
extern int path_join (char *buf, size_t max, char const *dir, char const *name) ;

#endif
