/* uidgid.h - chpst's user and group specs, and account lookup.
 *
 * chpst -u/-U take "[:]user[:group[:group...]]": names are looked up in
 * the account databases, a leading colon means "numeric uid:gid:gid...".
 * Names are resolved from /etc/passwd and /etc/group first, read by us, so
 * a static build (where glibc's NSS cannot be loaded) and a chroot that only
 * has those two files both work; a name not found there is then asked of
 * the C library (NSS: LDAP, systemd-userdb...) unless built with SV_STATIC.
 */
#ifndef SV_UIDGID_H
#define SV_UIDGID_H

#include <stddef.h>
#include <sys/types.h>

/* runit's limit on the number of groups a spec may list */
#define UIDGID_MAXGIDS 60

typedef struct uidgid_s uidgid ;
struct uidgid_s
{
  uid_t uid ;
  gid_t gid ;                        /* the primary group: gids[0] */
  unsigned int ngids ;               /* 1 .. UIDGID_MAXGIDS */
  gid_t gids[UIDGID_MAXGIDS] ;       /* the supplementary groups to set */
} ;

/* where names are looked up; the tests point these at sample files */
typedef struct uidgid_db_s uidgid_db ;
struct uidgid_db_s
{
  char const *passwd ;               /* a passwd(5) file */
  char const *group ;                /* a group(5) file */
  int nss ;                          /* nonzero: ask getpwnam/getgrnam when not in the files */
} ;
extern uidgid_db const uidgid_db_system ;   /* /etc/passwd, /etc/group, NSS */

/* uidgid_passwd_file: the uid and gid of NAME (LEN bytes) in a passwd file;
   1 found, 0 not there (also when the file does not exist), -1 error (errno) */
extern int uidgid_passwd_file (char const *file, char const *name, size_t len, uid_t *uid, gid_t *gid) ;

/* uidgid_group_file: the gid of group NAME (LEN bytes) in a group file; as above */
extern int uidgid_group_file (char const *file, char const *name, size_t len, gid_t *gid) ;

/* uidgid_user: NAME's uid and gid, from DB's passwd file then NSS; 1, 0 unknown, -1 error */
extern int uidgid_user (uidgid_db const *db, char const *name, size_t len, uid_t *uid, gid_t *gid) ;

/* uidgid_group: group NAME's gid, from DB's group file then NSS; 1, 0 unknown, -1 error */
extern int uidgid_group (uidgid_db const *db, char const *name, size_t len, gid_t *gid) ;

/* uidgid_scan_ids: the numeric form without its colon, "uid:gid[:gid...]",
   every field a plain decimal that fits; 1, or 0 (EINVAL) if malformed */
extern int uidgid_scan_ids (char const *s, uidgid *u) ;

/* uidgid_get: resolve a whole -u/-U spec. Name form: uid and gid from the
   user's entry and groups := that gid alone, or, when groups are listed,
   gid := the first and groups := all of them. Returns 1; 0 when the spec is
   invalid (numeric form, errno EINVAL) or names an unknown user or group
   (errno 0); -1 when a database could not be read (errno). */
extern int uidgid_get (uidgid_db const *db, char const *spec, uidgid *u) ;

/* uidgid_account: the plain account form of setuidgid/envuidgid (a name,
   no groups, no numbers): groups := the user's gid. Returns as uidgid_get. */
extern int uidgid_account (uidgid_db const *db, char const *name, uidgid *u) ;

#endif
