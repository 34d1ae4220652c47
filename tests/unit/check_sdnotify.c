/* check_sdnotify.c - notification-fd values, notify datagrams, senders, the socket. */
#include <skalibs/nonposix.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "checkmain.h"
#include "sdnotify.h"

static int scan (char const *s, unsigned int max, unsigned int *fd)
{
  return sdnotify_fdscan(s, strlen(s), max, fd) ;
}

START_TEST(test_fdscan)
{
  unsigned int fd = 0 ;
  ck_assert(scan("3", 1024, &fd) && fd == 3) ;
  ck_assert(scan(" 7\n", 1024, &fd) && fd == 7) ;
  ck_assert(scan("1023\n\n", 1024, &fd) && fd == 1023) ;
  ck_assert(!scan("1024", 1024, &fd)) ;
  ck_assert(!scan("0", 1024, &fd)) ;
  ck_assert(!scan("1", 1024, &fd)) ;
  ck_assert(!scan("2\n", 1024, &fd)) ;
  ck_assert(!scan("", 1024, &fd)) ;
  ck_assert(!scan("\n", 1024, &fd)) ;
  ck_assert(!scan("five", 1024, &fd)) ;
  ck_assert(!scan("5x", 1024, &fd)) ;
  ck_assert(!scan("5 6", 1024, &fd)) ;
  ck_assert(!scan("-5", 1024, &fd)) ;
  ck_assert(!scan("99999999999999999999", 1024, &fd)) ;
  ck_assert(!sdnotify_fdscan("5\0", 2, 1024, &fd)) ;
}
END_TEST

START_TEST(test_parse)
{
  sdnotify_msg m ;
  char const *d = "STATUS=one\nREADY=1\nMAINPID=5\nSTATUS=two words\n" ;
  sdnotify_parse(d, strlen(d), &m) ;
  ck_assert(m.ready) ;
  ck_assert_uint_eq(m.textlen, 9) ;
  ck_assert(!memcmp(m.text, "two words", 9)) ;
  sdnotify_parse("READY=0\nREADY=10\nXREADY=1", 25, &m) ;
  ck_assert(!m.ready) ;
  ck_assert_ptr_null(m.text) ;
  sdnotify_parse("READY=1", 7, &m) ;  /* no final newline */
  ck_assert(m.ready) ;
  sdnotify_parse("STATUS=", 7, &m) ;
  ck_assert_ptr_nonnull(m.text) ;
  ck_assert_uint_eq(m.textlen, 0) ;
}
END_TEST

START_TEST(test_procstat)
{
  sdnotify_proc p ;
  char const *a = "123 (sh) S 45 123 123 0 -1 4194560 97 0 0 0" ;
  char const *b = "9 (a) b) c) Z 1 9 9 34816 -1 4 0" ;
  ck_assert(sdnotify_procstat(a, strlen(a), &p)) ;
  ck_assert_int_eq(p.pstate, 'S') ;
  ck_assert_int_eq(p.ppid, 45) ;
  ck_assert_uint_eq(p.flags, 4194560) ;
  ck_assert(sdnotify_procstat(b, strlen(b), &p)) ;
  ck_assert_int_eq(p.pstate, 'Z') ;
  ck_assert_int_eq(p.ppid, 1) ;
  ck_assert_uint_eq(p.flags, 4) ;
  ck_assert(!sdnotify_procstat("123 sh S 45 1 1 0 -1 4", 22, &p)) ;
  ck_assert(!sdnotify_procstat("123 (sh) S 45", 13, &p)) ;
  ck_assert(!sdnotify_procstat("123 (sh)", 8, &p)) ;
}
END_TEST

START_TEST(test_exiting)
{
  pid_t pid = fork() ;
  ck_assert_int_ge(pid, 0) ;
  if (!pid) _exit(0) ;
  ck_assert_int_eq(sdnotify_exiting(getpid()), 0) ;
  /* a zombie until reaped */
  {
    siginfo_t si ;
    ck_assert_int_eq(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0) ;
  }
  ck_assert_int_eq(sdnotify_exiting(pid), 1) ;
  waitpid(pid, 0, 0) ;
  ck_assert_int_eq(sdnotify_exiting(pid), -1) ;
}
END_TEST

START_TEST(test_descends)
{
  int p[2] ;
  pid_t child, grandchild ;
  ck_assert(sdnotify_descends(getpid(), getpid())) ;
  ck_assert(!sdnotify_descends(getppid(), getpid())) ;
  ck_assert(!sdnotify_descends(1, getpid())) ;
  /* a grandchild: below us and below its parent, and not the other way */
  ck_assert_int_eq(pipe(p), 0) ;
  child = fork() ;
  ck_assert_int_ge(child, 0) ;
  if (!child)
  {
    grandchild = fork() ;
    if (!grandchild) { for (;;) pause() ; }
    fd_write(p[1], (char *)&grandchild, sizeof(grandchild)) ;
    waitpid(grandchild, 0, 0) ;
    _exit(0) ;
  }
  ck_assert_int_eq(fd_read(p[0], (char *)&grandchild, sizeof(grandchild)), sizeof(grandchild)) ;
  ck_assert(sdnotify_descends(grandchild, getpid())) ;
  ck_assert(sdnotify_descends(grandchild, child)) ;
  ck_assert(!sdnotify_descends(child, grandchild)) ;
  kill(grandchild, SIGKILL) ;
  waitpid(child, 0, 0) ;
  close(p[0]) ; close(p[1]) ;
}
END_TEST

/* send_from_child: a child sends D to NAME ("@" and an abstract name, as sd_notify reads it); returns its pid */
static pid_t send_from_child (char const *name, char const *d)
{
  pid_t pid = fork() ;
  ck_assert_int_ge(pid, 0) ;
  if (!pid)
  {
    struct sockaddr_un sa ;
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + strlen(name) ;  /* no NUL: abstract */
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0) ;
    memset(&sa, 0, sizeof(sa)) ;
    sa.sun_family = AF_UNIX ;
    memcpy(sa.sun_path + 1, name + 1, strlen(name) - 1) ;
    _exit(sendto(fd, d, strlen(d), 0, (struct sockaddr *)&sa, len) < 0) ;
  }
  return pid ;
}

/* round_trip: a socket bound, a datagram from a child received with the child's pid */
static void round_trip (void)
{
  char name[SDNOTIFY_NAMEMAX], buf[64] ;
  pid_t sender, from ;
  int wstat ;
  ssize_t r ;
  int fd = sdnotify_bind(name) ;
  ck_assert_int_ge(fd, 0) ;
  ck_assert_int_eq(name[0], '@') ;
  ck_assert_uint_ge(strlen(name), 2) ;
  ck_assert_int_eq(sdnotify_recv(fd, buf, sizeof(buf), &from), -1) ;
  ck_assert_int_eq(errno, EAGAIN) ;
  sender = send_from_child(name, "READY=1\n") ;
  ck_assert_int_eq(waitpid(sender, &wstat, 0), sender) ;
  ck_assert_int_eq(wstat, 0) ;
  r = sdnotify_recv(fd, buf, sizeof(buf), &from) ;
  ck_assert_int_eq(r, 8) ;
  ck_assert(!memcmp(buf, "READY=1\n", 8)) ;
  ck_assert_int_eq(from, sender) ;
  close(fd) ;
}

START_TEST(test_socket_abstract)
{
  char a[SDNOTIFY_NAMEMAX], b[SDNOTIFY_NAMEMAX] ;
  int fa, fb ;
  round_trip() ;
  /* two sockets, two names: no socket file to collide on */
  fa = sdnotify_bind(a) ;
  fb = sdnotify_bind(b) ;
  ck_assert_int_ge(fa, 0) ;
  ck_assert_int_ge(fb, 0) ;
  ck_assert_str_ne(a, b) ;
  close(fa) ; close(fb) ;
}
END_TEST

CHECK_MAIN("sdnotify", test_fdscan, test_parse, test_procstat, test_exiting, test_descends, test_socket_abstract)
