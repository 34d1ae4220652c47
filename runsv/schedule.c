/* schedule.c - the clock that starts a scheduled run (see schedule.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cronspec.h"
#include "errword.h"
#include "knobs.h"
#include "schedule.h"
#include "tai64n.h"

/* wall_ns: the wall clock now, nanoseconds since the Epoch; -1 if it fails */
static int64_t wall_ns (void)
{
  struct timespec ts ;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0) return -1 ;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec ;
}

/* after_ns: *AT becomes FROM + NS nanoseconds (NS >= 0) */
static void after_ns (tain *at, tain const *from, int64_t ns)
{
  tain d ;
  tai_uint(tain_secp(&d), (uint64_t)(ns / 1000000000)) ;
  d.nano = (uint32_t)(ns % 1000000000) ;
  tain_add(at, from, &d) ;
}

/* same_minute: do A and B (seconds since the Epoch) read the same local date and minute? */
static int same_minute (int64_t a, int64_t b)
{
  struct tm ta, tb ;
  time_t x = (time_t)a, y = (time_t)b ;
  if (!localtime_r(&x, &ta) || !localtime_r(&y, &tb)) return 0 ;
  return ta.tm_year == tb.tm_year && ta.tm_mon == tb.tm_mon && ta.tm_mday == tb.tm_mday
      && ta.tm_hour == tb.tm_hour && ta.tm_min == tb.tm_min ;
}

/* arm: the next tick after NOW (monotonic) */
static void arm (service *s, tain const *now)
{
  schedule *c = &s->sched ;
  c->tick = tain_infinite ;
  c->nextlabel = tain_zero ;
  if (c->flags != SUPERSTATE_SCHED_ON) { life_schedule(&s->life, c->flags != 0, &c->tick) ; return ; }
  if (c->spec.every)
  {
    tain label ;
    tai_uint(tain_secp(&c->tick), c->spec.every) ;
    c->tick.nano = 0 ;
    if (tai64n_now(&label)) tain_add(&c->nextlabel, &label, &c->tick) ;
    tain_add(&c->tick, now, &c->tick) ;
  }
  else
  {
    char const *tz = getenv("TZ") ;
    int64_t w = wall_ns() ;
    int64_t from, next ;
    if (w >= 0)
    {
      /* strictly after the last tick, whatever the clock did since */
      from = w / 1000000000 ;
      if (from < c->lastwall) from = c->lastwall ;
      next = cronspec_next(&c->spec, from, !tz || !*tz) ;
      /* an hour the clock repeats (the fall-back of summer time) names its
         times twice: a job runs once in it */
      if (next >= 0 && tz && *tz && c->lastwall && same_minute(next, c->lastwall))
        next = cronspec_next(&c->spec, next, 0) ;
      if (next >= 0)
      {
        c->tickwall = next ;
        after_ns(&c->tick, now, next * 1000000000 > w ? next * 1000000000 - w : 0) ;
        tai64n_from_unix(&c->nextlabel, next, 0) ;
      }
    }
  }
  life_schedule(&s->life, 1, &c->tick) ;
}

void schedule_read (service *s, tain const *now)
{
  schedule *c = &s->sched ;
  char buf[SUPERSTATE_SPECMAX + 2] ;
  char const *why = 0 ;
  ssize_t r ;
  size_t n ;
  if (s->life.islog) return ;
  c->flags = 0 ;
  c->linelen = 0 ;
  r = knobs_file_read("schedule", buf, sizeof(buf) - 1) ;
  if (r < 0)
  {
    if (errno != ENOENT) { knobs_unread("schedule", "the clock starts nothing") ; c->flags = SUPERSTATE_SCHED_ON | SUPERSTATE_SCHED_BAD ; }
    arm(s, now) ;
    return ;
  }
  c->flags = SUPERSTATE_SCHED_ON ;
  n = (size_t)r ;
  if (n && buf[n - 1] == '\n') n-- ;
  buf[n] = 0 ;
  if (n > SUPERSTATE_SPECMAX) why = "longer than 128 bytes" ;
  else if (memchr(buf, '\n', n) || memchr(buf, 0, n)) why = "more than one line" ;
  else if (!cronspec_parse(buf, &c->spec, &why) && !why) why = "not a schedule" ;
  c->linelen = (uint16_t)(n > SUPERSTATE_SPECMAX ? SUPERSTATE_SPECMAX : n) ;
  memcpy(c->line, buf, c->linelen) ;
  if (why)
  {
    errword_warn("schedule: ", why, ": the clock starts nothing") ;
    c->flags |= SUPERSTATE_SCHED_BAD ;
  }
  arm(s, now) ;
}

int schedule_due (service *s, tain const *now, tain *deadline)
{
  schedule *c = &s->sched ;
  if (c->flags != SUPERSTATE_SCHED_ON || !tain_less(&c->tick, &tain_infinite)) return 0 ;
  if (tain_less(now, &c->tick))
  {
    if (tain_less(&c->tick, deadline)) *deadline = c->tick ;
    return 0 ;
  }
  if (!c->spec.every)
  {
    /* the wall clock was stepped back since the tick was armed: wait for it again */
    int64_t w = wall_ns() ;
    if (w >= 0 && w < c->tickwall * 1000000000)
    {
      after_ns(&c->tick, now, c->tickwall * 1000000000 - w) ;
      if (tain_less(&c->tick, deadline)) *deadline = c->tick ;
      life_schedule(&s->life, 1, &c->tick) ;
      return 0 ;
    }
    c->lastwall = c->tickwall ;
  }
  return 1 ;
}

void schedule_ticked (service *s, tain const *now, int skipped)
{
  if (skipped && s->sched.skipped < UINT32_MAX) s->sched.skipped++ ;
  arm(s, now) ;
}

void schedule_shown (service const *s, superstate *st)
{
  schedule const *c = &s->sched ;
  st->sched_flags = c->flags ;
  if (!c->flags) return ;
  /* suspended (sv down): no next run */
  st->sched_next = s->life.want == LIFE_WANT_UP ? c->nextlabel : tain_zero ;
  st->sched_runs = s->life.restarts ;
  st->sched_skipped = c->skipped ;
  st->speclen = c->linelen ;
  memcpy(st->spec, c->line, c->linelen) ;
}
