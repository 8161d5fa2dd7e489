"""Writes the compiled name model (Lexicons/compiled/names.bin).

Layout (all integers little-endian; every section starts on an 8-byte boundary):

    header   "BXNAMES1" (8 bytes), u32 format version, u32 section count,
             then per section: 4-byte tag, u32 offset, u32 byte length
    STRS     the string pool (UTF-8); strings are referenced as (u32 offset, u32 length)
    META     u32 values: n-gram order, start node, end-of-name graphone, region count
    REGN     per region: name (offset, length), u32 total count
    UNIT     forward lexicon, sorted by the UTF-8 bytes of the Arabic unit:
             u32 key offset, u16 key length, u16 spelling count, u32 first spelling
    SPEL     spellings, most frequent first: u32 display offset, u16 display length,
             u16 region count count, u32 first region count
    RCNT     region counts: u32 = region << 24 | count (count capped at 2^24 - 1)
    REVK     reverse lexicon, sorted by the UTF-8 bytes of the Latin identity:
             u32 key offset, u16 key length, u16 entry count, u32 first entry
    REVE     reverse entries: u32 unit index, u32 count
    FORM     particle forms: u32 kind (0 article, 1 abd), u32 region, u32 sun (0/1),
             form (off, len), u32 count — sorted by (kind, region, sun, -count)
    GRPH     graphones: u32 Arabic scalar (0 for end of name), Latin (off, len)
    NODE     n-gram histories: u32 first entry (the entries run to the next node's first;
             one extra node closes the table), f32 log backoff, u32 parent
    NENT     n-gram entries, sorted by graphone within a node: u16 graphone,
             u16 quantized -log p (step 1/2048), u32 next node
    ARGL     per Arabic letter (sorted by scalar): u32 scalar, u32 first, u32 count
    LTGL     per Latin chunk (sorted by UTF-8 bytes): chunk (off, len), u32 first, u32 count
    GLST     graphone id lists for ARGL and LTGL (u32 each), most probable first
"""
import math
import struct

VERSION = 1
LP_SCALE = 2048.0


class Pool:
    def __init__(self):
        self.buf = bytearray()
        self.index = {}

    def add(self, s):
        b = s.encode("utf-8")
        if b in self.index:
            return self.index[b], len(b)
        off = len(self.buf)
        self.buf += b
        self.index[b] = off
        return off, len(b)


def _pad(b):
    while len(b) % 8:
        b.append(0)


def write_blob(path, model):
    """model: dict with keys regions, region_totals, units, article_forms, abd_forms,
    graphones, nodes, entries, start_node, eos, order, letter_lists, chunk_lists, reverse."""
    pool = Pool()
    sections = []

    def sec(tag, data):
        sections.append((tag, bytes(data)))

    regions = model["regions"]
    reg_index = {r: i for i, r in enumerate(regions)}
    meta = struct.pack("<4I", model["order"], model["start_node"], model["eos"], len(regions))
    rg = bytearray()
    for r in regions:
        o, n = pool.add(r)
        rg += struct.pack("<3I", o, n, model["region_totals"].get(r, 0))

    units = sorted(model["units"].items(), key=lambda kv: kv[0].encode("utf-8"))
    unit_index = {k: i for i, (k, _) in enumerate(units)}
    ub, sb, rc = bytearray(), bytearray(), []

    def rcounts(d):
        first = len(rc)
        for r, c in sorted(d.items(), key=lambda kv: reg_index[kv[0]]):
            rc.append((reg_index[r] << 24) | min(c, (1 << 24) - 1))
        return first, len(rc) - first

    n_spel = 0
    for key, u in units:
        ko, kn = pool.add(key)
        first_sp = n_spel
        for sp in u["spellings"]:
            do, dn = pool.add(sp["display"])
            f, c = rcounts(sp["regions"])
            sb += struct.pack("<IHHI", do, dn, c, f)
            n_spel += 1
        ub += struct.pack("<IHHI", ko, kn, n_spel - first_sp, first_sp)

    rev = sorted(model["reverse"].items(), key=lambda kv: kv[0].encode("utf-8"))
    rk, re_ = bytearray(), bytearray()
    n_ent = 0
    for ident, targets in rev:
        o, n = pool.add(ident)
        first = n_ent
        for unit, c in sorted(targets.items(), key=lambda kv: (-kv[1], kv[0]))[:65535]:
            re_ += struct.pack("<2I", unit_index[unit], c)
            n_ent += 1
        rk += struct.pack("<IHHI", o, n, n_ent - first, first)

    fb = bytearray()
    forms = []
    for kind, table in ((0, model["article_forms"]), (1, model["abd_forms"])):
        for (region, sun), counter in table.items():
            for form, c in counter.items():
                forms.append((kind, reg_index[region], 1 if sun else 0, -c, form))
    forms.sort()
    for kind, r, sun, negc, form in forms:
        o, n = pool.add(form)
        fb += struct.pack("<6I", kind, r, sun, o, n, -negc)

    gb = bytearray()
    for scalar, lat in model["graphones"]:
        o, n = pool.add(lat)
        gb += struct.pack("<3I", scalar, o, n)

    nb = bytearray()
    for first, count, bow, parent in model["nodes"]:
        nb += struct.pack("<IfI", first, bow, parent)
    nb += struct.pack("<IfI", len(model["entries"]), 0.0, 0)
    eb = bytearray()
    for g, lp, nxt in model["entries"]:
        q = int(round(-lp * LP_SCALE))
        q = max(0, min(q, 65535))
        eb += struct.pack("<2HI", g, q, nxt)

    glst = []
    al = bytearray()
    for scalar, ids in sorted(model["letter_lists"].items()):
        al += struct.pack("<3I", scalar, len(glst), len(ids))
        glst += ids
    ll = bytearray()
    for chunk, ids in sorted(model["chunk_lists"].items(), key=lambda kv: kv[0].encode("utf-8")):
        o, n = pool.add(chunk)
        ll += struct.pack("<4I", o, n, len(glst), len(ids))
        glst += ids
    gl = struct.pack(f"<{len(glst)}I", *glst)

    rcb = struct.pack(f"<{len(rc)}I", *rc)
    sec(b"META", meta)
    sec(b"REGN", rg)
    sec(b"UNIT", ub)
    sec(b"SPEL", sb)
    sec(b"RCNT", rcb)
    sec(b"REVK", rk)
    sec(b"REVE", re_)
    sec(b"FORM", fb)
    sec(b"GRPH", gb)
    sec(b"NODE", nb)
    sec(b"NENT", eb)
    sec(b"ARGL", al)
    sec(b"LTGL", ll)
    sec(b"GLST", gl)
    sec(b"STRS", pool.buf)

    header_len = 16 + 12 * len(sections)
    out = bytearray(b"BXNAMES1" + struct.pack("<2I", VERSION, len(sections)))
    body = bytearray()
    table = []
    off = header_len
    while off % 8:
        off += 1
    for tag, data in sections:
        table.append((tag, off + len(body), len(data)))
        body += data
        _pad(body)
    for tag, o, n in table:
        out += tag + struct.pack("<2I", o, n)
    while len(out) % 8:
        out.append(0)
    out += body
    with open(path, "wb") as f:
        f.write(out)
    return len(out)


def lm_tables(lm, graphone_ids):
    """Turn a KneserNey model into node / entry tables for decoding.

    Nodes are histories (tuples of up to order-1 tokens, BOS included). The entry (h, g)
    holds log P(g | h) and the node reached: the longest suffix of h + g that is a node."""
    N = lm.order
    hist_set = set(lm.bow.keys())
    for g in lm.prob:
        if 1 <= len(g) <= N - 1:
            hist_set.add(g)
    hist_set.add(())
    # every suffix of a node is a node
    for h in list(hist_set):
        for k in range(1, len(h)):
            hist_set.add(h[k:])
    start = tuple(["<s>"] * (N - 1))
    while start not in hist_set:
        start = start[1:]
    nodes = sorted(hist_set, key=lambda h: (len(h), [graphone_ids.get(t, -1) for t in h]))
    node_id = {h: i for i, h in enumerate(nodes)}

    def longest_node(seq):
        seq = tuple(seq[-(N - 1):]) if N > 1 else ()
        while seq not in node_id:
            seq = seq[1:]
        return node_id[seq]

    by_hist = {}
    for g, p in lm.prob.items():
        by_hist.setdefault(g[:-1], []).append((graphone_ids[g[-1]], math.log(p), longest_node(g)))
    node_rows = []
    entries = []
    for h in nodes:
        es = sorted(by_hist.get(h, []))
        first = len(entries)
        entries += es
        bow = math.log(lm.bow[h]) if h in lm.bow else 0.0
        parent = node_id[h[1:]] if h else 0
        node_rows.append((first, len(es), bow, parent))
    return node_rows, entries, node_id[start]
