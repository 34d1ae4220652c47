/* backoff.c - the restart policy (see backoff.h). */
#include "backoff.h"

void backoff_after (tain *at, tain const *from, uint32_t ms)
{
  tain d ;
  tai_uint(tain_secp(&d), ms / 1000) ;
  d.nano = (ms % 1000) * 1000000u ;
  tain_add(at, from, &d) ;
}

void backoff_knobs (backoff *r, uint32_t base, uint32_t max, uint32_t reset, uint32_t maxfail, uint32_t window)
{
  uint32_t cap = max > base ? max : base ;
  r->base = base ;
  r->max = max ;
  r->reset = reset ;
  r->maxfail = maxfail ;
  r->window = window ;
  if (r->delay < base || !r->failures) r->delay = base ;
  if (r->delay > cap) r->delay = cap ;
}

int backoff_ended (backoff *r, tain const *started, tain const *now, int ready, tain *next)
{
  tain lasted ;
  uint32_t cap = r->max > r->base ? r->max : r->base ;
  if (backoff_lasted(r, started, now, ready)) { *next = *now ; return 0 ; }
  /* a quick death: the next start waits for the pause, counted from this
     run's start (runit's second: two starts are never closer) */
  backoff_after(next, started, r->delay) ;
  if (tain_less(next, now)) *next = *now ;
  r->delay = r->delay > cap / 2 ? cap : r->delay * 2 ;
  if (r->failures && r->window)
  {
    /* the window opened by the first failure closes SECONDS later, as
       systemd's start limit does: a death after it opens the next one */
    tain_sub(&lasted, now, &r->window_at) ;
    if (tai_sec(tain_secp(&lasted)) >= r->window) r->failures = 0 ;
  }
  if (!r->failures) r->window_at = *now ;
  if (r->failures < UINT32_MAX) r->failures++ ;
  if (r->maxfail && r->failures >= r->maxfail) r->failed = 1 ;
  return 1 ;
}

void backoff_stopped (backoff *r, tain const *started, tain const *now, int ready, tain *next)
{
  if (backoff_lasted(r, started, now, ready)) { *next = *now ; return ; }
  /* the base, never the grown pause: an operator's restarts are no crash loop */
  backoff_after(next, started, r->base) ;
  if (tain_less(next, now)) *next = *now ;
}

void backoff_lasts_at (backoff const *r, tain const *started, tain *at)
{
  backoff_after(at, started, r->reset) ;
}

int backoff_lasted (backoff *r, tain const *started, tain const *now, int ready)
{
  tain enough ;
  if (!ready) return 0 ;
  backoff_lasts_at(r, started, &enough) ;
  if (tain_less(now, &enough)) return 0 ;
  r->failures = 0 ;
  r->delay = r->base ;
  return 1 ;
}

void backoff_clear (backoff *r)
{
  r->failures = 0 ;
  r->delay = r->base ;
  r->failed = 0 ;
}
