/* uidgid.c - user and group specs, account lookup in files then NSS (see uidgid.h). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <grp.h>
#include <pwd.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "uidgid.h"

uidgid_db const uidgid_db_system = { .passwd = "/etc/passwd", .group = "/etc/group", .nss = 1 } ;

/* field: the I-th ':'-separated field of line S (N bytes) into *F, *FLEN; 0 if absent */
static int field (char const *s, size_t n, unsigned int i, char const **f, size_t *flen)
{
  size_t start = 0 ;
  for (;;)
  {
    char const *c = memchr(s + start, ':', n - start) ;
    size_t end = c ? (size_t)(c - s) : n ;
    if (!i--)
    {
      *f = s + start ;
      *flen = end - start ;
      return 1 ;
    }
    if (!c) return 0 ;
    start = end + 1 ;
  }
}

/* scan_id: a whole field of decimal digits that fits in 32 bits. The field
   is not NUL-terminated, but what ends it (':', '\n', or the NUL after the
   buffer) is never a digit, so uint32_scan stops there: a scan that stops
   early (a non-digit, or a digit that would overflow) is a bad field. */
static int scan_id (char const *s, size_t n, uint32_t *id)
{
  uint32_t x ;
  if (!n || uint32_scan(s, &x) != n) return 0 ;
  *id = x ;
  return 1 ;
}

/* dbfind: in a ':'-separated FILE, the first line whose field 0 is NAME;
   copies the numeric fields I1 (and I2 if ID2) out of it. Malformed lines
   and NIS "+"/"-" entries are skipped, as the C library does. */
static int dbfind (char const *file, char const *name, size_t len, unsigned int i1, uint32_t *id1, unsigned int i2, uint32_t *id2)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t pos = 0 ;
  int r = 0 ;
  if (!len || memchr(name, ':', len) || memchr(name, '\n', len)) return 0 ;
  if (!openslurpclose(&sa, file)) return errno == ENOENT ? 0 : -1 ;
  /* a NUL after the last line, for scan_id; not counted in sa.len */
  if (!stralloc_0(&sa))
  {
    stralloc_free(&sa) ;
    return -1 ;
  }
  sa.len-- ;
  while (pos < sa.len)
  {
    char const *line = sa.s + pos ;
    char const *nl = memchr(line, '\n', sa.len - pos) ;
    size_t n = nl ? (size_t)(nl - line) : sa.len - pos ;
    char const *f ;
    size_t flen ;
    pos += n + 1 ;
    if (n <= len || line[len] != ':' || memcmp(line, name, len)) continue ;
    if (!field(line, n, i1, &f, &flen) || !scan_id(f, flen, id1)) continue ;
    if (id2 && (!field(line, n, i2, &f, &flen) || !scan_id(f, flen, id2))) continue ;
    r = 1 ;
    break ;
  }
  stralloc_free(&sa) ;
  return r ;
}

int uidgid_passwd_file (char const *file, char const *name, size_t len, uid_t *uid, gid_t *gid)
{
  uint32_t u, g ;
  int r = dbfind(file, name, len, 2, &u, 3, &g) ;
  if (r > 0)
  {
    *uid = (uid_t)u ;
    *gid = (gid_t)g ;
  }
  return r ;
}

int uidgid_group_file (char const *file, char const *name, size_t len, gid_t *gid)
{
  uint32_t g ;
  int r = dbfind(file, name, len, 2, &g, 0, 0) ;
  if (r > 0) *gid = (gid_t)g ;
  return r ;
}

#ifndef SV_STATIC
/* cstring: NAME (LEN bytes) NUL-terminated in BUF (256) for the C library; 0 if too long for a name */
static int cstring (char *buf, char const *name, size_t len)
{
  if (!len || len > 255 || memchr(name, 0, len)) return 0 ;
  memcpy(buf, name, len) ;
  buf[len] = 0 ;
  return 1 ;
}
#endif

int uidgid_user (uidgid_db const *db, char const *name, size_t len, uid_t *uid, gid_t *gid)
{
  int r = uidgid_passwd_file(db->passwd, name, len, uid, gid) ;
#ifndef SV_STATIC
  if (!r && db->nss)
  {
    char buf[256] ;
    struct passwd *pw ;
    if (!cstring(buf, name, len)) return 0 ;
    pw = getpwnam(buf) ;
    if (!pw) return 0 ;
    *uid = pw->pw_uid ;
    *gid = pw->pw_gid ;
    return 1 ;
  }
#endif
  return r ;
}

int uidgid_group (uidgid_db const *db, char const *name, size_t len, gid_t *gid)
{
  int r = uidgid_group_file(db->group, name, len, gid) ;
#ifndef SV_STATIC
  if (!r && db->nss)
  {
    char buf[256] ;
    struct group *gr ;
    if (!cstring(buf, name, len)) return 0 ;
    gr = getgrnam(buf) ;
    if (!gr) return 0 ;
    *gid = gr->gr_gid ;
    return 1 ;
  }
#endif
  return r ;
}

int uidgid_scan_ids (char const *s, uidgid *u)
{
  size_t n = strlen(s) ;
  char const *f ;
  size_t flen ;
  uint32_t id ;
  unsigned int i = 0 ;
  if (!field(s, n, 0, &f, &flen) || !scan_id(f, flen, &id)) goto bad ;
  u->uid = (uid_t)id ;
  u->ngids = 0 ;
  while (field(s, n, ++i, &f, &flen))
  {
    if (u->ngids >= UIDGID_MAXGIDS || !scan_id(f, flen, &id)) goto bad ;
    u->gids[u->ngids++] = (gid_t)id ;
  }
  if (!u->ngids) goto bad ;
  u->gid = u->gids[0] ;
  return 1 ;
 bad:
  errno = EINVAL ;
  return 0 ;
}

int uidgid_get (uidgid_db const *db, char const *spec, uidgid *u)
{
  size_t n ;
  unsigned int i = 0 ;
  char const *f ;
  size_t flen ;
  int r ;
  if (*spec == ':') return uidgid_scan_ids(spec + 1, u) ;
  n = strlen(spec) ;
  field(spec, n, 0, &f, &flen) ;
  r = uidgid_user(db, f, flen, &u->uid, &u->gid) ;
  if (r <= 0) goto out ;
  u->ngids = 0 ;
  while (field(spec, n, ++i, &f, &flen))
  {
    if (u->ngids >= UIDGID_MAXGIDS) return (errno = E2BIG, 0) ;
    r = uidgid_group(db, f, flen, &u->gids[u->ngids]) ;
    if (r <= 0) goto out ;
    u->ngids++ ;
  }
  if (u->ngids) u->gid = u->gids[0] ;
  else u->gids[u->ngids++] = u->gid ;
  return 1 ;
 out:
  if (!r) errno = 0 ;
  return r ;
}

int uidgid_account (uidgid_db const *db, char const *name, uidgid *u)
{
  int r = uidgid_user(db, name, strlen(name), &u->uid, &u->gid) ;
  if (r <= 0)
  {
    if (!r) errno = 0 ;
    return r ;
  }
  u->ngids = 1 ;
  u->gids[0] = u->gid ;
  return 1 ;
}
