/* life.c - the life of one supervised process (see life.h).
 *
 * The table at the bottom says, for every stage and event, which action
 * runs; each action is a small named function, and an action that leaves
 * the stage says where it goes. "bug" marks the cells that cannot happen.
 */
#include <sys/wait.h>
#include "life.h"
#include "knobparse.h"

typedef int life_action (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat) ;

/* the helpers the actions share */

static void dirty (life *l)
{
  l->dirty = LIFE_DIRTY_NOW ;
}

/* dirty_lazy: a stop signal went out: the status may wait for the end it announces */
static void dirty_lazy (life *l)
{
  if (!l->dirty) l->dirty = LIFE_DIRTY_LAZY ;
}

static void no_deadline (life *l)
{
  l->deadline = tain_infinite ;
}

/* deadline_in: the deadline MS milliseconds after NOW */
static void deadline_in (life *l, tain const *now, uint32_t ms)
{
  backoff_after(&l->deadline, now, ms) ;
}

static void stamp (life *l, life_ops const *o)
{
  tain t ;
  if (o->label(&t)) l->stamp = t ;
}

/* next_shown: the label of restart_at for clients, none when it is past or
   given up. After a run, it counts from that run's start label, taken with
   run_at at its fork, so the label says the pause exactly (a wall clock read
   now would add however long this step has taken) */
static void next_shown (life *l, life_ops const *o, tain const *now)
{
  tain wait, wall ;
  l->nextstart = tain_zero ;
  if (l->policy.failed || !tain_less(now, &l->restart_at)) return ;
  if (l->stage == LIFE_UP || l->stage == LIFE_STOPPING)
  {
    tain_sub(&wait, &l->restart_at, &l->run_at) ;
    tain_add(&l->nextstart, &l->stamp, &wait) ;
    return ;
  }
  if (!o->label(&wall)) return ;
  tain_sub(&wait, &l->restart_at, now) ;
  tain_add(&l->nextstart, &wall, &wait) ;
}

/* clear_give_up: u, o and t after max-failures gave up: failures cleared, the next start at once */
static void clear_give_up (life *l)
{
  if (!l->policy.failed) return ;
  backoff_clear(&l->policy) ;
  l->restart_at = tain_zero ;
  l->quick = 0 ;
  l->nextstart = tain_zero ;
}

/* group_for: signals to the run go to its group with kill-group, and for an exit */
static int group_for (life const *l)
{
  return l->knobs.killgroup || l->want == LIFE_WANT_EXIT ;
}

/* up_deadline: in UP, when the run will have lasted restart-reset, if that
   ends failures (or a grown pause) and it is ready; else none */
static void up_deadline (life *l, life_ops const *o)
{
  no_deadline(l) ;
  if (!l->policy.failures && l->policy.delay == l->policy.base) return ;
  if (!o->ready(l)) return ;
  backoff_lasts_at(&l->policy, &l->run_at, &l->deadline) ;
}

static void begin (life *l, life_ops const *o, tain const *now) ;
static void launch (life *l, life_ops const *o, tain const *now) ;
static void begin_finish (life *l, life_ops const *o, tain const *now) ;

/* settle: nothing runs (the run, its finish, its sweep are over): down,
   given up, or waiting for the restart pause (due at once when it is over) */
static void settle (life *l, life_ops const *o, tain const *now)
{
  l->pid = 0 ;
  no_deadline(l) ;
  dirty(l) ;
  /* o on a scheduled service: a start now, whatever the want */
  if (l->oncenow) { l->stage = LIFE_PAUSE ; l->deadline = tain_zero ; return ; }
  if (l->want == LIFE_WANT_DOWN || l->want == LIFE_WANT_EXIT) { l->stage = LIFE_DOWN ; return ; }
  if (l->policy.failed && l->want == LIFE_WANT_UP) { l->stage = LIFE_GAVEUP ; return ; }
  /* the start comes from the loop's deadline (at once when the pause is
     over), after every other event of this wake-up: a ./finish that wrote
     sv down . just before it ended has its d read first */
  l->stage = LIFE_PAUSE ;
  /* a scheduled run waits for its tick (an o of runit's kind, at once) */
  l->deadline = l->scheduled && l->want == LIFE_WANT_UP ? l->tick : l->restart_at ;
  (void)o ; (void)now ;
}

/* finish_done: ./finish is over (or never ran): down once the sweep is */
static void finish_done (life *l, life_ops const *o, tain const *now)
{
  l->pid = 0 ;
  stamp(l, o) ;
  if (o->sweeping(l)) { l->stage = LIFE_SWEEP ; no_deadline(l) ; dirty(l) ; return ; }
  settle(l, o, now) ;
}

/* essential_ends: does this end (WSTAT; STOPPED: runsv stopped it) of an
   essential service end runsv? Only while wanted up: sv down and sv exit
   are no failures; a give-up under max-failures always is */
static int essential_ends (life const *l, int wstat, int stopped)
{
  if (!l->knobs.essential || l->want != LIFE_WANT_UP || stopped) return 0 ;
  if (l->policy.failed || l->knobs.essential == KNOBPARSE_ESSENTIAL) return 1 ;
  return !WIFEXITED(wstat) || WEXITSTATUS(wstat) ;
}

/* run_end: the run ended with WSTAT (EXECUTED: it ran; STOPPED: runsv
   stopped it): judged by the restart policy (a stop asked for is never a
   failure), kept, ./finish next, or the end of it all for an essential service */
static void run_end (life *l, life_ops const *o, tain const *now, int wstat, int executed, int stopped)
{
  int failed = l->policy.failed ;
  int quick = 0 ;
  /* a liveness restart is a failure however long the run lasted; a
     scheduled run's end never is, and the clock says when it starts again */
  if (l->unhealthy) quick = backoff_ended(&l->policy, &l->run_at, now, 0, &l->restart_at) ;
  else if (stopped || l->scheduled) backoff_stopped(&l->policy, &l->run_at, now, o->ready(l), &l->restart_at) ;
  else quick = backoff_ended(&l->policy, &l->run_at, now, executed && o->ready(l), &l->restart_at) ;
  if (l->scheduled) l->restart_at = tain_zero ;
  l->unhealthy = 0 ;
  if (l->policy.failed && !failed) o->gave_up(l) ;
  next_shown(l, o, now) ;
  l->ended = 1 ;
  l->quick = quick ;
  l->wstat = wstat ;
  l->pid = 0 ;
  l->gotterm = 0 ;
  o->ended(l, wstat, executed) ;
  if (essential_ends(l, wstat, stopped))
  {
    o->essential(l, wstat, executed) ;
    l->want = LIFE_WANT_EXIT ;
  }
  if (!l->islog && o->finish_exists(l)) { begin_finish(l, o, now) ; return ; }
  finish_done(l, o, now) ;
}

/* begin: start the run now, or wait for what it needs first */
static void begin (life *l, life_ops const *o, tain const *now)
{
  uint32_t timeout = 0 ;
  if (o->needs(l, &timeout)) { launch(l, o, now) ; return ; }
  l->stage = LIFE_WAIT ;
  no_deadline(l) ;
  if (timeout) deadline_in(l, now, timeout) ;
  dirty(l) ;
}

/* launch: start the run now */
static void launch (life *l, life_ops const *o, tain const *now)
{
  pid_t pid = 0 ;
  tain forked = *now, label = l->stamp ;
  int r = o->spawn(l, 0, &pid, &forked, &label) ;
  l->run_at = forked ;
  if (r == LIFE_SPAWN_FORK)
  {
    /* no child, so no SIGCHLD will come: the retry is the pause's deadline */
    tain_addsec(&l->restart_at, now, LIFE_FORK_RETRY) ;
    next_shown(l, o, now) ;
    l->stage = LIFE_PAUSE ;
    l->deadline = l->restart_at ;
    dirty(l) ;
    return ;
  }
  if (l->want == LIFE_WANT_ONCE) l->want = LIFE_WANT_DOWN ;  /* one attempt, whether or not the exec succeeds */
  l->oncenow = 0 ;
  if (r == LIFE_SPAWN_EXEC) { run_end(l, o, now, 111 << 8, 0, 0) ; return ; }
  l->stage = LIFE_UP ;
  l->pid = pid ;
  l->stamp = label ;
  l->paused = 0 ;
  l->gotterm = 0 ;
  l->restarts++ ;
  l->nextstart = tain_zero ;
  up_deadline(l, o) ;
  dirty(l) ;
}

/* begin_finish: start ./finish now, unthrottled; the label stays the run's */
static void begin_finish (life *l, life_ops const *o, tain const *now)
{
  pid_t pid = 0 ;
  tain forked = *now, label = l->stamp ;
  int r = o->spawn(l, 1, &pid, &forked, &label) ;
  if (r == LIFE_SPAWN_FORK)
  {
    tain_addsec(&l->restart_at, now, LIFE_FORK_RETRY) ;
    next_shown(l, o, now) ;
  }
  if (r != LIFE_SPAWN_OK) { finish_done(l, o, now) ; return ; }
  l->stage = LIFE_FINISH ;
  l->pid = pid ;
  l->paused = 0 ;
  l->gotterm = 0 ;
  no_deadline(l) ;
  if (l->knobs.tfinish)
  {
    tain after ;
    o->now(&after) ;
    deadline_in(l, &after, l->knobs.tfinish) ;
  }
  dirty(l) ;
}

/* stop: runit's stop for d, x and t on the running run (C), with
   down-signal; timeout-kill's KILL armed by the first stop after the
   signal, so it never comes sooner */
static void stop (life *l, life_ops const *o, char c)
{
  int arming = l->knobs.tkill && (l->stage != LIFE_STOPPING || !tain_less(&l->deadline, &tain_infinite)) ;
  if (l->stage != LIFE_STOPPING) no_deadline(l) ;
  l->stage = LIFE_STOPPING ;
  if (!o->custom(l, 't'))
  {
    o->signal(l, l->pid, l->knobs.downsig, group_for(l)) ;
    l->gotterm = 1 ;
    dirty_lazy(l) ;
  }
  else if (c != 't') dirty(l) ;  /* the want changed */
  if (arming)
  {
    tain after ;
    o->now(&after) ;
    deadline_in(l, &after, l->knobs.tkill) ;
  }
  /* wanted down or gone (t included), a paused run must be able to act on it */
  if (l->want != LIFE_WANT_DOWN && l->want != LIFE_WANT_EXIT) return ;
  o->signal(l, l->pid, SIGCONT, group_for(l)) ;
  o->custom(l, l->want == LIFE_WANT_DOWN ? 'd' : 'x') ;
}

/* signal_run: SIG to the running run, unless control/C handles it */
static void signal_run (life *l, life_ops const *o, char c, int sig)
{
  if (!o->custom(l, c)) o->signal(l, l->pid, sig, l->knobs.killgroup) ;
}

/* the actions */

static int bug (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)l ; (void)o ; (void)now ; (void)c ; (void)sig ; (void)wstat ;
  return LIFE_BUG ;
}

static int nothing (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)l ; (void)o ; (void)now ; (void)c ; (void)sig ; (void)wstat ;
  return LIFE_OK ;
}

/* up: want up; a give-up is cleared, and what is not running starts (after the pause) */
static int up (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  l->want = LIFE_WANT_UP ;
  clear_give_up(l) ;
  dirty(l) ;
  if (l->stage == LIFE_DOWN || l->stage == LIFE_GAVEUP) settle(l, o, now) ;
  return LIFE_OK ;
}

/* once: want down, but one start if nothing runs; a running run or finish
   just is not restarted. A scheduled service keeps its want (its schedule
   on or off): one start now if nothing runs, none more */
static int once (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  clear_give_up(l) ;
  dirty(l) ;
  if (l->scheduled)
  {
    if (l->stage != LIFE_DOWN && l->stage != LIFE_PAUSE && l->stage != LIFE_GAVEUP) return LIFE_OK ;
    l->oncenow = 1 ;
    settle(l, o, now) ;
    return LIFE_OK ;
  }
  if (l->stage != LIFE_DOWN && l->stage != LIFE_PAUSE && l->stage != LIFE_GAVEUP && l->stage != LIFE_WAIT) { l->want = LIFE_WANT_DOWN ; return LIFE_OK ; }
  l->want = LIFE_WANT_ONCE ;
  if (l->stage != LIFE_PAUSE && l->stage != LIFE_WAIT) settle(l, o, now) ;
  return LIFE_OK ;
}

/* want_down: d, x or the logger's last, with nothing of the run to stop */
static int want_down (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)o ; (void)now ; (void)sig ; (void)wstat ;
  l->want = c == 'd' ? LIFE_WANT_DOWN : LIFE_WANT_EXIT ;
  dirty(l) ;
  return LIFE_OK ;
}

/* cancel: d or x while waiting for a start (or given up): down */
static int cancel (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  want_down(l, o, now, c, sig, wstat) ;
  l->oncenow = 0 ;
  l->stage = LIFE_DOWN ;
  no_deadline(l) ;
  return LIFE_OK ;
}

/* stop_run: d or x while the run runs: the want, then runit's stop */
static int stop_run (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)sig ; (void)wstat ;
  l->want = c == 'd' ? LIFE_WANT_DOWN : LIFE_WANT_EXIT ;
  (void)now ;
  stop(l, o, c) ;
  return LIFE_OK ;
}

/* term: t while the run runs: the stop, the want unchanged (wanted up, it restarts) */
static int term (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  (void)now ;
  stop(l, o, 't') ;
  return LIFE_OK ;
}

/* unhealthy: the liveness check failed its count while the run runs: t's
   stop, the want unchanged, and its end a failure */
static int unhealthy (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ; (void)now ;
  l->unhealthy = 1 ;
  stop(l, o, 't') ;
  return LIFE_OK ;
}

/* term_idle: t with no run: a give-up is cleared (runit's sv restart writes no u), nothing stops */
static int term_idle (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  if (!l->policy.failed) return LIFE_OK ;
  clear_give_up(l) ;
  dirty(l) ;
  if (l->stage == LIFE_GAVEUP) settle(l, o, now) ;
  return LIFE_OK ;
}

/* pause_flag, cont_flag: p and c with no run: the flag alone (runit sets it in any stage) */
static int pause_flag (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)o ; (void)now ; (void)c ; (void)sig ; (void)wstat ;
  l->paused = 1 ;
  dirty(l) ;
  return LIFE_OK ;
}

static int cont_flag (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)o ; (void)now ; (void)c ; (void)sig ; (void)wstat ;
  l->paused = 0 ;
  dirty(l) ;
  return LIFE_OK ;
}

/* pause_run, cont_run: p and c while the run runs: STOP or CONT, and the flag */
static int pause_run (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  signal_run(l, o, 'p', SIGSTOP) ;
  return pause_flag(l, o, now, c, sig, wstat) ;
}

static int cont_run (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  signal_run(l, o, 'c', SIGCONT) ;
  return cont_flag(l, o, now, c, sig, wstat) ;
}

/* signal_idle: a signal command with no run (a finish, a sweep, nothing): no one gets it; k still rewrites the status */
static int signal_idle (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)o ; (void)now ; (void)sig ; (void)wstat ;
  if (c == 'k') dirty(l) ;
  return LIFE_OK ;
}

/* signal_cmd: a signal command while the run runs */
static int signal_cmd (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  signal_run(l, o, c, sig) ;
  return signal_idle(l, o, now, c, sig, wstat) ;
}

/* run_ended, stopped_ended: the run ended by itself, or after runsv stopped it */
static int run_ended (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ;
  run_end(l, o, now, wstat, 1, 0) ;
  return LIFE_OK ;
}

static int stopped_ended (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ;
  run_end(l, o, now, wstat, 1, 1) ;
  return LIFE_OK ;
}

/* finish_ended: ./finish is over */
static int finish_ended (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  finish_done(l, o, now) ;
  return LIFE_OK ;
}

/* swept: the sweep is over: down at last */
static int swept (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  stamp(l, o) ;
  settle(l, o, now) ;
  return LIFE_OK ;
}

/* ready: the run became ready: restart-reset may now end the failures */
static int ready (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  if (backoff_lasted(&l->policy, &l->run_at, now, o->ready(l))) { next_shown(l, o, now) ; no_deadline(l) ; return LIFE_OK ; }
  up_deadline(l, o) ;
  return LIFE_OK ;
}

/* lasted: the run has lasted restart-reset, ready: its failures are over */
static int lasted (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  backoff_lasted(&l->policy, &l->run_at, now, o->ready(l)) ;
  next_shown(l, o, now) ;
  no_deadline(l) ;
  return LIFE_OK ;
}

/* start_due: the pause is over (or waived): start */
static int start_due (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  begin(l, o, now) ;
  return LIFE_OK ;
}

/* met: what the run waited for is there: it starts */
static int met (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)c ; (void)sig ; (void)wstat ;
  launch(l, o, now) ;
  return LIFE_OK ;
}

/* waited_out: timeout-up's time came: the run starts all the same */
static int waited_out (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  o->waited_out(l) ;
  return met(l, o, now, c, sig, wstat) ;
}

/* kill_run: timeout-kill's time came while the run still runs: KILL (once) */
static int kill_run (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)now ; (void)c ; (void)sig ; (void)wstat ;
  o->signal(l, l->pid, SIGKILL, group_for(l)) ;
  no_deadline(l) ;
  return LIFE_OK ;
}

/* kill_finish: timeout-finish's time came: KILL to ./finish (once) */
static int kill_finish (life *l, life_ops const *o, tain const *now, char c, int sig, int wstat)
{
  (void)now ; (void)c ; (void)sig ; (void)wstat ;
  o->signal(l, l->pid, SIGKILL, l->knobs.killgroup) ;
  no_deadline(l) ;
  return LIFE_OK ;
}

#define S LIFE_STAGES
static life_action *const table[LIFE_STAGES][LIFE_EVENTS] =
{
  /*                UP     DOWN       ONCE   EXIT       LAST       TERM       PAUSE       CONT       SIGNAL       ENDED          SWEPT    READY    DEADLINE     KICK        MET   UNHEALTHY */
  [LIFE_DOWN] =     { &up, &want_down, &once, &want_down, &want_down, &term_idle, &pause_flag, &cont_flag, &signal_idle, &bug,          &bug,    &bug,    &bug,        &nothing,   &bug, &bug },
  [LIFE_PAUSE] =    { &up, &cancel,    &once, &cancel,    &cancel,    &term_idle, &pause_flag, &cont_flag, &signal_idle, &bug,          &bug,    &bug,    &start_due,  &start_due, &bug, &bug },
  [LIFE_GAVEUP] =   { &up, &cancel,    &once, &cancel,    &cancel,    &term_idle, &pause_flag, &cont_flag, &signal_idle, &bug,          &bug,    &bug,    &bug,        &start_due, &bug, &bug },
  [LIFE_WAIT] =     { &up, &cancel,    &once, &cancel,    &cancel,    &term_idle, &pause_flag, &cont_flag, &signal_idle, &bug,          &bug,    &bug,    &waited_out, &nothing,   &met, &bug },
  [LIFE_UP] =       { &up, &stop_run,  &once, &stop_run,  &want_down, &term,      &pause_run,  &cont_run,  &signal_cmd,  &run_ended,    &bug,    &ready,  &lasted,     &nothing,   &bug, &unhealthy },
  [LIFE_STOPPING] = { &up, &stop_run,  &once, &stop_run,  &want_down, &term,      &pause_run,  &cont_run,  &signal_cmd,  &stopped_ended, &bug,   &nothing, &kill_run,  &nothing,   &bug, &nothing },
  [LIFE_FINISH] =   { &up, &want_down, &once, &want_down, &bug,       &term_idle, &pause_flag, &cont_flag, &signal_idle, &finish_ended, &nothing, &bug,   &kill_finish, &nothing,  &bug, &bug },
  [LIFE_SWEEP] =    { &up, &want_down, &once, &want_down, &want_down, &term_idle, &pause_flag, &cont_flag, &signal_idle, &bug,          &swept,  &bug,    &bug,        &nothing,   &bug, &bug },
} ;
#undef S

int life_step (life *l, life_ops const *ops, life_event ev, tain const *now, char c, int sig, int wstat)
{
  if ((unsigned int)l->stage >= LIFE_STAGES || (unsigned int)ev >= LIFE_EVENTS) return LIFE_BUG ;
  /* the logger has no x of its own and no ./finish, and is never essential */
  if (l->islog && ev == LIFE_EV_EXIT) return LIFE_BUG ;
  if (ev == LIFE_EV_DOWN) c = 'd' ;
  else if (ev == LIFE_EV_EXIT || ev == LIFE_EV_LAST) c = 'x' ;
  return (*table[l->stage][ev])(l, ops, now, c, sig, wstat) ;
}

void life_init (life *l, int islog, char want, tain const *zero, tain const *label, void *ctx)
{
  static backoff const policyzero = BACKOFF_ZERO ;
  static life_knobs const knobszero = LIFE_KNOBS_ZERO ;
  l->islog = islog ;
  l->want = want == LIFE_WANT_DOWN ? LIFE_WANT_DOWN : LIFE_WANT_UP ;
  l->pid = 0 ;
  l->paused = l->gotterm = 0 ;
  l->stamp = *label ;
  l->run_at = l->restart_at = *zero ;
  l->nextstart = tain_zero ;
  l->policy = policyzero ;
  l->knobs = knobszero ;
  l->restarts = 0 ;
  l->wstat = 0 ;
  l->ended = l->quick = 0 ;
  l->dirty = LIFE_DIRTY_NOW ;
  l->scheduled = 0 ;
  l->tick = tain_infinite ;
  l->oncenow = 0 ;
  l->unhealthy = 0 ;
  l->ctx = ctx ;
  l->stage = l->want == LIFE_WANT_UP ? LIFE_PAUSE : LIFE_DOWN ;
  l->deadline = l->stage == LIFE_PAUSE ? *zero : tain_infinite ;
}

void life_set_knobs (life *l, life_knobs const *k, uint32_t base, uint32_t max, uint32_t reset, uint32_t maxfail, uint32_t window)
{
  l->knobs = *k ;
  if (l->islog) { l->knobs.tfinish = 0 ; l->knobs.essential = 0 ; }
  backoff_knobs(&l->policy, base, max, reset, maxfail, window) ;
}

void life_schedule (life *l, int scheduled, tain const *tick)
{
  l->scheduled = scheduled && !l->islog ;
  l->tick = *tick ;
  if (!l->scheduled) return ;
  l->nextstart = tain_zero ;
  if (l->stage == LIFE_PAUSE && !l->oncenow && l->want == LIFE_WANT_UP) l->deadline = l->tick ;
}

int life_running (life const *l)
{
  return l->stage == LIFE_UP || l->stage == LIFE_STOPPING ;
}

void life_status (life const *l, pid_t leftpid, superstatus *st)
{
  st->stamp = l->stamp ;
  st->paused = l->paused ;
  st->gotterm = l->gotterm ;
  st->want = l->want == LIFE_WANT_UP ? 'u' : l->want == LIFE_WANT_EXIT ? 'x' : 'd' ;
  switch (l->stage)
  {
    case LIFE_UP :
    case LIFE_STOPPING : st->proc = SUPERSTATUS_RUN ; st->pid = (uint32_t)l->pid ; break ;
    case LIFE_FINISH : st->proc = SUPERSTATUS_FINISH ; st->pid = (uint32_t)l->pid ; break ;
    /* what a sweep waits for is the service's still: its pid, and so its want, shows */
    case LIFE_SWEEP : st->proc = SUPERSTATUS_FINISH ; st->pid = (uint32_t)leftpid ; break ;
    default : st->proc = SUPERSTATUS_DOWN ; st->pid = 0 ; break ;
  }
}

void life_shown (life const *l, superstate *st)
{
  st->restarts = l->restarts ;
  st->lastwstat = l->wstat ;
  st->flags &= ~(SUPERSTATE_EXITED | SUPERSTATE_QUICK | SUPERSTATE_FAILED) ;
  if (l->ended) st->flags |= SUPERSTATE_EXITED ;
  if (l->quick) st->flags |= SUPERSTATE_QUICK ;
  if (l->policy.failed) st->flags |= SUPERSTATE_FAILED ;
  st->failures = l->policy.failures ;
  st->window = l->policy.maxfail ? l->policy.window : 0 ;
  st->nextstart = l->nextstart ;
}

static char const *const stage_names[LIFE_STAGES] = { "down", "pause", "gaveup", "wait", "up", "stopping", "finish", "sweep" } ;
static char const *const event_names[LIFE_EVENTS] = { "up", "down", "once", "exit", "last", "term", "pause", "cont", "signal", "ended", "swept", "ready", "deadline", "kick", "met", "unhealthy" } ;

char const *life_stage_name (life_stage s)
{
  return (unsigned int)s < LIFE_STAGES ? stage_names[s] : "?" ;
}

char const *life_event_name (life_event e)
{
  return (unsigned int)e < LIFE_EVENTS ? event_names[e] : "?" ;
}
