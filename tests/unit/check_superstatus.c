/* check_superstatus.c - the 20-byte status layout, the stat line, reading and writing. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include "checkmain.h"
#include "tai64n.h"
#include "superstatus.h"

/* observed from runit 2.1.2: a running service, pid 10347, want up */
static char const running[SUPERSTATUS_SIZE] =
  "\x40\x00\x00\x00\x6b\x0a\xcc\xec" "\x33\x8a\x92\x8c" "\x6b\x28\x00\x00" "\x00\x75\x00\x01" ;

START_TEST(test_pack_runit_vector)
{
  superstatus st = SUPERSTATUS_ZERO ;
  char s[SUPERSTATUS_SIZE] ;
  st.stamp.sec.x = 0x400000006b0accecULL ;
  st.stamp.nano = 0x338a928c ;
  st.pid = 10347 ;
  st.want = 'u' ;
  st.proc = SUPERSTATUS_RUN ;
  superstatus_pack(s, &st) ;
  ck_assert_mem_eq(s, running, SUPERSTATUS_SIZE) ;
}
END_TEST

START_TEST(test_pack_flags)
{
  superstatus st = SUPERSTATUS_ZERO ;
  char s[SUPERSTATUS_SIZE] ;
  tai64n_from_unix(&st.stamp, 0, 1) ;
  st.pid = 0x01020304 ;
  st.paused = 1 ;
  st.want = 'x' ;  /* exit is written as 'd' */
  st.gotterm = 1 ;
  st.proc = SUPERSTATUS_FINISH ;
  superstatus_pack(s, &st) ;
  ck_assert_mem_eq(s, "\x40\0\0\0\0\0\0\x0a" "\0\0\0\x01", 12) ;
  ck_assert_mem_eq(s + 12, "\x04\x03\x02\x01", 4) ;  /* pid little-endian */
  ck_assert_int_eq(s[16], 1) ;
  ck_assert_int_eq(s[17], 'd') ;
  ck_assert_int_eq(s[18], 1) ;
  ck_assert_int_eq(s[19], 2) ;
}
END_TEST

START_TEST(test_unpack_runit_vector)
{
  superstatus st ;
  superstatus_unpack(running, &st) ;
  ck_assert(st.stamp.sec.x == 0x400000006b0accecULL) ;
  ck_assert_uint_eq(st.stamp.nano, 0x338a928c) ;
  ck_assert_uint_eq(st.pid, 10347) ;
  ck_assert_int_eq(st.paused, 0) ;
  ck_assert_int_eq(st.want, 'u') ;
  ck_assert_int_eq(st.gotterm, 0) ;
  ck_assert_int_eq(st.proc, SUPERSTATUS_RUN) ;
}
END_TEST

static void stat_is (superstatus const *st, char const *want)
{
  char s[SUPERSTATUS_STAT_FMT] ;
  size_t n = superstatus_stat_fmt(s, st) ;
  ck_assert_uint_eq(n, strlen(want)) ;
  ck_assert_mem_eq(s, want, n) ;
}

START_TEST(test_stat_lines)
{
  superstatus st = SUPERSTATUS_ZERO ;
  stat_is(&st, "down\n") ;
  st.want = 'd' ;
  stat_is(&st, "down\n") ;  /* want is shown only when not down */
  st.paused = 1 ;
  stat_is(&st, "down, paused\n") ;
  st.paused = 0 ; st.proc = SUPERSTATUS_RUN ; st.want = 'u' ;
  stat_is(&st, "run\n") ;
  st.want = 'd' ;
  stat_is(&st, "run, want down\n") ;
  st.gotterm = 1 ;
  stat_is(&st, "run, got TERM, want down\n") ;
  st.gotterm = 0 ; st.proc = SUPERSTATUS_FINISH ; st.want = 'x' ;
  stat_is(&st, "finish, want exit\n") ;
  st.paused = 1 ; st.gotterm = 1 ; st.want = 'd' ;
  stat_is(&st, "finish, paused, got TERM, want down\n") ;
}
END_TEST

START_TEST(test_write_and_read)
{
  superstatus st = SUPERSTATUS_ZERO, back ;
  char buf[64] ;
  struct stat sb ;
  ck_assert_int_eq(mkdir("wr", 0700) || mkdir("wr/supervise", 0700), 0) ;
  tai64n_from_unix(&st.stamp, 1795870800, 500) ;
  st.pid = 4242 ; st.proc = SUPERSTATUS_RUN ; st.want = 'd' ;
  ck_assert(superstatus_write("wr/supervise", &st, SUPERSTATUS_W_ALL)) ;
  ck_assert_int_eq(openreadnclose("wr/supervise/stat", buf, sizeof(buf)), 15) ;
  ck_assert_mem_eq(buf, "run, want down\n", 15) ;
  ck_assert_int_eq(openreadnclose("wr/supervise/pid", buf, sizeof(buf)), 5) ;
  ck_assert_mem_eq(buf, "4242\n", 5) ;
  ck_assert(superstatus_read("wr", &back)) ;
  ck_assert_uint_eq(back.pid, 4242) ;
  ck_assert_int_eq(back.want, 'd') ;
  ck_assert(back.stamp.sec.x == st.stamp.sec.x) ;
  ck_assert_int_eq(stat("wr/supervise/status.new", &sb), -1) ;  /* renamed, not left behind */
  st.pid = 0 ; st.proc = SUPERSTATUS_DOWN ;
  ck_assert(superstatus_write("wr/supervise", &st, SUPERSTATUS_W_ALL)) ;
  ck_assert_int_eq(openreadnclose("wr/supervise/pid", buf, sizeof(buf)), 0) ;  /* empty when down */
  /* only what is asked for is replaced */
  st.proc = SUPERSTATUS_RUN ; st.pid = 77 ;
  ck_assert(superstatus_write("wr/supervise", &st, SUPERSTATUS_W_STATUS)) ;
  ck_assert_int_eq(openreadnclose("wr/supervise/stat", buf, sizeof(buf)), 5) ;
  ck_assert_mem_eq(buf, "down\n", 5) ;
  ck_assert_int_eq(openreadnclose("wr/supervise/pid", buf, sizeof(buf)), 0) ;
  ck_assert(superstatus_read("wr", &back)) ;
  ck_assert_uint_eq(back.pid, 77) ;
}
END_TEST

START_TEST(test_read_bad_sizes)
{
  superstatus st ;
  char zeros[21] = { 0 } ;
  unsigned int sizes[] = { 0, 19, 21 } ;
  ck_assert_int_eq(mkdir("bad", 0700) || mkdir("bad/supervise", 0700), 0) ;
  errno = 0 ;
  ck_assert_int_eq(superstatus_read("bad", &st), 0) ;  /* cannot open */
  ck_assert_int_eq(errno, ENOENT) ;
  for (unsigned int i = 0 ; i < 3 ; i++)
  {
    ck_assert(openwritenclose_unsafe("bad/supervise/status", zeros, sizes[i])) ;
    errno = 0 ;
    ck_assert_int_eq(superstatus_read("bad", &st), -1) ;  /* cannot read 20 bytes */
    ck_assert_int_eq(errno, EPROTO) ;
  }
}
END_TEST

START_TEST(test_unpack_garbage_state)
{
  /* sv prints nothing for an unknown state; unpack keeps the byte as is */
  char s[SUPERSTATUS_SIZE] ;
  superstatus st ;
  memset(s, 0xff, sizeof(s)) ;
  superstatus_unpack(s, &st) ;
  ck_assert_int_eq(st.proc, 0xff) ;
  ck_assert_uint_eq(st.pid, 0xffffffffu) ;
}
END_TEST

START_TEST(test_readfd_raw)
{
  superstatus st ;
  char raw[SUPERSTATUS_SIZE] ;
  int fd ;
  ck_assert(openwritenclose_unsafe("status", running, SUPERSTATUS_SIZE)) ;
  fd = open_read("status") ;
  ck_assert_int_ge(fd, 0) ;
  ck_assert_int_eq(superstatus_readfd(fd, &st, raw), 1) ;
  ck_assert_mem_eq(raw, running, SUPERSTATUS_SIZE) ;
  ck_assert_uint_eq(st.pid, 10347) ;
  fd_close(fd) ;
  fd = open_read(".") ;  /* a directory: the read itself fails */
  errno = 0 ;
  ck_assert_int_eq(superstatus_readfd(fd, &st, 0), -1) ;
  ck_assert_int_eq(errno, EISDIR) ;
}
END_TEST

START_TEST(test_write_order)
{
  /* pid and stat are replaced before status (runit's order): with status
     made unwritable (status.new a directory), they are already new */
  superstatus st = SUPERSTATUS_ZERO ;
  char buf[64] ;
  ck_assert_int_eq(mkdir("wo", 0700) || mkdir("wo/supervise", 0700) || mkdir("wo/supervise/status.new", 0700), 0) ;
  st.pid = 31337 ; st.proc = SUPERSTATUS_RUN ;
  ck_assert(!superstatus_write("wo/supervise", &st, SUPERSTATUS_W_ALL)) ;
  ck_assert_int_eq(openreadnclose("wo/supervise/pid", buf, sizeof(buf)), 6) ;
  ck_assert_mem_eq(buf, "31337\n", 6) ;
  ck_assert_int_eq(openreadnclose("wo/supervise/stat", buf, sizeof(buf)), 4) ;
  ck_assert_mem_eq(buf, "run\n", 4) ;
  rmdir("wo/supervise/status.new") ;
}
END_TEST

CHECK_MAIN("superstatus", test_readfd_raw, test_pack_runit_vector, test_pack_flags, test_unpack_runit_vector, test_stat_lines,
           test_write_and_read, test_write_order, test_read_bad_sizes, test_unpack_garbage_state)
