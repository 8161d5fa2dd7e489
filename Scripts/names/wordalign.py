"""Splitting full-name pairs into word pairs (Arabic unit <-> Latin token span).

A full name such as `ابراهيم بن عبد الله العنقري` / `Ibrahim ibn Abdullah al-Anqari` is aligned
monotonically: one Arabic word (or a compound such as `عبد الله` when the units table knows
it) against zero to three Latin tokens, scored by a coarse consonant skeleton that both
scripts map into. Only confident alignments become word pairs.
"""
import re
import unicodedata

_AR = {
    "ب": "B", "پ": "B", "ت": "D", "ط": "D", "ث": "D", "د": "D", "ض": "D", "ذ": "D", "ظ": "D", "ز": "D",
    "س": "S", "ص": "S", "ش": "C", "چ": "C", "ج": "J", "ژ": "J", "ح": "", "ه": "", "خ": "X",
    "ق": "K", "ك": "K", "غ": "K", "گ": "K", "ر": "R", "ف": "F", "ڤ": "F", "ل": "L", "م": "M", "ن": "N",
}
_LAT = [
    ("sch", "C"), ("tch", "C"), ("kh", "X"), ("gh", "K"), ("sh", "C"), ("ch", "C"), ("th", "D"), ("dh", "D"),
    ("dj", "J"), ("zh", "J"), ("ph", "F"), ("ck", "K"), ("q", "K"), ("k", "K"), ("g", "K"), ("x", "KS"),
    ("b", "B"), ("p", "B"), ("t", "D"), ("d", "D"), ("z", "D"), ("s", "S"), ("j", "J"), ("h", ""),
    ("r", "R"), ("f", "F"), ("v", "F"), ("l", "L"), ("m", "M"), ("n", "N"),
]


def _collapse(s):
    return re.sub(r"(.)\1+", r"\1", s)


def lat_skel(w):
    w = unicodedata.normalize("NFKD", w.lower())
    w = "".join(c for c in w if "a" <= c <= "z")
    if w in ("al", "el", "ul", "ol", "il", "l"):
        return ""
    if w in ("abdul", "abdel", "abdal", "abdol", "abdil", "abdoul"):
        return "BD"
    if len(w) > 4 and w[:2] in ("al", "el") and w[2] not in "aeiouy":
        w = w[2:]
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = re.sub(r"(.)\1", r"\1", w)
    out = []
    i = 0
    while i < len(w):
        for a, b in _LAT:
            if w.startswith(a, i):
                out.append(b)
                i += len(a)
                break
        else:
            i += 1
    return _collapse("".join(out))


def ar_skel(w):
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return _collapse("".join(_AR.get(c, "") for c in w))


def lev(a, b):
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def skel_sim(a, b):
    if not a and not b:
        return 1.0
    return 1.0 - lev(a, b) / max(len(a), len(b))


# Arabic words that may stand for nothing in the Latin spelling.
LATIN_PARTICLES = {"al", "el", "ul", "ol", "il", "bin", "ben", "ibn", "bint", "abu", "abou", "abd", "ould", "ait", "ag"}
DROPPABLE = {"بن", "ابن", "بنت", "ال", "ولد"}
# Compounds kept together when the units table knows them (their spelling depends on the pair).
COMPOUND_FIRST = {"عبد", "ابو", "ابي", "ابن", "بن", "بنت", "ال", "بو", "ام", "ولد", "ذو", "العبد"}
COMPOUND_LAST = {"الله", "الدين", "الرحمن", "الاسلام", "الحق", "الزمان", "النبي", "الرسول", "الامين"}


def split_latin(s):
    """Tokens and the separators after each one (`-`, ` ` or '')."""
    toks = []
    for m in re.finditer(r"[^\s\-\u2010-\u2015]+([\s\-\u2010-\u2015]*)", s.strip()):
        word = m.group(0)[: len(m.group(0)) - len(m.group(1))]
        sep = m.group(1)
        sep = "-" if "-" in sep or any("\u2010" <= c <= "\u2015" for c in sep) else (" " if sep else "")
        toks.append((word, sep))
    return toks


def join_latin(toks):
    out = []
    for k, (w, sep) in enumerate(toks):
        out.append(w)
        if k + 1 < len(toks):
            out.append(sep or " ")
    return "".join(out)


def segment(words, compounds):
    """Greedy left-to-right: the longest run of words (3, 2) that is a known compound, else one word.
    `عبد` and a free-standing `ال` always join the next word (they never stand alone in a name)."""
    out = []
    i = 0
    while i < len(words):
        for d in (3, 2):
            if i + d <= len(words) and " ".join(words[i:i + d]) in compounds:
                out.append(" ".join(words[i:i + d]))
                i += d
                break
        else:
            if words[i] in ("عبد", "ال") and i + 1 < len(words):
                out.append(words[i] + " " + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
    return out


def align_name(units, lat_tokens):
    """Best monotone alignment of Arabic units to Latin token spans.
    Returns [(arabic unit, latin string, score)] for the units that got a span, or None."""
    n, m = len(units), len(lat_tokens)
    if n == 0 or m == 0 or n > 12 or m > 14:
        return None
    NEG = -1e9
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    lat_sk = [lat_skel(w) for w, _ in lat_tokens]
    ar_sk = ["".join(ar_skel(w) for w in u.split()) for u in units]
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == NEG:
                continue
            base = best[i][j]
            if j < m:  # a Latin token with no Arabic counterpart (a title, an extra name)
                v = base - 1.0
                if v > best[i][j + 1]:
                    best[i][j + 1], back[i][j + 1] = v, (i, j, None)
            if i < n:
                # an Arabic unit rendered by nothing: cheap for particles, dear otherwise
                v = base - (0.3 if units[i] in DROPPABLE else 1.0)
                if v > best[i + 1][j]:
                    best[i + 1][j], back[i + 1][j] = v, (i, j, None)
                for dl in (1, 2, 3):
                    if j + dl > m:
                        break
                    # a span never ends in a particle (`Afilal El`): the particle belongs
                    # to the next word or to nothing
                    if dl > 1 and lat_tokens[j + dl - 1][0].lower() in LATIN_PARTICLES:
                        break
                    s = skel_sim(ar_sk[i], "".join(lat_sk[j:j + dl]))
                    if dl > 1 and s < 0.8:
                        continue
                    v = base + 2.0 * s - 1.0 - 0.2 * (dl - 1)
                    if v > best[i + 1][j + dl]:
                        best[i + 1][j + dl], back[i + 1][j + dl] = v, (i, j, s)
    out = []
    i, j = n, m
    while i > 0 or j > 0:
        pi, pj, s = back[i][j]
        if s is not None:
            out.append((units[pi], join_latin(lat_tokens[pj:j]), s))
        i, j = pi, pj
    out.reverse()
    return out
