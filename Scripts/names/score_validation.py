#!/usr/bin/env python3
"""Scores a name model on the training names held out from it (stdlib only).

    python3 Scripts/names/build_names_model.py --data DATA --validation 10 \\
        --blob /tmp/val.bin --val-out /tmp/held.tsv
    python3 Scripts/names/score_validation.py .build/release/bitext /tmp/val.bin /tmp/held.tsv /tmp/held-google.tsv

For each file: Arabic → Latin exact@1, hit@5 and character error rate of the first spelling
(every listed spelling counts as right), and Latin → Arabic exact@1 and hit@5 from the first
spelling. Spellings are compared as the builder merges them (namedata.latin_identity: case-,
accent- and apostrophe-blind, a hyphen counting as a space; namedata.fold_arabic). The held-out names never reach the model (see --validation), so these figures tell a
change to the builder or the decoder apart from noise without looking at the scored files.
"""
import csv
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from namedata import fold_arabic as arabic_key, latin_identity as latin_key  # noqa: E402
from wordalign import lev as distance  # noqa: E402

K = 5


def translit(binary, env, names, to):
    p = subprocess.run([binary, "translit", "--to", to, "--variants", str(K), "--format", "jsonl"],
                       input="\n".join(names) + "\n", capture_output=True, text=True, env=env, check=True)
    return [[v["text"] for v in json.loads(line)["variants"]] for line in p.stdout.splitlines()]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, model = sys.argv[1], sys.argv[2]
    env = dict(os.environ, BITEXT_NAME_MODEL=model)
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        golds = [[g for g in r["latin_variants"].split("|") if g.strip()] for r in rows]
        e1 = h5 = 0
        cer = 0.0
        for pred, gold in zip(translit(binary, env, [r["arabic"] for r in rows], "latin"), golds):
            g = {latin_key(x) for x in gold}
            p = [latin_key(x) for x in pred]
            top = p[0] if p else ""
            e1 += top in g
            h5 += any(x in g for x in p[:K])
            cer += min(distance(top, x) / max(1, len(x)) for x in g)
        a1 = a5 = 0
        for pred, r in zip(translit(binary, env, [g[0] for g in golds], "arabic"), rows):
            p = [arabic_key(x) for x in pred]
            want = arabic_key(r["arabic"])
            a1 += bool(p) and p[0] == want
            a5 += want in p[:K]
        n = max(1, len(rows))
        print(f"{os.path.basename(path)}: to latin exact@1={e1 / n:.4f} hit@5={h5 / n:.4f} cer={cer / n:.4f}  "
              f"to arabic exact@1={a1 / n:.4f} hit@5={a5 / n:.4f}  names={len(rows)}")


if __name__ == "__main__":
    main()
