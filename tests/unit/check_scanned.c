/* check_scanned.c - the scan table: what a service is, what is skipped, warned, kept. */
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "checkmain.h"
#include "scanned.h"

static unsigned int nwarn_stat, nwarn_full ;
static char lastwarn[256] ;
static int lasterr ;

/* warn: counts what scanned_dir reports */
static void warn (int what, char const *name, int e)
{
  if (what == SCANNED_WARN_STAT) nwarn_stat++ ;
  else nwarn_full++ ;
  snprintf(lastwarn, sizeof(lastwarn), "%s", name) ;
  lasterr = e ;
}

/* idx: the entry named NAME, or -1 */
static int idx (scanned const *t, char const *name)
{
  for (unsigned int i = 0 ; i < scanned_n(t) ; i++)
    if (!strcmp(scanned_at(t, i)->name, name)) return (int)i ;
  return -1 ;
}

/* seen: NAME is in the table and was found by the last scan */
static int seen (scanned const *t, char const *name)
{
  int i = idx(t, name) ;
  return i >= 0 && scanned_at(t, i)->seen ;
}

static void mkd (char const *path)
{
  ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path, strerror(errno)) ;
}

static void mkf (char const *path)
{
  FILE *f = fopen(path, "w") ;
  ck_assert_ptr_nonnull(f) ;
  fclose(f) ;
}

START_TEST(test_dirs_links_skips)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ; mkd("d/b") ; mkd("d/.hidden") ; mkd("outside") ;
  mkf("d/file") ;
  ck_assert_int_eq(symlink("../outside", "d/link"), 0) ;
  ck_assert_int_eq(symlink("file", "d/filelink"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 3) ;
  ck_assert(seen(&t, "a") && seen(&t, "b") && seen(&t, "link")) ;
  ck_assert_int_eq(idx(&t, ".hidden"), -1) ;
  ck_assert_int_eq(idx(&t, "file"), -1) ;
  ck_assert_int_eq(idx(&t, "filelink"), -1) ;
  ck_assert_uint_eq(nwarn_stat + nwarn_full, 0) ;
  for (unsigned int i = 0 ; i < 3 ; i++)
  {
    ck_assert_int_eq(scanned_at(&t, i)->pid, 0) ;
    ck_assert(!scanned_at(&t, i)->removed) ;
  }
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_two_names_one_service)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ;
  ck_assert_int_eq(symlink("a", "d/alias"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_removed_entry_unseen)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ; mkd("d/b") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_int_eq(rmdir("d/b"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 2) ;  /* the caller decides what to do with it */
  ck_assert(seen(&t, "a")) ;
  ck_assert(!seen(&t, "b")) ;
  /* renaming to a dot-name disables it the same way */
  ck_assert_int_eq(rename("d/a", "d/.a"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert(!seen(&t, "a")) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_rename_keeps_service)
{
  scanned t = SCANNED_ZERO ;
  scanned_entry *e ;
  mkd("d") ; mkd("d/a") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  scanned_at(&t, 0)->pid = 4242 ;
  ck_assert_int_eq(rename("d/a", "d/z"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1) ;
  e = scanned_at(&t, 0) ;
  ck_assert_str_eq(e->name, "z") ;
  ck_assert_int_eq(e->pid, 4242) ;
  ck_assert(e->seen) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_replaced_is_new)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ; mkd("other") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  /* the new directory exists before the old one goes: its inode differs */
  ck_assert_int_eq(rename("d/a", "old"), 0) ;
  ck_assert_int_eq(symlink("../other", "d/a"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 2) ;
  ck_assert(!scanned_at(&t, 0)->seen) ;
  ck_assert(scanned_at(&t, 1)->seen) ;
  ck_assert_str_eq(scanned_at(&t, 1)->name, "a") ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_dangling_warned_once)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ;
  ck_assert_int_eq(symlink("../target", "d/dangle"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(nwarn_stat, 1) ;
  ck_assert_str_eq(lastwarn, "dangle") ;
  ck_assert_int_eq(lasterr, ENOENT) ;
  for (int i = 0 ; i < 3 ; i++) ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(nwarn_stat, 1) ;
  ck_assert_uint_eq(scanned_n(&t), 0) ;
  /* fixed: it is a service; broken again: said again, once */
  mkd("target") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1) ;
  ck_assert(seen(&t, "dangle")) ;
  ck_assert_int_eq(rmdir("target"), 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(nwarn_stat, 2) ;
  ck_assert(!seen(&t, "dangle")) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_unreadable_dir_keeps_table)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  errno = 0 ;
  ck_assert_int_eq(scanned_dir(&t, "missing", &warn), 0) ;
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_uint_eq(scanned_n(&t), 1) ;
  ck_assert(seen(&t, "a")) ;
  mkf("notadir") ;
  ck_assert_int_eq(scanned_dir(&t, "notadir", &warn), 0) ;
  ck_assert_int_eq(errno, ENOTDIR) ;
  ck_assert(seen(&t, "a")) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_removed_entries_do_not_match)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/a") ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  scanned_at(&t, 0)->pid = 100 ;
  scanned_at(&t, 0)->removed = 1 ;  /* its runsv was told to stop; the name came back */
  ck_assert_int_eq(scanned_find(&t, scanned_at(&t, 0)->dev, scanned_at(&t, 0)->ino), -1) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 2) ;
  ck_assert_int_eq(scanned_at(&t, 1)->pid, 0) ;
  ck_assert_int_eq(scanned_find(&t, scanned_at(&t, 0)->dev, scanned_at(&t, 0)->ino), 1) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_find_remove_sort)
{
  scanned t = SCANNED_ZERO ;
  char const *names[] = { "m", "c", "x", "a" } ;
  mkd("d") ;
  for (unsigned int i = 0 ; i < 4 ; i++)
  {
    char p[16] ;
    snprintf(p, sizeof(p), "d/%s", names[i]) ;
    mkd(p) ;
  }
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 4) ;
  for (unsigned int i = 0 ; i < 4 ; i++) scanned_at(&t, i)->pid = (pid_t)(1000 + i) ;
  ck_assert_int_eq(scanned_find_pid(&t, 1002), 2) ;
  ck_assert_int_eq(scanned_find_pid(&t, 999), -1) ;
  ck_assert_int_eq(scanned_find_pid(&t, 0), -1) ;
  scanned_remove(&t, 0) ;  /* the last one takes its place */
  ck_assert_uint_eq(scanned_n(&t), 3) ;
  ck_assert_int_eq(scanned_find_pid(&t, 1003), 0) ;
  ck_assert_int_eq(scanned_find_pid(&t, 1000), -1) ;
  scanned_sort(&t) ;
  for (unsigned int i = 1 ; i < scanned_n(&t) ; i++)
    ck_assert(strcmp(scanned_at(&t, i - 1)->name, scanned_at(&t, i)->name) < 0) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_more_than_runit_limit)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ;
  for (unsigned int i = 0 ; i < 1500 ; i++)
  {
    char p[32] ;
    snprintf(p, sizeof(p), "d/s%u", i) ;
    mkd(p) ;
  }
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1500) ;
  ck_assert_uint_eq(nwarn_full, 0) ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_uint_eq(scanned_n(&t), 1500) ;
  scanned_free(&t) ;
}
END_TEST

START_TEST(test_fstype)
{
  ck_assert(scanned_fstype_local(0xEF53)) ;      /* ext4 */
  ck_assert(scanned_fstype_local(0x01021994)) ;  /* tmpfs */
  ck_assert(scanned_fstype_local(0x794C7630)) ;  /* overlay */
  ck_assert(!scanned_fstype_local(0x6969)) ;     /* nfs */
  ck_assert(!scanned_fstype_local(0x65735546)) ; /* fuse */
  ck_assert(!scanned_fstype_local(0xFF534D42)) ; /* cifs */
  ck_assert(!scanned_fstype_local(0x01021997)) ; /* 9p */
  ck_assert(!scanned_fstype_local(0)) ;
}
END_TEST

START_TEST(test_path_symlinked)
{
  char cwd[4096], abs[4200] ;
  mkd("real") ; mkd("real/sub") ;
  ck_assert_int_eq(symlink("real", "link"), 0) ;
  ck_assert_int_eq(scanned_path_symlinked("real/sub"), 0) ;
  ck_assert_int_eq(scanned_path_symlinked("real//sub/"), 0) ;
  ck_assert_int_eq(scanned_path_symlinked("./real/sub"), 0) ;
  ck_assert_int_eq(scanned_path_symlinked("link/sub"), 1) ;
  ck_assert_int_eq(scanned_path_symlinked("link"), 1) ;
  ck_assert_int_eq(scanned_path_symlinked("link/"), 1) ;
  ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd))) ;
  snprintf(abs, sizeof(abs), "%s/real/sub", cwd) ;
  /* the test's temp dir may itself sit below a symlink (e.g. /tmp); compare with realpath */
  {
    char rp[4096] ;
    ck_assert_ptr_nonnull(realpath(abs, rp)) ;
    ck_assert_int_eq(scanned_path_symlinked(rp), 0) ;
  }
  ck_assert_int_eq(scanned_path_symlinked("/"), 0) ;
  errno = 0 ;
  ck_assert_int_eq(scanned_path_symlinked("real/missing"), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
}
END_TEST

/* count: the test's count function: N instances, or keep (-1) */
static int ncount = 0 ;
static int count (int dfd, char const *tname, unsigned int *n)
{
  (void)dfd ; (void)tname ;
  if (ncount < 0) return 0 ;
  *n = (unsigned int)ncount ;
  return 1 ;
}

START_TEST(test_templates_and_instances)
{
  scanned t = SCANNED_ZERO ;
  mkd("d") ; mkd("d/worker@") ; mkd("d/web") ; mkd("d/plain@x") ;
  ck_assert_int_eq(symlink("worker@", "d/worker@x"), 0) ;
  ck_assert_int_eq(symlink("worker@", "d/worker@2"), 0) ;  /* a link to a generated name */
  ck_assert_int_eq(symlink("web", "d/worker@y"), 0) ;      /* leads elsewhere: web's second name */
  /* no count function: links only, never the template */
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert_int_eq(idx(&t, "worker@"), -1) ;
  ck_assert(seen(&t, "worker@x") && seen(&t, "worker@2") && seen(&t, "plain@x")) ;
  ck_assert_uint_eq(scanned_at(&t, idx(&t, "worker@x"))->instance, SCANNED_LINK) ;
  ck_assert_uint_eq(scanned_at(&t, idx(&t, "plain@x"))->instance, 0) ;
  ck_assert_uint_eq(scanned_n(&t), 4) ;  /* worker@x, worker@2, web (or worker@y), plain@x */
  /* three generated: worker@2 stays one service */
  t.count = &count ; ncount = 3 ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert(seen(&t, "worker@1") && seen(&t, "worker@2") && seen(&t, "worker@3") && seen(&t, "worker@x")) ;
  ck_assert_uint_eq(scanned_n(&t), 6) ;
  ck_assert_uint_eq(scanned_at(&t, idx(&t, "worker@3"))->instance, SCANNED_GENERATED) ;
  {
    scanned_entry const *a = scanned_at(&t, idx(&t, "worker@1")), *b = scanned_at(&t, idx(&t, "worker@3")) ;
    ck_assert(a->dev == b->dev && a->ino == b->ino) ;  /* the template's, told apart by name */
    ck_assert_int_eq(scanned_find_instance(&t, a->dev, a->ino, "worker@3"), idx(&t, "worker@3")) ;
    ck_assert_int_eq(scanned_find(&t, a->dev, a->ino), -1) ;
  }
  /* a bad value: kept as they were */
  ncount = -1 ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert(seen(&t, "worker@1") && seen(&t, "worker@3")) ;
  /* fewer: worker@3 unseen; worker@2 is still a link */
  ncount = 1 ;
  ck_assert_int_eq(scanned_dir(&t, "d", &warn), 1) ;
  ck_assert(seen(&t, "worker@1") && seen(&t, "worker@2") && !seen(&t, "worker@3")) ;
  scanned_free(&t) ;
}
END_TEST

CHECK_MAIN("scanned", test_dirs_links_skips, test_two_names_one_service, test_removed_entry_unseen,
  test_rename_keeps_service, test_replaced_is_new, test_dangling_warned_once,
  test_unreadable_dir_keeps_table, test_removed_entries_do_not_match, test_find_remove_sort,
  test_more_than_runit_limit, test_fstype, test_path_symlinked, test_templates_and_instances)
