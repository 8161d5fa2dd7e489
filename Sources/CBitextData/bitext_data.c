/* bitext_data.c — embeds the compiled data blobs (see bitext_data.h). */
#include "bitext_data.h"
#include "Lexicons/compiled/stamp.h"

#include <string.h>

/* BX_BLOB(symbol, "file under Lexicons/compiled") defines symbol_begin/symbol_end. */
#define BX_BLOB(sym, file)                                                        \
    __asm__(".section .rodata\n.balign 16\n.global " #sym "_begin\n" #sym         \
            "_begin:\n.incbin \"Lexicons/compiled/" file "\"\n.global " #sym      \
            "_end\n" #sym "_end:\n.byte 0\n.previous\n");                          \
    extern const uint8_t sym##_begin[], sym##_end[];

/* One line per blob: */
BX_BLOB(bx_blob_selftest, "selftest.bin")
BX_BLOB(bx_blob_lexicon, "lexicon.bin")
BX_BLOB(bx_blob_searchfold, "searchfold.bin")
BX_BLOB(bx_blob_names, "names.bin")
BX_BLOB(bx_blob_translit_buckwalter, "../translit/buckwalter.txt")
BX_BLOB(bx_blob_translit_ala_lc, "../translit/ala-lc.txt")
BX_BLOB(bx_blob_translit_bgn_pcgn, "../translit/bgn-pcgn.txt")
BX_BLOB(bx_blob_translit_iso233, "../translit/iso233.txt")

static const struct {
    const char *name;
    const uint8_t *begin;
    const uint8_t *end;
} blobs[] = {
    {"selftest", bx_blob_selftest_begin, bx_blob_selftest_end},
    {"lexicon", bx_blob_lexicon_begin, bx_blob_lexicon_end},
    {"searchfold", bx_blob_searchfold_begin, bx_blob_searchfold_end},
    {"names", bx_blob_names_begin, bx_blob_names_end},
    {"translit/buckwalter", bx_blob_translit_buckwalter_begin, bx_blob_translit_buckwalter_end},
    {"translit/ala-lc", bx_blob_translit_ala_lc_begin, bx_blob_translit_ala_lc_end},
    {"translit/bgn-pcgn", bx_blob_translit_bgn_pcgn_begin, bx_blob_translit_bgn_pcgn_end},
    {"translit/iso233", bx_blob_translit_iso233_begin, bx_blob_translit_iso233_end},
};

const uint8_t *bx_embedded_blob(const char *name, size_t *size) {
    for (size_t i = 0; i < sizeof blobs / sizeof blobs[0]; i++) {
        if (strcmp(blobs[i].name, name) == 0) {
            *size = (size_t)(blobs[i].end - blobs[i].begin);
            return blobs[i].begin;
        }
    }
    *size = 0;
    return NULL;
}

int32_t bx_embedded_count(void) { return (int32_t)(sizeof blobs / sizeof blobs[0]); }
const char *bx_embedded_name(int32_t i) { return blobs[i].name; }
