/* lifeops.h - the system around a life (life.h), as runsv makes it:
 * spawning ./run, ./finish and log/run (with control/u, the knobs and
 * readiness read at each start), signals, control/ scripts, what happens
 * around a run's end (its output, its leftovers), and the words runsv says. */
#ifndef RUNSV_LIFEOPS_H
#define RUNSV_LIFEOPS_H

#include "life.h"

/* lifeops: the operations; each life's ctx is its service record (service.h) */
extern life_ops const lifeops ;

#endif
