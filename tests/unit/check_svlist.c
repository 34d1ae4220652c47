/* check_svlist.c - the services of a scan directory: which entries, in which order. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include "checkmain.h"
#include "svlist.h"

/* names_are: L holds exactly the N names WANT, in that order */
static void names_are (svlist *l, char const *const *want, unsigned int n)
{
  ck_assert_uint_eq(svlist_n(l), n) ;
  for (unsigned int i = 0 ; i < n ; i++) ck_assert_str_eq(svlist_names(l)[i], want[i]) ;
}

START_TEST(test_entries_and_order)
{
  svlist l = SVLIST_ZERO ;
  static char const *const want[] = { "A", "a", "b", "link", "zz", "z\xc3\xa9" } ;  /* strcmp: bytes unsigned, 0xc3 after z */
  ck_assert_int_eq(mkdir("d", 0755), 0) ;
  /* created out of order: the list is in byte order whatever readdir gives */
  ck_assert_int_eq(mkdir("d/zz", 0755), 0) ;
  ck_assert_int_eq(mkdir("d/b", 0755), 0) ;
  ck_assert_int_eq(mkdir("d/a", 0755), 0) ;
  ck_assert_int_eq(mkdir("d/A", 0755), 0) ;
  ck_assert_int_eq(mkdir("d/z\xc3\xa9", 0755), 0) ;
  ck_assert_int_eq(mkdir("d/.hidden", 0755), 0) ;   /* disabled, as for runsvdir */
  ck_assert_int_eq(mkdir("elsewhere", 0755), 0) ;
  ck_assert_int_eq(symlink("../elsewhere", "d/link"), 0) ;  /* a symlink to a dir counts */
  ck_assert_int_eq(symlink("../nothing", "d/dangling"), 0) ;
  ck_assert_int_eq(symlink("../file", "d/tofile"), 0) ;
  {
    int fd = open("d/plain", O_WRONLY | O_CREAT, 0644) ;
    ck_assert_int_ge(fd, 0) ;
    close(fd) ;
    fd = open("file", O_WRONLY | O_CREAT, 0644) ;
    ck_assert_int_ge(fd, 0) ;
    close(fd) ;
  }
  ck_assert_int_eq(svlist_read(&l, "d"), 1) ;
  names_are(&l, want, sizeof(want) / sizeof(want[0])) ;
  /* read again into the same list: the old names are gone */
  ck_assert_int_eq(rmdir("d/a"), 0) ;
  ck_assert_int_eq(svlist_read(&l, "d"), 1) ;
  ck_assert_uint_eq(svlist_n(&l), 5) ;
  ck_assert_str_eq(svlist_names(&l)[1], "b") ;
  svlist_free(&l) ;
}
END_TEST

START_TEST(test_empty_and_missing)
{
  svlist l = SVLIST_ZERO ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(svlist_read(&l, "e"), 1) ;
  ck_assert_uint_eq(svlist_n(&l), 0) ;
  errno = 0 ;
  ck_assert_int_eq(svlist_read(&l, "missing"), 0) ;
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_uint_eq(svlist_n(&l), 0) ;
  svlist_free(&l) ;
}
END_TEST

CHECK_MAIN("svlist", test_entries_and_order, test_empty_and_missing)
