/* check_errword.c - runit's words for errno values, and the message shape. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "checkmain.h"
#include "errword.h"

START_TEST(test_words)
{
  ck_assert_str_eq(errword(ENOENT), "file does not exist") ;
  ck_assert_str_eq(errword(EACCES), "access denied") ;
  ck_assert_str_eq(errword(EPERM), "permission denied") ;
  ck_assert_str_eq(errword(EAGAIN), "temporary failure") ;
  ck_assert_str_eq(errword(EWOULDBLOCK), "temporary failure") ;
  ck_assert_str_eq(errword(ENXIO), "device not configured") ;
  ck_assert_str_eq(errword(ENODEV), "device does not support operation") ;
  ck_assert_str_eq(errword(ENOTDIR), "not a directory") ;
  ck_assert_str_eq(errword(EISDIR), "is a directory") ;
  ck_assert_str_eq(errword(EEXIST), "file already exists") ;
  ck_assert_str_eq(errword(EROFS), "read-only file system") ;
  ck_assert_str_eq(errword(ENOSPC), "out of disk space") ;
  ck_assert_str_eq(errword(ENOEXEC), "exec format error") ;
  ck_assert_str_eq(errword(ETXTBSY), "text busy") ;
  ck_assert_str_eq(errword(EINTR), "interrupted system call") ;
  ck_assert_str_eq(errword(ENOMEM), "out of memory") ;
  ck_assert_str_eq(errword(EINVAL), "invalid argument") ;
  ck_assert_str_eq(errword(EMFILE), "process cannot open more files") ;
  ck_assert_str_eq(errword(ENFILE), "system cannot open more files") ;
  ck_assert_str_eq(errword(ELOOP), "symbolic link loop") ;
  ck_assert_str_eq(errword(ENAMETOOLONG), "file name too long") ;
  ck_assert_str_eq(errword(ESRCH), "no such process") ;
  ck_assert_str_eq(errword(ECHILD), "no child processes") ;
}
END_TEST

START_TEST(test_unknown)
{
  ck_assert_str_eq(errword(-1), "unknown error") ;
  ck_assert_str_eq(errword(99999), "unknown error") ;
}
END_TEST

/* the child's stderr, as the messages print it */
static size_t child_stderr (char *buf, size_t max, int *wstat, void (*f)(void))
{
  int p[2] ;
  pid_t pid ;
  size_t n ;
  ck_assert_int_eq(pipe(p), 0) ;
  pid = fork() ;
  ck_assert_int_ge(pid, 0) ;
  if (!pid)
  {
    dup2(p[1], 2) ;
    f() ;
    _exit(0) ;
  }
  close(p[1]) ;
  n = allread(p[0], buf, max) ;
  close(p[0]) ;
  waitpid(pid, wstat, 0) ;
  return n ;
}

static void die_enoent (void)
{
  PROG = "runsv svc" ;
  errno = ENOENT ;
  errword_diesys(111, "unable to change to directory") ;
}

static void warn_plain (void)
{
  PROG = "runsv svc" ;
  errword_warn("./log: not a directory.") ;
}

START_TEST(test_message_shape)
{
  char buf[256] ;
  int wstat ;
  size_t n = child_stderr(buf, sizeof(buf), &wstat, &die_enoent) ;
  static char const want[] = "runsv svc: fatal: unable to change to directory: file does not exist\n" ;
  ck_assert_uint_eq(n, sizeof(want) - 1) ;
  ck_assert_mem_eq(buf, want, n) ;
  ck_assert(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 111) ;
  n = child_stderr(buf, sizeof(buf), &wstat, &warn_plain) ;
  static char const want2[] = "runsv svc: warning: ./log: not a directory.\n" ;
  ck_assert_uint_eq(n, sizeof(want2) - 1) ;
  ck_assert_mem_eq(buf, want2, n) ;
  ck_assert(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 0) ;
}
END_TEST

CHECK_MAIN("errword", test_words, test_unknown, test_message_shape)
