/* main.c - the `centinela` command: dispatch to one subcommand per file.
 *
 * The command uses only the public API in include/centinela/.
 */
#include <stdio.h>
#include <string.h>

#include "centinela/centinela.h"
#include "commands.h"
#include "huge_pages.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"version", cmd_version, "print the version"},
	{"search", cmd_search, "search one name in the designation lists"},
	{"compare", cmd_compare, "score two names against each other, with the reasons"},
	{"screen", cmd_screen, "screen a customer file against the lists"},
	{"lists", cmd_lists, "show, diff or fetch designation lists"},
	{"synth", cmd_synth, "write labelled synthetic bank transactions"},
	{"eval", cmd_eval, "score alerts against synth's ground truth"},
	{"monitor", cmd_monitor, "find laundering typologies in transactions"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: centinela <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'centinela <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	if (!strcmp(argv[1], "monitor"))
		huge_pages_reexec(argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "centinela: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
