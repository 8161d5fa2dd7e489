/*
 * bitext_data.h — data files compiled into the bitext binary.
 *
 * Each blob is a file under Lexicons/compiled/, pulled in with the assembler's .incbin
 * by bitext_data.c, so the tool needs no data files at run time. Lexicons/compiled/stamp.h
 * is rewritten whenever a blob is rebuilt, which makes the build system recompile
 * bitext_data.c (it cannot see the .incbin dependency itself).
 */
#ifndef BITEXT_DATA_H
#define BITEXT_DATA_H
#include <stddef.h>
#include <stdint.h>

/** The blob called `name` (e.g. "demo"), 16-byte aligned; NULL when there is none. */
const uint8_t *bx_embedded_blob(const char *name, size_t *size);
/** Number of embedded blobs, and the name of the i-th. */
int32_t bx_embedded_count(void);
const char *bx_embedded_name(int32_t i);

#endif
