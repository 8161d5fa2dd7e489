#!/usr/bin/env python3
"""Coverage of Arab League cities by `bitext match` (a measurement, not a unit test).

    python3 Scripts/measure-coverage.py --bitext .build/release/bitext --data ../shared/data/gazetteer

For every GeoNames city of 15,000+ people in one of the 22 Arab League states that has an Arabic
name, it writes sentences of its own (templates below) holding the city's names, runs
`bitext match --format jsonl` once over all of them, and counts the cities found: a sentence counts
when a mention covers exactly the name and the city's GeoNames id is among the mention's entities
("top" when it is the first, i.e. the one reported as `entity`). Arabic: every Arabic-script name
GeoNames gives that bitext's build script keeps as Arabic (not Persian, Urdu, Kurdish, Pashto), and
the first one GeoNames lists; each in a plain sentence and with attached proclitics. English: the
GeoNames name as it is (diacritics included), plain and as a possessive.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util
spec = importlib.util.spec_from_file_location("bp", os.path.join(os.path.dirname(os.path.abspath(__file__)), "build-places.py"))
bp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bp)

AR_TEMPLATES = [("plain", "وصل الوفد إلى {} صباح اليوم.", 0),
                ("wa+bi", "وقال مسؤولون إن الاجتماع عقد وب{} أمس.", 2)]
EN_TEMPLATES = [("plain", "The delegation arrived in {} on Monday.", 0),
                ("possessive", "Officials said {}'s council met.", 0)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bitext", default=".build/release/bitext")
    ap.add_argument("--data", default="../shared/data/gazetteer")
    args = ap.parse_args()
    with open(os.path.join(args.data, "geonames-cities15000-world.tsv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["countrycode"] in bp.AL]
    cases = []  # (geonameid, group, sentence, start, name)
    cities_any = 0
    for r in rows:
        raw = [s for s in (r["arabic_script_names"] or "").split("|") if s]
        if not raw:
            continue
        cities_any += 1
        gid = "geonames:" + r["geonameid"]
        arabic = [bp.clean_ar(s) for s in raw if bp.is_arabic_name(bp.clean_ar(s))]
        first = bp.clean_ar(raw[0])
        for label, tpl, off in AR_TEMPLATES:
            if arabic:
                for name in dict.fromkeys(arabic):
                    s = tpl.format(name)
                    cases.append((gid, f"ar-all-{label}", s, s.index(tpl.split("{}")[0][-1:] + name) + 1 if off == 0 else None, name))
            s = tpl.format(first)
            cases.append((gid, f"ar-first-{label}", s, None, first))
        for label, tpl, _ in EN_TEMPLATES:
            s = tpl.format(r["name"])
            cases.append((gid, f"en-{label}", s, None, r["name"]))
    inp = "".join(c[2].replace("\n", " ") + "\n" for c in cases)
    p = subprocess.run([args.bitext, "match", "--format", "jsonl"], input=inp.encode(), capture_output=True)
    if p.returncode != 0:
        sys.exit(p.stderr.decode())
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(recs) == len(cases)
    stats = {}
    per_city = {}
    for (gid, group, sentence, _, name), rec in zip(cases, recs):
        found = top = False
        for m in rec["mentions"]:
            ents = m.get("candidates", [m["entity"]])
            covers = name in m["text"] or m["text"] in name
            if covers and gid in ents:
                found = True
                top = top or m["entity"] == gid
        st = stats.setdefault(group, [0, 0, 0])
        st[0] += 1
        st[1] += found
        st[2] += top
        per_city.setdefault((group.split("-")[0] + ("-" + group.split("-")[1] if group.startswith("ar") else ""), gid), []).append(found)
    print(f"Arab League cities of 15,000+: {len(rows)}; with an Arabic-script name in GeoNames: {cities_any}")
    print(f"{'sentences':<22} {'count':>6} {'found':>7} {'top':>7}")
    for g in sorted(stats):
        n, f, t = stats[g]
        print(f"{g:<22} {n:>6} {100 * f / n:>6.1f}% {100 * t / n:>6.1f}%")
    # Per city.
    for key in ("ar-all", "ar-first", "en"):
        cities = {gid for (k, gid) in per_city if k == key}
        every = sum(1 for gid in cities if all(per_city[(key, gid)]))
        some = sum(1 for gid in cities if any(per_city[(key, gid)]))
        print(f"cities ({key}): found in every sentence {every}/{len(cities)} = {100 * every / max(1, len(cities)):.1f}%, "
              f"in at least one {some}/{len(cities)} = {100 * some / max(1, len(cities)):.1f}%")
    ar_cities = {gid for (k, gid) in per_city if k == "ar-all"}
    both = sum(1 for gid in ar_cities if any(per_city[("ar-all", gid)]) and all(per_city[("en", gid)]))
    print(f"cities with an Arabic name (as bitext classifies Arabic-script names) found in an Arabic sentence "
          f"and in every English sentence: {both}/{len(ar_cities)} = {100 * both / len(ar_cities):.1f}%")
    lost = sorted(n for (gid, g, s, _, n), rec in zip(cases, recs) if g == "ar-all-plain"
                  and not any(gid in m.get("candidates", [m["entity"]]) for m in rec["mentions"])
                  and not any(per_city[("ar-all", gid)]))
    if lost:
        print("cities none of whose Arabic names is found: " + ", ".join(lost))
    missed = [(g, n) for (gid, g, s, _, n), rec in zip(cases, recs) if g == "ar-first-plain"
              and not any(gid in m.get("candidates", [m["entity"]]) for m in rec["mentions"])]
    if missed:
        print("not found (ar-first-plain), first 20: " + ", ".join(n for _, n in missed[:20]))
    missed = [(g, n) for (gid, g, s, _, n), rec in zip(cases, recs) if g == "en-plain"
              and not any(gid in m.get("candidates", [m["entity"]]) for m in rec["mentions"])]
    if missed:
        print("not found (en-plain), first 20: " + ", ".join(n for _, n in missed[:20]))


if __name__ == "__main__":
    main()
