/* stubs_tmp.c - placeholders for readers not written yet (removed as they land). */
#include "lists/list_int.h"



int cen_list_fetch(const char *which, const char *dest_dir, const cen_fetch_opts *opts,
		   size_t *n_entities, char *errbuf, size_t errlen)
{
	(void)which;
	(void)dest_dir;
	(void)opts;
	(void)n_entities;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	return CEN_EUNSUPPORTED;
}

const char *cen_list_fetch_url(const char *which, size_t i)
{
	(void)which;
	(void)i;
	return NULL;
}
