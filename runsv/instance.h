/* instance.h - runsv as an instance of a template (svinstance.h): run in
 * the template dir T@ with SV_INSTANCE=I, it is the service T@I. Its
 * messages and prefixed output say T@I, its supervise/ (and its logger's)
 * is the instance's own, and ./run, ./finish, ./check, control/ scripts
 * and log/run get I as their first argument (SV_INSTANCE stays set). */
#ifndef RUNSV_INSTANCE_H
#define RUNSV_INSTANCE_H

/* instance_init: runsv DIR: "T@I" when $SV_INSTANCE holds a valid I and
   DIR's last component ends in '@' (dies 100 for a bad I), else DIR */
extern char const *instance_init (char const *dir) ;
/* instance_super: the instance's supervise/ (its logger's: ISLOG), its
   parents made, relative to the template dir or under $RUNSV_STATEDIR; 0
   when runsv is no instance */
extern char const *instance_super (int islog) ;
/* instance_args: I inserted as ARGV[1] when runsv is an instance (ARGV,
   0-terminated, has room for one more) */
extern void instance_args (char const **argv) ;

#endif
