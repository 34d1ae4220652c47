/* check_syslogmsg.c - syslog datagrams as each sender writes them: tag, priority, message. */
#include <string.h>
#include "checkmain.h"
#include "syslogmsg.h"

/* is: datagram S gives TAG (0: none), PRI and MSG */
static void is (char const *s, char const *tag, int pri, char const *msg)
{
  syslogmsg m ;
  syslogmsg_parse(&m, s, strlen(s)) ;
  if (!tag) ck_assert_msg(!m.taglen, "[%s]: a tag [%.*s]", s, (int)m.taglen, m.tag) ;
  else ck_assert_msg(m.taglen == strlen(tag) && !memcmp(m.tag, tag, m.taglen), "[%s]: tag [%.*s], not [%s]", s, (int)m.taglen, m.tag, tag) ;
  ck_assert_msg(m.pri == pri, "[%s]: pri %d, not %d", s, m.pri, pri) ;
  ck_assert_msg(m.msglen == strlen(msg) && !memcmp(m.msg, msg, m.msglen), "[%s]: msg [%.*s], not [%s]", s, (int)m.msglen, m.msg, msg) ;
}

START_TEST(test_rfc3164)
{
  is("<13>Dec  7 19:20:00 myprog[123]: hello", "myprog", 13, "hello") ;   /* glibc, musl */
  is("<13>Dec  7 19:20:00 root: hello", "root", 13, "hello") ;            /* busybox, logger */
  is("<13>Dec 17 19:20:00 vm root: hello world", "root", 13, "hello world") ;  /* logger --rfc3164 */
  is("<30>Dec  7 19:20:00 cron[42]: (root) CMD (true)\n", "cron", 30, "(root) CMD (true)") ;
  is("<3>Dec  7 19:20:00 a:  two spaces", "a", 3, " two spaces") ;
  is("<191>Jan  1 00:00:00 x: max", "x", 191, "max") ;
  is("<13>myprog: no time", "myprog", 13, "no time") ;
  is("<13>Dec  7 19:20:00 myprog[12] no colon", "myprog", 13, "no colon") ;
  is("<13>Dec  7 19:20:00 myprog:", "myprog", 13, "") ;
}
END_TEST

START_TEST(test_rfc5424)
{
  is("<13>1 2026-12-07T19:20:00.123456+00:00 host app 123 - - msg", "app", 13, "msg") ;
  is("<13>1 2026-12-07T19:20:00.123456+00:00 - app - - - msg", "app", 13, "msg") ;
  is("<13>1 2026-12-07T19:20:00.090903+00:00 vm root - - [timeQuality tzKnown=\"1\" isSynced=\"0\"] hello world", "root", 13, "hello world") ;
  is("<13>1 - - - - - -", 0, 13, "") ;
  is("<11>1 - host - - - - no app", 0, 11, "no app") ;
  is("<13>1 - h a - ID47 [x@1 k=\"v\\]\"][y@2 k=\"\"] m", "a", 13, "m") ;
  is("<13>1 - h a - - - \xef\xbb\xbf" "bom", "a", 13, "bom") ;
}
END_TEST

START_TEST(test_malformed)
{
  is("hello", 0, -1, "hello") ;
  is("", 0, -1, "") ;
  is("<13", 0, -1, "<13") ;
  is("<192>Dec  7 19:20:00 x: y", 0, -1, "<192>Dec  7 19:20:00 x: y") ;
  is("<1234>x: y", 0, -1, "<1234>x: y") ;
  is("<>x: y", 0, -1, "<>x: y") ;
  is("<13>1 2026 host app", 0, -1, "<13>1 2026 host app") ;           /* a short 5424 header: whole */
  is("<13>1 - h a - - [unclosed m", 0, -1, "<13>1 - h a - - [unclosed m") ;
  is("<13>just words here", 0, 13, "just words here") ;                /* no tag: the rest */
  is("<13>Warning disk: full", 0, 13, "Warning disk: full") ;          /* no time: no host skipped */
  is("<13>Dec  7 19:20:00 ", 0, 13, "") ;
  is("<13>Dec  7 19:20:00 a-very-long-tag-that-is-longer-than-forty-eight-bytes: m", 0, 13,
     "a-very-long-tag-that-is-longer-than-forty-eight-bytes: m") ;
}
END_TEST

START_TEST(test_trailing)
{
  syslogmsg m ;
  char s[] = "<13>x: m\n\n\0\0" ;
  syslogmsg_parse(&m, s, sizeof(s) - 1) ;
  ck_assert_int_eq((int)m.msglen, 2) ;  /* one newline and the NULs gone, the other kept */
  ck_assert(!memcmp(m.msg, "m\n", 2)) ;
  is("<13>x: a\nb", "x", 13, "a\nb") ;
}
END_TEST

START_TEST(test_severity)
{
  static char const *const names[8] = { "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug" } ;
  for (int p = 0 ; p < 192 ; p++) ck_assert_str_eq(syslogmsg_severity(p), names[p & 7]) ;
}
END_TEST

CHECK_MAIN("syslogmsg", test_rfc3164, test_rfc5424, test_malformed, test_trailing, test_severity)
