/* check_linepump.c - a pipe whose lines go on prefixed: reads, EOF, the end, the format from the environment. */
#include <skalibs/nonposix.h>  /* F_SETPIPE_SZ */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "checkmain.h"
#include "linepump.h"

/* slurp: what the non-blocking pipe FD holds, NUL-terminated, into BUF */
static char const *slurp (int fd, char *buf, size_t max)
{
  ssize_t n = read(fd, buf, max - 1) ;
  buf[n > 0 ? n : 0] = 0 ;
  return buf ;
}

/* pump_to_pipe: P open with FMT and NAME, its lines into the pipe OUT */
static void pump_to_pipe (linepump *p, char const *fmt, char const *name, int *out)
{
  static lineprefix store ;
  ck_assert(pipe(out) == 0) ;
  ck_assert(fcntl(out[0], F_SETFL, O_NONBLOCK) == 0) ;
  ck_assert(linepump_open(p, &store, fmt, name, strlen(name), out[1])) ;
}

START_TEST(test_lines_go_on_prefixed_and_eof_is_seen)
{
  linepump p = LINEPUMP_ZERO ;
  int out[2] ;
  char buf[256] ;
  pump_to_pipe(&p, "1", "web", out) ;
  ck_assert(write(p.fd[1], "one\ntw", 6) == 6) ;
  ck_assert_int_eq(linepump_read(&p, 0), 1) ;  /* the write end is open: no EOF */
  ck_assert_str_eq(slurp(out[0], buf, sizeof(buf)), "web: one\n") ;
  ck_assert(write(p.fd[1], "o\nthree", 7) == 7) ;
  linepump_close_write(&p) ;
  ck_assert_int_eq(linepump_read(&p, 1), 0) ;  /* everything read, and EOF */
  linepump_flush(&p) ;
  ck_assert_str_eq(slurp(out[0], buf, sizeof(buf)), "web: two\nweb: three\n") ;
  linepump_close(&p) ;
  ck_assert_int_eq(p.fd[0], -1) ;
  ck_assert_int_eq(p.fd[1], -1) ;
  ck_assert_int_eq(linepump_read(&p, 1), 0) ;  /* closed: nothing to read */
}
END_TEST

START_TEST(test_a_bounded_read_leaves_the_rest)
{
  linepump p = LINEPUMP_ZERO ;
  int out[2] ;
  char line[101] ;
  char buf[65536] ;
  memset(line, 'x', 99) ; line[99] = '\n' ; line[100] = 0 ;
  pump_to_pipe(&p, "%n ", "s", out) ;
  ck_assert(fcntl(out[1], F_SETPIPE_SZ, 1 << 20) > 0) ;  /* room for all, both ways */
  ck_assert(fcntl(p.fd[1], F_SETPIPE_SZ, 1 << 20) > 0) ;
  /* more than LINEPUMP_TURN bytes: one bounded call leaves some */
  for (unsigned int i = 0 ; i < (LINEPUMP_TURN + 4096) / 100 + 1 ; i++) ck_assert(write(p.fd[1], line, 100) == 100) ;
  ck_assert_int_eq(linepump_read(&p, 0), 2) ;  /* stopped at its bound: more may wait */
  ck_assert_int_gt(read(p.fd[0], buf, sizeof(buf)), 0) ;  /* some was left in the pipe */
  ck_assert_int_eq(linepump_read(&p, 0), 1) ;  /* drained */
  linepump_close(&p) ;
}
END_TEST

START_TEST(test_the_format_comes_from_the_environment)
{
  unsetenv("RUNSVDIR_PREFIX") ;
  ck_assert_ptr_null(linepump_spec()) ;
  setenv("RUNSVDIR_PREFIX", "", 1) ;
  ck_assert_ptr_null(linepump_spec()) ;
  setenv("RUNSVDIR_PREFIX", "0", 1) ;
  ck_assert_ptr_null(linepump_spec()) ;
  setenv("RUNSVDIR_PREFIX", "1", 1) ;
  ck_assert_str_eq(linepump_spec(), "1") ;
  setenv("RUNSVDIR_PREFIX", "[%n] %t ", 1) ;
  ck_assert_str_eq(linepump_spec(), "[%n] %t ") ;
  setenv("RUNSVDIR_PREFIX", "%x", 1) ;  /* not a format: said, and the default */
  ck_assert_str_eq(linepump_spec(), "1") ;
}
END_TEST

CHECK_MAIN("linepump", test_lines_go_on_prefixed_and_eof_is_seen, test_a_bounded_read_leaves_the_rest, test_the_format_comes_from_the_environment)
