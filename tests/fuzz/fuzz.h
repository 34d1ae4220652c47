/* fuzz.h - what every harness shares: a check that aborts (so both
 * libFuzzer and the replay main see a crash), a NUL-terminated copy of the
 * input for the parsers of C strings, and a private temp dir for the
 * parsers that read files. Harnesses are single-threaded. */
#ifndef SV_FUZZ_H
#define SV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

/* FUZZ_CHECK: an invariant the module promises; abort, not assert, so
   that -DNDEBUG cannot take it away */
#define FUZZ_CHECK(cond) \
  do { if (!(cond)) { fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond) ; abort() ; } } while (0)

/* fuzz_cstr: DATA as a malloc'd C string (it ends at the first NUL, as
   the environment or argv would cut it) */
static inline char *fuzz_cstr (uint8_t const *data, size_t size)
{
  char *s = malloc(size + 1) ;
  FUZZ_CHECK(s) ;
  memcpy(s, data, size) ;
  s[size] = 0 ;
  return s ;
}

static char fuzz_dirbuf[64] ;

/* fuzz_rmtree: removes PATH and, if it is a directory, what it holds */
static void fuzz_rmtree (char const *path)
{
  struct stat st ;
  if (lstat(path, &st) < 0) return ;
  if (S_ISDIR(st.st_mode))
  {
    DIR *d = opendir(path) ;
    if (d)
    {
      struct dirent *e ;
      while ((e = readdir(d)))
      {
        char sub[4096] ;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue ;
        if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= sizeof(sub)) continue ;
        fuzz_rmtree(sub) ;
      }
      closedir(d) ;
    }
    rmdir(path) ;
  }
  else unlink(path) ;
}

static void fuzz_cleanup (void)
{
  if (fuzz_dirbuf[0]) fuzz_rmtree(fuzz_dirbuf) ;
}

/* fuzz_dir: the process's temp dir, made on first use, gone at exit */
static inline char const *fuzz_dir (void)
{
  if (!fuzz_dirbuf[0])
  {
    char const *t = getenv("TMPDIR") ;
    if (!t || !*t || strlen(t) > 40) t = "/tmp" ;
    snprintf(fuzz_dirbuf, sizeof(fuzz_dirbuf), "%s/svfuzz.XXXXXX", t) ;
    FUZZ_CHECK(mkdtemp(fuzz_dirbuf)) ;
    atexit(&fuzz_cleanup) ;
  }
  return fuzz_dirbuf ;
}

/* fuzz_path: NAME in the temp dir, in BUF (at least 128 bytes) */
static inline char *fuzz_path (char *buf, char const *name)
{
  snprintf(buf, 128, "%s/%s", fuzz_dir(), name) ;
  return buf ;
}

/* fuzz_writefile: PATH now holds exactly DATA */
static inline void fuzz_writefile (char const *path, void const *data, size_t size)
{
  char const *p = data ;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
  FUZZ_CHECK(fd >= 0) ;
  while (size)
  {
    ssize_t r = write(fd, p, size) ;
    FUZZ_CHECK(r > 0) ;
    p += r ; size -= (size_t)r ;
  }
  close(fd) ;
}

#endif
