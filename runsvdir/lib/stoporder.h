/* stoporder.h - the shutdown's order: a service stops only once every
 * service that needs it is down (the start order, reversed).
 *
 * Services are numbered 0 to N-1 (runsvdir's table). An edge says that
 * service FROM needs service TO (FROM's dependencies.d/ names TO), so TO
 * stops after FROM. The edges of a cycle (A needs B needs A, A needs
 * itself) are dropped: each service of a cycle stops without waiting for
 * the others of that cycle, and still waits for the services outside it
 * that need it. What is left has no cycle, so every service's turn comes.
 * An edge given twice counts once; one naming no service (N or more) is
 * ignored.
 *
 * During the shutdown the order counts, for each service, its dependants
 * not yet down; it makes no system call and reads no clock. Out of memory,
 * the order is empty: every service may stop at once.
 */
#ifndef SV_STOPORDER_H
#define SV_STOPORDER_H

typedef struct stoporder_edge_s stoporder_edge ;
struct stoporder_edge_s
{
  unsigned int from ;  /* this service needs ... */
  unsigned int to ;    /* ... this one */
} ;

typedef struct stoporder_s stoporder ;
struct stoporder_s
{
  unsigned int n ;          /* services; 0: an empty order */
  unsigned int nedges ;     /* edges kept */
  unsigned int dropped ;    /* distinct edges dropped, in cycles */
  unsigned int *needs ;     /* the kept edges' TO, by FROM: service i's from needs[nfirst[i]] to needs[nfirst[i + 1] - 1] */
  unsigned int *nfirst ;    /* n + 1 offsets into needs */
  unsigned int *neededby ;  /* the kept edges' FROM, by TO, the same way */
  unsigned int *bfirst ;    /* n + 1 offsets into neededby */
  unsigned int *left ;      /* per service: its dependants not yet down */
  unsigned char *down ;     /* per service: down */
} ;
#define STOPORDER_ZERO { .n = 0, .nedges = 0, .dropped = 0, .needs = 0, .nfirst = 0, .neededby = 0, .bfirst = 0, .left = 0, .down = 0 }

/* stoporder_make: the order of N services with the NEDGES edges E (cycles'
   dropped), every service up; 1, or 0 with errno (ENOMEM) and an empty
   order. Frees what *O held before */
extern int stoporder_make (stoporder *o, unsigned int n, stoporder_edge const *e, unsigned int nedges) ;
/* stoporder_held: how many services that need I are not down yet (0: I may stop now) */
extern unsigned int stoporder_held (stoporder const *o, unsigned int i) ;
/* stoporder_down: I is down: each service I needs waits for one fewer (once per I) */
extern void stoporder_down (stoporder *o, unsigned int i) ;
/* stoporder_holder: a service that needs I and is not down yet (the first
   by number), or -1 */
extern int stoporder_holder (stoporder const *o, unsigned int i) ;
/* stoporder_needs: is the edge FROM needs TO kept (given, and not in a cycle)? */
extern int stoporder_needs (stoporder const *o, unsigned int from, unsigned int to) ;
/* stoporder_free: releases everything; the order is empty again */
extern void stoporder_free (stoporder *o) ;

#endif
