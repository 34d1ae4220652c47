/* scanned.h - runsvdir's scan table: the services a scan directory holds.
 *
 * A service is known, as in runit, by the (device, inode) its name leads to
 * after following symlinks: renaming an entry changes nothing, replacing it
 * (rm + mkdir, a re-pointed symlink) makes a new service, and two names for
 * one directory make one service (the first name read). Names starting with
 * a dot are skipped, entries that are not directories are ignored, and an
 * entry that cannot be stat'ed (a dangling symlink) is reported once, not at
 * every scan, until it is fixed or gone.
 *
 * Templates (svinstance.h): an entry T@ is never a service itself; its
 * instances are: each entry T@I leading to T@ (a link), and T@1..T@N when
 * the table's count function says N for it. An instance is known by the
 * template's (device, inode) and its name.
 *
 * The table also holds what runsvdir needs to restart each runsv and to
 * shut it down; this module only reads directories and keeps the table.
 */
#ifndef SV_SCANNED_H
#define SV_SCANNED_H

#include <sys/types.h>
#include <skalibs/genalloc.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>

typedef struct scanned_entry_s scanned_entry ;
struct scanned_entry_s
{
  dev_t dev ;
  ino_t ino ;
  char *name ;              /* the name it was last read under (allocated) */
  pid_t pid ;               /* its runsv, 0 when none runs */
  pid_t pgid ;              /* the process group killed at the deadline */
  unsigned char seen ;      /* found by the last complete scan */
  unsigned char removed ;   /* gone from the directory: never restarted */
  unsigned char quick ;     /* runsv deaths in a row within a second of their start */
  unsigned char killed ;    /* its runsv's process group got SIGKILL at a deadline */
  unsigned char stopping ;  /* its runsv was told to exit, stopping its service (the shutdown) */
  unsigned char ended ;     /* its runsv was reaped during the shutdown */
  unsigned char instance ;  /* 0: a service; SCANNED_LINK, SCANNED_GENERATED: an instance T@I */
  unsigned char cause ;     /* its essential service ended, and so began the shutdown */
  int wstat ;               /* how that runsv ended */
  unsigned int endseq ;     /* the shutdown: 1 for the first runsv reaped, 2 for the next... (the report's order) */
  pid_t orphans ;           /* the session a dead runsv left processes in; no runsv until it is empty */
  unsigned char orphans_signalled ;  /* 1: they got TERM; 2: and SIGKILL after ORPHANS_KILL_MS */
  tain orphans_at ;         /* monotonic: when their runsv was reaped (their SIGKILL counts from it) */
  tain started ;            /* monotonic: when its runsv last started */
  tain restart_at ;         /* monotonic: no new runsv before this */
  tain stop_at ;            /* monotonic: when its runsv was told to exit (the shutdown) */
  tain end_at ;             /* monotonic: when its runsv was reaped */
} ;

#define SCANNED_LINK 1       /* an entry T@I -> T@ */
#define SCANNED_GENERATED 2  /* T@1..T@N of T@'s instances file */

/* scanned_count_func: how many instances template TNAME of the directory
   open as DFD asks for: 1 with *N; 0 to keep its generated ones as they
   are (a bad value, said by the function) */
typedef int scanned_count_func (int dfd, char const *tname, unsigned int *n) ;

typedef struct scanned_s scanned ;
struct scanned_s
{
  genalloc entries ;        /* scanned_entry, in the order they were found */
  stralloc failed ;         /* names whose stat failed at the last scan, each NUL-terminated */
  stralloc failnew ;        /* the same, being built by the current scan */
  scanned_count_func *count ;  /* templates' generated instances; 0: links only */
} ;
#define SCANNED_ZERO { .entries = GENALLOC_ZERO, .failed = STRALLOC_ZERO, .failnew = STRALLOC_ZERO }

#define scanned_n(t) ((unsigned int)genalloc_len(scanned_entry, &(t)->entries))
#define scanned_at(t, i) (genalloc_s(scanned_entry, &(t)->entries) + (i))

/* what a scan reports through its callback */
#define SCANNED_WARN_STAT 1  /* NAME cannot be stat'ed (errno e); once until it changes */
#define SCANNED_WARN_FULL 2  /* no memory to add NAME to the table */
typedef void scanned_warn_func (int what, char const *name, int e) ;

/* scanned_dir: reads directory DIR and updates the table: every entry still
   there (and not removed) gets seen = 1, others seen = 0; new services are
   appended with pid 0. 1 on success; 0 with errno if DIR could not be opened
   or read, and then the table is left as it was. */
extern int scanned_dir (scanned *t, char const *dir, scanned_warn_func *warn) ;
/* scanned_find: index of the live (not removed) service, not an instance, for DEV/INO, or -1 */
extern int scanned_find (scanned const *t, dev_t dev, ino_t ino) ;
/* scanned_find_instance: index of the live instance NAME of the template DEV/INO, or -1 */
extern int scanned_find_instance (scanned const *t, dev_t dev, ino_t ino, char const *name) ;
/* scanned_find_pid: index of the entry whose runsv is PID, or -1 */
extern int scanned_find_pid (scanned const *t, pid_t pid) ;
/* scanned_remove: drops entry I (the last entry takes its place) */
extern void scanned_remove (scanned *t, unsigned int i) ;
/* scanned_sort: orders the table by name (for reports) */
extern void scanned_sort (scanned *t) ;
/* scanned_free: releases everything */
extern void scanned_free (scanned *t) ;

/* scanned_fstype_local: is a filesystem of this statfs f_type one where
   inotify sees every change (local disks, tmpfs, overlay)? Network and
   FUSE filesystems are not: changes made elsewhere raise no event. */
extern int scanned_fstype_local (unsigned long type) ;
/* scanned_path_symlinked: is any component of PATH a symlink (that someone
   may re-point, as runsvchdir does)? 1 yes, 0 no, -1 with errno */
extern int scanned_path_symlinked (char const *path) ;

#endif
