/* check_life.c - runsv's lifecycle state machine (runsv/lib/life.c) against
   a fake system: every state x event cell, the ones that cannot happen
   included, then the paths through several cells that runsv relies on. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "checkmain.h"
#include "life.h"
#include "knobparse.h"

/* the fake system: what each op is to answer, and a log of the calls */
static struct
{
  int spawn ;          /* LIFE_SPAWN_* the next spawns answer */
  int custom ;         /* control/C handles the command */
  int finish ;         /* ./finish exists */
  int sweeping ;       /* a kill-group sweep runs */
  int ready ;
  int needs ;          /* what the run needs is there */
  uint32_t timeout ;   /* timeout-up */
  pid_t nextpid ;
  char log[512] ;
} fake ;

static void say (char const *s)
{
  strncat(fake.log, s, sizeof(fake.log) - strlen(fake.log) - 1) ;
}

static int f_spawn (life *l, int finish, pid_t *pid, tain *forked, tain *label)
{
  (void)l ; (void)forked ;
  say(finish ? "spawn finish;" : "spawn run;") ;
  if (fake.spawn == LIFE_SPAWN_OK) { *pid = fake.nextpid++ ; tain_uint(label, 42) ; }
  return fake.spawn ;
}

static int f_custom (life *l, char c)
{
  char b[16] ;
  (void)l ;
  snprintf(b, sizeof(b), "custom %c;", c) ;
  say(b) ;
  return fake.custom ;
}

static void f_signal (life *l, pid_t pid, int sig, int group)
{
  char b[48] ;
  (void)l ;
  snprintf(b, sizeof(b), "signal %d %d %c;", (int)pid, sig, group ? 'g' : 'p') ;
  say(b) ;
}

static int f_finish_exists (life *l) { (void)l ; return fake.finish ; }

static void f_ended (life *l, int wstat, int executed)
{
  char b[32] ;
  (void)l ;
  snprintf(b, sizeof(b), "ended %d %d;", wstat, executed) ;
  say(b) ;
}

static int f_sweeping (life *l) { (void)l ; return fake.sweeping ; }
static int f_ready (life *l) { (void)l ; return fake.ready ; }

static void f_essential (life *l, int wstat, int executed)
{
  char b[32] ;
  (void)l ;
  snprintf(b, sizeof(b), "essential %d %d;", wstat, executed) ;
  say(b) ;
}

static void f_gave_up (life *l) { (void)l ; say("gaveup;") ; }
static int f_label (tain *t) { tain_uint(t, 7) ; return 1 ; }

static int f_needs (life *l, uint32_t *timeout)
{
  (void)l ;
  say("needs;") ;
  *timeout = fake.timeout ;
  return fake.needs ;
}

static void f_waited_out (life *l) { (void)l ; say("waitedout;") ; }

static tain fake_mono ;  /* what the fake clock says: the event's now (stepat) */
static void f_now (tain *now) { *now = fake_mono ; }

static life_ops const ops =
{
  .spawn = &f_spawn, .custom = &f_custom, .signal = &f_signal, .finish_exists = &f_finish_exists,
  .ended = &f_ended, .sweeping = &f_sweeping, .ready = &f_ready, .essential = &f_essential,
  .gave_up = &f_gave_up, .label = &f_label, .needs = &f_needs, .waited_out = &f_waited_out, .now = &f_now
} ;

/* at: a monotonic time MS milliseconds after an arbitrary origin */
static tain at (uint64_t ms)
{
  tain t ;
  tai_uint(tain_secp(&t), 1000 + ms / 1000) ;
  t.nano = (uint32_t)(ms % 1000) * 1000000u ;
  return t ;
}

static void fake_reset (void)
{
  fake.spawn = LIFE_SPAWN_OK ;
  fake.custom = 0 ;
  fake.finish = 0 ;
  fake.sweeping = 0 ;
  fake.ready = 1 ;
  fake.needs = 1 ;
  fake.timeout = 0 ;
  fake.nextpid = 300 ;
  fake.log[0] = 0 ;
}

/* in_state: a service life at 100 s, put in state S the way runsv gets there */
static void in_state (life *l, life_stage s)
{
  tain zero = at(0), now = at(100000) ;
  life_init(l, 0, 'd', &zero, &zero, 0) ;
  l->run_at = at(90000) ;  /* a run that lasted: its end is no quick death */
  l->stage = s ;
  l->dirty = LIFE_DIRTY_NONE ;
  switch (s)
  {
    case LIFE_DOWN : break ;
    case LIFE_PAUSE : l->want = 'u' ; l->restart_at = l->deadline = at(101000) ; break ;
    case LIFE_GAVEUP : l->want = 'u' ; l->policy.failed = 1 ; l->policy.failures = 3 ; break ;
    case LIFE_WAIT : l->want = 'u' ; l->deadline = at(101000) ; break ;
    case LIFE_UP : l->want = 'u' ; l->pid = 100 ; break ;
    case LIFE_STOPPING : l->pid = 100 ; l->gotterm = 1 ; l->deadline = at(101000) ; break ;
    case LIFE_FINISH : l->want = 'u' ; l->pid = 200 ; l->wstat = 256 ; break ;
    case LIFE_SWEEP : l->want = 'u' ; break ;
    default : break ;
  }
  (void)now ;
}

/* stepat: event EV at NOW, the fake clock reading NOW too */
static int stepat (life *l, life_event ev, tain const *now, char c, int sig, int wstat)
{
  fake_mono = *now ;
  return life_step(l, &ops, ev, now, c, sig, wstat) ;
}

typedef struct cell_s cell ;
struct cell_s
{
  life_stage from ;
  life_event ev ;
  int ret ;            /* LIFE_OK or LIFE_BUG */
  life_stage to ;
  char want ;          /* the want after it */
  char const *log ;    /* the ops called, in order */
} ;

#define D LIFE_DOWN
#define P LIFE_PAUSE
#define G LIFE_GAVEUP
#define A LIFE_WAIT
#define U LIFE_UP
#define S LIFE_STOPPING
#define F LIFE_FINISH
#define W LIFE_SWEEP
#define OK LIFE_OK
#define BUG LIFE_BUG
static char const TERMd[] = "custom t;signal 100 15 p;signal 100 18 p;custom d;" ;
static char const TERMx[] = "custom t;signal 100 15 g;signal 100 18 g;custom x;" ;

/* every cell: from, event, return, to, want, ops (SIGNAL is h / SIGHUP; ENDED exit 1) */
static cell const cells[] =
{
  { D, LIFE_EV_UP, OK, P, 'u', "" },
  { D, LIFE_EV_DOWN, OK, D, 'd', "" },
  { D, LIFE_EV_ONCE, OK, P, 'o', "" },
  { D, LIFE_EV_EXIT, OK, D, 'x', "" },
  { D, LIFE_EV_LAST, OK, D, 'x', "" },
  { D, LIFE_EV_TERM, OK, D, 'd', "" },
  { D, LIFE_EV_PAUSE, OK, D, 'd', "" },
  { D, LIFE_EV_CONT, OK, D, 'd', "" },
  { D, LIFE_EV_SIGNAL, OK, D, 'd', "" },
  { D, LIFE_EV_ENDED, BUG, D, 'd', "" },
  { D, LIFE_EV_SWEPT, BUG, D, 'd', "" },
  { D, LIFE_EV_READY, BUG, D, 'd', "" },
  { D, LIFE_EV_DEADLINE, BUG, D, 'd', "" },
  { D, LIFE_EV_KICK, OK, D, 'd', "" },
  { D, LIFE_EV_MET, BUG, D, 'd', "" },
  { D, LIFE_EV_UNHEALTHY, BUG, D, 'd', "" },

  { P, LIFE_EV_UP, OK, P, 'u', "" },
  { P, LIFE_EV_DOWN, OK, D, 'd', "" },
  { P, LIFE_EV_ONCE, OK, P, 'o', "" },
  { P, LIFE_EV_EXIT, OK, D, 'x', "" },
  { P, LIFE_EV_LAST, OK, D, 'x', "" },
  { P, LIFE_EV_TERM, OK, P, 'u', "" },
  { P, LIFE_EV_PAUSE, OK, P, 'u', "" },
  { P, LIFE_EV_CONT, OK, P, 'u', "" },
  { P, LIFE_EV_SIGNAL, OK, P, 'u', "" },
  { P, LIFE_EV_ENDED, BUG, P, 'u', "" },
  { P, LIFE_EV_SWEPT, BUG, P, 'u', "" },
  { P, LIFE_EV_READY, BUG, P, 'u', "" },
  { P, LIFE_EV_DEADLINE, OK, U, 'u', "needs;spawn run;" },
  { P, LIFE_EV_KICK, OK, U, 'u', "needs;spawn run;" },
  { P, LIFE_EV_MET, BUG, P, 'u', "" },
  { P, LIFE_EV_UNHEALTHY, BUG, P, 'u', "" },

  { G, LIFE_EV_UP, OK, P, 'u', "" },
  { G, LIFE_EV_DOWN, OK, D, 'd', "" },
  { G, LIFE_EV_ONCE, OK, P, 'o', "" },
  { G, LIFE_EV_EXIT, OK, D, 'x', "" },
  { G, LIFE_EV_LAST, OK, D, 'x', "" },
  { G, LIFE_EV_TERM, OK, P, 'u', "" },
  { G, LIFE_EV_PAUSE, OK, G, 'u', "" },
  { G, LIFE_EV_CONT, OK, G, 'u', "" },
  { G, LIFE_EV_SIGNAL, OK, G, 'u', "" },
  { G, LIFE_EV_ENDED, BUG, G, 'u', "" },
  { G, LIFE_EV_SWEPT, BUG, G, 'u', "" },
  { G, LIFE_EV_READY, BUG, G, 'u', "" },
  { G, LIFE_EV_DEADLINE, BUG, G, 'u', "" },
  { G, LIFE_EV_KICK, OK, U, 'u', "needs;spawn run;" },
  { G, LIFE_EV_MET, BUG, G, 'u', "" },
  { G, LIFE_EV_UNHEALTHY, BUG, G, 'u', "" },


  { A, LIFE_EV_UP, OK, A, 'u', "" },
  { A, LIFE_EV_DOWN, OK, D, 'd', "" },
  { A, LIFE_EV_ONCE, OK, A, 'o', "" },
  { A, LIFE_EV_EXIT, OK, D, 'x', "" },
  { A, LIFE_EV_LAST, OK, D, 'x', "" },
  { A, LIFE_EV_TERM, OK, A, 'u', "" },
  { A, LIFE_EV_PAUSE, OK, A, 'u', "" },
  { A, LIFE_EV_CONT, OK, A, 'u', "" },
  { A, LIFE_EV_SIGNAL, OK, A, 'u', "" },
  { A, LIFE_EV_ENDED, BUG, A, 'u', "" },
  { A, LIFE_EV_SWEPT, BUG, A, 'u', "" },
  { A, LIFE_EV_READY, BUG, A, 'u', "" },
  { A, LIFE_EV_DEADLINE, OK, U, 'u', "waitedout;spawn run;" },
  { A, LIFE_EV_KICK, OK, A, 'u', "" },
  { A, LIFE_EV_MET, OK, U, 'u', "spawn run;" },
  { A, LIFE_EV_UNHEALTHY, BUG, A, 'u', "" },

  { U, LIFE_EV_UP, OK, U, 'u', "" },
  { U, LIFE_EV_DOWN, OK, S, 'd', TERMd },
  { U, LIFE_EV_ONCE, OK, U, 'd', "" },
  { U, LIFE_EV_EXIT, OK, S, 'x', TERMx },
  { U, LIFE_EV_LAST, OK, U, 'x', "" },
  { U, LIFE_EV_TERM, OK, S, 'u', "custom t;signal 100 15 p;" },
  { U, LIFE_EV_PAUSE, OK, U, 'u', "custom p;signal 100 19 p;" },
  { U, LIFE_EV_CONT, OK, U, 'u', "custom c;signal 100 18 p;" },
  { U, LIFE_EV_SIGNAL, OK, U, 'u', "custom h;signal 100 1 p;" },
  { U, LIFE_EV_ENDED, OK, P, 'u', "ended 256 1;" },
  { U, LIFE_EV_SWEPT, BUG, U, 'u', "" },
  { U, LIFE_EV_READY, OK, U, 'u', "" },
  { U, LIFE_EV_DEADLINE, OK, U, 'u', "" },
  { U, LIFE_EV_KICK, OK, U, 'u', "" },
  { U, LIFE_EV_MET, BUG, U, 'u', "" },
  { U, LIFE_EV_UNHEALTHY, OK, S, 'u', "custom t;signal 100 15 p;" },

  { S, LIFE_EV_UP, OK, S, 'u', "" },
  { S, LIFE_EV_DOWN, OK, S, 'd', TERMd },
  { S, LIFE_EV_ONCE, OK, S, 'd', "" },
  { S, LIFE_EV_EXIT, OK, S, 'x', TERMx },
  { S, LIFE_EV_LAST, OK, S, 'x', "" },
  { S, LIFE_EV_TERM, OK, S, 'd', "custom t;signal 100 15 p;signal 100 18 p;custom d;" },
  { S, LIFE_EV_PAUSE, OK, S, 'd', "custom p;signal 100 19 p;" },
  { S, LIFE_EV_CONT, OK, S, 'd', "custom c;signal 100 18 p;" },
  { S, LIFE_EV_SIGNAL, OK, S, 'd', "custom h;signal 100 1 p;" },
  { S, LIFE_EV_ENDED, OK, D, 'd', "ended 256 1;" },
  { S, LIFE_EV_SWEPT, BUG, S, 'd', "" },
  { S, LIFE_EV_READY, OK, S, 'd', "" },
  { S, LIFE_EV_DEADLINE, OK, S, 'd', "signal 100 9 p;" },
  { S, LIFE_EV_KICK, OK, S, 'd', "" },
  { S, LIFE_EV_MET, BUG, S, 'd', "" },
  { S, LIFE_EV_UNHEALTHY, OK, S, 'd', "" },

  { F, LIFE_EV_UP, OK, F, 'u', "" },
  { F, LIFE_EV_DOWN, OK, F, 'd', "" },
  { F, LIFE_EV_ONCE, OK, F, 'd', "" },
  { F, LIFE_EV_EXIT, OK, F, 'x', "" },
  { F, LIFE_EV_LAST, BUG, F, 'u', "" },
  { F, LIFE_EV_TERM, OK, F, 'u', "" },
  { F, LIFE_EV_PAUSE, OK, F, 'u', "" },
  { F, LIFE_EV_CONT, OK, F, 'u', "" },
  { F, LIFE_EV_SIGNAL, OK, F, 'u', "" },
  { F, LIFE_EV_ENDED, OK, P, 'u', "" },
  { F, LIFE_EV_SWEPT, OK, F, 'u', "" },
  { F, LIFE_EV_READY, BUG, F, 'u', "" },
  { F, LIFE_EV_DEADLINE, OK, F, 'u', "signal 200 9 p;" },
  { F, LIFE_EV_KICK, OK, F, 'u', "" },
  { F, LIFE_EV_MET, BUG, F, 'u', "" },
  { F, LIFE_EV_UNHEALTHY, BUG, F, 'u', "" },

  { W, LIFE_EV_UP, OK, W, 'u', "" },
  { W, LIFE_EV_DOWN, OK, W, 'd', "" },
  { W, LIFE_EV_ONCE, OK, W, 'd', "" },
  { W, LIFE_EV_EXIT, OK, W, 'x', "" },
  { W, LIFE_EV_LAST, OK, W, 'x', "" },
  { W, LIFE_EV_TERM, OK, W, 'u', "" },
  { W, LIFE_EV_PAUSE, OK, W, 'u', "" },
  { W, LIFE_EV_CONT, OK, W, 'u', "" },
  { W, LIFE_EV_SIGNAL, OK, W, 'u', "" },
  { W, LIFE_EV_ENDED, BUG, W, 'u', "" },
  { W, LIFE_EV_SWEPT, OK, P, 'u', "" },
  { W, LIFE_EV_READY, BUG, W, 'u', "" },
  { W, LIFE_EV_DEADLINE, BUG, W, 'u', "" },
  { W, LIFE_EV_KICK, OK, W, 'u', "" },
  { W, LIFE_EV_MET, BUG, W, 'u', "" },
  { W, LIFE_EV_UNHEALTHY, BUG, W, 'u', "" },
} ;

/* step: one event at 100 s, with the parameters every cell uses */
static int step (life *l, life_event ev)
{
  tain now = at(100000) ;
  fake_mono = now ;
  return life_step(l, &ops, ev, &now, ev == LIFE_EV_SIGNAL ? 'h' : 0, ev == LIFE_EV_SIGNAL ? SIGHUP : 0, 256) ;
}

START_TEST(test_every_cell)
{
  unsigned int seen[LIFE_STAGES][LIFE_EVENTS] ;
  memset(seen, 0, sizeof(seen)) ;
  for (unsigned int i = 0 ; i < sizeof(cells) / sizeof(cells[0]) ; i++)
  {
    cell const *c = &cells[i] ;
    life l ;
    life before ;
    int r ;
    fake_reset() ;
    in_state(&l, c->from) ;
    before = l ;
    r = step(&l, c->ev) ;
    seen[c->from][c->ev]++ ;
    ck_assert_msg(r == c->ret, "%s x %s: returned %d", life_stage_name(c->from), life_event_name(c->ev), r) ;
    ck_assert_msg(l.stage == c->to, "%s x %s: went to %s", life_stage_name(c->from), life_event_name(c->ev), life_stage_name(l.stage)) ;
    ck_assert_msg(l.want == c->want, "%s x %s: want %c", life_stage_name(c->from), life_event_name(c->ev), l.want) ;
    ck_assert_msg(!strcmp(fake.log, c->log), "%s x %s: ops [%s]", life_stage_name(c->from), life_event_name(c->ev), fake.log) ;
    /* a cell that cannot happen changes nothing at all */
    if (r == LIFE_BUG) ck_assert_msg(!memcmp(&l, &before, sizeof(l)), "%s x %s: a bug cell changed the life", life_stage_name(c->from), life_event_name(c->ev)) ;
    /* the pid is there exactly when a process of the life runs */
    if (l.stage == LIFE_UP || l.stage == LIFE_STOPPING || l.stage == LIFE_FINISH) ck_assert_int_gt(l.pid, 0) ;
    else ck_assert_int_eq(l.pid, 0) ;
    /* only PAUSE, WAIT, UP, STOPPING and FINISH may hold a deadline */
    if (l.stage == LIFE_DOWN || l.stage == LIFE_GAVEUP || l.stage == LIFE_SWEEP)
      ck_assert(!tain_less(&l.deadline, &tain_infinite)) ;
  }
  for (unsigned int s = 0 ; s < LIFE_STAGES ; s++)
    for (unsigned int e = 0 ; e < LIFE_EVENTS ; e++)
      ck_assert_msg(seen[s][e] == 1, "cell %s x %s checked %u times", life_stage_name((life_stage)s), life_event_name((life_event)e), seen[s][e]) ;
}
END_TEST

START_TEST(test_logger_has_no_exit_nor_finish)
{
  life l ;
  tain zero = at(0), now = at(100000) ;
  fake_reset() ;
  fake.finish = 1 ;
  fake.custom = 1 ;
  life_init(&l, 1, 'u', &zero, &zero, 0) ;
  ck_assert_int_eq(stepat(&l, LIFE_EV_DEADLINE, &now, 0, 0, 0), LIFE_OK) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_int_eq(stepat(&l, LIFE_EV_EXIT, &now, 0, 0, 0), LIFE_BUG) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  /* its pipe closed: want exit, nothing signalled; its end: no ./finish, down */
  fake.log[0] = 0 ;
  ck_assert_int_eq(stepat(&l, LIFE_EV_LAST, &now, 0, 0, 0), LIFE_OK) ;
  ck_assert_str_eq(fake.log, "") ;
  ck_assert_int_eq(stepat(&l, LIFE_EV_ENDED, &now, 0, 0, 0), LIFE_OK) ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  ck_assert_str_eq(fake.log, "ended 0 1;") ;
}
END_TEST

START_TEST(test_quick_death_pauses_then_starts)
{
  life l ;
  tain zero = at(0), t ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  t = at(5000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_uint_eq(l.restarts, 1) ;
  t = at(5300) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 256) ;
  /* runit's second: the next start a second after this one's */
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert(l.quick) ;
  ck_assert_uint_eq(l.policy.failures, 1) ;
  t = at(6000) ;
  ck_assert(!tain_less(&l.deadline, &t) && !tain_less(&t, &l.deadline)) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_uint_eq(l.restarts, 2) ;
  /* it lasts: at restart-reset the failures end */
  ck_assert(tain_less(&l.deadline, &tain_infinite)) ;
  t = at(7000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_uint_eq(l.policy.failures, 0) ;
  ck_assert(!tain_less(&l.deadline, &tain_infinite)) ;
}
END_TEST

START_TEST(test_stop_asked_for_is_no_failure)
{
  life l ;
  tain zero = at(0), t ;
  superstate st = SUPERSTATE_ZERO ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  l.policy.maxfail = 2 ; l.policy.window = 60 ;
  for (unsigned int i = 0 ; i < 5 ; i++)
  {
    t = at(10000 + i * 2000) ;
    stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
    ck_assert_int_eq(l.stage, LIFE_UP) ;
    t = at(10000 + i * 2000 + 100) ;
    l.dirty = LIFE_DIRTY_NONE ;
    stepat(&l, LIFE_EV_TERM, &t, 0, 0, 0) ;
    ck_assert_int_eq(l.stage, LIFE_STOPPING) ;
    ck_assert_int_eq(l.dirty, LIFE_DIRTY_LAZY) ;
    stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 15) ;
    ck_assert_uint_eq(l.policy.failures, 0) ;
    ck_assert(!l.quick) ;
    ck_assert(!l.policy.failed) ;
  }
  life_shown(&l, &st) ;
  ck_assert_uint_eq(st.restarts, 5) ;
  ck_assert_int_eq(st.lastwstat, 15) ;
  ck_assert_uint_eq(st.flags, SUPERSTATE_EXITED) ;
}
END_TEST

START_TEST(test_give_up_then_up)
{
  life l ;
  tain zero = at(0), t ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  l.policy.maxfail = 2 ; l.policy.window = 60 ;
  t = at(1000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 256) ;
  t = at(2000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  fake.log[0] = 0 ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 256) ;
  ck_assert_int_eq(l.stage, LIFE_GAVEUP) ;
  ck_assert_str_eq(fake.log, "gaveup;ended 256 1;") ;
  ck_assert(!tain_less(&tain_zero, &l.nextstart)) ;
  t = at(2500) ;
  stepat(&l, LIFE_EV_UP, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;  /* due at once: the loop starts it */
  ck_assert(!tain_less(&t, &l.deadline)) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert(!l.policy.failed) ;
  ck_assert_uint_eq(l.policy.failures, 0) ;
}
END_TEST

START_TEST(test_exec_failure_is_exit_111)
{
  life l ;
  tain zero = at(0), t = at(1000) ;
  fake_reset() ;
  fake.spawn = LIFE_SPAWN_EXEC ;
  fake.finish = 1 ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  /* ./finish 111 0 next; the state never said up */
  ck_assert_str_eq(fake.log, "needs;spawn run;ended 28416 0;spawn finish;") ;
  ck_assert_int_eq(l.wstat, 111 << 8) ;
  ck_assert_uint_eq(l.restarts, 0) ;
  ck_assert(l.ended) ;
  /* the finish could not run either: down, waiting out the pause */
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  /* essential: the end of it all, finish still first */
  fake_reset() ;
  fake.spawn = LIFE_SPAWN_EXEC ;
  fake.finish = 1 ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  l.knobs.essential = KNOBPARSE_ESSENTIAL ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "needs;spawn run;ended 28416 0;essential 28416 0;spawn finish;") ;
  ck_assert_int_eq(l.want, 'x') ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
}
END_TEST

START_TEST(test_fork_failure_retries)
{
  life l ;
  tain zero = at(0), t = at(1000), due = at(6000) ;
  fake_reset() ;
  fake.spawn = LIFE_SPAWN_FORK ;
  life_init(&l, 0, 'd', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_ONCE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert_int_eq(l.want, 'o') ;  /* the attempt is still owed */
  ck_assert(!tain_less(&l.deadline, &due) && !tain_less(&due, &l.deadline)) ;
  fake.spawn = LIFE_SPAWN_OK ;
  stepat(&l, LIFE_EV_DEADLINE, &due, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_int_eq(l.want, 'd') ;
}
END_TEST

START_TEST(test_essential_end)
{
  life l ;
  tain zero = at(0), t = at(1000) ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  l.knobs.essential = KNOBPARSE_ON_FAILURE ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  t = at(5000) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 0) ;  /* exit 0: restarted */
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_int_eq(l.want, 'u') ;
  fake.log[0] = 0 ;
  t = at(9000) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 3 << 8) ;
  ck_assert_str_eq(fake.log, "ended 768 1;essential 768 1;") ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  ck_assert_int_eq(l.want, 'x') ;
  /* sv restart of an essential service: a stop asked for ends nothing */
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  l.knobs.essential = KNOBPARSE_ESSENTIAL ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_TERM, &t, 0, 0, 0) ;
  fake.log[0] = 0 ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 15) ;
  ck_assert_ptr_null(strstr(fake.log, "essential")) ;
  ck_assert_int_eq(l.want, 'u') ;
}
END_TEST

START_TEST(test_sweep_then_down)
{
  life l ;
  superstatus st ;
  tain zero = at(0), t = at(1000) ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_DOWN, &t, 0, 0, 0) ;
  fake.sweeping = 1 ;
  fake.finish = 1 ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 15) ;
  ck_assert_int_eq(l.stage, LIFE_FINISH) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_SWEEP) ;
  life_status(&l, 777, &st) ;
  ck_assert_uint_eq(st.pid, 777) ;
  ck_assert_int_eq(st.proc, SUPERSTATUS_FINISH) ;
  ck_assert_int_eq(st.want, 'd') ;
  fake.sweeping = 0 ;
  stepat(&l, LIFE_EV_SWEPT, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  life_status(&l, 777, &st) ;
  ck_assert_uint_eq(st.pid, 0) ;
  ck_assert_int_eq(st.proc, SUPERSTATUS_DOWN) ;
}
END_TEST

START_TEST(test_timeout_kill_armed_once)
{
  life l ;
  tain zero = at(0), t = at(1000), first = at(1300) ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  l.knobs.tkill = 300 ;
  stepat(&l, LIFE_EV_DOWN, &t, 0, 0, 0) ;
  ck_assert(!tain_less(&l.deadline, &first) && !tain_less(&first, &l.deadline)) ;
  t = at(1200) ;
  stepat(&l, LIFE_EV_DOWN, &t, 0, 0, 0) ;  /* a second d: the first stop's KILL stands */
  ck_assert(!tain_less(&l.deadline, &first) && !tain_less(&first, &l.deadline)) ;
  fake.log[0] = 0 ;
  stepat(&l, LIFE_EV_DEADLINE, &first, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "signal 300 9 p;") ;
  ck_assert(!tain_less(&l.deadline, &tain_infinite)) ;
}
END_TEST

START_TEST(test_control_t_handles_the_stop)
{
  life l ;
  tain zero = at(0), t = at(1000) ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  fake.custom = 1 ;
  fake.log[0] = 0 ;
  l.dirty = LIFE_DIRTY_NONE ;
  stepat(&l, LIFE_EV_TERM, &t, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "custom t;") ;
  ck_assert_int_eq(l.gotterm, 0) ;
  ck_assert_int_eq(l.dirty, LIFE_DIRTY_NONE) ;
  ck_assert_int_eq(l.stage, LIFE_STOPPING) ;
}
END_TEST

START_TEST(test_status_of_each_state)
{
  life l ;
  superstatus st ;
  static unsigned char const shown[LIFE_STAGES] = { SUPERSTATUS_DOWN, SUPERSTATUS_DOWN, SUPERSTATUS_DOWN, SUPERSTATUS_DOWN, SUPERSTATUS_RUN, SUPERSTATUS_RUN, SUPERSTATUS_FINISH, SUPERSTATUS_FINISH } ;
  for (unsigned int s = 0 ; s < LIFE_STAGES ; s++)
  {
    in_state(&l, (life_stage)s) ;
    life_status(&l, 0, &st) ;
    ck_assert_int_eq(st.proc, shown[s]) ;
    ck_assert_uint_eq(st.pid, (uint32_t)l.pid) ;
  }
  in_state(&l, LIFE_PAUSE) ;
  l.want = 'o' ;
  life_status(&l, 0, &st) ;
  ck_assert_int_eq(st.want, 'd') ;
  ck_assert_str_eq(life_stage_name(LIFE_SWEEP), "sweep") ;
  ck_assert_str_eq(life_event_name(LIFE_EV_KICK), "kick") ;
}
END_TEST

START_TEST(test_wait_for_what_it_needs)
{
  life l ;
  tain zero = at(0), t = at(1000), due = at(1500) ;
  fake_reset() ;
  fake.needs = 0 ;
  fake.timeout = 500 ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "needs;") ;
  ck_assert_int_eq(l.stage, LIFE_WAIT) ;
  ck_assert(!tain_less(&l.deadline, &due) && !tain_less(&due, &l.deadline)) ;
  /* timeout-up: it starts all the same, said once */
  fake.log[0] = 0 ;
  stepat(&l, LIFE_EV_DEADLINE, &due, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "waitedout;spawn run;") ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  /* its next start waits again; sv down stops the wait, sv up waits anew */
  t = at(9000) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_WAIT) ;
  stepat(&l, LIFE_EV_DOWN, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  fake.timeout = 0 ;
  stepat(&l, LIFE_EV_UP, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_WAIT) ;
  ck_assert(!tain_less(&l.deadline, &tain_infinite)) ;  /* no timeout-up: as long as it takes */
  fake.log[0] = 0 ;
  stepat(&l, LIFE_EV_MET, &t, 0, 0, 0) ;
  ck_assert_str_eq(fake.log, "spawn run;") ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
}
END_TEST

START_TEST(test_liveness_restart_is_a_failure)
{
  /* a run that lasted long, stopped by its liveness check: t's stop, the
     want kept, and its end counted as a failure (max-failures sees it) */
  life l ;
  tain zero = at(0), t ;
  fake_reset() ;
  fake.ready = 1 ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  t = at(10000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  t = at(600000) ;
  stepat(&l, LIFE_EV_UNHEALTHY, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_STOPPING) ;
  ck_assert_int_eq(l.want, 'u') ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 15) ;
  ck_assert_uint_eq(l.policy.failures, 1) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert(!l.unhealthy) ;
  /* the next stop asked for is no failure again */
  t = at(700000) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  stepat(&l, LIFE_EV_TERM, &t, 0, 0, 0) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 15) ;
  ck_assert_uint_eq(l.policy.failures, 1) ;
}
END_TEST

START_TEST(test_scheduled_runs_wait_for_the_tick)
{
  life l ;
  tain zero = at(0), t, tick = at(60000), tick2 = at(120000) ;
  fake_reset() ;
  life_init(&l, 0, 'u', &zero, &zero, 0) ;
  life_schedule(&l, 1, &tick) ;
  /* wanted up: the first start is the tick, not at once */
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert(!tain_less(&l.deadline, &tick) && !tain_less(&tick, &l.deadline)) ;
  stepat(&l, LIFE_EV_DEADLINE, &tick, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  life_schedule(&l, 1, &tick2) ;
  /* a quick failing end: no failure, no pause of its own; the next tick */
  t = at(60100) ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 1 << 8) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert_uint_eq(l.policy.failures, 0) ;
  ck_assert(!l.quick) ;
  ck_assert(!l.policy.failed) ;
  ck_assert(!tain_less(&l.deadline, &tick2) && !tain_less(&tick2, &l.deadline)) ;
  ck_assert(!tai_sec(tain_secp(&l.nextstart))) ;
  /* d suspends; o runs once now and keeps the want; u resumes at the tick */
  stepat(&l, LIFE_EV_DOWN, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  stepat(&l, LIFE_EV_ONCE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert_int_eq(l.want, 'd') ;
  ck_assert(!tain_less(&zero, &l.deadline)) ;
  stepat(&l, LIFE_EV_DEADLINE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_int_eq(l.want, 'd') ;
  /* o while it runs: nothing, no second run */
  stepat(&l, LIFE_EV_ONCE, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_UP) ;
  ck_assert_int_eq(l.want, 'd') ;
  stepat(&l, LIFE_EV_ENDED, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_DOWN) ;
  stepat(&l, LIFE_EV_UP, &t, 0, 0, 0) ;
  ck_assert_int_eq(l.stage, LIFE_PAUSE) ;
  ck_assert(!tain_less(&l.deadline, &tick2) && !tain_less(&tick2, &l.deadline)) ;
  ck_assert_uint_eq(l.restarts, 2) ;
}
END_TEST

CHECK_MAIN("life", test_wait_for_what_it_needs, test_every_cell, test_logger_has_no_exit_nor_finish, test_quick_death_pauses_then_starts,
  test_stop_asked_for_is_no_failure, test_give_up_then_up, test_exec_failure_is_exit_111, test_fork_failure_retries,
  test_essential_end, test_sweep_then_down, test_timeout_kill_armed_once, test_control_t_handles_the_stop,
  test_status_of_each_state, test_liveness_restart_is_a_failure, test_scheduled_runs_wait_for_the_tick)
