"""Reading and folding the name training data (stdlib only).

Only the files the data manifest allows for building are ever opened here:
names/train/ar2en-fullnames.tsv, names/train/ar2en-google.tsv, names/units.tsv and
names/wikidata-tokens.tsv. `ALLOWED` lists them and `open_allowed` refuses anything else,
so the evaluation files (names/ar2en-*.tsv at the top level, crossscript/, variants/,
anetac-eval-only.tsv) cannot leak into the model by accident.
"""
import os
import re
import unicodedata

ALLOWED = (
    "names/train/ar2en-fullnames.tsv",
    "names/train/ar2en-google.tsv",
    "names/units.tsv",
    "names/wikidata-tokens.tsv",
)


def open_allowed(data_root, rel):
    if rel not in ALLOWED:
        raise SystemExit(f"refusing to read {rel}: not a training file (see Scripts/names/namedata.py)")
    return open(os.path.join(data_root, rel), encoding="utf-8")


def read_tsv(data_root, rel):
    with open_allowed(data_root, rel) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = []
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            rows.append(dict(zip(header, line.split("\t"))))
        return rows


# ---------------------------------------------------------------- Arabic folding
# The same folds as bitext's `search` normalization profile (Sources/BitextNormalize):
# NFKC, diacritics and tatweel dropped, hamza seats, alef maksura, ta marbuta and the
# Persian/Urdu look-alikes folded, invisible and bidi controls dropped. A test in the
# package checks that every key of the compiled model is unchanged by the Swift profile.
_DIAC = re.compile(
    "[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED"
    "\u0898-\u089F\u08CA-\u08E1\u08E3-\u08FF\u0640]"
)
_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ؤ": "و", "ئ": "ي", "ٴ": None,
    "ى": "ي", "ة": "ه",
    "ک": "ك", "ڪ": "ك", "ی": "ي", "ے": "ي", "ۓ": "ي",
    "ہ": "ه", "ۂ": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه", "ۃ": "ه",
})
_INVISIBLE = re.compile("[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]")


def fold_arabic(s):
    s = unicodedata.normalize("NFKC", s)
    s = _INVISIBLE.sub("", s)
    s = _DIAC.sub("", s)
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(_FOLD)
    return re.sub(r"\s+", " ", s).strip()


def is_arabic_letter(c):
    return "\u0621" <= c <= "\u064A" or "\u0671" <= c <= "\u06D3"


def arabic_word_ok(w):
    return bool(w) and all(is_arabic_letter(c) for c in w)


# ---------------------------------------------------------------- Latin
def strip_accents(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


_APOS = dict.fromkeys(map(ord, "'\u02bf\u02be\u2018\u2019\u02bc\u02bb`\u00b4"), "'")


def latin_clean(s):
    """Lowercase, accents stripped, apostrophe variants unified, hyphens kept."""
    s = strip_accents(s.lower()).translate(_APOS)
    s = re.sub(r"[\u2010-\u2015_]", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def latin_identity(s):
    """What the evaluation (and a reader) treats as the same spelling: lowercase, no
    accents, no apostrophes, hyphens as spaces."""
    s = latin_clean(s).replace("'", "").replace("-", " ")
    return re.sub(r"\s+", " ", s).strip()


LATIN_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F'\u2019\u02BF\u02BE\u02BC]+")


def latin_word_ok(s):
    return bool(s) and all(c.isalpha() or c in "'- " for c in strip_accents(s)) and any(c.isalpha() for c in s)


# ---------------------------------------------------------------- regions
# The region is a latent variable of the model: the country whose spelling conventions a
# name follows (Egypt writes "El-" and "g" for ج, the Maghreb writes French "ou", "ch", "dj",
# Iran writes "-ollah" and "zadeh" …). "world" holds the names with no country (Wikidata
# tokens of people worldwide, Google's transliteration pairs).
COUNTRIES = ["AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
             "OM", "PK", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE"]
REGIONS = ["world"] + COUNTRIES
# Countries whose names are usually written in French convention (the --french option).
FRENCH_CONVENTION = ["DZ", "MA", "TN", "MR", "DJ", "KM"]


def region_of(country_field):
    c = (country_field or "").split("|")[0].strip()
    return c if c in COUNTRIES else "world"
