/* check_uidgid.c - user:group specs and the passwd/group file reader, on sample files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "checkmain.h"
#include "uidgid.h"

/* put: write TEXT into FILE */
static void put (char const *file, char const *text)
{
  FILE *f = fopen(file, "w") ;
  ck_assert_ptr_nonnull(f) ;
  ck_assert_int_eq(fputs(text, f) >= 0, 1) ;
  ck_assert_int_eq(fclose(f), 0) ;
}

/* the sample databases: files only, no NSS, so the host's accounts never leak in */
static uidgid_db const db = { .passwd = "passwd", .group = "group", .nss = 0 } ;

static void samples (void)
{
  put("passwd",
      "root:x:0:0:root:/root:/bin/sh\n"
      "# not a comment to the C library, just a line that never matches\n"
      "+nis::::::\n"
      "broken:x:12a:5::/:/bin/sh\n"
      "short:x:7\n"
      "big:x:4294967296:1::/:/bin/sh\n"
      "app:x:1001:1002:App:/srv/app:/bin/sh\n"
      "app:x:2001:2002:second entry, ignored:/:/bin/sh\n"
      "max:x:4294967295:4294967294::/:/bin/sh\n"
      "last:x:77:88::/:/bin/sh") ;   /* no newline at the end */
  put("group",
      "root:x:0:\n"
      "daemon:x:1:\n"
      "adm:x:4:app,other\n"
      "bad:x::\n"
      "web:x:33:\n"
      "tail:x:99") ;
}

START_TEST(test_passwd_file)
{
  uid_t u = 9 ;
  gid_t g = 9 ;
  samples() ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "app", 3, &u, &g), 1) ;
  ck_assert_uint_eq(u, 1001) ;
  ck_assert_uint_eq(g, 1002) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "root", 4, &u, &g), 1) ;
  ck_assert_uint_eq(u, 0) ;
  ck_assert_uint_eq(g, 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "max", 3, &u, &g), 1) ;
  ck_assert_uint_eq(u, 4294967295u) ;
  ck_assert_uint_eq(g, 4294967294u) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "last", 4, &u, &g), 1) ;
  ck_assert_uint_eq(u, 77) ;
  ck_assert_uint_eq(g, 88) ;
  /* a name is matched whole, with its length: "appx" is not "app" */
  ck_assert_int_eq(uidgid_passwd_file("passwd", "appx", 3, &u, &g), 1) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "ap", 2, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "appx", 4, &u, &g), 0) ;
}
END_TEST

START_TEST(test_passwd_malformed)
{
  uid_t u = 9 ;
  gid_t g = 9 ;
  samples() ;
  /* bad numbers, overflow, missing fields, NIS entries: skipped, never read as 0 */
  ck_assert_int_eq(uidgid_passwd_file("passwd", "broken", 6, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "big", 3, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "short", 5, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "+nis", 4, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "", 0, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("passwd", "root:x", 6, &u, &g), 0) ;
  ck_assert_uint_eq(u, 9) ;
  ck_assert_uint_eq(g, 9) ;
}
END_TEST

START_TEST(test_missing_files)
{
  uid_t u ;
  gid_t g ;
  /* no file: nobody is there (a scratch container), not an error */
  ck_assert_int_eq(uidgid_passwd_file("nonexistent", "root", 4, &u, &g), 0) ;
  ck_assert_int_eq(uidgid_group_file("nonexistent", "root", 4, &g), 0) ;
  /* a directory cannot be read: an error */
  ck_assert_int_eq(mkdir("dir", 0700), 0) ;
  ck_assert_int_eq(uidgid_passwd_file("dir", "root", 4, &u, &g), -1) ;
}
END_TEST

START_TEST(test_group_file)
{
  gid_t g = 9 ;
  samples() ;
  ck_assert_int_eq(uidgid_group_file("group", "adm", 3, &g), 1) ;
  ck_assert_uint_eq(g, 4) ;
  ck_assert_int_eq(uidgid_group_file("group", "tail", 4, &g), 1) ;
  ck_assert_uint_eq(g, 99) ;
  ck_assert_int_eq(uidgid_group_file("group", "bad", 3, &g), 0) ;
  ck_assert_int_eq(uidgid_group_file("group", "app", 3, &g), 0) ;   /* members are not groups */
}
END_TEST

START_TEST(test_scan_ids)
{
  uidgid u ;
  ck_assert_int_eq(uidgid_scan_ids("1000:2000:3000", &u), 1) ;
  ck_assert_uint_eq(u.uid, 1000) ;
  ck_assert_uint_eq(u.gid, 2000) ;
  ck_assert_uint_eq(u.ngids, 2) ;
  ck_assert_uint_eq(u.gids[0], 2000) ;
  ck_assert_uint_eq(u.gids[1], 3000) ;
  ck_assert_int_eq(uidgid_scan_ids("0:0", &u), 1) ;
  ck_assert_uint_eq(u.uid, 0) ;
  ck_assert_uint_eq(u.ngids, 1) ;
  ck_assert_int_eq(uidgid_scan_ids("4294967295:4294967295", &u), 1) ;
  ck_assert_uint_eq(u.uid, 4294967295u) ;
  /* leading zeros are digits like any other (runit agrees) */
  ck_assert_int_eq(uidgid_scan_ids("0001000:00044", &u), 1) ;
  ck_assert_uint_eq(u.uid, 1000) ;
  ck_assert_uint_eq(u.gid, 44) ;
}
END_TEST

START_TEST(test_scan_ids_bad)
{
  /* runit reads empty fields as 0 and wraps on overflow: root by accident; we refuse */
  static char const *const bad[] =
  {
    "", "65534", "1000:", ":1", "1000::2", "x:1", "1:1x", "-1:1", "+1:1", " 1:1",
    "4294967296:1", "1:4294967296", "1:2:", "42949672950:1", "1:42949672950",
    "99999999999999999999:1", 0
  } ;
  uidgid u ;
  for (unsigned int i = 0 ; bad[i] ; i++)
  {
    errno = 0 ;
    ck_assert_msg(!uidgid_scan_ids(bad[i], &u), "accepted [%s]", bad[i]) ;
    ck_assert_int_eq(errno, EINVAL) ;
  }
}
END_TEST

START_TEST(test_scan_ids_maxgroups)
{
  char s[1024] = "5" ;
  uidgid u ;
  for (unsigned int i = 1 ; i <= UIDGID_MAXGIDS ; i++) sprintf(s + strlen(s), ":%u", i) ;
  ck_assert_int_eq(uidgid_scan_ids(s, &u), 1) ;
  ck_assert_uint_eq(u.ngids, UIDGID_MAXGIDS) ;
  ck_assert_uint_eq(u.gids[UIDGID_MAXGIDS - 1], UIDGID_MAXGIDS) ;
  strcat(s, ":61") ;
  ck_assert_int_eq(uidgid_scan_ids(s, &u), 0) ;
}
END_TEST

START_TEST(test_get_names)
{
  uidgid u ;
  samples() ;
  /* user alone: its gid is the only group (no initgroups) */
  ck_assert_int_eq(uidgid_get(&db, "app", &u), 1) ;
  ck_assert_uint_eq(u.uid, 1001) ;
  ck_assert_uint_eq(u.gid, 1002) ;
  ck_assert_uint_eq(u.ngids, 1) ;
  ck_assert_uint_eq(u.gids[0], 1002) ;
  /* user:group:group: the first group is the gid, all of them are the groups */
  ck_assert_int_eq(uidgid_get(&db, "app:web:adm:daemon", &u), 1) ;
  ck_assert_uint_eq(u.uid, 1001) ;
  ck_assert_uint_eq(u.gid, 33) ;
  ck_assert_uint_eq(u.ngids, 3) ;
  ck_assert_uint_eq(u.gids[1], 4) ;
  ck_assert_uint_eq(u.gids[2], 1) ;
  /* numeric form */
  ck_assert_int_eq(uidgid_get(&db, ":5:6:7", &u), 1) ;
  ck_assert_uint_eq(u.uid, 5) ;
  ck_assert_uint_eq(u.gid, 6) ;
  ck_assert_uint_eq(u.ngids, 2) ;
}
END_TEST

START_TEST(test_get_unknown)
{
  static char const *const unknown[] = { "nosuch", "app:nosuch", "app:", "app:web:", "", "1001", "app:4", 0 } ;
  uidgid u ;
  samples() ;
  for (unsigned int i = 0 ; unknown[i] ; i++)
  {
    errno = 7 ;
    ck_assert_msg(!uidgid_get(&db, unknown[i], &u), "found [%s]", unknown[i]) ;
    ck_assert_int_eq(errno, 0) ;
  }
  errno = 0 ;
  ck_assert_int_eq(uidgid_get(&db, ":65534", &u), 0) ;
  ck_assert_int_eq(errno, EINVAL) ;
}
END_TEST

START_TEST(test_get_too_many_groups)
{
  char s[1024] = "app" ;
  uidgid u ;
  samples() ;
  for (unsigned int i = 0 ; i < UIDGID_MAXGIDS ; i++) strcat(s, ":web") ;
  ck_assert_int_eq(uidgid_get(&db, s, &u), 1) ;
  ck_assert_uint_eq(u.ngids, UIDGID_MAXGIDS) ;
  strcat(s, ":web") ;   /* runit silently drops the 61st; we refuse */
  ck_assert_int_eq(uidgid_get(&db, s, &u), 0) ;
  ck_assert_int_eq(errno, E2BIG) ;
}
END_TEST

START_TEST(test_account)
{
  uidgid u ;
  samples() ;
  ck_assert_int_eq(uidgid_account(&db, "app", &u), 1) ;
  ck_assert_uint_eq(u.uid, 1001) ;
  ck_assert_uint_eq(u.gid, 1002) ;
  ck_assert_uint_eq(u.ngids, 1) ;
  /* setuidgid/envuidgid take a plain account name: no groups, no numbers */
  ck_assert_int_eq(uidgid_account(&db, "app:web", &u), 0) ;
  ck_assert_int_eq(uidgid_account(&db, ":1001:1002", &u), 0) ;
}
END_TEST

START_TEST(test_unreadable_db)
{
  uidgid u ;
  uidgid_db const dirdb = { .passwd = "dir", .group = "group", .nss = 0 } ;
  ck_assert_int_eq(mkdir("dir", 0700), 0) ;
  errno = 0 ;
  ck_assert_int_eq(uidgid_get(&dirdb, "app", &u), -1) ;
  ck_assert_int_ne(errno, 0) ;
  ck_assert_int_eq(uidgid_account(&dirdb, "app", &u), -1) ;
}
END_TEST

CHECK_MAIN("uidgid", test_passwd_file, test_passwd_malformed, test_missing_files, test_group_file,
           test_scan_ids, test_scan_ids_bad, test_scan_ids_maxgroups, test_get_names,
           test_get_unknown, test_get_too_many_groups, test_account, test_unreadable_db)
