/* secrets.h - RUNSVDIR_SECRETS=NAME,...: the docker and Kubernetes
 * NAME_FILE convention, done once at boot instead of in each entrypoint.
 *
 * For each listed NAME, the file $NAME_FILE names is read (a regular
 * file, opened without blocking, of at most 64 KiB, no NUL; one trailing
 * newline removed: secretlist.h) and NAME is set to it in runsvdir's own
 * environment, before any init task, runsv or main command starts: every
 * one of them, and so every ./run, ./finish and ./check, inherits it.
 * NAME_FILE stays. Only listed names are looked at: the image's other
 * *_FILE variables (SSL_CERT_FILE) are never opened. A value is never
 * written anywhere: each message names the variable and the file only.
 */
#ifndef RUNSVDIR_SECRETS_H
#define RUNSVDIR_SECRETS_H

/* secrets_load: every secret of $RUNSVDIR_SECRETS into our environment.
   Dies 100 (one line) for a bad list, a listed NAME_FILE that cannot be
   read, is no regular file, holds more than 64 KiB or a NUL, or a NAME
   already set to another value (the same value is fine); 111 when out of
   memory. A listed NAME without NAME_FILE is one warning, and left as it is */
extern void secrets_load (void) ;

#endif
