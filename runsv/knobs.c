/* knobs.c - runsv's one-value files (see knobs.h): down-signal,
 * reload-signal, timeout-kill, timeout-finish, kill-group, essential and the
 * restart policy's restart-delay, restart-delay-max, restart-reset and
 * max-failures. Their values are parsed by knobparse (runsv/lib). */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include "errword.h"
#include "knobs.h"
#include "knobparse.h"
#include "backoff.h"

/* NOT_REGULAR: the errno knobs_file_read gives for a file that is no regular file */
#define NOT_REGULAR EINVAL

void knobs_path (char *path, int islog, char const *name)
{
  size_t n = strlen(name) ;
  size_t d = islog ? 4 : 0 ;
  memcpy(path, "log/", d) ;
  memcpy(path + d, name, n + 1) ;
}

ssize_t knobs_file_read (char const *path, char *buf, size_t len)
{
  struct stat sb ;
  ssize_t r ;
  /* O_NONBLOCK: a FIFO planted as a knob cannot hang runsv in its open */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) ;
  if (fd < 0) return -1 ;
  if (fstat(fd, &sb) < 0) { fd_close(fd) ; return -1 ; }
  if (!S_ISREG(sb.st_mode)) { fd_close(fd) ; errno = NOT_REGULAR ; return -1 ; }
  errno = 0 ;
  r = (ssize_t)allread(fd, buf, len) ;
  if ((size_t)r < len && errno && errno != EPIPE) r = -1 ;  /* short for an error, not the end (errno 0, or EPIPE) */
  {
    int e = errno ;
    fd_close(fd) ;
    errno = e ;
  }
  return r ;
}

void knobs_unread (char const *path, char const *instead)
{
  if (errno == NOT_REGULAR) errword_warn(path, ": not a regular file: ", instead) ;
  else errword_warn("unable to read ", path, ": ", errword(errno), ": ", instead) ;
}

/* knob_read: the bytes of S's knob file NAME into BUF (64 bytes, the path
   into PATH); their count, or -1 when the file is absent or unreadable
   (said in one warning) */
static ssize_t knob_read (service const *s, char const *name, char *path, char *buf)
{
  ssize_t r ;
  knobs_path(path, s->life.islog, name) ;
  r = knobs_file_read(path, buf, 64) ;
  if (r < 0 && errno != ENOENT) knobs_unread(path, "ignored") ;
  return r ;
}

/* knob_bad: the one warning for a knob file whose value is not what it should be */
static void knob_bad (char const *path, char const *buf, ssize_t r, char const *what, char const *instead)
{
  char shown[24] ;
  knobparse_show(buf, (size_t)r, shown) ;
  errword_warn(path, ": \"", shown, "\" is not ", what, ": ", instead) ;
}

/* knob_sig: the signal S's knob file NAME gives, DEF when it gives none (bad: warned) */
static int knob_sig (service const *s, char const *name, int def)
{
  char path[KNOBS_PATH], buf[64] ;
  int sig ;
  ssize_t r = knob_read(s, name, path, buf) ;
  if (r < 0) return def ;
  if (knobparse_sig(buf, (size_t)r, &sig)) return sig ;
  knob_bad(path, buf, r, "a signal name or number", def == SIGTERM ? "TERM is sent" : "HUP is sent") ;
  return def ;
}

/* knob_number: the decimal number S's knob file NAME gives (WHAT it is, for
   the warning), DEF when none (bad: one warning, saying INSTEAD) */
static uint32_t knob_number (service const *s, char const *name, uint32_t def, char const *what, char const *instead)
{
  char path[KNOBS_PATH], buf[64] ;
  uint32_t n ;
  ssize_t r = knob_read(s, name, path, buf) ;
  if (r < 0) return def ;
  if (knobparse_ms(buf, (size_t)r, &n)) return n ;
  knob_bad(path, buf, r, what, instead) ;
  return def ;
}

uint32_t knobs_ms (service const *s, char const *name, uint32_t def, char const *instead)
{
  return knob_number(s, name, def, "a number of milliseconds", instead) ;
}

uint32_t knobs_count (service const *s, char const *name, uint32_t def, char const *instead)
{
  return knob_number(s, name, def, "a count", instead) ;
}

/* knob_failures: max-failures' N and SECONDS into *N and *SECS; 0 0 when none (bad: warned) */
static void knob_failures (service const *s, uint32_t *n, uint32_t *secs)
{
  char path[KNOBS_PATH], buf[64] ;
  ssize_t r = knob_read(s, "max-failures", path, buf) ;
  *n = *secs = 0 ;
  if (r < 0 || knobparse_failures(buf, (size_t)r, n, secs)) return ;
  knob_bad(path, buf, r, "N SECONDS (two numbers from 1)", "runsv never gives up") ;
  *n = *secs = 0 ;
}

/* knob_essential: what S's essential file says, 0 when it is absent; a
   value that is neither empty nor on-failure is warned about, and the
   file's presence wins: every end counts */
static int knob_essential (service const *s)
{
  char path[KNOBS_PATH], buf[64] ;
  int e ;
  ssize_t r = knob_read(s, "essential", path, buf) ;
  if (r < 0) return 0 ;
  e = knobparse_essential(buf, (size_t)r) ;
  if (e) return e ;
  knob_bad(path, buf, r, "empty or on-failure", "every end of ./run counts") ;
  return KNOBPARSE_ESSENTIAL ;
}

void knobs_read (service *s)
{
  char path[KNOBS_PATH] ;
  struct stat sb ;
  life_knobs k ;
  int islog = s->life.islog ;
  uint32_t base, max, reset, n, secs ;
  k.downsig = knob_sig(s, "down-signal", SIGTERM) ;
  s->reloadsig = knob_sig(s, "reload-signal", SIGHUP) ;
  k.tkill = knobs_ms(s, "timeout-kill", 0, "no limit") ;
  k.tfinish = islog ? 0 : knobs_ms(s, "timeout-finish", 0, "no limit") ;
  knobs_path(path, islog, "kill-group") ;
  k.killgroup = stat(path, &sb) == 0 ;
  k.essential = islog ? 0 : knob_essential(s) ;
  base = knobs_ms(s, "restart-delay", BACKOFF_DELAY, "1000 ms") ;
  max = knobs_ms(s, "restart-delay-max", 0, "no growth") ;
  reset = knobs_ms(s, "restart-reset", BACKOFF_DELAY, "1000 ms") ;
  knob_failures(s, &n, &secs) ;
  life_set_knobs(&s->life, &k, base, max, reset, n, secs) ;
}
