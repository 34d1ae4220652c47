/* check_svspawn.c - children start unblocked, with their fds, dir and session. */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "checkmain.h"
#include "errword.h"
#include "svspawn.h"

/* run_capture: spawn sh -c SCRIPT with stdout into a pipe; returns output length */
static size_t run_capture (char const *script, spawn_opts *o, char *buf, size_t max, int *wstat)
{
  int p[2] ;
  pid_t pid ;
  size_t n ;
  char const *argv[] = { "sh", "-c", script, 0 } ;
  ck_assert_int_eq(pipecoe(p), 0) ;
  o->fd1 = p[1] ;
  pid = spawn("/bin/sh", argv, 0, o) ;
  ck_assert_int_gt(pid, 0) ;
  close(p[1]) ;
  n = allread(p[0], buf, max - 1) ;
  buf[n] = 0 ;
  close(p[0]) ;
  ck_assert_int_eq(waitpid(pid, wstat, 0), pid) ;
  return n ;
}

/* child_status_line: the line of the spawned child's /proc/self/status that
   starts with FIELD, read by grep (a binary: unlike dash, it does not clear
   its signal mask or actions itself) */
static void child_status_line (char const *field, char *buf, size_t max)
{
  spawn_opts o = SPAWN_OPTS_ZERO ;
  int p[2], wstat ;
  pid_t pid ;
  size_t n ;
  char const *argv[] = { "grep", field, "/proc/self/status", 0 } ;
  ck_assert_int_eq(pipecoe(p), 0) ;
  o.fd1 = p[1] ;
  pid = spawn("grep", argv, 0, &o) ;
  ck_assert_int_gt(pid, 0) ;
  close(p[1]) ;
  n = allread(p[0], buf, max - 1) ;
  buf[n] = 0 ;
  close(p[0]) ;
  ck_assert_int_eq(waitpid(pid, &wstat, 0), pid) ;
}

START_TEST(test_signal_mask_is_clean)
{
  sigset_t set ;
  char buf[256] ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGTERM) ;
  sigaddset(&set, SIGCHLD) ;
  ck_assert_int_eq(sigprocmask(SIG_BLOCK, &set, 0), 0) ;
  child_status_line("^SigBlk", buf, sizeof(buf)) ;
  ck_assert_str_eq(buf, "SigBlk:\t0000000000000000\n") ;
}
END_TEST

START_TEST(test_ignored_signals_reset)
{
  /* as under a shell's &: SIGINT and SIGQUIT ignored before the first spawn */
  char buf[256] ;
  signal(SIGINT, SIG_IGN) ;
  signal(SIGQUIT, SIG_IGN) ;
  child_status_line("^SigIgn", buf, sizeof(buf)) ;
  /* SIGINT is bit 1, SIGQUIT bit 2 (glibc's own signals 32 and 33 may show as
     ignored when our parent had them so; libc alone decides about those) */
  ck_assert(!strncmp(buf, "SigIgn:\t", 8)) ;
  ck_assert_int_eq((int)(strtoull(buf + 8, 0, 16) & 0x6), 0) ;
}
END_TEST

START_TEST(test_dir_and_stdin)
{
  spawn_opts o = SPAWN_OPTS_ZERO ;
  char buf[256] ;
  int wstat, in[2] ;
  ck_assert_int_eq(pipecoe(in), 0) ;
  ck_assert_int_eq(write(in[1], "hello\n", 6), 6) ;
  close(in[1]) ;
  o.dir = "/tmp" ;
  o.fd0 = in[0] ;
  run_capture("pwd; cat", &o, buf, sizeof(buf), &wstat) ;
  ck_assert_str_eq(buf, "/tmp\nhello\n") ;
  ck_assert(WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
}
END_TEST

START_TEST(test_close_stdin)
{
  spawn_opts o = SPAWN_OPTS_ZERO ;
  char buf[256] ;
  int wstat ;
  o.fd0 = SPAWN_CLOSE ;
  run_capture("if [ -e /proc/self/fd/0 ] ; then echo open ; else echo closed ; fi", &o, buf, sizeof(buf), &wstat) ;
  ck_assert_str_eq(buf, "closed\n") ;
}
END_TEST

START_TEST(test_setsid)
{
  spawn_opts o = SPAWN_OPTS_ZERO ;
  char buf[256], want[64] ;
  int wstat ;
  pid_t pid ;
  o.setsid = 1 ;
  run_capture("echo $$ $(ps -o sid= -p $$ | tr -d ' ')", &o, buf, sizeof(buf), &wstat) ;
  pid = (pid_t)atoi(buf) ;
  ck_assert_int_gt(pid, 0) ;
  snprintf(want, sizeof(want), "%d %d\n", (int)pid, (int)pid) ;
  ck_assert_str_eq(buf, want) ;
}
END_TEST

START_TEST(test_exec_failure)
{
  spawn_opts o = SPAWN_OPTS_ZERO ;
  int p[2], wstat ;
  pid_t pid ;
  char buf[256] ;
  size_t n ;
  char const *argv[] = { "./run", 0 } ;
  PROG = "runsv svc" ;
  o.what = "./run" ;
  o.failcode = 111 ;
  ck_assert_int_eq(pipe(p), 0) ;
  pid = fork() ;
  if (!pid)
  {
    /* the spawn's child inherits this stderr */
    dup2(p[1], 2) ;
    close(p[0]) ;
    pid = spawn("./run", argv, 0, &o) ;
    if (!pid) _exit(1) ;
    waitpid(pid, &wstat, 0) ;
    _exit(WIFEXITED(wstat) ? WEXITSTATUS(wstat) : 2) ;
  }
  close(p[1]) ;
  n = allread(p[0], buf, sizeof(buf) - 1) ;
  buf[n] = 0 ;
  waitpid(pid, &wstat, 0) ;
  ck_assert_str_eq(buf, "runsv svc: fatal: unable to start ./run: file does not exist\n") ;
  ck_assert_int_eq(WEXITSTATUS(wstat), 111) ;
}
END_TEST

CHECK_MAIN("svspawn", test_signal_mask_is_clean, test_ignored_signals_reset, test_dir_and_stdin, test_close_stdin, test_setsid, test_exec_failure)
