/* check_envdir.c - environment directories: the value rules (vectors observed
   with runit 2.1.2's chpst) and the modifications a directory yields. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <skalibs/stralloc.h>
#include "checkmain.h"
#include "envdir.h"

/* value: envdir_value of the LEN bytes IN, as a string compared with WANT (WLEN bytes) */
static void value (char const *in, size_t len, char const *want, size_t wlen)
{
  char buf[64] ;
  size_t n ;
  memcpy(buf, in, len) ;
  n = envdir_value(buf, len) ;
  ck_assert_msg(n == wlen && !memcmp(buf, want, wlen), "value of [%.*s]: got [%.*s]", (int)len, in, (int)n, buf) ;
}

START_TEST(test_value)
{
  value("bar  \t\nsecond line\n", 19, "bar", 3) ;
  value("a\0b\n", 4, "a\nb", 3) ;
  value("\n", 1, "", 0) ;
  value("plain", 5, "plain", 5) ;
  value(" lead", 5, " lead", 5) ;           /* leading blanks stay */
  value("cr\r\n", 4, "cr\r", 3) ;           /* runit keeps a CR */
  value("x\0", 2, "x\n", 2) ;               /* a NUL is not a blank */
  value("x \0 ", 4, "x \n", 3) ;            /* trim first, then NULs become newlines */
  value("  \t\t", 4, "", 0) ;
  value("a b\tc", 5, "a b\tc", 5) ;
}
END_TEST

/* put: FILE with LEN bytes of TEXT */
static void put (char const *file, char const *text, size_t len)
{
  int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
  ck_assert_int_ge(fd, 0) ;
  ck_assert_int_eq(write(fd, text, len), (ssize_t)len) ;
  ck_assert_int_eq(close(fd), 0) ;
}

/* has: does the modification string SA hold the entry WANT (LEN bytes with its NUL)? */
static int has (stralloc const *sa, char const *want, size_t len)
{
  size_t i = 0 ;
  while (i < sa->len)
  {
    size_t n = strlen(sa->s + i) + 1 ;
    if (n == len && !memcmp(sa->s + i, want, len)) return 1 ;
    i += n ;
  }
  return 0 ;
}

static int skipped ;
/* onskip: counts the subdirectories envdir_load skipped */
static void onskip (char const *dir, char const *name, int e)
{
  ck_assert_str_eq(dir, "e") ;
  ck_assert_str_eq(name, "SUB") ;
  ck_assert_int_eq(e, EISDIR) ;
  skipped++ ;
}

START_TEST(test_load)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  put("e/FOO", "bar  \t\nsecond\n", 14) ;
  put("e/NUL", "a\0b\n", 4) ;
  put("e/HOME", "", 0) ;
  put("e/EMPTY", "\n", 1) ;
  put("e/.hidden", "x", 1) ;
  ck_assert_int_eq(stralloc_catb(&sa, "KEEP=1\0", 7), 1) ;
  ck_assert_int_eq(envdir_load("e", &sa, 0, 0, &err), 4) ;
  ck_assert(has(&sa, "KEEP=1", 7)) ;          /* appended to what was there */
  ck_assert(has(&sa, "FOO=bar", 8)) ;
  ck_assert(has(&sa, "NUL=a\nb", 8)) ;
  ck_assert(has(&sa, "HOME", 5)) ;            /* empty file: unset */
  ck_assert(has(&sa, "EMPTY=", 7)) ;          /* empty line: set to "" */
  ck_assert_uint_eq(sa.len, 7 + 8 + 8 + 5 + 7) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_long_value)
{
  /* well past skalibs' envdir, which stops at 4095 bytes */
  static char big[20000] ;
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  memset(big, 'v', sizeof(big)) ;
  big[sizeof(big) - 1] = '\n' ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  put("e/BIG", big, sizeof(big)) ;
  ck_assert_int_eq(envdir_load("e", &sa, 0, 0, &err), 1) ;
  ck_assert_uint_eq(sa.len, 4 + sizeof(big) - 1 + 1) ;
  ck_assert_int_eq(sa.s[4 + sizeof(big) - 2], 'v') ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_subdir)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(mkdir("e/SUB", 0755), 0) ;
  put("e/A", "1", 1) ;
  /* chpst -e: skipped, and reported to the callback */
  skipped = 0 ;
  ck_assert_int_eq(envdir_load("e", &sa, ENVDIR_SKIPDIRS, &onskip, &err), 1) ;
  ck_assert_int_eq(skipped, 1) ;
  ck_assert(has(&sa, "A=1", 4)) ;
  ck_assert_uint_eq(sa.len, 4) ;
  /* envdir: an error naming the entry, and nothing added */
  errno = 0 ;
  ck_assert_int_eq(envdir_load("e", &sa, 0, 0, &err), -1) ;
  ck_assert_int_eq(errno, EISDIR) ;
  ck_assert_int_eq(err.what, ENVDIR_EREAD) ;
  ck_assert_str_eq(err.name, "SUB") ;
  ck_assert_uint_eq(sa.len, 4) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_bad_name)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  put("e/A=B", "v", 1) ;
  ck_assert_int_eq(envdir_load("e", &sa, ENVDIR_SKIPDIRS, 0, &err), -1) ;
  ck_assert_int_eq(errno, EINVAL) ;
  ck_assert_int_eq(err.what, ENVDIR_ENAME) ;
  ck_assert_str_eq(err.name, "A=B") ;
  ck_assert_uint_eq(sa.len, 0) ;
}
END_TEST

START_TEST(test_dir_errors)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  ck_assert_int_eq(envdir_load("missing", &sa, 0, 0, &err), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_int_eq(err.what, ENVDIR_EOPEN) ;
  put("file", "x", 1) ;
  ck_assert_int_eq(envdir_load("file", &sa, 0, 0, &err), -1) ;
  ck_assert_int_eq(errno, ENOTDIR) ;
  ck_assert_int_eq(err.what, ENVDIR_EOPEN) ;
  /* a dangling symlink in the directory cannot be read */
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(symlink("nowhere", "e/LINK"), 0) ;
  ck_assert_int_eq(envdir_load("e", &sa, ENVDIR_SKIPDIRS, 0, &err), -1) ;
  ck_assert_int_eq(errno, ENOENT) ;
  ck_assert_int_eq(err.what, ENVDIR_EREAD) ;
  ck_assert_str_eq(err.name, "LINK") ;
}
END_TEST

START_TEST(test_empty_dir)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(envdir_load("e", &sa, 0, 0, &err), 0) ;
  ck_assert_uint_eq(sa.len, 0) ;
}
END_TEST

/* refused: loading "e" (either way) fails on entry NAME with WHAT and errno E, adding nothing */
static void refused (char const *name, int what, int e)
{
  static unsigned int const flags[2] = { 0, ENVDIR_SKIPDIRS } ;
  for (unsigned int i = 0 ; i < 2 ; i++)
  {
    stralloc sa = STRALLOC_ZERO ;
    envdir_err err ;
    ck_assert_int_eq(stralloc_catb(&sa, "KEEP=1\0", 7), 1) ;
    errno = 0 ;
    ck_assert_int_eq(envdir_load("e", &sa, flags[i], 0, &err), -1) ;
    ck_assert_int_eq(errno, e) ;
    ck_assert_int_eq(err.what, what) ;
    ck_assert_str_eq(err.name, name) ;
    ck_assert_uint_eq(sa.len, 7) ;
    stralloc_free(&sa) ;
  }
}

START_TEST(test_fifo)
{
  /* opening a FIFO for reading would block until a writer comes: refused
     without opening it (a hang here is failed by Check's timeout) */
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(mkfifo("e/F", 0644), 0) ;
  refused("F", ENVDIR_ENOTREG, EINVAL) ;
  /* also behind a symbolic link */
  ck_assert_int_eq(unlink("e/F"), 0) ;
  ck_assert_int_eq(mkfifo("fifo", 0644), 0) ;
  ck_assert_int_eq(symlink("../fifo", "e/L"), 0) ;
  refused("L", ENVDIR_ENOTREG, EINVAL) ;
}
END_TEST

START_TEST(test_device)
{
  /* /dev/zero never ends, /dev/null would read as an empty file */
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  ck_assert_int_eq(symlink("/dev/zero", "e/Z"), 0) ;
  refused("Z", ENVDIR_ENOTREG, EINVAL) ;
  ck_assert_int_eq(unlink("e/Z"), 0) ;
  ck_assert_int_eq(symlink("/dev/null", "e/N"), 0) ;
  refused("N", ENVDIR_ENOTREG, EINVAL) ;
}
END_TEST

START_TEST(test_socket)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX } ;
  int s = socket(AF_UNIX, SOCK_STREAM, 0) ;
  ck_assert_int_ge(s, 0) ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  strcpy(addr.sun_path, "e/S") ;
  ck_assert_int_eq(bind(s, (struct sockaddr *)&addr, sizeof(addr)), 0) ;
  refused("S", ENVDIR_ENOTREG, EINVAL) ;
  close(s) ;
}
END_TEST

/* loadbig: "e/B" of N bytes of 'v' followed by TAIL (TLEN bytes); envdir_load's result */
static int loadbig (size_t n, char const *tail, size_t tlen, stralloc *sa, envdir_err *err)
{
  char *buf = malloc(n + tlen) ;
  int r ;
  ck_assert_ptr_nonnull(buf) ;
  memset(buf, 'v', n) ;
  memcpy(buf + n, tail, tlen) ;
  mkdir("e", 0755) ;
  put("e/B", buf, n + tlen) ;
  free(buf) ;
  sa->len = 0 ;
  r = envdir_load("e", sa, 0, 0, err) ;
  return r ;
}

START_TEST(test_bound)
{
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  /* a first line of ENVDIR_MAXLINE bytes is used, with or without its newline */
  ck_assert_int_eq(loadbig(ENVDIR_MAXLINE, "", 0, &sa, &err), 1) ;
  ck_assert_uint_eq(sa.len, 2 + ENVDIR_MAXLINE + 1) ;
  ck_assert_int_eq(loadbig(ENVDIR_MAXLINE, "\nmore", 5, &sa, &err), 1) ;
  ck_assert_uint_eq(sa.len, 2 + ENVDIR_MAXLINE + 1) ;
  /* trailing blanks count while reading, not in the value */
  ck_assert_int_eq(loadbig(ENVDIR_MAXLINE - 2, "  \n", 3, &sa, &err), 1) ;
  ck_assert_uint_eq(sa.len, 2 + ENVDIR_MAXLINE - 2 + 1) ;
  /* one byte more is refused, not cut, and so is a much longer line */
  errno = 0 ;
  ck_assert_int_eq(loadbig(ENVDIR_MAXLINE + 1, "", 0, &sa, &err), -1) ;
  ck_assert_int_eq(errno, E2BIG) ;
  ck_assert_int_eq(err.what, ENVDIR_ETOOLONG) ;
  ck_assert_str_eq(err.name, "B") ;
  ck_assert_uint_eq(sa.len, 0) ;
  ck_assert_int_eq(loadbig(ENVDIR_MAXLINE + 1, "\n", 1, &sa, &err), -1) ;
  ck_assert_int_eq(err.what, ENVDIR_ETOOLONG) ;
  ck_assert_int_eq(loadbig(4 * ENVDIR_MAXLINE, "", 0, &sa, &err), -1) ;
  ck_assert_int_eq(err.what, ENVDIR_ETOOLONG) ;
  stralloc_free(&sa) ;
}
END_TEST

START_TEST(test_short_line_big_file)
{
  /* only the first line is read: what follows may be of any size */
  static char big[4 * ENVDIR_MAXLINE] ;
  stralloc sa = STRALLOC_ZERO ;
  envdir_err err ;
  memset(big, 'x', sizeof(big)) ;
  memcpy(big, "val\n", 4) ;
  ck_assert_int_eq(mkdir("e", 0755), 0) ;
  put("e/V", big, sizeof(big)) ;
  ck_assert_int_eq(envdir_load("e", &sa, 0, 0, &err), 1) ;
  ck_assert(has(&sa, "V=val", 6)) ;
  ck_assert_uint_eq(sa.len, 6) ;
  stralloc_free(&sa) ;
}
END_TEST

CHECK_MAIN("envdir", test_value, test_load, test_long_value, test_subdir, test_bad_name,
           test_dir_errors, test_empty_dir, test_fifo, test_device, test_socket, test_bound,
           test_short_line_big_file)
