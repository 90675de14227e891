/* internal.h - hooks of the text module for its tests (internal-shared). */
#ifndef CEN_TEXT_INTERNAL_H
#define CEN_TEXT_INTERNAL_H

/* Nonzero if the static word tables are in the order bsearch needs. */
int cen__text_words_sorted(void);
int cen__text_nicks_sorted(void);

#endif
