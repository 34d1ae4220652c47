/* checkmain.h - the one main() every Check suite shares: run, report, exit 0/1. */
#ifndef SV_CHECKMAIN_H
#define SV_CHECKMAIN_H

#include <check.h>
#include <stdlib.h>
#include <unistd.h>

/* checkmain_freshdir: each test (forked by Check) starts in its own empty
   directory below the suite's temp dir, so tests can create files freely */
static void checkmain_freshdir (void)
{
  char name[] = "t.XXXXXX" ;
  if (!mkdtemp(name) || chdir(name) < 0) ck_abort_msg("cannot make a test directory") ;
}

/* CHECK_MAIN(name, test, ...) defines main() running those tests in one suite */
#define CHECK_MAIN(name, ...) \
  int main (void) \
  { \
    TTest const *tests[] = { __VA_ARGS__ } ; \
    Suite *s = suite_create(name) ; \
    TCase *tc = tcase_create("core") ; \
    SRunner *sr ; \
    int failed ; \
    for (unsigned int i = 0 ; i < sizeof(tests) / sizeof(tests[0]) ; i++) \
      _tcase_add_test(tc, tests[i], 0, 0, 0, 1) ; \
    tcase_add_checked_fixture(tc, &checkmain_freshdir, 0) ; \
    /* Check's 4 s default is a speed bound: a loaded 2-core CI made 1500 \
       mkdirs miss it; the limit is only there to catch a hang */ \
    tcase_set_timeout(tc, 120) ; \
    suite_add_tcase(s, tc) ; \
    sr = srunner_create(s) ; \
    srunner_run_all(sr, CK_NORMAL) ; \
    failed = srunner_ntests_failed(sr) ; \
    srunner_free(sr) ; \
    return !!failed ; \
  }

#endif
