/* eval_int.h - what the eval files share besides the public API
 * (synth-internal). */
#ifndef CEN_SYNTH_EVAL_INT_H
#define CEN_SYNTH_EVAL_INT_H

#include "centinela/eval.h"

void cen__eval_set_err(cen_eval *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cen__eval_count_bad_line(cen_eval *e);

#endif
