#!/usr/bin/env python3
"""Builds bitext's name model from the training data (stdlib only, deterministic).

    python3 Scripts/names/build_names_model.py --data /work/shared/data [--out Lexicons]

Reads ONLY names/train/ar2en-fullnames.tsv, names/train/ar2en-google.tsv, names/units.tsv
and names/wikidata-tokens.tsv (see namedata.ALLOWED). Writes:

    Lexicons/names/words.tsv        the word lexicon (Arabic unit, Latin spelling, region counts)
    Lexicons/names/particles.tsv    article / particle forms with counts per region
    Lexicons/names/graphones.tsv    the joint n-gram transliteration model (readable)
    Lexicons/compiled/names.bin     all of it in the binary form the Swift code maps
    Lexicons/compiled/stamp.h       rewritten so the build re-embeds the blob

See Lexicons/names/README.md for the model and the formats.
"""
import argparse
import hashlib
import math
import os
import pickle
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from namedata import (REGIONS, arabic_word_ok, fold_arabic, latin_clean, latin_identity,  # noqa: E402
                      latin_word_ok, read_tsv, region_of)
from wordalign import align_name, segment, split_latin  # noqa: E402
from particles import ABD, has_article, split_abd, split_article, SUN_LETTERS  # noqa: E402
import modelblob  # noqa: E402
import graphones  # noqa: E402


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def titlecase(s):
    out = []
    up = True
    for c in s:
        out.append(c.upper() if up and c.isalpha() else c)
        up = c in " -"
    return "".join(out)


def collect_pairs(data, holdout=None, holdout_keys=frozenset()):
    """Word-level (arabic unit, latin surface, region, count, source) records."""
    recs = []
    units = read_tsv(data, "names/units.tsv")
    unit_count = Counter()
    for u in units:
        ar = fold_arabic(u["arabic_key"])
        if ar in holdout_keys:
            # as for the scored names: units.tsv has no row whose key is a held-out full name
            continue
        lat = u["latin"].strip()
        if not ar or not latin_word_ok(lat) or not all(arabic_word_ok(w) for w in ar.split()):
            continue
        c = int(u["count"] or 1)
        recs.append((ar, lat, region_of(u["country"]), c, "units"))
        unit_count[ar] += c
    compounds = {k for k, c in unit_count.items() if " " in k}
    log(f"units.tsv: {len(recs)} records, {len(compounds)} compound keys")

    full = read_tsv(data, "names/train/ar2en-fullnames.tsv")
    n_aligned = n_pairs = 0
    for r in full:
        ar = fold_arabic(r["arabic"])
        if holdout is not None and holdout(ar):
            continue
        words = ar.split()
        if not words or not all(arabic_word_ok(w) for w in words):
            continue
        seg = segment(words, compounds)
        region = region_of(r["country"])
        variants = [v for v in r["latin_variants"].split("|") if v.strip()]
        for v in variants:
            al = align_name(seg, split_latin(v))
            if not al:
                continue
            n_aligned += 1
            for unit, lat, s in al:
                if s >= 0.5 and latin_word_ok(lat):
                    recs.append((unit, lat, region, 1, "fullnames"))
                    n_pairs += 1
    log(f"train/ar2en-fullnames.tsv: {len(full)} names, {n_aligned} spellings aligned, {n_pairs} word pairs")

    wt = read_tsv(data, "names/wikidata-tokens.tsv")
    n = 0
    for r in wt:
        ar = fold_arabic(r["arabic"])
        lat = r["english"].strip()
        if not arabic_word_ok(ar) or not latin_word_ok(lat):
            continue
        recs.append((ar, titlecase(lat), "world", int(r["count"] or 1), "wikidata-tokens"))
        n += 1
    log(f"wikidata-tokens.tsv: {n} pairs")

    g = read_tsv(data, "names/train/ar2en-google.tsv")
    n = 0
    for r in g:
        ar = fold_arabic(r["arabic"])
        if not arabic_word_ok(ar) or (holdout is not None and holdout(ar)):
            continue
        for lat in r["latin_variants"].split("|"):
            lat = lat.strip()
            if latin_word_ok(lat):
                recs.append((ar, titlecase(lat), "world", 1, "google"))
                n += 1
    log(f"train/ar2en-google.tsv: {n} pairs")
    return recs, compounds


def char_pairs(recs):
    """Training pairs for the character model (single Arabic words; the article and the
    `عبد` prefix split off), and the counts of the particle forms split off."""
    pairs = Counter()
    article = defaultdict(Counter)  # (region, sun) -> form counts
    abd = defaultdict(Counter)
    for ar, lat, region, c, src in recs:
        l = latin_clean(lat).replace("'", "")
        if not l or not all(("a" <= ch <= "z") or ch in " -" for ch in l):
            continue
        words = ar.split()
        if len(words) == 2 and words[0] == ABD and has_article(words[1]):
            sun = words[1][2] in SUN_LETTERS
            r = split_abd(l, sun)
            if r:
                abd[(region, sun)][r[0]] += c
            continue
        if len(words) != 1:
            continue
        l = l.replace("-", " ")
        if has_article(ar):
            form, stem = split_article(l)
            sun = ar[2] in SUN_LETTERS
            article[(region, sun)][form] += c
            pairs[(ar[2:], stem.strip())] += c
        else:
            pairs[(ar, l)] += c
    out = []
    for (a, l), c in sorted(pairs.items()):
        if not l or len(l) > graphones.MAX_LAT * len(a) or len(a) > 25:
            continue
        out.append((a, l, 1.0))
    return out, article, abd


def build_lexicon(recs):
    """unit -> {identity -> {"display": Counter, "regions": Counter}}"""
    lex = defaultdict(dict)
    for ar, lat, region, c, src in recs:
        ident = latin_identity(lat)
        if not ident:
            continue
        e = lex[ar].get(ident)
        if e is None:
            e = lex[ar][ident] = {"display": Counter(), "regions": Counter()}
        e["display"][lat] += c
        e["regions"][region] += c
    units = {}
    reverse = defaultdict(Counter)
    for ar, spellings in lex.items():
        sps = []
        for ident, e in spellings.items():
            # the most frequent written form; ties to the one with capitals and hyphens kept
            disp = sorted(e["display"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            tot = sum(e["regions"].values())
            sps.append({"display": disp, "identity": ident, "regions": dict(e["regions"]), "total": tot})
            reverse[ident][ar] += tot
        sps.sort(key=lambda s: (-s["total"], s["identity"]))
        units[ar] = {"spellings": sps, "total": sum(s["total"] for s in sps)}
    return units, reverse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "Lexicons"))
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--em", type=int, default=5)
    ap.add_argument("--pickle", help="also dump the model as a pickle (for experiments)")
    ap.add_argument("--blob", help="write only the compiled model to this path (test fixtures)")
    ap.add_argument("--strict", action="store_true", help="with --validation: drop the held-out Arabic words from every source")
    ap.add_argument("--validation", type=int, default=0,
                    help="hold out train full names with sha1(key) %% 100 < N from the word pairs (and their "
                         "units.tsv rows, as the scored names have none); with --blob, writes that model")
    ap.add_argument("--val-out", help="with --validation: write the held-out full names here (arabic, "
                                      "latin_variants, country, source), and the held-out Google words "
                                      "beside it (-google.tsv), to score a validation model on")
    a = ap.parse_args()
    holdout = None
    holdout_keys = frozenset()
    if a.validation:
        holdout = lambda k: int(hashlib.sha1(("val:" + k).encode()).hexdigest(), 16) % 100 < a.validation  # noqa: E731
        held = [r for r in read_tsv(a.data, "names/train/ar2en-fullnames.tsv") if holdout(fold_arabic(r["arabic"]))]
        holdout_keys = frozenset(fold_arabic(r["arabic"]) for r in held)
        if a.val_out:
            write_heldout(a.val_out, ["arabic", "latin_variants", "country", "source"], held)
            gheld = [r for r in read_tsv(a.data, "names/train/ar2en-google.tsv") if holdout(fold_arabic(r["arabic"]))]
            write_heldout(a.val_out.rsplit(".", 1)[0] + "-google.tsv", ["arabic", "latin_variants"], gheld)
    recs, compounds = collect_pairs(a.data, holdout, holdout_keys)
    if holdout is not None and a.strict:
        recs = [r for r in recs if not holdout(r[0])]
    pairs, article, abd = char_pairs(recs)
    log(f"character model: {len(pairs)} distinct training pairs")
    prob = graphones.em_align(pairs, iterations=a.em, log=log)
    seqs = []
    failed = 0
    for ar, lat, w in pairs:
        v = graphones.viterbi(ar, lat, prob)
        if v is None:
            failed += 1
            continue
        seqs.append(([x + "|" + y for x, y in v], w))
    log(f"viterbi: {len(seqs)} sequences ({failed} without a segmentation)")
    lm = graphones.KneserNey(a.order).fit(seqs, cutoff=1)
    log(f"n-gram model: order {a.order}, {len(lm.prob)} n-grams, {len(lm.bow)} histories, discounts {lm.D[1:]}")
    units, reverse = build_lexicon(recs)
    log(f"lexicon: {len(units)} units, {sum(len(u['spellings']) for u in units.values())} spellings, "
        f"{len(reverse)} Latin identities")
    if a.pickle:
        with open(a.pickle, "wb") as f:
            pickle.dump({"recs": recs, "compounds": compounds, "article": dict(article), "abd": dict(abd), "prob": prob,
                         "lm": {"order": lm.order, "prob": lm.prob, "bow": lm.bow, "vocab": lm.vocab}}, f)
    if a.validation and not a.blob:
        return
    write_outputs(a.out, units, reverse, article, abd, lm, blob_only=a.blob)


def write_heldout(path, columns, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in columns) + "\n")
    log(f"wrote {path}: {len(rows)} held-out rows")


def write_outputs(out, units, reverse, article, abd, lm, blob_only=None):
    names_dir = os.path.join(out, "names")
    compiled = os.path.join(out, "compiled")
    if not blob_only:
        os.makedirs(names_dir, exist_ok=True)
        os.makedirs(compiled, exist_ok=True)
    # graphone ids: end-of-name first, then by Arabic letter and Latin chunk
    vocab = sorted(lm.vocab, key=lambda t: (t != graphones.EOS, t))
    gid = {t: i for i, t in enumerate(vocab)}
    glist = []
    for t in vocab:
        if t == graphones.EOS:
            glist.append((0, ""))
        else:
            a_, l_ = t.split("|", 1)
            glist.append((ord(a_), l_))
    nodes, entries, start = modelblob.lm_tables(lm, gid)
    uni = {g[0]: p for g, p in lm.prob.items() if len(g) == 1}
    letter_lists = defaultdict(list)
    chunk_lists = defaultdict(list)
    for t in vocab:
        if t == graphones.EOS:
            continue
        a_, l_ = t.split("|", 1)
        letter_lists[ord(a_)].append((-uni.get(t, 0.0), gid[t]))
        chunk_lists[l_].append((-uni.get(t, 0.0), gid[t]))
    letter_lists = {k: [g for _, g in sorted(v)[:PER_LETTER]] for k, v in letter_lists.items()}
    chunk_lists = {k: [g for _, g in sorted(v)[:PER_CHUNK]] for k, v in chunk_lists.items()}
    region_totals = Counter()
    for u in units.values():
        for s in u["spellings"]:
            for r, c in s["regions"].items():
                region_totals[r] += c
    model = {
        "regions": REGIONS, "region_totals": region_totals, "units": units, "reverse": reverse,
        "article_forms": article, "abd_forms": abd, "graphones": glist, "nodes": nodes,
        "entries": entries, "start_node": start, "eos": gid[graphones.EOS], "order": lm.order,
        "letter_lists": letter_lists, "chunk_lists": chunk_lists,
    }
    if blob_only:
        size = modelblob.write_blob(blob_only, model)
        log(f"wrote {blob_only}: {size} bytes")
        return
    blob = os.path.join(compiled, "names.bin")
    size = modelblob.write_blob(blob, model)
    log(f"wrote {blob}: {size} bytes")
    write_readable(names_dir, units, article, abd, lm, vocab, uni)
    import subprocess
    subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "stamp-blobs.py")], check=True)


PER_LETTER = 16
PER_CHUNK = 12


def write_readable(d, units, article, abd, lm, vocab, uni):
    with open(os.path.join(d, "words.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# bitext name lexicon: Arabic unit (search-folded), Latin spelling, total, counts per region\n")
        f.write("arabic\tlatin\ttotal\tregions\n")
        for ar in sorted(units, key=lambda k: k.encode("utf-8")):
            for s in units[ar]["spellings"]:
                regs = ",".join(f"{r}:{c}" for r, c in sorted(s["regions"].items(), key=lambda kv: (-kv[1], kv[0])))
                f.write(f"{ar}\t{s['display']}\t{s['total']}\t{regs}\n")
    with open(os.path.join(d, "particles.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# particle forms: kind (article = ال + word, abd = عبد + ال + word), region, sun letter, form, count\n")
        f.write("kind\tregion\tsun\tform\tcount\n")
        for kind, table in (("article", article), ("abd", abd)):
            for (region, sun) in sorted(table, key=lambda k: (REGIONS.index(k[0]), k[1])):
                for form, c in sorted(table[(region, sun)].items(), key=lambda kv: (-kv[1], kv[0])):
                    f.write(f"{kind}\t{region}\t{int(sun)}\t{form}\t{c}\n")
    with open(os.path.join(d, "graphones.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# graphones of the character model: id, Arabic letter, Latin chunk, unigram probability\n")
        f.write("id\tarabic\tlatin\tprob\n")
        for i, t in enumerate(vocab):
            a_, _, l_ = t.partition("|")
            f.write(f"{i}\t{a_}\t{l_}\t{uni.get(t, 0.0):.6g}\n")
    # the n-gram model in ARPA form, gzipped (deterministic: no file name, mtime 0)
    import gzip
    import io
    buf = io.StringIO()
    by_order = defaultdict(list)
    for g, p in lm.prob.items():
        by_order[len(g)].append(g)
    buf.write("\\data\\\n")
    for k in sorted(by_order):
        buf.write(f"ngram {k}={len(by_order[k])}\n")
    for k in sorted(by_order):
        buf.write(f"\n\\{k}-grams:\n")
        for g in sorted(by_order[k]):
            line = f"{math.log10(lm.prob[g]):.5f}\t{' '.join(g)}"
            if g in lm.bow:
                line += f"\t{math.log10(lm.bow[g]):.5f}"
            buf.write(line + "\n")
    buf.write("\n\\end\\\n")
    with open(os.path.join(d, "graphones.arpa.gz"), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(buf.getvalue().encode("utf-8"))


if __name__ == "__main__":
    main()
