/* check_forkexec.c - children start unblocked, with their fds, dir and session. */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <skalibs/djbunix.h>
#include <skalibs/allreadwrite.h>
#include "checkmain.h"
#include "errword.h"
#include "forkexec.h"

/* run_capture: spawn sh -c SCRIPT with stdout into a pipe; returns output length */
static size_t run_capture (char const *script, forkexec_opts *o, char *buf, size_t max, int *wstat)
{
  int p[2] ;
  pid_t pid ;
  size_t n ;
  char const *argv[] = { "sh", "-c", script, 0 } ;
  ck_assert_int_eq(pipecoe(p), 0) ;
  o->fd1 = p[1] ;
  pid = forkexec("/bin/sh", argv, 0, o) ;
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
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  int p[2], wstat ;
  pid_t pid ;
  size_t n ;
  char const *argv[] = { "grep", field, "/proc/self/status", 0 } ;
  ck_assert_int_eq(pipecoe(p), 0) ;
  o.fd1 = p[1] ;
  pid = forkexec("grep", argv, 0, &o) ;
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
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
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
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  char buf[256] ;
  int wstat ;
  o.fd0 = FORKEXEC_CLOSE ;
  run_capture("if [ -e /proc/self/fd/0 ] ; then echo open ; else echo closed ; fi", &o, buf, sizeof(buf), &wstat) ;
  ck_assert_str_eq(buf, "closed\n") ;
}
END_TEST

START_TEST(test_setsid)
{
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
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

/* spawn_in_child: in a child whose stderr goes to a pipe, forkexec ./run with
   opts O; the child exits with a code that says what forkexec returned and
   reported. BUF gets what was written on stderr */
static int spawn_in_child (forkexec_opts *o, char *buf, size_t max)
{
  int p[2], wstat ;
  pid_t pid ;
  size_t n ;
  char const *argv[] = { "./run", 0 } ;
  ck_assert_int_eq(pipe(p), 0) ;
  pid = fork() ;
  if (!pid)
  {
    forkexec_failure f = { .step = -1, .err = 0 } ;
    int w ;
    /* the spawn's child inherits this stderr */
    dup2(p[1], 2) ;
    close(p[0]) ;
    close(p[1]) ;
    if (o->report) o->report = &f ;
    pid = forkexec("./run", argv, 0, o) ;
    if (o->report)
    {
      /* 0, the step and errno, and no child left to reap */
      if (pid || errno != f.err) _exit(90) ;
      if (waitpid(-1, &w, 0) != -1 || errno != ECHILD) _exit(91) ;
      _exit(f.step * 10 + (f.err == ENOENT ? 1 : f.err == EACCES ? 2 : 3)) ;
    }
    if (!pid) _exit(1) ;
    waitpid(pid, &w, 0) ;
    _exit(WIFEXITED(w) ? WEXITSTATUS(w) : 2) ;
  }
  close(p[1]) ;
  n = allread(p[0], buf, max - 1) ;
  buf[n] = 0 ;
  close(p[0]) ;
  ck_assert_int_eq(waitpid(pid, &wstat, 0), pid) ;
  ck_assert(WIFEXITED(wstat)) ;
  return WEXITSTATUS(wstat) ;
}

START_TEST(test_exec_failure)
{
  /* without a report (runsvdir): the child says it and exits failcode */
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  char buf[256] ;
  PROG = "runsv svc" ;
  o.what = "./run" ;
  o.failcode = 111 ;
  o.dir = "/nonexistent-dir-for-check" ;
  ck_assert_int_eq(spawn_in_child(&o, buf, sizeof(buf)), 111) ;
  ck_assert_str_eq(buf, "runsv svc: fatal: unable to change to directory /nonexistent-dir-for-check: file does not exist\n") ;
  o.dir = "/" ;  /* /run is a directory */
  ck_assert_int_eq(spawn_in_child(&o, buf, sizeof(buf)), 111) ;
  ck_assert_str_eq(buf, "runsv svc: fatal: unable to start ./run: access denied\n") ;
}
END_TEST

START_TEST(test_exec_failure_reported)
{
  /* with a report (runsv): forkexec returns 0, says where and why, has
     reaped the child, and the child said nothing */
  forkexec_failure f ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  char buf[256] ;
  PROG = "runsv svc" ;
  o.what = "./run" ;
  char tmp[] = "/tmp/check_forkexec.XXXXXX" ;
  ck_assert_ptr_nonnull(mkdtemp(tmp)) ;
  o.report = &f ;
  o.dir = tmp ;  /* no ./run there */
  ck_assert_int_eq(spawn_in_child(&o, buf, sizeof(buf)), FORKEXEC_EXEC * 10 + 1) ;
  ck_assert_str_eq(buf, "") ;
  rmdir(tmp) ;
  o.dir = "/" ;  /* /run is a directory */
  ck_assert_int_eq(spawn_in_child(&o, buf, sizeof(buf)), FORKEXEC_EXEC * 10 + 2) ;
  ck_assert_str_eq(buf, "") ;
  o.dir = "/nonexistent-dir-for-check" ;
  ck_assert_int_eq(spawn_in_child(&o, buf, sizeof(buf)), FORKEXEC_DIR * 10 + 1) ;
  ck_assert_str_eq(buf, "") ;
}
END_TEST

START_TEST(test_exec_success_reported)
{
  /* a program that runs: its pid, FORKEXEC_OK, and it is really running
     (its own output, not an exit of the child before exec) */
  forkexec_failure f = { .step = -1, .err = -1 } ;
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  char buf[256] ;
  int wstat ;
  o.report = &f ;
  run_capture("echo ran", &o, buf, sizeof(buf), &wstat) ;
  ck_assert_int_eq(f.step, FORKEXEC_OK) ;
  ck_assert_int_eq(f.err, 0) ;
  ck_assert_str_eq(buf, "ran\n") ;
  ck_assert(WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
}
END_TEST

START_TEST(test_setpgrp)
{
  forkexec_opts o = FORKEXEC_OPTS_ZERO ;
  char buf[256], want[64] ;
  int wstat ;
  pid_t pid ;
  o.setpgrp = 1 ;
  run_capture("echo $$ $(ps -o pgid= -p $$ | tr -d ' ') $(ps -o sid= -p $$ | tr -d ' ')", &o, buf, sizeof(buf), &wstat) ;
  pid = (pid_t)atoi(buf) ;
  ck_assert_int_gt(pid, 0) ;
  /* its own group, in our session */
  snprintf(want, sizeof(want), "%d %d %d\n", (int)pid, (int)pid, (int)getsid(0)) ;
  ck_assert_str_eq(buf, want) ;
}
END_TEST

START_TEST(test_extra_fd)
{
  /* fdx: the child writes to fd N and the caller reads it, for every N
     around the numbers the report pipe and the source fd take, so that a
     collision with either shows (dash redirects fds up to 9 only) */
  for (int n = 3 ; n < 10 ; n++)
  {
    forkexec_failure f = { .step = -1, .err = -1 } ;
    forkexec_opts o = FORKEXEC_OPTS_ZERO ;
    char script[64], buf[256] ;
    int x[2], wstat ;
    ck_assert_int_eq(pipecoe(x), 0) ;
    o.report = &f ;
    o.fdx = n ;
    o.fdx_from = x[1] ;
    snprintf(script, sizeof(script), "echo fd%d >&%d", n, n) ;
    run_capture(script, &o, buf, sizeof(buf), &wstat) ;
    ck_assert_int_eq(f.step, FORKEXEC_OK) ;
    ck_assert(WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
    close(x[1]) ;
    {
      char want[16] ;
      size_t len = allread(x[0], buf, sizeof(buf) - 1) ;
      buf[len] = 0 ;
      snprintf(want, sizeof(want), "fd%d\n", n) ;
      ck_assert_str_eq(buf, want) ;
    }
    close(x[0]) ;
  }
}
END_TEST

START_TEST(test_extra_fd_failures)
{
  /* an exec failure with fdx at any number is still reported, and an fd
     number the child cannot have is a FORKEXEC_FD failure */
  for (int n = 3 ; n < 12 ; n++)
  {
    forkexec_failure f = { .step = -1, .err = -1 } ;
    forkexec_opts o = FORKEXEC_OPTS_ZERO ;
    char const *argv[] = { "/nonexistent-for-check", 0 } ;
    int x[2] ;
    ck_assert_int_eq(pipecoe(x), 0) ;
    o.report = &f ;
    o.fdx = n ;
    o.fdx_from = x[1] ;
    ck_assert_int_eq(forkexec(argv[0], argv, 0, &o), 0) ;
    ck_assert_int_eq(f.step, FORKEXEC_EXEC) ;
    ck_assert_int_eq(f.err, ENOENT) ;
    close(x[0]) ; close(x[1]) ;
  }
  {
    forkexec_failure f = { .step = -1, .err = -1 } ;
    forkexec_opts o = FORKEXEC_OPTS_ZERO ;
    char const *argv[] = { "/bin/true", 0 } ;
    struct rlimit rl ;
    int x[2] ;
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0) ;
    ck_assert_int_eq(pipecoe(x), 0) ;
    o.report = &f ;
    o.fdx = (int)rl.rlim_cur ;  /* one past the highest fd the child may have */
    o.fdx_from = x[1] ;
    ck_assert_int_eq(forkexec(argv[0], argv, 0, &o), 0) ;
    ck_assert_int_eq(f.step, FORKEXEC_FD) ;
    close(x[0]) ; close(x[1]) ;
  }
}
END_TEST

CHECK_MAIN("forkexec", test_signal_mask_is_clean, test_ignored_signals_reset, test_dir_and_stdin, test_close_stdin, test_setsid, test_setpgrp, test_exec_failure, test_exec_failure_reported, test_exec_success_reported, test_extra_fd, test_extra_fd_failures)
