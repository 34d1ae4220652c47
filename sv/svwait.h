/* svwait.h - waiting for sv's commands to take effect (svwait.c). */
#ifndef SV_SVWAIT_H
#define SV_SVWAIT_H

#include "sv.h"

/* svwait_run: looks at each of the N services in S until every one is done
   (its "ok:" line), or the deadline in CTX has passed (its "timeout:" or
   "kill:" line); failures count in ctx->errors */
extern void svwait_run (sv_ctx *ctx, sv_service *s, unsigned int n) ;

#endif
