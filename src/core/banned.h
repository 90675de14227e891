/* banned.h - functions we do not call, made into compile errors (after git).
 * Include last in a .c file. Use snprintf, memcpy with a checked length, or
 * cen_buf instead.
 */
#ifndef CEN_BANNED_H
#define CEN_BANNED_H

#define CEN_BANNED(func) sorry_##func##_is_banned_in_centinela

#undef strcpy
#define strcpy(x, y) CEN_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CEN_BANNED(strcat)
#undef sprintf
#define sprintf(...) CEN_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CEN_BANNED(vsprintf)
#undef gets
#define gets(x) CEN_BANNED(gets)
#undef strtok
#define strtok(x, y) CEN_BANNED(strtok)

#endif
