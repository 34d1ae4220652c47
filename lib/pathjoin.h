/* pathjoin.h - DIR/NAME into a caller's buffer, without allocation. */
#ifndef SV_PATHJOIN_H
#define SV_PATHJOIN_H

#include <stddef.h>

/* path_join: writes DIR "/" NAME (just NAME when dir is 0 or "") into buf,
   NUL-terminated; 1, or 0 with ENAMETOOLONG when it does not fit in max */
extern int path_join (char *buf, size_t max, char const *dir, char const *name) ;
/* path_joinsize: the bytes path_join needs for DIR/NAME, for a buffer sized
   to what it holds (a path buffer of PATH_MAX is a page of stack each time);
   1 past PATH_JOIN_MAX, where path_join then fails with ENAMETOOLONG */
extern size_t path_joinsize (char const *dir, char const *name) ;
#define PATH_JOIN_MAX 4096

#endif
