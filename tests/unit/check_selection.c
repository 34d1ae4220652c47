/* check_selection.c - RUNSVDIR_ONLY and RUNSVDIR_SKIP: parsing, matching, SKIP over ONLY, unused entries. */
#include <errno.h>
#include <string.h>
#include "checkmain.h"
#include "selection.h"

/* entries: L's entries joined by "|" (all of them unused: a fresh list) */
static char const *entries (selection_list const *l)
{
  static char buf[256] ;
  char const *e ;
  buf[0] = 0 ;
  for (unsigned int i = 0 ; (e = selection_unused(l, i)) ; i++)
  {
    if (i) strcat(buf, "|") ;
    strcat(buf, e) ;
  }
  return buf ;
}

/* parsed: S parses into exactly the entries WANT ("a|b"), N of them */
static void parsed (char const *s, char const *want, unsigned int n)
{
  selection_list l = SELECTION_LIST_ZERO ;
  ck_assert(selection_parse(&l, s)) ;
  ck_assert_msg(l.n == n, "[%s]: %u entries, not %u", s ? s : "(unset)", l.n, n) ;
  ck_assert_str_eq(entries(&l), want) ;
  selection_free(&l) ;
}

START_TEST(test_parse)
{
  parsed(0, "", 0) ;
  parsed("", "", 0) ;
  parsed("web", "web", 1) ;
  parsed("web,worker*", "web|worker*", 2) ;
  parsed(" web , worker* ", "web|worker*", 2) ;
  parsed("\tweb\t,db", "web|db", 2) ;
  parsed(",,web,,", "web", 1) ;
  parsed(" , ", "", 0) ;
  parsed("a b,c", "a b|c", 2) ;  /* a blank inside a name is kept */
  parsed("[ab]x,?,*", "[ab]x|?|*", 3) ;
}
END_TEST

START_TEST(test_parse_appends)
{
  selection_list l = SELECTION_LIST_ZERO ;
  ck_assert(selection_parse(&l, "a,b")) ;
  ck_assert(selection_parse(&l, "c")) ;
  ck_assert_int_eq(l.n, 3) ;
  ck_assert_str_eq(entries(&l), "a|b|c") ;
  selection_free(&l) ;
  ck_assert_int_eq(l.n, 0) ;
  ck_assert_str_eq(entries(&l), "") ;
}
END_TEST

START_TEST(test_matches)
{
  selection_list l = SELECTION_LIST_ZERO ;
  ck_assert(!selection_matches(&l, "web")) ;  /* no entry matches nothing */
  ck_assert(selection_parse(&l, "web,worker*,db[12],c?che")) ;
  ck_assert(selection_matches(&l, "web")) ;
  ck_assert(!selection_matches(&l, "web2")) ;  /* a name is whole, not a prefix */
  ck_assert(!selection_matches(&l, "aweb")) ;
  ck_assert(selection_matches(&l, "worker")) ;
  ck_assert(selection_matches(&l, "worker1")) ;
  ck_assert(selection_matches(&l, "worker-long.name")) ;
  ck_assert(selection_matches(&l, "db1")) ;
  ck_assert(!selection_matches(&l, "db3")) ;
  ck_assert(selection_matches(&l, "cache")) ;
  ck_assert(!selection_matches(&l, "caache")) ;
  ck_assert(!selection_matches(&l, "Web")) ;  /* case counts */
  selection_free(&l) ;
}
END_TEST

/* sel: a selection of ONLY and SKIP (0: unset) */
static void sel_init (selection *s, char const *only, char const *skip)
{
  static selection const zero = SELECTION_ZERO ;
  *s = zero ;
  ck_assert(selection_parse(&s->only, only)) ;
  ck_assert(selection_parse(&s->skip, skip)) ;
}

static void sel_free (selection *s)
{
  selection_free(&s->only) ;
  selection_free(&s->skip) ;
}

START_TEST(test_down)
{
  selection s ;
  /* neither: every service as it would start */
  sel_init(&s, 0, 0) ;
  ck_assert(!selection_down(&s, "web")) ;
  ck_assert(!selection_down(&s, "db")) ;
  sel_free(&s) ;
  /* an empty ONLY is no ONLY */
  sel_init(&s, "", " , ") ;
  ck_assert(!selection_down(&s, "web")) ;
  sel_free(&s) ;
  /* ONLY: what it names, and nothing else */
  sel_init(&s, "web,worker*", 0) ;
  ck_assert(!selection_down(&s, "web")) ;
  ck_assert(!selection_down(&s, "worker1")) ;
  ck_assert(!selection_down(&s, "worker2")) ;
  ck_assert(selection_down(&s, "db")) ;
  ck_assert(selection_down(&s, "web2")) ;
  sel_free(&s) ;
  /* SKIP alone */
  sel_init(&s, 0, "db,cron*") ;
  ck_assert(!selection_down(&s, "web")) ;
  ck_assert(selection_down(&s, "db")) ;
  ck_assert(selection_down(&s, "cron-daily")) ;
  sel_free(&s) ;
  /* SKIP wins over ONLY */
  sel_init(&s, "web,worker*", "worker2") ;
  ck_assert(!selection_down(&s, "web")) ;
  ck_assert(!selection_down(&s, "worker1")) ;
  ck_assert(selection_down(&s, "worker2")) ;
  ck_assert(selection_down(&s, "db")) ;
  sel_free(&s) ;
  sel_init(&s, "*", "*") ;
  ck_assert(selection_down(&s, "web")) ;
  sel_free(&s) ;
}
END_TEST

START_TEST(test_unused)
{
  selection s ;
  sel_init(&s, "web,web2,worker*", "db,nothing*") ;
  selection_note(&s, "web") ;
  selection_note(&s, "worker1") ;
  selection_note(&s, "db") ;
  ck_assert_str_eq(selection_unused(&s.only, 0), "web2") ;
  ck_assert_ptr_null(selection_unused(&s.only, 1)) ;
  ck_assert_str_eq(selection_unused(&s.skip, 0), "nothing*") ;
  ck_assert_ptr_null(selection_unused(&s.skip, 1)) ;
  /* a name matched by both lists uses an entry of each */
  selection_note(&s, "web2") ;
  selection_note(&s, "nothing-at-all") ;
  ck_assert_ptr_null(selection_unused(&s.only, 0)) ;
  ck_assert_ptr_null(selection_unused(&s.skip, 0)) ;
  sel_free(&s) ;
  /* no service at all: every entry, in order */
  sel_init(&s, "a,b*", 0) ;
  ck_assert_str_eq(selection_unused(&s.only, 0), "a") ;
  ck_assert_str_eq(selection_unused(&s.only, 1), "b*") ;
  ck_assert_ptr_null(selection_unused(&s.only, 2)) ;
  sel_free(&s) ;
}
END_TEST

CHECK_MAIN("selection", test_parse, test_parse_appends, test_matches, test_down, test_unused)
