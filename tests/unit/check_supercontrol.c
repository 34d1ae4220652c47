/* check_supercontrol.c - liveness through supervise/ok and command delivery. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "checkmain.h"
#include "supercontrol.h"

static void make_supervise (void)
{
  ck_assert_int_eq(mkdir("svc", 0700), 0) ;
  ck_assert_int_eq(mkdir("svc/supervise", 0700), 0) ;
  ck_assert_int_eq(mkfifo("svc/supervise/ok", 0600), 0) ;
  ck_assert_int_eq(mkfifo("svc/supervise/control", 0600), 0) ;
}

START_TEST(test_no_supervise_dir)
{
  errno = 0 ;
  ck_assert_int_eq(supercontrol_alive("nosuch"), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_int_eq(supercontrol_send("nosuch", "u", 1), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
}
END_TEST

START_TEST(test_not_running_is_enxio)
{
  make_supervise() ;
  errno = 0 ;
  ck_assert_int_eq(supercontrol_alive("svc"), 0) ;
  ck_assert_int_eq(errno, ENXIO) ;
  ck_assert_int_eq(supercontrol_send("svc", "d", 1), 0) ;
  ck_assert_int_eq(errno, ENXIO) ;
}
END_TEST

/* play_runsv: make svc/supervise and hold its FIFOs' read ends, as runsv
   does; returns the control fd */
static int play_runsv (void)
{
  int ok, ctl ;
  make_supervise() ;
  ok = open_read("svc/supervise/ok") ;
  ctl = open_read("svc/supervise/control") ;
  ck_assert_int_ge(ok, 0) ;
  ck_assert_int_ge(ctl, 0) ;
  return ctl ;
}

START_TEST(test_alive_and_send)
{
  char buf[8] ;
  int ctl = play_runsv() ;
  ck_assert_int_eq(supercontrol_alive("svc"), 1) ;
  ck_assert_int_eq(supercontrol_send("svc", "tcu", 3), 1) ;
  ck_assert_int_eq(fd_read(ctl, buf, sizeof(buf)), 3) ;
  ck_assert_mem_eq(buf, "tcu", 3) ;
  /* relative to the cwd when dir is 0 */
  ck_assert_int_eq(chdir("svc"), 0) ;
  ck_assert_int_eq(supercontrol_alive(0), 1) ;
  ck_assert_int_eq(supercontrol_send("", "x", 1), 1) ;
  ck_assert_int_eq(fd_read(ctl, buf, sizeof(buf)), 1) ;
  ck_assert_int_eq(buf[0], 'x') ;
}
END_TEST

START_TEST(test_short_write)
{
  char big[70000] ;
  play_runsv() ;
  memset(big, 'u', sizeof(big)) ;
  /* more than a pipe holds: the write is cut short, and says so */
  ck_assert_int_eq(supercontrol_send("svc", big, sizeof(big)), -2) ;
}
END_TEST

/* planted files: no write through a link, none into a plain file */
START_TEST(test_planted)
{
  char buf[8] ;
  ck_assert_int_eq(mkdir("svc", 0700), 0) ;
  ck_assert_int_eq(mkdir("svc/supervise", 0700), 0) ;
  ck_assert(openwritenclose_unsafe("victim", "ab", 2)) ;
  ck_assert_int_eq(symlink("../../victim", "svc/supervise/ok"), 0) ;
  ck_assert_int_eq(symlink("../../victim", "svc/supervise/control"), 0) ;
  errno = 0 ;
  ck_assert_int_eq(supercontrol_alive("svc"), -1) ;
  ck_assert_int_eq(errno, ELOOP) ;
  ck_assert_int_eq(supercontrol_send("svc", "d", 1), -1) ;
  ck_assert_int_eq(errno, ELOOP) ;
  /* a dangling link is as if absent */
  ck_assert_int_eq(unlink("svc/supervise/ok"), 0) ;
  ck_assert_int_eq(symlink("nowhere", "svc/supervise/ok"), 0) ;
  ck_assert_int_eq(supercontrol_alive("svc"), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
  /* plain files: no runsv reads them */
  ck_assert_int_eq(unlink("svc/supervise/ok"), 0) ;
  ck_assert_int_eq(unlink("svc/supervise/control"), 0) ;
  ck_assert(openwritenclose_unsafe("svc/supervise/ok", "ab", 2)) ;
  ck_assert(openwritenclose_unsafe("svc/supervise/control", "ab", 2)) ;
  ck_assert_int_eq(supercontrol_alive("svc"), 0) ;
  ck_assert_int_eq(errno, ENXIO) ;
  ck_assert_int_eq(supercontrol_send("svc", "d", 1), 0) ;
  ck_assert_int_eq(errno, ENXIO) ;
  ck_assert_int_eq(openreadnclose("svc/supervise/control", buf, sizeof(buf)), 2) ;
  ck_assert_mem_eq(buf, "ab", 2) ;
  ck_assert_int_eq(openreadnclose("victim", buf, sizeof(buf)), 2) ;
  ck_assert_mem_eq(buf, "ab", 2) ;
}
END_TEST

START_TEST(test_letters)
{
  ck_assert_uint_eq(strlen(SUPERCONTROL_LETTERS), 14) ;
  for (char const *p = "udopchaiq12tkx" ; *p ; p++) ck_assert_ptr_nonnull(strchr(SUPERCONTROL_LETTERS, *p)) ;
}
END_TEST

CHECK_MAIN("supercontrol", test_no_supervise_dir, test_not_running_is_enxio, test_alive_and_send, test_short_write,
           test_planted, test_letters)
