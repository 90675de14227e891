/* progress.c - a one-line progress bar on stderr for long runs: percentage
 * of the input bytes read (when the size is known), rows, rate and time
 * left. Drawn only when stderr is a terminal, at most ten times a second,
 * and cleared at the end so the summary starts on a clean line. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "screen_cli.h"

double cli_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, int enable)
{
	p->on = enable && isatty(STDERR_FILENO);
	p->start = cli_now();
	p->last = 0;
	p->drawn = 0;
}

void cli_progress_update(cli_progress *p, uint64_t done, uint64_t size, uint64_t rows)
{
	if (!p->on)
		return;
	double now = cli_now();
	if (now - p->last < 0.1)
		return;
	p->last = now;
	double el = now - p->start;
	double rate = el > 0 ? (double)rows / el : 0;
	if (size) {
		double frac = (double)done / (double)size;
		if (frac > 1)
			frac = 1;
		char bar[31];
		int fill = (int)(frac * 30);
		for (int i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		double left = frac > 0 ? el / frac - el : 0;
		fprintf(stderr, "\r[%s] %3.0f%% %llu rows %.0f/s %.0fs left  ", bar, frac * 100,
			(unsigned long long)rows, rate, left);
	} else {
		fprintf(stderr, "\r%llu rows %.0f/s  ", (unsigned long long)rows, rate);
	}
	p->drawn = 1;
}

void cli_progress_end(cli_progress *p)
{
	if (p->on && p->drawn)
		fprintf(stderr, "\r%80s\r", "");
	p->drawn = 0;
}
