"""A joint-sequence (graphone) transliteration model: EM alignment + Kneser-Ney n-gram.

Training follows the many-to-many aligner / joint n-gram recipe of grapheme-to-phoneme
conversion (Jiampojamarn et al. 2007; Bisani & Ney 2008; Novak et al. 2012), written here
from the published descriptions:

1. every (Arabic, Latin) word pair is segmented into graphones: one Arabic letter paired
   with zero to `MAX_LAT` Latin characters. EM (forward-backward over all segmentations)
   estimates the graphone probabilities;
2. each pair is cut into its single most likely graphone sequence (Viterbi);
3. an interpolated Kneser-Ney n-gram model is estimated over those graphone sequences.

The model is joint, so it reads both ways: given Arabic it yields Latin, given Latin it
yields Arabic (decoding simply constrains the other side).
"""
import math
from collections import defaultdict

MAX_LAT = 3
BOS = "<s>"
EOS = "</s>"


def _chunks(lat, j):
    for k in range(0, MAX_LAT + 1):
        if j + k <= len(lat):
            yield k, lat[j:j + k]


def em_align(pairs, iterations=6, log=print):
    """pairs: list of (arabic, latin, weight). Returns {(a, l): prob} for graphones."""
    # Initial: uniform over every graphone seen in some segmentation, Latin length prior.
    prob = defaultdict(float)
    for ar, lat, w in pairs:
        for i, a in enumerate(ar):
            for j in range(len(lat) + 1):
                for k, l in _chunks(lat, j):
                    prob[(a, l)] += 1.0
    _normalize_joint(prob)
    for it in range(iterations):
        counts = defaultdict(float)
        total_ll = 0.0
        for ar, lat, w in pairs:
            n, m = len(ar), len(lat)
            # forward
            alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
            alpha[0][0] = 1.0
            for i in range(n):
                a = ar[i]
                row, nxt = alpha[i], alpha[i + 1]
                for j in range(m + 1):
                    v = row[j]
                    if v == 0.0:
                        continue
                    for k in range(0, MAX_LAT + 1):
                        if j + k > m:
                            break
                        p = prob.get((a, lat[j:j + k]), 0.0)
                        if p:
                            nxt[j + k] += v * p
            z = alpha[n][m]
            if z <= 0.0:
                continue
            total_ll += w * math.log(z)
            beta = [[0.0] * (m + 1) for _ in range(n + 1)]
            beta[n][m] = 1.0
            for i in range(n - 1, -1, -1):
                a = ar[i]
                row, nxt = beta[i], beta[i + 1]
                arow = alpha[i]
                for j in range(m + 1):
                    if arow[j] == 0.0 and True:
                        # still need beta for correctness of other paths; compute anyway
                        pass
                    s = 0.0
                    for k in range(0, MAX_LAT + 1):
                        if j + k > m:
                            break
                        key = (a, lat[j:j + k])
                        p = prob.get(key, 0.0)
                        if p and nxt[j + k]:
                            s += p * nxt[j + k]
                            if arow[j]:
                                counts[key] += w * arow[j] * p * nxt[j + k] / z
                    row[j] = s
        prob = counts
        _normalize_joint(prob)
        log(f"  EM iteration {it + 1}: log-likelihood {total_ll:.1f}, {len(prob)} graphones")
    # prune graphones that carry next to nothing
    prob = {g: p for g, p in prob.items() if p > 1e-7}
    _normalize_joint(prob)
    return prob


def _normalize_joint(prob):
    s = sum(prob.values())
    for g in prob:
        prob[g] /= s


def viterbi(ar, lat, prob):
    n, m = len(ar), len(lat)
    NEG = -1e18
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        a = ar[i]
        for j in range(m + 1):
            v = best[i][j]
            if v == NEG:
                continue
            for k in range(0, MAX_LAT + 1):
                if j + k > m:
                    break
                p = prob.get((a, lat[j:j + k]))
                if p:
                    s = v + math.log(p)
                    if s > best[i + 1][j + k]:
                        best[i + 1][j + k] = s
                        back[i + 1][j + k] = (j, lat[j:j + k])
    if best[n][m] == NEG:
        return None
    out = []
    j = m
    for i in range(n, 0, -1):
        pj, l = back[i][j]
        out.append((ar[i - 1], l))
        j = pj
    out.reverse()
    return out


class KneserNey:
    """Interpolated Kneser-Ney n-gram model over token sequences, with one discount per
    order (D = n1 / (n1 + 2 n2)), stored in backoff form: for each kept n-gram the
    interpolated probability, for each history its interpolation weight."""

    def __init__(self, order):
        self.order = order

    def fit(self, sequences, cutoff=1):
        """sequences: list of (tokens, weight). N-grams of order >= 3 seen `cutoff` times or
        fewer are dropped; their mass goes to the backoff weight of their history."""
        N = self.order
        counts = [defaultdict(float) for _ in range(N + 1)]
        for toks, w in sequences:
            seq = [BOS] * (N - 1) + list(toks) + [EOS]
            for i in range(N - 1, len(seq)):
                for k in range(1, N + 1):
                    counts[k][tuple(seq[i - k + 1:i + 1])] += w
        # Lower orders use continuation counts (number of distinct left contexts), except
        # n-grams that start at the sentence start, which have no left context.
        use = [None] * (N + 1)
        use[N] = dict(counts[N])
        for k in range(N - 1, 0, -1):
            cont = defaultdict(float)
            for g in counts[k + 1]:
                cont[g[1:]] += 1.0
            for g, c in counts[k].items():
                if g[0] == BOS:
                    cont[g] = c
            use[k] = cont
        self.vocab = sorted({g[0] for g in use[1]} - {BOS})
        D = [0.0] * (N + 1)
        for k in range(1, N + 1):
            n1 = sum(1 for c in use[k].values() if 0.5 < c <= 1.5)
            n2 = sum(1 for c in use[k].values() if 1.5 < c <= 2.5)
            D[k] = min(max(n1 / (n1 + 2 * n2) if n1 + n2 > 0 else 0.5, 0.1), 0.9)
        self.D = D
        self.prob = {}
        self.bow = {}
        V = len(self.vocab)
        uni = {g: c for g, c in use[1].items() if g[0] != BOS}
        tot1 = sum(uni.values())
        for g, c in uni.items():
            self.prob[g] = max(c - D[1], 0.0) / tot1 + (D[1] * len(uni) / tot1) / V
        for k in range(2, N + 1):
            hist_tot = defaultdict(float)
            kept_types = defaultdict(int)
            dropped = defaultdict(float)
            kept = {}
            for g, c in use[k].items():
                h = g[:-1]
                hist_tot[h] += c
                if k >= 3 and c <= cutoff:
                    dropped[h] += c
                else:
                    kept[g] = c
                    kept_types[h] += 1
            for h, t in hist_tot.items():
                if kept_types[h]:
                    self.bow[h] = (D[k] * kept_types[h] + dropped[h]) / t
            for g, c in kept.items():
                h = g[:-1]
                self.prob[g] = max(c - D[k], 0.0) / hist_tot[h] + self.bow[h] * self._p(g[1:])
        return self

    def _p(self, g):
        """Interpolated probability of the last token of g given the rest (backoff recursion)."""
        if g in self.prob:
            return self.prob[g]
        if len(g) == 1:
            return 1e-9
        return self.bow.get(g[:-1], 1.0) * self._p(g[1:])

    def logprob(self, hist, tok):
        g = tuple(hist[-(self.order - 1):]) + (tok,) if self.order > 1 else (tok,)
        while len(g) > 1 and g[:-1] not in self.bow and g not in self.prob:
            g = g[1:]
        return math.log(self._p(g))
