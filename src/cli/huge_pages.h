/* huge_pages.h - the monitor's malloc on transparent huge pages
 * (huge_pages.c). */
#ifndef CEN_CLI_HUGE_PAGES_H
#define CEN_CLI_HUGE_PAGES_H

/* Executes the command again with glibc.malloc.hugetlb=1 in
 * GLIBC_TUNABLES, unless the environment chooses already or valgrind
 * runs it; returns only when it does not (argv: main's, whole). */
void huge_pages_reexec(char **argv);

#endif
