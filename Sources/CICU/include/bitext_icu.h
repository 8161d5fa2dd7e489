/*
 * bitext_icu.h — the plain-C face of the ICU bridge.
 *
 * Only plain C types appear here (uint16_t for UTF-16 code units, int32_t for
 * error codes and enumerations, opaque structs of our own), so Swift can import
 * this header next to Foundation without clashing with Foundation's private
 * copy of ICU's headers. The implementation (bitext_icu.c) includes ICU's
 * headers; the C compiler resolves Debian's versioned symbol renaming.
 *
 * Error convention: every call that can fail takes `int32_t *status`, which
 * holds ICU's UErrorCode (0 = success, negative = warning, > 0 = failure).
 * bx_error_name() turns it into ICU's symbolic name.
 */
#ifndef BITEXT_ICU_H
#define BITEXT_ICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- versions */

/** ICU's version as "72.1" (NUL-terminated, at most 16 bytes). */
void bx_icu_version(char out[16]);
/** The Unicode version ICU's data implements, e.g. "15.0". */
void bx_unicode_version(char out[16]);
/** The symbolic name of an ICU error code ("U_BUFFER_OVERFLOW_ERROR"). */
const char *bx_error_name(int32_t status);

/* ------------------------------------------------------- character props */

/** Script code (ICU UScriptCode numbering) of a code point. */
int32_t bx_script(int32_t c, int32_t *status);
/** Script_Extensions of a code point; returns the count (may exceed cap). */
int32_t bx_script_extensions(int32_t c, int32_t *out, int32_t cap, int32_t *status);
/** ISO 15924 code of a script ("Arab"), or NULL. */
const char *bx_script_short_name(int32_t script);
/** Long property value name of a script ("Arabic"), or NULL. */
const char *bx_script_long_name(int32_t script);
/** One past the largest UScriptCode value this ICU knows. */
int32_t bx_script_limit(void);

/** General category (ICU UCharCategory numbering). */
int32_t bx_general_category(int32_t c);
/** Bidi class (ICU UCharDirection numbering). */
int32_t bx_bidi_class(int32_t c);
/** Bidi_Paired_Bracket_Type: 0 none, 1 open, 2 close. */
int32_t bx_bidi_bracket_type(int32_t c);
/** Bidi_Paired_Bracket (the code point itself when it has none). */
int32_t bx_bidi_paired_bracket(int32_t c);
/** Canonical combining class. */
int32_t bx_combining_class(int32_t c);

/** Binary properties we ask about (our own numbering). */
enum {
    BX_PROP_WHITE_SPACE = 0,
    BX_PROP_DEFAULT_IGNORABLE = 1,
    BX_PROP_ALPHABETIC = 2,
    BX_PROP_BIDI_CONTROL = 3,
    BX_PROP_JOIN_CONTROL = 4,
    BX_PROP_LOWERCASE = 5,
    BX_PROP_UPPERCASE = 6,
    BX_PROP_VARIATION_SELECTOR = 7,
    BX_PROP_DIACRITIC = 8,
};
int32_t bx_has_property(int32_t c, int32_t property);

/** Simple (1:1) case mappings. */
int32_t bx_to_lower(int32_t c);
int32_t bx_to_upper(int32_t c);

/* ------------------------------------------------------------ normalizer */

/** Normalization forms (our own numbering). */
enum { BX_NFC = 0, BX_NFD = 1, BX_NFKC = 2, BX_NFKD = 3, BX_NFKC_CASEFOLD = 4 };

/** A shared, immutable ICU normalizer instance (never closed). */
typedef struct bx_normalizer bx_normalizer;
const bx_normalizer *bx_normalizer_get(int32_t form, int32_t *status);
/** Normalize UTF-16 src into dst; returns the needed length. */
int32_t bx_normalize(const bx_normalizer *n, const uint16_t *src, int32_t len,
                     uint16_t *dst, int32_t cap, int32_t *status);
int32_t bx_normalizer_has_boundary_before(const bx_normalizer *n, int32_t c);
int32_t bx_normalizer_has_boundary_after(const bx_normalizer *n, int32_t c);
int32_t bx_normalizer_is_inert(const bx_normalizer *n, int32_t c);
/** 1 when the UTF-16 text is already normalized. */
int32_t bx_normalizer_is_normalized(const bx_normalizer *n, const uint16_t *src,
                                    int32_t len, int32_t *status);

/* ------------------------------------------------------- transliterator */

typedef struct bx_translit bx_translit;
/** Open a system transliterator by id (e.g. "Arabic-Latin"). dir: 0 forward, 1 reverse. */
bx_translit *bx_translit_open(const uint16_t *id, int32_t id_len, int32_t dir,
                              int32_t *status);
/** Compile a transliterator from rules; on a syntax error, line/offset describe it. */
bx_translit *bx_translit_open_rules(const uint16_t *id, int32_t id_len,
                                    const uint16_t *rules, int32_t rules_len,
                                    int32_t dir, int32_t *parse_line,
                                    int32_t *parse_offset, int32_t *status);
bx_translit *bx_translit_clone(const bx_translit *t, int32_t *status);
void bx_translit_close(bx_translit *t);
/** Transliterate buf[0..len) in place (capacity cap); returns the new length
 *  (when it exceeds cap, the caller retries with a bigger buffer). */
int32_t bx_translit_apply(const bx_translit *t, uint16_t *buf, int32_t len,
                          int32_t cap, int32_t *status);
/** Number of available transliterator ids. */
int32_t bx_translit_count_ids(int32_t *status);

/* ---------------------------------------------------------- spoof check */

typedef struct bx_spoof bx_spoof;
/** A spoof checker for restriction level, mixed numbers and confusables. */
bx_spoof *bx_spoof_open(int32_t *status);
void bx_spoof_close(bx_spoof *s);
/** ICU check bits of one identifier-like string; restriction_level gets ICU's
 *  URestrictionLevel value (ASCII = 0x10000000 … UNRESTRICTIVE = 0x50000000). */
int32_t bx_spoof_check(const bx_spoof *s, const uint16_t *text, int32_t len,
                       int32_t *restriction_level, int32_t *status);
/** UTS #39 skeleton of text; returns the needed length. */
int32_t bx_spoof_skeleton(const bx_spoof *s, const uint16_t *text, int32_t len,
                          uint16_t *dst, int32_t cap, int32_t *status);

/* ------------------------------------------------------- locale names */

/** Display name of a region ("LY") in a display locale ("ar"); returns the
 *  needed length in UTF-16 units. */
int32_t bx_region_display_name(const char *region, const char *display_locale,
                               uint16_t *dst, int32_t cap, int32_t *status);
/** Number of ISO 3166 region codes ICU knows, and the i-th one (2 letters). */
int32_t bx_region_count(void);
const char *bx_region_code(int32_t i);

/* -------------------------------------------------------------- bidi */

typedef struct bx_bidi bx_bidi;
bx_bidi *bx_bidi_open(int32_t *status);
void bx_bidi_close(bx_bidi *b);
/** Run the Unicode Bidirectional Algorithm on one paragraph of UTF-16 text.
 *  para_level: 0 LTR, 1 RTL, 0xFE default LTR, 0xFF default RTL. The text must
 *  stay alive while the levels are read. */
void bx_bidi_set_para(bx_bidi *b, const uint16_t *text, int32_t len,
                      uint8_t para_level, int32_t *status);
/** Resolved embedding level of every UTF-16 unit; returns the count. */
int32_t bx_bidi_levels(bx_bidi *b, uint8_t *dst, int32_t cap, int32_t *status);
/** The paragraph's resolved base level. */
int32_t bx_bidi_para_level(bx_bidi *b);
/** Visual order of the paragraph's text with controls removed; returns the needed length. */
int32_t bx_bidi_write_reordered(bx_bidi *b, uint16_t *dst, int32_t cap, int32_t *status);

/* -------------------------------------------------------- break iterator */

typedef struct bx_breaker bx_breaker;
/** kind: 0 character, 1 word, 2 line, 3 sentence. locale e.g. "en", "ar". */
bx_breaker *bx_breaker_open(int32_t kind, const char *locale, int32_t *status);
void bx_breaker_close(bx_breaker *b);
/** Set the text (UTF-16, must stay alive while iterating). */
void bx_breaker_set_text(bx_breaker *b, const uint16_t *text, int32_t len, int32_t *status);
/** Next boundary after the current one, or -1 at the end. */
int32_t bx_breaker_next(bx_breaker *b);

#ifdef __cplusplus
}
#endif
#endif /* BITEXT_ICU_H */
