/* commands.h - the subcommands of the `centinela` command. Each lives in its
 * own file cmd_<name>.c, takes argc/argv starting at its own name, and
 * returns the process exit code: 0 success, 1 partial (some records
 * rejected, with --strict), 2 failure or usage error. */
#ifndef CEN_CLI_COMMANDS_H
#define CEN_CLI_COMMANDS_H

int cmd_version(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_lists(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_monitor(int argc, char **argv);


#endif
