/* det_fan_in.c - the `fan_in` detector: one account receiving from many distinct senders in a
 * window, in similar amounts, with dedicated counterparties. The logic is
 * shared with fan_out in det_fan.c (see there for scoring). */
#include "detect/fan.h"

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	return cen__fan_init(d, r, err, errlen, 1);
}

const cen__det_ops cen__det_fan_in = {
	.name = "fan_in",
	.size = sizeof(fan_det),
	.init = init,
	.on_edge = cen__fan_in_on_edge,
	.on_advance = cen__fan_on_advance,
	.flush = cen__fan_flush,
	.release = cen__fan_release,
	.keys = cen__fan_keys,
	.nkeys = CEN__FAN_NKEYS,
	.skip_self = true,
};
