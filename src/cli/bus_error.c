/* bus_error.c - a SIGBUS becomes an error message and exit code 2.
 *
 * Commands that map an input file rather than read it (monitor --in, see
 * cen_txn_reader_opts.map_file) get a SIGBUS when the file shrinks while
 * it is being read: another process truncated it, or its storage failed.
 * Without a handler that is a silent crash; with it the user is told what
 * happened and that the output stops short. The handler uses only
 * async-signal-safe calls (write, _exit) and never returns.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

static void on_bus_error(int sig)
{
	static const char msg[] =
		"centinela: bus error: an input file was cut short (truncated or "
		"unreadable) while it was being read; the output stops here\n";
	(void)sig;
	ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)n;
	_exit(2);
}

void cli_report_bus_errors(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_bus_error;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGBUS, &sa, NULL);
}
