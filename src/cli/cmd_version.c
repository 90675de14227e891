/* cmd_version.c - `centinela version`. */
#include <stdio.h>

#include "centinela/core.h"
#include "commands.h"

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("centinela %s\n", CEN_VERSION);
	return 0;
}
