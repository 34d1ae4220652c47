/* check_replacefile.c - atomic replacement that never writes through a planted link. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include "checkmain.h"
#include "replacefile.h"

START_TEST(test_replace)
{
  char buf[16] ;
  struct stat st ;
  ck_assert(replacefile_write("f", "one", 3)) ;
  ck_assert_int_eq(openreadnclose("f", buf, sizeof(buf)), 3) ;
  ck_assert_mem_eq(buf, "one", 3) ;
  ck_assert(replacefile_write("f", "", 0)) ;
  ck_assert_int_eq(stat("f", &st), 0) ;
  ck_assert_int_eq(st.st_size, 0) ;
  /* a leftover f.new goes */
  ck_assert(openwritenclose_unsafe("f.new", "old", 3)) ;
  ck_assert(replacefile_write("f", "two", 3)) ;
  ck_assert_int_eq(openreadnclose("f", buf, sizeof(buf)), 3) ;
  ck_assert_mem_eq(buf, "two", 3) ;
  ck_assert_int_ne(lstat("f.new", &st), 0) ;
}
END_TEST

START_TEST(test_swapped_in_whole)
{
  char buf[16] ;
  struct stat one, two, sb ;
  int fd ;
  ck_assert(replacefile_write("f", "one", 3)) ;
  ck_assert_int_eq(stat("f", &one), 0) ;
  fd = open("f", O_RDONLY) ;
  ck_assert_int_ge(fd, 0) ;
  ck_assert(replacefile_write("f", "two!", 4)) ;
  /* a new file in its place, the old one gone from the directory (no
     f.new left) but whole for a reader that had it open */
  ck_assert_int_eq(stat("f", &two), 0) ;
  ck_assert_uint_ne(one.st_ino, two.st_ino) ;
  ck_assert_int_ne(lstat("f.new", &sb), 0) ;
  ck_assert_int_eq(read(fd, buf, sizeof(buf)), 3) ;
  ck_assert_mem_eq(buf, "one", 3) ;
  close(fd) ;
  ck_assert_int_eq(openreadnclose("f", buf, sizeof(buf)), 4) ;
  ck_assert_mem_eq(buf, "two!", 4) ;
  /* a link in FN's place is replaced, its target untouched */
  ck_assert(openwritenclose_unsafe("target", "target", 6)) ;
  ck_assert_int_eq(symlink("target", "l"), 0) ;
  ck_assert(replacefile_write("l", "new", 3)) ;
  ck_assert_int_eq(lstat("l", &sb), 0) ;
  ck_assert(S_ISREG(sb.st_mode)) ;
  ck_assert_int_eq(openreadnclose("target", buf, sizeof(buf)), 6) ;
  ck_assert_int_ne(lstat("l.new", &sb), 0) ;
}
END_TEST

START_TEST(test_planted_links)
{
  char buf[16] ;
  struct stat st ;
  ck_assert(openwritenclose_unsafe("victim", "victim", 6)) ;
  /* to an existing file, and dangling: neither target is written or made */
  ck_assert_int_eq(symlink("victim", "f.new"), 0) ;
  ck_assert(replacefile_write("f", "new", 3)) ;
  ck_assert_int_eq(openreadnclose("victim", buf, sizeof(buf)), 6) ;
  ck_assert_mem_eq(buf, "victim", 6) ;
  ck_assert_int_eq(lstat("f", &st), 0) ;
  ck_assert(S_ISREG(st.st_mode)) ;
  ck_assert_int_eq(symlink("made", "g.new"), 0) ;
  ck_assert(replacefile_write("g", "new", 3)) ;
  ck_assert_int_ne(lstat("made", &st), 0) ;
  /* a link at the name itself is replaced, its target untouched */
  ck_assert_int_eq(symlink("victim", "h"), 0) ;
  ck_assert(replacefile_write("h", "new", 3)) ;
  ck_assert_int_eq(lstat("h", &st), 0) ;
  ck_assert(S_ISREG(st.st_mode)) ;
  ck_assert_int_eq(openreadnclose("victim", buf, sizeof(buf)), 6) ;
}
END_TEST

START_TEST(test_errors)
{
  errno = 0 ;
  ck_assert(!replacefile_write("nosuchdir/f", "x", 1)) ;
  ck_assert_int_eq(errno, ENOENT) ;
  /* a directory at NAME: the rename fails, and NAME.new is not left behind */
  {
    struct stat st ;
    ck_assert_int_eq(mkdir("d", 0700), 0) ;
    ck_assert_int_eq(mkdir("d/x", 0700), 0) ;
    ck_assert(!replacefile_write("d", "x", 1)) ;
    ck_assert_int_eq(errno, EISDIR) ;
    ck_assert_int_ne(lstat("d.new", &st), 0) ;
    /* swapped back: the directory and what it holds are where they were */
    ck_assert_int_eq(lstat("d/x", &st), 0) ;
    ck_assert(S_ISDIR(st.st_mode)) ;
  }
}
END_TEST

START_TEST(test_chmodat_never_through_a_link)
{
  struct stat st ;
  int fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0600) ;
  ck_assert_int_ge(fd, 0) ;
  close(fd) ;
  ck_assert(replacefile_chmodat(AT_FDCWD, "f", 0744)) ;
  ck_assert_int_eq(stat("f", &st), 0) ;
  ck_assert_int_eq(st.st_mode & 07777, 0744) ;
  ck_assert_int_eq(chmod("f", 0600), 0) ;
  ck_assert_int_eq(symlink("f", "l"), 0) ;
  ck_assert(!replacefile_chmodat(AT_FDCWD, "l", 0744)) ;
  ck_assert_int_eq(errno, ELOOP) ;
  ck_assert_int_eq(stat("f", &st), 0) ;
  ck_assert_int_eq(st.st_mode & 07777, 0600) ;  /* the target keeps its mode */
  ck_assert(!replacefile_chmodat(AT_FDCWD, "gone", 0744)) ;
  ck_assert_int_eq(errno, ENOENT) ;
}
END_TEST

CHECK_MAIN("replacefile", test_chmodat_never_through_a_link, test_replace, test_swapped_in_whole, test_planted_links, test_errors)
