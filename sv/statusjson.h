/* statusjson.h - sv -j status: the services as one JSON document (sv.8). */
#ifndef SV_STATUSJSON_H
#define SV_STATUSJSON_H

#include "sv.h"

/* statusjson_print: writes the JSON array of the N services NAMES on
   stdout in one go, counting each one that could not be read (and each
   log that could not) in ctx->errors, as sv status does. sv's cwd is left
   anywhere (the caller needs it no more). */
extern void statusjson_print (sv_ctx *ctx, char const *const *names, unsigned int n) ;

#endif
