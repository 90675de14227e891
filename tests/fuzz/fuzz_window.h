/* fuzz_window.h - what the window-mode targets share: the input written
 * to a file (window mode reads files and stdin, not memory), and the
 * window and buffer sizes picked by two input bytes.
 *
 * The file is one memfd for the process, emptied and written anew for
 * each input and opened by its /proc/self/fd path: a regular file, so
 * the readers also check it was not cut short while read. */
#ifndef FUZZ_WINDOW_H
#define FUZZ_WINDOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data[0..size) to the process's input file; returns its path
 * (static storage). Aborts when no file can be made. */
static inline const char *fuzz_window_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("fuzz_window", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0))
		abort();
	size_t done = 0;
	while (done < size) {
		ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	return path;
}

/* Windows the targets try: small ones, odd ones, one larger. */
#define FUZZ_WINDOW_MAX 64

/* The window, and the window buffers' size and read size
 * (cen__csv_window_sizes) from the bytes a and b: a buffer of 24 to about
 * 2,400 bytes, so that records span buffers and a long one needs a larger
 * buffer, read 2 bytes to a little more than the buffer at a time. */
static inline void fuzz_window_sizes(uint8_t a, uint8_t b, unsigned *window, size_t *buf,
				     size_t *chunk)
{
	static const unsigned windows[8] = {1, 2, 3, 5, 7, 13, 31, FUZZ_WINDOW_MAX};
	*window = windows[a & 7];
	*buf = 24 + (size_t)(a >> 3) * 77;
	*chunk = 2 + (size_t)b * (*buf + 40) / 255;
}

#endif
