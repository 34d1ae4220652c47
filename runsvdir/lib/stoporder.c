/* stoporder.c - see stoporder.h
 *
 * The cycles are the strongly connected components of the graph (Tarjan's
 * algorithm, without recursion: a chain of thousands of services must not
 * take that much stack); an edge whose two ends are in one component is
 * in a cycle. The kept edges are held twice, by the service that needs and
 * by the service needed, in one allocation.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/alloc.h>
#include "stoporder.h"

#define NONE ((unsigned int)-1)

/* fits: can COUNT + 1 things of SIZE bytes each be counted in a size_t? */
static int fits (size_t count, size_t size)
{
  return count < SIZE_MAX / size ;
}

/* byedge: qsort order of two edges, by FROM then TO */
static int byedge (void const *a, void const *b)
{
  stoporder_edge const *x = a, *y = b ;
  if (x->from != y->from) return x->from < y->from ? -1 : 1 ;
  if (x->to != y->to) return x->to < y->to ? -1 : 1 ;
  return 0 ;
}

/* index_by: the M edges E grouped by their FROM (BYTO 0) or their TO (1):
   FIRST (N + 1 offsets) and OTHER, the other end of each, in E's order
   within a group */
static void index_by (int byto, unsigned int n, stoporder_edge const *e, unsigned int m, unsigned int *first, unsigned int *other)
{
  memset(first, 0, sizeof(unsigned int) * ((size_t)n + 1)) ;
  for (unsigned int k = 0 ; k < m ; k++) first[(byto ? e[k].to : e[k].from) + 1]++ ;
  for (unsigned int i = 0 ; i < n ; i++) first[i + 1] += first[i] ;
  /* first[i] is the next free place of group i until the pass is done */
  for (unsigned int k = 0 ; k < m ; k++)
  {
    unsigned int g = byto ? e[k].to : e[k].from ;
    other[first[g]++] = byto ? e[k].from : e[k].to ;
  }
  for (unsigned int i = n ; i > 0 ; i--) first[i] = first[i - 1] ;
  first[0] = 0 ;
}

/* components: the strongly connected component of each of N services into
   COMP, the edges given as FIRST and TO (grouped by FROM); WORK holds 5 N */
static void components (unsigned int n, unsigned int const *first, unsigned int const *to, unsigned int *comp, unsigned int *work)
{
  unsigned int *idx = work, *low = work + n, *pos = work + 2 * (size_t)n ;
  unsigned int *stk = work + 3 * (size_t)n, *call = work + 4 * (size_t)n ;
  unsigned int count = 0, sp = 0, cp = 0, ncomp = 0 ;
  for (unsigned int i = 0 ; i < n ; i++) idx[i] = comp[i] = NONE ;
  for (unsigned int root = 0 ; root < n ; root++)
  {
    if (idx[root] != NONE) continue ;
    idx[root] = low[root] = count++ ;
    pos[root] = first[root] ;
    stk[sp++] = root ;
    call[cp++] = root ;
    while (cp)
    {
      unsigned int v = call[cp - 1] ;
      if (pos[v] < first[v + 1])
      {
        unsigned int w = to[pos[v]++] ;
        if (idx[w] == NONE)
        {
          idx[w] = low[w] = count++ ;
          pos[w] = first[w] ;
          stk[sp++] = w ;
          call[cp++] = w ;
        }
        /* visited and in no component yet: on the stack, so in v's cycle */
        else if (comp[w] == NONE && idx[w] < low[v]) low[v] = idx[w] ;
        continue ;
      }
      cp-- ;
      if (cp && low[v] < low[call[cp - 1]]) low[call[cp - 1]] = low[v] ;
      if (low[v] == idx[v])
      {
        unsigned int w ;
        do { w = stk[--sp] ; comp[w] = ncomp ; } while (w != v) ;
        ncomp++ ;
      }
    }
  }
}

/* distinct: the valid edges of E (both ends under N), sorted, each once,
   into a new allocation *OUT; their number, or -1 out of memory */
static long distinct (unsigned int n, stoporder_edge const *e, unsigned int nedges, stoporder_edge **out)
{
  unsigned int m = 0 ;
  stoporder_edge *d = alloc(sizeof(stoporder_edge) * ((size_t)nedges + 1)) ;
  if (!d) return -1 ;
  for (unsigned int k = 0 ; k < nedges ; k++)
    if (e[k].from < n && e[k].to < n) d[m++] = e[k] ;
  if (m > 1) qsort(d, m, sizeof(stoporder_edge), &byedge) ;
  if (m)
  {
    unsigned int j = 1 ;
    for (unsigned int k = 1 ; k < m ; k++)
      if (byedge(&d[k], &d[j - 1])) d[j++] = d[k] ;
    m = j ;
  }
  *out = d ;
  return (long)m ;
}

int stoporder_make (stoporder *o, unsigned int n, stoporder_edge const *e, unsigned int nedges)
{
  stoporder_edge *d = 0 ;
  unsigned int *block, *work, m, k = 0 ;
  long got ;
  size_t words ;
  stoporder_free(o) ;
  if (!n) return 1 ;
  /* sizes below: 8 N + 2 words, N + 1 edges; no table that large fits in memory anyway */
  if (!fits(n, 8 * sizeof(unsigned int) + 1) || !fits(nedges, sizeof(stoporder_edge))) return (errno = ENOMEM, 0) ;
  got = distinct(n, e, nedges, &d) ;
  if (got < 0) return 0 ;
  m = (unsigned int)got ;
  /* nfirst, bfirst (n + 1 each), left (n), needs, neededby (m each), then down */
  words = 3 * (size_t)n + 2 + 2 * (size_t)m ;
  block = alloc(sizeof(unsigned int) * words + n) ;
  work = alloc(sizeof(unsigned int) * 6 * (size_t)n) ;
  if (!block || !work)
  {
    alloc_free(block) ;
    alloc_free(work) ;
    alloc_free(d) ;
    return (errno = ENOMEM, 0) ;
  }
  o->nfirst = block ;
  o->bfirst = block + n + 1 ;
  o->left = block + 2 * (size_t)n + 2 ;
  o->needs = block + 3 * (size_t)n + 2 ;
  o->neededby = o->needs + m ;
  o->down = (unsigned char *)(block + words) ;
  /* every edge, to find the cycles; then only those between components */
  index_by(0, n, d, m, o->nfirst, o->needs) ;
  components(n, o->nfirst, o->needs, work + 5 * (size_t)n, work) ;
  for (unsigned int j = 0 ; j < m ; j++)
    if (work[5 * (size_t)n + d[j].from] != work[5 * (size_t)n + d[j].to]) d[k++] = d[j] ;
  index_by(0, n, d, k, o->nfirst, o->needs) ;
  index_by(1, n, d, k, o->bfirst, o->neededby) ;
  for (unsigned int i = 0 ; i < n ; i++) o->left[i] = o->bfirst[i + 1] - o->bfirst[i] ;
  memset(o->down, 0, n) ;
  o->n = n ;
  o->nedges = k ;
  o->dropped = m - k ;
  alloc_free(work) ;
  alloc_free(d) ;
  return 1 ;
}

unsigned int stoporder_held (stoporder const *o, unsigned int i)
{
  return i < o->n ? o->left[i] : 0 ;
}

void stoporder_down (stoporder *o, unsigned int i)
{
  if (i >= o->n || o->down[i]) return ;
  o->down[i] = 1 ;
  for (unsigned int k = o->nfirst[i] ; k < o->nfirst[i + 1] ; k++) o->left[o->needs[k]]-- ;
}

int stoporder_holder (stoporder const *o, unsigned int i)
{
  if (i >= o->n) return -1 ;
  for (unsigned int k = o->bfirst[i] ; k < o->bfirst[i + 1] ; k++)
    if (!o->down[o->neededby[k]]) return (int)o->neededby[k] ;
  return -1 ;
}

int stoporder_needs (stoporder const *o, unsigned int from, unsigned int to)
{
  if (from >= o->n) return 0 ;
  for (unsigned int k = o->nfirst[from] ; k < o->nfirst[from + 1] ; k++)
    if (o->needs[k] == to) return 1 ;
  return 0 ;
}

void stoporder_free (stoporder *o)
{
  alloc_free(o->nfirst) ;
  *o = (stoporder)STOPORDER_ZERO ;
}
