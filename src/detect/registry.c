/* registry.c - every detector the engine runs, in the order the summary
 * lists them. To add one: declare its ops here and add it to the table
 * (see detector.h for the interface). Names are the typology names of
 * contracts.md and the rules-file table names.
 */
#include "detect/detector.h"

/* Cash detectors (det_ctr.c, det_structuring.c, det_gto.c, det_funnel.c,
 * det_blocked.c; cash_det.h). */
extern const cen__det_ops cen__det_ctr;
extern const cen__det_ops cen__det_structuring;
extern const cen__det_ops cen__det_gto;
extern const cen__det_ops cen__det_funnel;
extern const cen__det_ops cen__det_blocked;
extern const cen__det_ops cen__det_pass_through;
extern const cen__det_ops cen__det_fan_in;
extern const cen__det_ops cen__det_fan_out;
extern const cen__det_ops cen__det_scatter_gather;
extern const cen__det_ops cen__det_gather_scatter;
extern const cen__det_ops cen__det_bipartite;
extern const cen__det_ops cen__det_stack;
extern const cen__det_ops cen__det_cycle;

const cen__det_ops *const cen__registry[] = {
	&cen__det_ctr,
	&cen__det_structuring,
	&cen__det_gto,
	&cen__det_funnel,
	&cen__det_pass_through,
	&cen__det_fan_in,
	&cen__det_fan_out,
	&cen__det_scatter_gather,
	&cen__det_gather_scatter,
	&cen__det_bipartite,
	&cen__det_stack,
	&cen__det_cycle,
	&cen__det_blocked,
};

const size_t cen__registry_count = sizeof cen__registry / sizeof cen__registry[0];
_Static_assert(sizeof cen__registry / sizeof cen__registry[0] == CEN__REGISTRY_COUNT &&
		       CEN__REGISTRY_COUNT <= 64,
	       "CEN__REGISTRY_COUNT is the registry's length");
