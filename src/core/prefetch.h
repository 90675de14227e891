/* prefetch.h - a read hint the compiler keeps (internal-shared).
 *
 * GCC gives __builtin_prefetch no effect it must keep: a function made of
 * hints alone is found pure, and a call to it whose result is unused is
 * deleted. cen__graph_prefetch_add and cen__graph_prefetch_evict compiled
 * to a bare return that way, and two detectors' prefetch hooks too, with
 * no test able to notice (a hint never changes a result, and cachegrind
 * ignores prefetch instructions). The empty volatile asm after the hint is
 * an effect the compiler must keep; it emits no instruction.
 *
 * What must hold: every hint in src/ goes through cen__prefetch.
 */
#ifndef CEN_CORE_PREFETCH_H
#define CEN_CORE_PREFETCH_H

static inline void cen__prefetch(const void *p)
{
	__builtin_prefetch(p, 0, 3);
	__asm__ volatile("");
}

#endif
