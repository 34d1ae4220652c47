/* cronspec.c - the schedule file's line (see cronspec.h). */
#include <string.h>
#include <time.h>
#include <skalibs/bytestr.h>
#include <skalibs/types.h>
#include "cronspec.h"
#include "isotime.h"

/* how far cronspec_next looks: 8 years, leap days and one more */
#define CRONSPEC_DAYS (8 * 366 + 1)

/* a field of a cron expression: its name in reasons, its bounds, its names */
typedef struct field_s field ;
struct field_s
{
  char const *name ;
  unsigned int lo, hi ;
  char const *const *names ;  /* names[i] is value lo + i; 0: numbers only */
  unsigned int nnames ;
} ;

static char const *const monthnames[12] =
  { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" } ;
static char const *const daynames[7] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" } ;

static field const fields[5] =
{
  { "minute", 0, 59, 0, 0 },
  { "hour", 0, 23, 0, 0 },
  { "day of month", 1, 31, 0, 0 },
  { "month", 1, 12, monthnames, 12 },
  { "day of week", 0, 7, daynames, 7 },
} ;
#define FIELD_WDAY (&fields[4])

/* the one-word forms and the expressions they stand for */
static char const *const words[][2] =
{
  { "@hourly", "0 * * * *" },
  { "@daily", "0 0 * * *" },
  { "@midnight", "0 0 * * *" },
  { "@weekly", "0 0 * * 0" },
  { "@monthly", "0 0 1 * *" },
  { "@yearly", "0 0 1 1 *" },
  { "@annually", "0 0 1 1 *" },
} ;

/* The reason of a failure, built here: one parse at a time (runsv is one thread) */
static char whybuf[128] ;
static size_t whylen ;

/* why_add: N bytes of S at the end of the reason, as many as fit */
static void why_add (char const *s, size_t n)
{
  if (n > sizeof(whybuf) - 1 - whylen) n = sizeof(whybuf) - 1 - whylen ;
  memcpy(whybuf + whylen, s, n) ;
  whylen += n ;
  whybuf[whylen] = 0 ;
}

static void why_adds (char const *s)
{
  why_add(s, strlen(s)) ;
}

static void why_addu (uint64_t u)
{
  char fmt[UINT64_FMT] ;
  why_add(fmt, uint64_fmt(fmt, u)) ;
}

/* why_text: N bytes of the line as a reason shows them: at most 20, unprintables as '?' */
static void why_text (char const *s, size_t n)
{
  for (size_t i = 0 ; i < n && i < 20 ; i++)
  {
    char c = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?' ;
    why_add(&c, 1) ;
  }
  if (n > 20) why_adds("...") ;
}

/* why_start: a new reason, "FIELD: " when about a field */
static void why_start (field const *f)
{
  whylen = 0 ;
  whybuf[0] = 0 ;
  if (f) { why_adds(f->name) ; why_adds(": ") ; }
}

/* why_done: *WHY gets the reason built; 0, for the caller to return */
static int why_done (char const **why)
{
  *why = whybuf ;
  return 0 ;
}

static int is_digit (char c) { return c >= '0' && c <= '9' ; }
static int is_alnum (char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ; }
static int is_blank (char c) { return c == ' ' || c == '\t' ; }

/* digits: how many decimal digits S starts with, up to END */
static size_t digits (char const *s, char const *end)
{
  size_t n = 0 ;
  while (s + n < end && is_digit(s[n])) n++ ;
  return n ;
}

/* number: the N digits at S as a uint32 into *u; 0 if more than fits */
static int number (char const *s, size_t n, uint32_t *u)
{
  return n && n <= 10 && uint32_scan(s, u) == n ;
}

/* unexpected: the reason for the byte at S (or the item's end, at END) */
static int unexpected (field const *f, char const *s, char const *end, char const *what, char const **why)
{
  why_start(f) ;
  if (s == end) { why_adds(what) ; why_adds(" missing") ; }
  else { why_adds("unexpected \"") ; why_text(s, 1) ; why_adds("\"") ; }
  return why_done(why) ;
}

/* value: the number or (if F has them) the name at S, before END, into *V;
   the bytes it took, or 0 with *WHY */
static size_t value (field const *f, char const *s, char const *end, unsigned int *v, char const **why)
{
  size_t n = digits(s, end) ;
  uint32_t u ;
  if (n)
  {
    /* cronie takes letters and digits together: 5x is no number */
    if (s + n < end && is_alnum(s[n])) n = 0 ;
    else if (!number(s, n, &u) || u < f->lo || u > f->hi)
    {
      why_start(f) ;
      why_text(s, n) ;
      why_adds(" is out of range ") ;
      why_addu(f->lo) ; why_adds("-") ; why_addu(f->hi) ;
      return why_done(why) ;
    }
    else { *v = u ; return n ; }
  }
  while (s + n < end && is_alnum(s[n])) n++ ;
  if (!n) return unexpected(f, s, end, "a number is", why) ;
  if (n == 3)
    for (unsigned int i = 0 ; i < f->nnames ; i++)
      if (case_equalb(s, 3, f->names[i])) { *v = f->lo + i ; return 3 ; }
  why_start(f) ;
  why_adds(f->names ? "bad name \"" : "not a number: \"") ;
  why_text(s, n) ;
  why_adds("\"") ;
  return why_done(why) ;
}

/* item: one item of a list, S to END, of field F into *BITS; 1, or 0 with *WHY */
static int item (field const *f, char const *s, char const *end, uint64_t *bits, char const **why)
{
  char const *start = s ;
  unsigned int a, b ;
  uint32_t step = 1 ;
  size_t n ;
  if (s == end)
  {
    why_start(f) ;
    why_adds("empty item in a list") ;
    return why_done(why) ;
  }
  if (*s == '*') { a = f->lo ; b = f->hi ; s++ ; }
  else
  {
    n = value(f, s, end, &a, why) ;
    if (!n) return 0 ;
    s += n ;
    b = a ;
    if (s < end && *s == '-')
    {
      n = value(f, ++s, end, &b, why) ;
      if (!n) return 0 ;
      s += n ;
      /* cronie's fri-sun: Sunday as 0 ends a range of days of week */
      if (b < a && f == FIELD_WDAY && !b) b = 7 ;
      if (b < a)
      {
        why_start(f) ;
        why_adds("range ") ;
        why_text(start, (size_t)(s - start)) ;
        why_adds(" goes backwards") ;
        return why_done(why) ;
      }
    }
    else if (s < end && *s == '/') b = f->hi ;  /* A/S: from A to the end */
  }
  if (s < end && *s == '/')
  {
    n = digits(++s, end) ;
    if (!n) return unexpected(f, s, end, "a step is", why) ;
    if (!number(s, n, &step))
    {
      why_start(f) ;
      why_adds("step ") ;
      why_text(s, n) ;
      why_adds(" is too large") ;
      return why_done(why) ;
    }
    if (!step)
    {
      why_start(f) ;
      why_adds("a step of 0") ;
      return why_done(why) ;
    }
    s += n ;
  }
  if (s < end) return unexpected(f, s, end, "", why) ;
  for (uint64_t i = a ; i <= b ; i += step) *bits |= (uint64_t)1 << i ;
  return 1 ;
}

/* list: field F's text, S to END, as its bits into *BITS; 1, or 0 with *WHY */
static int list (field const *f, char const *s, char const *end, uint64_t *bits, char const **why)
{
  *bits = 0 ;
  for (;;)
  {
    char const *comma = s ;
    while (comma < end && *comma != ',') comma++ ;
    if (!item(f, s, comma, bits, why)) return 0 ;
    if (comma == end) return 1 ;
    s = comma + 1 ;
  }
}

/* every: "@every SECONDS", the words after "@every" in W[1..N-1] */
static int every (char const *const *w, size_t const *len, unsigned int n, cronspec *c, char const **why)
{
  uint32_t u ;
  memset(c, 0, sizeof(*c)) ;
  why_start(0) ;
  if (n == 2 && len[1] == digits(w[1], w[1] + len[1]) && len[1] <= 10)
  {
    if (!number(w[1], len[1], &u))
    {
      why_adds("@every: at most 4294967295 seconds") ;
      return why_done(why) ;
    }
    if (u) { c->every = u ; return 1 ; }
  }
  why_adds("@every: not a positive number of seconds") ;
  return why_done(why) ;
}

/* word: the one-word forms, W[0] being the one; 1, or 0 with *WHY */
static int word (char const *const *w, size_t const *len, unsigned int n, cronspec *c, char const **why)
{
  if (len[0] == 6 && !memcmp(w[0], "@every", 6)) return every(w, len, n, c, why) ;
  for (unsigned int i = 0 ; i < sizeof(words) / sizeof(words[0]) ; i++)
    if (len[0] == strlen(words[i][0]) && !memcmp(w[0], words[i][0], len[0]))
    {
      if (n > 1)
      {
        why_start(0) ;
        why_adds(words[i][0]) ;
        why_adds(": unexpected \"") ;
        why_text(w[1], len[1]) ;
        why_adds("\" after it") ;
        return why_done(why) ;
      }
      return cronspec_parse(words[i][1], c, why) ;
    }
  why_start(0) ;
  if (len[0] == 7 && !memcmp(w[0], "@reboot", 7)) why_adds("@reboot: not supported (it names no time)") ;
  else { why_adds("unknown word \"") ; why_text(w[0], len[0]) ; why_adds("\"") ; }
  return why_done(why) ;
}

int cronspec_parse (char const *line, cronspec *c, char const **why)
{
  char const *w[5] ;
  size_t len[5] ;
  unsigned int n = 0 ;
  char const *s = line ;
  /* the words; beyond the fifth, only counted */
  for (;;)
  {
    char const *start ;
    while (is_blank(*s)) s++ ;
    if (!*s) break ;
    start = s ;
    while (*s && !is_blank(*s)) s++ ;
    if (n < 5) { w[n] = start ; len[n] = (size_t)(s - start) ; }
    if (n < UINT32_MAX) n++ ;
  }
  if (!n)
  {
    why_start(0) ;
    why_adds("empty schedule") ;
    return why_done(why) ;
  }
  if (*w[0] == '@') return word(w, len, n, c, why) ;
  if (n != 5)
  {
    why_start(0) ;
    why_adds("5 fields expected, got ") ;
    why_addu(n) ;
    return why_done(why) ;
  }
  memset(c, 0, sizeof(*c)) ;
  for (unsigned int i = 0 ; i < 5 ; i++)
  {
    uint64_t bits ;
    if (!list(&fields[i], w[i], w[i] + len[i], &bits, why)) return 0 ;
    switch (i)
    {
      case 0 : c->minutes = bits ; break ;
      case 1 : c->hours = (uint32_t)bits ; break ;
      case 2 : c->mdays = (uint32_t)bits ; c->mday_any = *w[i] == '*' ; break ;
      case 3 : c->months = (uint16_t)bits ; break ;
      case 4 : c->wdays = (uint8_t)((bits | bits >> 7) & 0x7f) ; c->wday_any = *w[i] == '*' ; break ;
    }
  }
  return 1 ;
}

/* days_from_civil: the days since 1970-01-01 of the date Y-M-D (proleptic Gregorian) */
static int64_t days_from_civil (int64_t y, unsigned int m, unsigned int d)
{
  /* years counted from March, so that the leap day ends a year; in eras of
     400 years, each 146097 days long */
  int64_t era, yoe, doy ;
  if (m <= 2) y-- ;
  era = (y >= 0 ? y : y - 399) / 400 ;
  yoe = y - era * 400 ;
  doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 ;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468 ;
}


/* day_named: whether C names day DAYS since the Epoch, of date M-D (cron's day rule) */
static int day_named (cronspec const *c, int64_t days, unsigned int m, unsigned int d)
{
  unsigned int wd = (unsigned int)(((days % 7) + 11) % 7) ;  /* 1970-01-01 was a Thursday */
  int dm = c->mdays >> d & 1, wm = c->wdays >> wd & 1 ;
  if (!(c->months >> m & 1)) return 0 ;
  return c->mday_any || c->wday_any ? dm && wm : dm || wm ;
}

/* next_utc: cronspec_next in UTC, by arithmetic only */
static int64_t next_utc (cronspec const *c, int64_t t)
{
  int64_t day0 = t / 86400 - (t % 86400 < 0) ;
  for (int64_t k = 0 ; k <= CRONSPEC_DAYS ; k++)
  {
    int64_t y, day = day0 + k ;
    unsigned int m, d ;
    isotime_civil(day, &y, &m, &d) ;
    if (!day_named(c, day, m, d)) continue ;
    for (unsigned int h = 0 ; h < 24 ; h++)
    {
      if (!(c->hours >> h & 1) || day * 86400 + h * 3600 + 3599 <= t) continue ;
      for (unsigned int mi = 0 ; mi < 60 ; mi++)
      {
        int64_t s = day * 86400 + h * 3600 + mi * 60 ;
        if (c->minutes >> mi & 1 && s > t) return s ;
      }
    }
  }
  return -1 ;
}

/* local_at: the first instant after T whose local wall-clock time is
   Y-M-D H:MI:00, or -1; both tm_isdst values, for the hour a fall-back repeats */
static int64_t local_at (int64_t y, unsigned int m, unsigned int d, unsigned int h, unsigned int mi, int64_t t)
{
  int64_t best = -1 ;
  for (int dst = 0 ; dst < 2 ; dst++)
  {
    struct tm tm = { 0 }, back ;
    time_t r ;
    tm.tm_year = (int)(y - 1900) ;
    tm.tm_mon = (int)m - 1 ;
    tm.tm_mday = (int)d ;
    tm.tm_hour = (int)h ;
    tm.tm_min = (int)mi ;
    tm.tm_isdst = dst ;
    r = mktime(&tm) ;  /* which normalizes tm: compare with the arguments */
    /* a whole minute is never -1, mktime's failure */
    if (r == (time_t)-1 || !localtime_r(&r, &back)) continue ;
    /* a time in a spring-forward gap comes back as another */
    if (back.tm_year != (int)(y - 1900) || back.tm_mon != (int)m - 1 || back.tm_mday != (int)d
     || back.tm_hour != (int)h || back.tm_min != (int)mi) continue ;
    if ((int64_t)r > t && (best < 0 || (int64_t)r < best)) best = (int64_t)r ;
  }
  return best ;
}

/* local_secs: the wall-clock time TM as seconds since 1970-01-01 00:00 of its own clock */
static int64_t local_secs (struct tm const *tm)
{
  return days_from_civil((int64_t)tm->tm_year + 1900, (unsigned int)tm->tm_mon + 1, (unsigned int)tm->tm_mday) * 86400
    + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec ;
}

/* giveback: in minutes, how far the local clock, at offset OFF at T, goes
   back (fall-backs) in the day after T, by the offsets of the next 26 hours:
   how far before T's wall-clock time a named time may still come after T */
static int64_t giveback (int64_t t, int64_t off)
{
  int64_t most = 0 ;
  for (int64_t i = 1 ; i <= 26 ; i++)
  {
    struct tm tm ;
    time_t s = (time_t)(t + i * 3600) ;
    if (!localtime_r(&s, &tm)) break ;
    if (off - (local_secs(&tm) - (int64_t)s) > most) most = off - (local_secs(&tm) - (int64_t)s) ;
  }
  return (most + 59) / 60 ;
}

/* next_local: cronspec_next in the local time zone, day by day from T's local date */
static int64_t next_local (cronspec const *c, int64_t t)
{
  struct tm tm ;
  time_t tt = (time_t)t ;
  int64_t day0, tmin, back, best = -1, bestat = 0 ;
  if ((int64_t)tt != t) return -1 ;
  tzset() ;
  if (!localtime_r(&tt, &tm)) return -1 ;
  day0 = days_from_civil((int64_t)tm.tm_year + 1900, (unsigned int)tm.tm_mon + 1, (unsigned int)tm.tm_mday) ;
  tmin = tm.tm_hour * 60 + tm.tm_min ;
  back = giveback(t, local_secs(&tm) - t) ;
  /* from the day before: a fall-back at midnight gives back part of it */
  for (int64_t k = -1 ; k <= CRONSPEC_DAYS ; k++)
  {
    int64_t y, day = day0 + k ;
    unsigned int m, d ;
    if (best >= 0 && k * 1440 >= bestat + back) return best ;
    isotime_civil(day, &y, &m, &d) ;
    if (y - 1900 > INT32_MAX || y - 1900 < INT32_MIN) return -1 ;
    if (!day_named(c, day, m, d)) continue ;
    for (unsigned int h = 0 ; h < 24 ; h++)
    {
      if (!(c->hours >> h & 1)) continue ;
      for (unsigned int mi = 0 ; mi < 60 ; mi++)
      {
        int64_t r, at = k * 1440 + h * 60 + mi ;
        if (!(c->minutes >> mi & 1)) continue ;
        /* a wall-clock time not after T's, less what a fall-back gives
           back, is past: no mktime for it (each may stat the zone file) */
        if (at + back <= tmin) continue ;
        /* wall-clock order is time order, but for what a fall-back gives
           back: a time found is the answer once the clock is past it by that */
        if (best >= 0 && at >= bestat + back) return best ;
        r = local_at(y, m, d, h, mi, t) ;
        if (r >= 0 && (best < 0 || r < best)) { best = r ; bestat = at ; }
      }
    }
  }
  return best ;
}

int64_t cronspec_next (cronspec const *c, int64_t t, int utc)
{
  /* room for the days looked at, either side */
  if (t > INT64_MAX - (int64_t)(CRONSPEC_DAYS + 2) * 86400 || t < INT64_MIN + 2 * 86400) return -1 ;
  if (c->every) return t + c->every ;
  return utc ? next_utc(c, t) : next_local(c, t) ;
}
