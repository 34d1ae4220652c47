/* exitmap.h - RUNSVDIR_EXIT_REMAP: exit codes runsvdir changes before it exits.
 *
 * The value is a list of FROM=TO pairs, each code 0 to 255, separated by
 * blanks or commas: "143=0 137=0" makes a JVM's exit after SIGTERM (143)
 * and a SIGKILLed main command (137) a clean exit. A code given twice keeps
 * its last pair. Nothing here reads the environment.
 */
#ifndef SV_EXITMAP_H
#define SV_EXITMAP_H

#include <stddef.h>

typedef struct exitmap_s exitmap ;
struct exitmap_s
{
  unsigned char to[256] ;   /* to[code]: what CODE becomes */
} ;

/* exitmap_init: every code maps to itself */
extern void exitmap_init (exitmap *m) ;
/* exitmap_parse: adds the pairs of S to M; 1, or 0 with *bad the offset of
   the first pair that is not FROM=TO (M is then left part-filled) */
extern int exitmap_parse (exitmap *m, char const *s, size_t *bad) ;
/* exitmap_apply: what CODE (0 to 255) becomes */
extern int exitmap_apply (exitmap const *m, int code) ;

#endif
