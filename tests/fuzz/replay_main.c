/* replay_main.c - runs a harness on saved inputs without libFuzzer, so
 * that any C compiler with sanitizers can replay the corpus (in CI).
 * Arguments are files, or directories whose regular files are all run. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

static unsigned int count ;

/* one_file: reads PATH whole and gives it to the harness; 0, or 1 if it cannot be read */
static int one_file (char const *path)
{
  uint8_t *buf = 0 ;
  size_t len = 0, cap = 0 ;
  int fd = open(path, O_RDONLY) ;
  if (fd < 0) { fprintf(stderr, "replay: unable to open %s: %s\n", path, strerror(errno)) ; return 1 ; }
  for (;;)
  {
    ssize_t r ;
    if (len == cap)
    {
      uint8_t *nb = realloc(buf, cap = cap ? 2 * cap : 4096) ;
      if (!nb) { fprintf(stderr, "replay: out of memory\n") ; exit(111) ; }
      buf = nb ;
    }
    r = read(fd, buf + len, cap - len) ;
    if (r < 0) { fprintf(stderr, "replay: unable to read %s: %s\n", path, strerror(errno)) ; close(fd) ; free(buf) ; return 1 ; }
    if (!r) break ;
    len += (size_t)r ;
  }
  close(fd) ;
  /* an exact-size copy, so that ASan sees a read past the input's end */
  {
    uint8_t *exact = malloc(len ? len : 1) ;
    if (!exact) { fprintf(stderr, "replay: out of memory\n") ; exit(111) ; }
    memcpy(exact, buf, len) ;
    free(buf) ;
    LLVMFuzzerTestOneInput(exact, len) ;
    free(exact) ;
  }
  count++ ;
  return 0 ;
}

/* one_arg: a file, or every regular file of a directory (sorted order does not matter) */
static int one_arg (char const *path)
{
  struct stat st ;
  DIR *d ;
  struct dirent *e ;
  int bad = 0 ;
  if (stat(path, &st) < 0) { fprintf(stderr, "replay: unable to stat %s: %s\n", path, strerror(errno)) ; return 1 ; }
  if (!S_ISDIR(st.st_mode)) return one_file(path) ;
  d = opendir(path) ;
  if (!d) { fprintf(stderr, "replay: unable to open %s: %s\n", path, strerror(errno)) ; return 1 ; }
  while ((e = readdir(d)))
  {
    char sub[4096] ;
    struct stat sst ;
    if (e->d_name[0] == '.') continue ;
    if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= sizeof(sub)) continue ;
    if (stat(sub, &sst) < 0 || !S_ISREG(sst.st_mode)) continue ;
    bad |= one_file(sub) ;
  }
  closedir(d) ;
  return bad ;
}

int main (int argc, char const *const *argv)
{
  int bad = 0 ;
  for (int i = 1 ; i < argc ; i++) bad |= one_arg(argv[i]) ;
  fprintf(stderr, "replay: %s: %u inputs\n", argc > 0 ? argv[0] : "?", count) ;
  return bad ;
}
