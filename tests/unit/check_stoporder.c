/* check_stoporder.c - the shutdown's order: who waits for whom, cycles dropped, the turns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checkmain.h"
#include "stoporder.h"

/* turns: the shutdown of O as runsvdir runs it, every service told as soon
   as it is free and each turn's services down together: "0 3|1|2" (turns
   apart by '|'), or "stuck" if a service's turn never comes */
static char const *turns (stoporder *o)
{
  static char buf[4096] ;
  unsigned int left = o->n ;
  unsigned char *done = calloc(o->n + 1, 1) ;
  unsigned int *now = calloc(o->n + 1, sizeof(unsigned int)) ;
  size_t len = 0 ;
  ck_assert(done && now) ;
  buf[0] = 0 ;
  while (left)
  {
    unsigned int k = 0 ;
    for (unsigned int i = 0 ; i < o->n ; i++)
      if (!done[i] && !stoporder_held(o, i)) now[k++] = i ;
    if (!k) { strcpy(buf, "stuck") ; break ; }
    if (len && len < sizeof(buf) - 1) buf[len++] = '|' ;
    for (unsigned int j = 0 ; j < k ; j++)
    {
      if (len < sizeof(buf) - 16) len += (size_t)sprintf(buf + len, j ? " %u" : "%u", now[j]) ;
      done[now[j]] = 1 ;
      left-- ;
    }
    for (unsigned int j = 0 ; j < k ; j++) stoporder_down(o, now[j]) ;
  }
  free(done) ;
  free(now) ;
  return buf ;
}

/* order_of: the order of N services with edges FROM>TO as pairs of E (NE pairs) */
static void order_of (stoporder *o, unsigned int n, unsigned int const *e, unsigned int ne)
{
  stoporder_edge ed[64] ;
  ck_assert(ne <= 64) ;
  for (unsigned int k = 0 ; k < ne ; k++) { ed[k].from = e[2 * k] ; ed[k].to = e[2 * k + 1] ; }
  ck_assert(stoporder_make(o, n, ed, ne)) ;
}

START_TEST(test_chain)
{
  /* app (0) needs api (1) needs db (2): app stops first, db last */
  unsigned int e[] = { 0, 1, 1, 2 } ;
  stoporder o = STOPORDER_ZERO ;
  order_of(&o, 3, e, 2) ;
  ck_assert_uint_eq(o.nedges, 2) ;
  ck_assert_uint_eq(o.dropped, 0) ;
  ck_assert_uint_eq(stoporder_held(&o, 0), 0) ;
  ck_assert_uint_eq(stoporder_held(&o, 1), 1) ;
  ck_assert_uint_eq(stoporder_held(&o, 2), 1) ;
  ck_assert_int_eq(stoporder_holder(&o, 2), 1) ;
  ck_assert_int_eq(stoporder_holder(&o, 1), 0) ;
  ck_assert_int_eq(stoporder_holder(&o, 0), -1) ;
  ck_assert_str_eq(turns(&o), "0|1|2") ;
  ck_assert_int_eq(stoporder_holder(&o, 2), -1) ;
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_independent_at_once)
{
  stoporder o = STOPORDER_ZERO ;
  order_of(&o, 4, 0, 0) ;
  ck_assert_str_eq(turns(&o), "0 1 2 3") ;
  stoporder_free(&o) ;
  /* two chains side by side stop side by side */
  {
    unsigned int e[] = { 0, 1, 2, 3 } ;
    order_of(&o, 5, e, 2) ;
    ck_assert_str_eq(turns(&o), "0 2 4|1 3") ;
  }
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_diamond_and_fan)
{
  /* 0 needs 1 and 2, both need 3 */
  unsigned int e[] = { 0, 1, 0, 2, 1, 3, 2, 3 } ;
  /* a database (0) nine services need */
  unsigned int f[] = { 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0 } ;
  stoporder o = STOPORDER_ZERO ;
  order_of(&o, 4, e, 4) ;
  ck_assert_uint_eq(stoporder_held(&o, 3), 2) ;
  ck_assert_str_eq(turns(&o), "0|1 2|3") ;
  order_of(&o, 10, f, 9) ;  /* make frees the order before */
  ck_assert_uint_eq(stoporder_held(&o, 0), 9) ;
  ck_assert_str_eq(turns(&o), "1 2 3 4 5 6 7 8 9|0") ;
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_down_is_once)
{
  /* a runsv reaped, then seen gone again: its dependencies wait for one fewer, once */
  unsigned int e[] = { 0, 2, 1, 2 } ;
  stoporder o = STOPORDER_ZERO ;
  order_of(&o, 3, e, 2) ;
  ck_assert_uint_eq(stoporder_held(&o, 2), 2) ;
  stoporder_down(&o, 0) ;
  stoporder_down(&o, 0) ;
  ck_assert_uint_eq(stoporder_held(&o, 2), 1) ;
  ck_assert_int_eq(stoporder_holder(&o, 2), 1) ;
  /* a dependency that went down first (it crashed) holds nothing up */
  stoporder_down(&o, 2) ;
  ck_assert_uint_eq(stoporder_held(&o, 1), 0) ;
  stoporder_down(&o, 1) ;
  ck_assert_uint_eq(stoporder_held(&o, 2), 0) ;
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_twice_and_out_of_range)
{
  /* an edge given twice (two names for one service) counts once; edges
     naming no service are ignored */
  unsigned int e[] = { 0, 1, 0, 1, 0, 7, 9, 1, 1, 3 } ;
  stoporder o = STOPORDER_ZERO ;
  order_of(&o, 2, e, 5) ;
  ck_assert_uint_eq(o.nedges, 1) ;
  ck_assert_uint_eq(stoporder_held(&o, 1), 1) ;
  ck_assert(stoporder_needs(&o, 0, 1)) ;
  ck_assert(!stoporder_needs(&o, 1, 0)) ;
  ck_assert(!stoporder_needs(&o, 0, 7)) ;
  ck_assert_str_eq(turns(&o), "0|1") ;
  /* out of range everywhere is no error */
  ck_assert_uint_eq(stoporder_held(&o, 2), 0) ;
  ck_assert_int_eq(stoporder_holder(&o, 99), -1) ;
  stoporder_down(&o, 99) ;
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_cycles_dropped)
{
  stoporder o = STOPORDER_ZERO ;
  {
    /* two that need each other stop together */
    unsigned int e[] = { 0, 1, 1, 0 } ;
    order_of(&o, 2, e, 2) ;
    ck_assert_uint_eq(o.nedges, 0) ;
    ck_assert_uint_eq(o.dropped, 2) ;
    ck_assert_str_eq(turns(&o), "0 1") ;
  }
  {
    /* a service that needs itself */
    unsigned int e[] = { 0, 0, 1, 0 } ;
    order_of(&o, 2, e, 2) ;
    ck_assert_uint_eq(o.dropped, 1) ;
    ck_assert(!stoporder_needs(&o, 0, 0)) ;
    ck_assert_str_eq(turns(&o), "1|0") ;
  }
  {
    /* a three-cycle with a chord: every edge of it dropped */
    unsigned int e[] = { 0, 1, 1, 2, 2, 0, 0, 2 } ;
    order_of(&o, 3, e, 4) ;
    ck_assert_uint_eq(o.dropped, 4) ;
    ck_assert_str_eq(turns(&o), "0 1 2") ;
  }
  {
    /* 3 needs 0; 0 and 1 need each other; 1 needs 2: the edges into and
       out of the cycle stay, so 0 waits for 3 and 2 for 1, and 1, which no
       one outside the cycle needs, stops at once */
    unsigned int e[] = { 3, 0, 0, 1, 1, 0, 1, 2 } ;
    order_of(&o, 4, e, 4) ;
    ck_assert_uint_eq(o.nedges, 2) ;
    ck_assert(stoporder_needs(&o, 3, 0)) ;
    ck_assert(stoporder_needs(&o, 1, 2)) ;
    ck_assert_str_eq(turns(&o), "1 3|0 2") ;
  }
  {
    /* two cycles, one needing the other: the edge between them stays */
    unsigned int e[] = { 0, 1, 1, 0, 2, 3, 3, 2, 1, 2 } ;
    order_of(&o, 4, e, 5) ;
    ck_assert_uint_eq(o.nedges, 1) ;
    ck_assert(stoporder_needs(&o, 1, 2)) ;
    ck_assert_str_eq(turns(&o), "0 1 3|2") ;
  }
  {
    /* a cycle reached late in the numbering, through a chain */
    unsigned int e[] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 2 } ;
    order_of(&o, 5, e, 5) ;
    ck_assert_uint_eq(o.dropped, 3) ;
    ck_assert_str_eq(turns(&o), "0 3 4|1|2") ;
  }
  stoporder_free(&o) ;
}
END_TEST

START_TEST(test_long_chain_and_cycle)
{
  /* 100000 services in a chain (each needs the next): no recursion to
     overflow; then the same closed into one cycle: nothing waits */
  unsigned int n = 100000 ;
  stoporder_edge *e = malloc(sizeof(stoporder_edge) * n) ;
  stoporder o = STOPORDER_ZERO ;
  ck_assert(e) ;
  for (unsigned int i = 0 ; i < n - 1 ; i++) { e[i].from = i ; e[i].to = i + 1 ; }
  ck_assert(stoporder_make(&o, n, e, n - 1)) ;
  ck_assert_uint_eq(o.nedges, n - 1) ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    ck_assert_uint_eq(stoporder_held(&o, i), 0) ;
    if (i + 1 < n) ck_assert_uint_eq(stoporder_held(&o, i + 1), 1) ;
    stoporder_down(&o, i) ;
  }
  e[n - 1].from = n - 1 ; e[n - 1].to = 0 ;
  ck_assert(stoporder_make(&o, n, e, n)) ;
  ck_assert_uint_eq(o.nedges, 0) ;
  ck_assert_uint_eq(o.dropped, n) ;
  for (unsigned int i = 0 ; i < n ; i++) ck_assert_uint_eq(stoporder_held(&o, i), 0) ;
  stoporder_free(&o) ;
  free(e) ;
}
END_TEST

START_TEST(test_empty)
{
  /* no service, or an order never made (out of memory): nothing waits */
  stoporder o = STOPORDER_ZERO ;
  ck_assert_uint_eq(stoporder_held(&o, 0), 0) ;
  ck_assert_int_eq(stoporder_holder(&o, 0), -1) ;
  ck_assert(!stoporder_needs(&o, 0, 0)) ;
  stoporder_down(&o, 0) ;
  ck_assert(stoporder_make(&o, 0, 0, 0)) ;
  ck_assert_uint_eq(o.n, 0) ;
  stoporder_free(&o) ;
  stoporder_free(&o) ;
}
END_TEST

CHECK_MAIN("stoporder", test_chain, test_independent_at_once, test_diamond_and_fan, test_down_is_once,
  test_twice_and_out_of_range, test_cycles_dropped, test_long_chain_and_cycle, test_empty)
