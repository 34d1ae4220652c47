/* selection.h - RUNSVDIR_ONLY and RUNSVDIR_SKIP: which services start wanted down.
 *
 * Each variable is a list of service names or fnmatch(3) globs, separated
 * by commas: "web,worker*". Blanks around an entry are dropped, and an
 * empty entry is none. A service is deselected (its runsv starts it down,
 * as a down file would) when ONLY has an entry and none matches its name,
 * or when an entry of SKIP matches it: SKIP wins over ONLY. An ONLY with
 * no entry (unset, empty) deselects nothing. Each entry remembers whether
 * a name noted matched it, for the warning about those that match no
 * service. Nothing here reads the environment or writes a line.
 */
#ifndef RUNSVDIR_SELECTION_H
#define RUNSVDIR_SELECTION_H

#include <skalibs/stralloc.h>

typedef struct selection_list_s selection_list ;
struct selection_list_s
{
  stralloc s ;           /* each entry: a byte, 1 once a name noted matched it, then the glob, NUL-terminated */
  unsigned int n ;       /* how many entries */
} ;
#define SELECTION_LIST_ZERO { .s = STRALLOC_ZERO, .n = 0 }

typedef struct selection_s selection ;
struct selection_s
{
  selection_list only ;  /* RUNSVDIR_ONLY */
  selection_list skip ;  /* RUNSVDIR_SKIP */
} ;
#define SELECTION_ZERO { .only = SELECTION_LIST_ZERO, .skip = SELECTION_LIST_ZERO }

/* selection_parse: the entries of the list S (0: unset) into L, after
   those it holds; 1, or 0 with errno (ENOMEM) */
extern int selection_parse (selection_list *l, char const *s) ;
/* selection_matches: does an entry of L match NAME? */
extern int selection_matches (selection_list const *l, char const *name) ;
/* selection_down: is the service NAME deselected, to start wanted down? */
extern int selection_down (selection const *sel, char const *name) ;
/* selection_note: NAME is a service: every entry of SEL it matches is used */
extern void selection_note (selection *sel, char const *name) ;
/* selection_unused: the Ith (from 0) of L's entries that no name noted
   matched, or 0 when there are no more */
extern char const *selection_unused (selection_list const *l, unsigned int i) ;
/* selection_free: L's memory, L empty again */
extern void selection_free (selection_list *l) ;

#endif
