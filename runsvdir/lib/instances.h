/* instances.h - a template's instances file (svinstance.h): how many
 * instances T@1..T@N runsvdir makes of it. One value, whitespace around it
 * ignored: N in decimal, 0 to SVINSTANCE_MAX, or $VAR, a variable of
 * runsvdir's environment holding such a number.
 */
#ifndef SV_INSTANCES_H
#define SV_INSTANCES_H

#include <stddef.h>

/* instances_number: S (LEN bytes) is a decimal 0..SVINSTANCE_MAX, no sign,
   no leading zero but "0" itself: into *N; 1, or 0 */
extern int instances_number (char const *s, size_t len, unsigned int *n) ;
/* instances_parse: the instances file's text S (LEN bytes) into *N; its
   value, trimmed, NUL-terminated, into VALUE (VMAX bytes, truncated);
   1, or 0 when it is no number, $VAR names no set variable or one that
   holds no number (*N is then 0) */
extern int instances_parse (char const *s, size_t len, unsigned int *n, char *value, size_t vmax) ;

#endif
