/*
 * bitext_icu.c — forwards the plain-C calls of bitext_icu.h to the system ICU.
 * This is the only C file that includes ICU's headers.
 */
#include "bitext_icu.h"

#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

/* ---------------------------------------------------------------- versions */

void bx_icu_version(char out[16]) {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    strncpy(out, buf, 15);
    out[15] = 0;
}

void bx_unicode_version(char out[16]) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    strncpy(out, buf, 15);
    out[15] = 0;
}

const char *bx_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

/* ------------------------------------------------------- character props */

int32_t bx_script(int32_t c, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t s = (int32_t)uscript_getScript((UChar32)c, &e);
    *status = (int32_t)e;
    return s;
}

int32_t bx_script_extensions(int32_t c, int32_t *out, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode buf[64];
    int32_t n = uscript_getScriptExtensions((UChar32)c, buf, 64, &e);
    *status = (int32_t)e;
    if (U_FAILURE(e)) return 0;
    for (int32_t i = 0; i < n && i < cap; i++) out[i] = (int32_t)buf[i];
    return n;
}

const char *bx_script_short_name(int32_t script) {
    return uscript_getShortName((UScriptCode)script);
}

const char *bx_script_long_name(int32_t script) {
    return uscript_getName((UScriptCode)script);
}

int32_t bx_script_limit(void) { return (int32_t)u_getIntPropertyMaxValue(UCHAR_SCRIPT) + 1; }

int32_t bx_general_category(int32_t c) { return (int32_t)u_charType((UChar32)c); }
int32_t bx_bidi_class(int32_t c) { return (int32_t)u_charDirection((UChar32)c); }
int32_t bx_bidi_bracket_type(int32_t c) {
    return (int32_t)u_getIntPropertyValue((UChar32)c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
}
int32_t bx_bidi_paired_bracket(int32_t c) { return (int32_t)u_getBidiPairedBracket((UChar32)c); }
int32_t bx_combining_class(int32_t c) { return (int32_t)u_getCombiningClass((UChar32)c); }

int32_t bx_has_property(int32_t c, int32_t property) {
    UProperty p;
    switch (property) {
    case BX_PROP_WHITE_SPACE: p = UCHAR_WHITE_SPACE; break;
    case BX_PROP_DEFAULT_IGNORABLE: p = UCHAR_DEFAULT_IGNORABLE_CODE_POINT; break;
    case BX_PROP_ALPHABETIC: p = UCHAR_ALPHABETIC; break;
    case BX_PROP_BIDI_CONTROL: p = UCHAR_BIDI_CONTROL; break;
    case BX_PROP_JOIN_CONTROL: p = UCHAR_JOIN_CONTROL; break;
    case BX_PROP_LOWERCASE: p = UCHAR_LOWERCASE; break;
    case BX_PROP_UPPERCASE: p = UCHAR_UPPERCASE; break;
    case BX_PROP_VARIATION_SELECTOR: p = UCHAR_VARIATION_SELECTOR; break;
    case BX_PROP_DIACRITIC: p = UCHAR_DIACRITIC; break;
    default: return 0;
    }
    return u_hasBinaryProperty((UChar32)c, p) ? 1 : 0;
}

int32_t bx_to_lower(int32_t c) { return (int32_t)u_tolower((UChar32)c); }
int32_t bx_to_upper(int32_t c) { return (int32_t)u_toupper((UChar32)c); }

/* ------------------------------------------------------------ normalizer */

const bx_normalizer *bx_normalizer_get(int32_t form, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    switch (form) {
    case BX_NFC: n = unorm2_getNFCInstance(&e); break;
    case BX_NFD: n = unorm2_getNFDInstance(&e); break;
    case BX_NFKC: n = unorm2_getNFKCInstance(&e); break;
    case BX_NFKD: n = unorm2_getNFKDInstance(&e); break;
    case BX_NFKC_CASEFOLD: n = unorm2_getNFKCCasefoldInstance(&e); break;
    default: e = U_ILLEGAL_ARGUMENT_ERROR; break;
    }
    *status = (int32_t)e;
    return (const bx_normalizer *)n;
}

int32_t bx_normalize(const bx_normalizer *n, const uint16_t *src, int32_t len,
                     uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t r = unorm2_normalize((const UNormalizer2 *)n, (const UChar *)src, len,
                                 (UChar *)dst, cap, &e);
    *status = (int32_t)e;
    return r;
}

int32_t bx_normalizer_has_boundary_before(const bx_normalizer *n, int32_t c) {
    return unorm2_hasBoundaryBefore((const UNormalizer2 *)n, (UChar32)c) ? 1 : 0;
}

int32_t bx_normalizer_has_boundary_after(const bx_normalizer *n, int32_t c) {
    return unorm2_hasBoundaryAfter((const UNormalizer2 *)n, (UChar32)c) ? 1 : 0;
}

int32_t bx_normalizer_is_inert(const bx_normalizer *n, int32_t c) {
    return unorm2_isInert((const UNormalizer2 *)n, (UChar32)c) ? 1 : 0;
}

int32_t bx_normalizer_is_normalized(const bx_normalizer *n, const uint16_t *src,
                                    int32_t len, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UBool r = unorm2_isNormalized((const UNormalizer2 *)n, (const UChar *)src, len, &e);
    *status = (int32_t)e;
    return r ? 1 : 0;
}

/* ------------------------------------------------------- transliterator */

bx_translit *bx_translit_open(const uint16_t *id, int32_t id_len, int32_t dir,
                              int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, id_len,
                                      dir ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      NULL, -1, NULL, &e);
    *status = (int32_t)e;
    return (bx_translit *)t;
}

bx_translit *bx_translit_open_rules(const uint16_t *id, int32_t id_len,
                                    const uint16_t *rules, int32_t rules_len,
                                    int32_t dir, int32_t *parse_line,
                                    int32_t *parse_offset, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    UTransliterator *t = utrans_openU((const UChar *)id, id_len,
                                      dir ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      (const UChar *)rules, rules_len, &pe, &e);
    *parse_line = pe.line;
    *parse_offset = pe.offset;
    *status = (int32_t)e;
    return (bx_translit *)t;
}

bx_translit *bx_translit_clone(const bx_translit *t, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UTransliterator *c = utrans_clone((const UTransliterator *)t, &e);
    *status = (int32_t)e;
    return (bx_translit *)c;
}

void bx_translit_close(bx_translit *t) {
    if (t) utrans_close((UTransliterator *)t);
}

int32_t bx_translit_apply(const bx_translit *t, uint16_t *buf, int32_t len,
                          int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t text_len = len;
    int32_t limit = len;
    utrans_transUChars((const UTransliterator *)t, (UChar *)buf, &text_len, cap, 0,
                       &limit, &e);
    *status = (int32_t)e;
    return text_len;
}

int32_t bx_translit_count_ids(int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UEnumeration *en = utrans_openIDs(&e);
    int32_t n = U_SUCCESS(e) ? uenum_count(en, &e) : 0;
    if (en) uenum_close(en);
    *status = (int32_t)e;
    return n;
}

/* ---------------------------------------------------------- spoof check */

bx_spoof *bx_spoof_open(int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    USpoofChecker *s = uspoof_open(&e);
    if (U_SUCCESS(e)) {
        uspoof_setChecks(s, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS |
                                USPOOF_INVISIBLE | USPOOF_AUX_INFO, &e);
        uspoof_setRestrictionLevel(s, USPOOF_HIGHLY_RESTRICTIVE);
    }
    *status = (int32_t)e;
    if (U_FAILURE(e) && s) {
        uspoof_close(s);
        s = NULL;
    }
    return (bx_spoof *)s;
}

void bx_spoof_close(bx_spoof *s) {
    if (s) uspoof_close((USpoofChecker *)s);
}

int32_t bx_spoof_check(const bx_spoof *s, const uint16_t *text, int32_t len,
                       int32_t *restriction_level, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    USpoofCheckResult *r = uspoof_openCheckResult(&e);
    int32_t checks = 0;
    *restriction_level = 0;
    if (U_SUCCESS(e)) {
        checks = uspoof_check2((const USpoofChecker *)s, (const UChar *)text, len, r, &e);
        if (U_SUCCESS(e)) {
            *restriction_level = (int32_t)uspoof_getCheckResultRestrictionLevel(r, &e);
        }
    }
    if (r) uspoof_closeCheckResult(r);
    *status = (int32_t)e;
    return checks;
}

int32_t bx_spoof_skeleton(const bx_spoof *s, const uint16_t *text, int32_t len,
                          uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeleton((const USpoofChecker *)s, 0, (const UChar *)text, len,
                                   (UChar *)dst, cap, &e);
    *status = (int32_t)e;
    return n;
}

/* ------------------------------------------------------- locale names */

int32_t bx_region_display_name(const char *region, const char *display_locale,
                               uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    char locale[16] = "und_";
    strncat(locale, region, 8);
    int32_t n = uloc_getDisplayCountry(locale, display_locale, (UChar *)dst, cap, &e);
    *status = (int32_t)e;
    return n;
}

int32_t bx_region_count(void) {
    const char *const *c = uloc_getISOCountries();
    int32_t n = 0;
    while (c[n]) n++;
    return n;
}

const char *bx_region_code(int32_t i) {
    const char *const *c = uloc_getISOCountries();
    return c[i];
}

/* -------------------------------------------------------------- bidi */

bx_bidi *bx_bidi_open(int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    (void)e;
    UBiDi *b = ubidi_open();
    *status = b ? 0 : (int32_t)U_MEMORY_ALLOCATION_ERROR;
    return (bx_bidi *)b;
}

void bx_bidi_close(bx_bidi *b) {
    if (b) ubidi_close((UBiDi *)b);
}

void bx_bidi_set_para(bx_bidi *b, const uint16_t *text, int32_t len, uint8_t para_level,
                      int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    ubidi_setPara((UBiDi *)b, (const UChar *)text, len, (UBiDiLevel)para_level, NULL, &e);
    *status = (int32_t)e;
}

int32_t bx_bidi_levels(bx_bidi *b, uint8_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = ubidi_getLength((UBiDi *)b);
    const UBiDiLevel *levels = n > 0 ? ubidi_getLevels((UBiDi *)b, &e) : NULL;
    if (U_SUCCESS(e) && levels) {
        for (int32_t i = 0; i < n && i < cap; i++) dst[i] = levels[i];
    }
    *status = (int32_t)e;
    return n;
}

int32_t bx_bidi_para_level(bx_bidi *b) { return (int32_t)ubidi_getParaLevel((UBiDi *)b); }

int32_t bx_bidi_write_reordered(bx_bidi *b, uint16_t *dst, int32_t cap, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = ubidi_writeReordered((UBiDi *)b, (UChar *)dst, cap,
                                     UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &e);
    *status = (int32_t)e;
    return n;
}

/* -------------------------------------------------------- break iterator */

bx_breaker *bx_breaker_open(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UBreakIteratorType t;
    switch (kind) {
    case 0: t = UBRK_CHARACTER; break;
    case 1: t = UBRK_WORD; break;
    case 2: t = UBRK_LINE; break;
    default: t = UBRK_SENTENCE; break;
    }
    UBreakIterator *b = ubrk_open(t, locale, NULL, 0, &e);
    *status = (int32_t)e;
    return (bx_breaker *)b;
}

void bx_breaker_close(bx_breaker *b) {
    if (b) ubrk_close((UBreakIterator *)b);
}

void bx_breaker_set_text(bx_breaker *b, const uint16_t *text, int32_t len, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)b, (const UChar *)text, len, &e);
    *status = (int32_t)e;
}

int32_t bx_breaker_next(bx_breaker *b) {
    int32_t r = ubrk_next((UBreakIterator *)b);
    return r == UBRK_DONE ? -1 : r;
}
