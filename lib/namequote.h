/* namequote.h - a service's (or an init task's) name as a line of output shows it.
 *
 * A name is a directory entry's: any bytes but / and NUL, a newline too.
 * Written as it is, "evil\nweb" would end its line and begin a forged one
 * ("web: hello" in docker logs, a report line for a service that does not
 * exist). So wherever a name reaches a line, it is shown as skalibs'
 * string_quote escapes it: \a \b \t \n \v \f \r for those controls, \\ for
 * a backslash, \0xHH for every other byte outside printable ASCII (0x20 to
 * 0x7e; the bytes of UTF-8 too). A printable ASCII name, every usual one,
 * is shown as it is; skalibs' string_unquote gives the name back.
 */
#ifndef SV_NAMEQUOTE_H
#define SV_NAMEQUOTE_H

#include <stddef.h>
#include <sys/types.h>
#include <skalibs/stralloc.h>

/* namequote_escape: NAME (LEN bytes) escaped, appended to SA (no NUL added);
   1, or 0 with errno (ENOMEM) */
extern int namequote_escape (stralloc *sa, char const *name, size_t len) ;

/* namequote_fit: NAME (LEN bytes) escaped into OUT, at most MAX bytes and a
   NUL, cut only between the escapes of two bytes (a name too long is
   shown cut, never with half an escape); its length, or -1 with errno
   (ENOMEM) */
extern ssize_t namequote_fit (char *out, size_t max, char const *name, size_t len) ;

/* namequote_show: the NUL-terminated NAME escaped, for one message: NAME
   itself when nothing in it needs an escape, else in a buffer of this
   module's, valid until its next call; "?" when there is no memory for it */
extern char const *namequote_show (char const *name) ;

#endif
