/* svcmd.c - sv's command table and wait conditions (runit-spec.md 5.3, 5.5). */
#include <string.h>
#include <skalibs/types.h>
#include "superstate.h"
#include "svcmd.h"

/* is: WORD is exactly W (a loop, not strcmp: sv status binds no more libc than it needs) */
static int is (char const *word, char const *w)
{
  while (*word && *word == *w) { word++ ; w++ ; }
  return *word == *w ;
}

/* set: a command writing SEND and waiting for the same letters */
static int set (svcmd *c, char const *send, unsigned char wait, unsigned char kill)
{
  size_t n = strlen(send) ;
  memcpy(c->send, send, n + 1) ;
  memcpy(c->want, send, n + 1) ;
  c->wait = wait ;
  c->kill = kill ;
  c->ready = !!strpbrk(send, "utk") ;
  return 1 ;
}

int svcmd_parse (char const *w, int lsb, svcmd *c)
{
  char one[2] = { w[0], 0 } ;
  memset(c, 0, sizeof(*c)) ;
  switch (w[0])
  {
    case 'x' : case 'e' : return set(c, "x", SVCMD_WAIT_V, 0) ;
    /* undocumented in runit's man page, but scripts use them: exit, down, term with kill */
    case 'X' : case 'E' : return set(c, "x", SVCMD_WAIT, 1) ;
    case 'D' : return set(c, "d", SVCMD_WAIT, 1) ;
    case 'T' : return set(c, "tc", SVCMD_WAIT, 1) ;
    case 'c' :
      if (is(w, "check"))
      {
        c->want[0] = 'C' ;
        c->wait = SVCMD_WAIT ;
        c->ready = 1 ;
        return 1 ;
      }
      return set(c, one, SVCMD_WAIT_V, 0) ;  /* cont */
    case 't' :
      if (is(w, "try-restart")) return set(c, "tc", SVCMD_WAIT, 0) ;
      /* ours, the exact word only: "t", "term", "tx" still send TERM (runit) */
      if (!lsb && is(w, "tail")) { c->tail = 1 ; return 1 ; }
      return set(c, one, SVCMD_WAIT_V, 0) ;  /* term */
    case 'h' :
      /* ours, the exact word only: "h", "hup", "hx" still send HUP (runit) */
      if (!lsb && is(w, "health"))
      {
        c->want[0] = 'H' ;
        c->wait = SVCMD_WAIT ;
        c->ready = 1 ;
        c->health = 1 ;
        return 1 ;
      }
      return set(c, one, SVCMD_WAIT_V, 0) ;
    case 'u' : case 'd' : case 'o' : case 'p' : case 'a' :
    case 'i' : case 'k' : case 'q' : case '1' : case '2' :
      return set(c, one, SVCMD_WAIT_V, 0) ;
    case 's' :
      if (is(w, "shutdown")) return set(c, "x", SVCMD_WAIT, 0) ;
      if (is(w, "start")) return set(c, "u", SVCMD_WAIT, 0) ;
      if (is(w, "stop")) return set(c, "d", SVCMD_WAIT, 0) ;
      /* sv takes "s", "stat", "sss" as status; an init script wants the word */
      if (lsb && !is(w, "status")) return 0 ;
      c->status = 1 ;
      return 1 ;
    case 'r' :
      if (is(w, "restart")) return set(c, "tcu", SVCMD_WAIT, 0) ;
      /* r first: our runsv then sends reload-signal; runit's ignores the r and sends HUP */
      if (is(w, "reload")) return set(c, "rh", SVCMD_WAIT, 0) ;
      return 0 ;
    case 'f' :
      if (is(w, "force-reload")) return set(c, "tc", SVCMD_WAIT, 1) ;
      if (is(w, "force-restart")) return set(c, "tcu", SVCMD_WAIT, 1) ;
      if (is(w, "force-shutdown")) return set(c, "x", SVCMD_WAIT, 1) ;
      if (is(w, "force-stop")) return set(c, "d", SVCMD_WAIT, 1) ;
      return 0 ;
    default : return 0 ;
  }
}

/* up: a process runs ./run; ready if ./check agrees */
static int up (superstatus const *st)
{
  return st->pid && st->proc == SUPERSTATUS_RUN ? SVCMD_IFCHECK : SVCMD_NO ;
}

/* down: no process at all, so a running ./finish is waited for too */
static int down (superstatus const *st)
{
  return !st->pid && st->proc == SUPERSTATUS_DOWN ? SVCMD_YES : SVCMD_NO ;
}

int svcmd_reached (char c, superstatus const *st, tain const *t0)
{
  switch (c)
  {
    case 'u' : return up(st) ;
    case 'd' : return down(st) ;
    case 'x' : return SVCMD_NO ;
    /* runit 2.3.0: check waits for the state runsv wants, not just any
       state (2.1.2 called a down service with want up "ok") */
    case 'C' : return st->want == 'd' ? down(st) : up(st) ;
    /* health: a service wanted down (or runsv told to exit) is where it is
       wanted, whatever it still runs; one wanted up must be up */
    case 'H' : return st->want != 'u' ? SVCMD_YES : up(st) ;
    case 't' : case 'k' :
      /* told to stay down: nothing to restart */
      if (!st->pid && st->want == 'd') return SVCMD_YES ;
      /* else a process started since sv did, not being stopped */
      if (tain_less(&st->stamp, t0) || !st->pid || st->gotterm) return SVCMD_NO ;
      return SVCMD_IFCHECK ;
    case 'o' :
      if (!st->pid && tain_less(&st->stamp, t0)) return SVCMD_NO ;  /* not started yet */
      if (st->pid && st->want != 'd') return SVCMD_NO ;
      return SVCMD_YES ;
    case 'p' : return st->pid && !st->paused ? SVCMD_NO : SVCMD_YES ;
    case 'c' : return st->pid && st->paused ? SVCMD_NO : SVCMD_YES ;
    default : return SVCMD_YES ;  /* signals: nothing to see in the status */
  }
}

int svcmd_skip (char const *send, superstatus const *st)
{
  /* runit compares the raw want byte with the first command byte */
  if (st->want != send[0]) return 0 ;
  return send[0] != 'd' || st->gotterm == 1 ;
}

int svcmd_revives (char const *send, unsigned char stateflags)
{
  return send[0] == 'u' && stateflags & SUPERSTATE_FAILED ;
}

int svcmd_shows (char const *want)
{
  for (; *want ; want++) if (strchr("udoptckC", *want)) return 1 ;
  return 0 ;
}

int svcmd_failing (superstatus const *st, unsigned char stateflags)
{
  if (st->want != 'u') return 0 ;
  /* waiting for its dependencies is no failure; a quick death before it is */
  if (!st->pid) return st->proc == SUPERSTATUS_DOWN && (!(stateflags & SUPERSTATE_WAITING) || stateflags & SUPERSTATE_QUICK) ;
  return st->proc == SUPERSTATUS_RUN && stateflags & SUPERSTATE_QUICK ;
}

int svcmd_settled (superstatus const *st, tain const *now, tain *left)
{
  tain settle ;
  tain_from_millisecs(&settle, SVCMD_SETTLE_MS) ;
  tain_add(&settle, &st->stamp, &settle) ;
  if (!tain_less(now, &settle)) return 1 ;
  tain_sub(left, &settle, now) ;
  return 0 ;
}

char const *svcmd_unhealthy (superstatus const *st, unsigned char stateflags, int settling, int checkfail)
{
  if (st->proc == SUPERSTATUS_FINISH) return "finish, want up" ;
  if (!st->pid || st->proc != SUPERSTATUS_RUN) return "down, want up" ;
  if (settling) return "restarting, want up" ;
  if (stateflags & SUPERSTATE_DECLARES && !(stateflags & SUPERSTATE_READY)) return "not ready" ;
  if (checkfail) return "not ready: ./check failed" ;
  return "not ready" ;
}

int svcmd_scheduled (char c, superstatus const *st, unsigned char schedflags)
{
  if (!(schedflags & SUPERSTATE_SCHED_ON) || st->want != 'u') return 0 ;
  switch (c)
  {
    case 'u' : case 'C' : return 1 ;
    /* a bad schedule starts nothing: health says so (svcmd_clock) */
    case 'H' : return !(schedflags & SUPERSTATE_SCHED_BAD) && st->proc != SUPERSTATUS_RUN ;
    case 't' : case 'k' : return st->proc != SUPERSTATUS_RUN ;
    default : return 0 ;
  }
}

int svcmd_clock (superstatus const *st, unsigned char schedflags, uint32_t checkfails)
{
  if (st->want != 'u') return 0 ;
  if (schedflags & SUPERSTATE_SCHED_ON && schedflags & SUPERSTATE_SCHED_BAD) return SVCMD_CLOCK_BAD ;
  return checkfails ? SVCMD_CLOCK_CHECK : 0 ;
}

size_t svcmd_clockwhy (char *s, int v, uint32_t checkfails)
{
  size_t n = 0 ;
  switch (v)
  {
    case SVCMD_CLOCK_BAD :
      memcpy(s, "schedule not valid", 18) ; n = 18 ;
      break ;
    case SVCMD_CLOCK_CHECK :
      memcpy(s, "check failed ", 13) ; n = 13 ;
      n += uint32_fmt(s + n, checkfails) ;
      memcpy(s + n, " times", 6) ; n += 6 ;
      break ;
    default : break ;
  }
  s[n] = 0 ;
  return n ;
}
