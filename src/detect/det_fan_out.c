/* det_fan_out.c - the `fan_out` detector: one account sending to many distinct recipients in a
 * window, in similar amounts, with dedicated counterparties. The logic is
 * shared with fan_in in det_fan.c (see there for scoring). */
#include "detect/fan.h"

static int init(cen__det *d, const cen_rules *r, char *err, size_t errlen)
{
	return cen__fan_init(d, r, err, errlen, 0);
}

const cen__det_ops cen__det_fan_out = {
	.name = "fan_out",
	.size = sizeof(fan_det),
	.init = init,
	.on_edge = cen__fan_out_on_edge,
	.on_advance = cen__fan_on_advance,
	.flush = cen__fan_flush,
	.release = cen__fan_release,
	.keys = cen__fan_keys,
	.nkeys = CEN__FAN_NKEYS,
	.skip_self = true,
};
