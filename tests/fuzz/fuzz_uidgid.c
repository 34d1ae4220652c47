/* fuzz_uidgid.c - chpst's -u/-U specs and setuidgid's account names,
 * looked up in fixed passwd and group files (no NSS, so that the result
 * depends on the input only). */
#include <errno.h>
#include "fuzz.h"
#include "uidgid.h"

static char passwd[128], group[128] ;
static uidgid_db db ;

static void setup (void)
{
  static char const pw[] =
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1::/:/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
    "big:x:4294967294:4294967294::/:\n"
    "bad:x:12x:1::/:\n"
    "short:x:5\n"
    "+nis\n"
    "\n" ;
  static char const gr[] =
    "root:x:0:\n"
    "daemon:x:1:\n"
    "log:x:4:root,daemon\n"
    "nogroup:x:65534:\n"
    "empty::\n"
    "bad:x:-1:\n" ;
  fuzz_writefile(fuzz_path(passwd, "passwd"), pw, sizeof(pw) - 1) ;
  fuzz_writefile(fuzz_path(group, "group"), gr, sizeof(gr) - 1) ;
  db.passwd = passwd ;
  db.group = group ;
  db.nss = 0 ;
}

static void valid (int r, uidgid const *u)
{
  FUZZ_CHECK(r >= -1 && r <= 1) ;
  if (r == 1)
  {
    FUZZ_CHECK(u->ngids >= 1 && u->ngids <= UIDGID_MAXGIDS) ;
    FUZZ_CHECK(u->gid == u->gids[0]) ;
  }
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *spec = fuzz_cstr(data, size) ;
  uidgid u ;
  int r ;
  if (!db.passwd) setup() ;
  memset(&u, 0, sizeof(u)) ;
  r = uidgid_get(&db, spec, &u) ;
  valid(r, &u) ;
  FUZZ_CHECK(r != -1) ;  /* the files are there: no read error */
  memset(&u, 0, sizeof(u)) ;
  r = uidgid_scan_ids(spec, &u) ;
  FUZZ_CHECK(r == 0 || r == 1) ;
  valid(r, &u) ;
  memset(&u, 0, sizeof(u)) ;
  r = uidgid_account(&db, spec, &u) ;
  valid(r, &u) ;
  if (r == 1) FUZZ_CHECK(u.ngids == 1) ;
  free(spec) ;
  return 0 ;
}
