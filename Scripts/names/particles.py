"""Arabic name particles and how Latin spellings render them."""
import re

SUN_LETTERS = set("تثدذرزسشصضطظلن")

ARTICLE = "ال"


def has_article(ar_word):
    """`ال` + at least two letters (so `الله` and `ال` alone are not articles here)."""
    return ar_word.startswith(ARTICLE) and len(ar_word) >= 4 and ar_word != "الله"


_SUN = re.compile(r"^([ae])([bcdhjklmnrstvwxyz]{1,3})([- ])(.+)$")
_AL = re.compile(r"^([aeuoi]l)([- ]?)(.+)$")


def split_article(lat):
    """Split a cleaned Latin spelling of an `ال`-word into (article form, stem).

    Forms: 'al-', 'al ', 'al' (glued), 'el-', …, 'a*-' / 'e*-' (sun-letter assimilation:
    the article is the stem's first consonant doubled, as in ash-Shammari), 'l' (glued,
    Maghreb: Lamrani), '' (not written)."""
    m = _SUN.match(lat)
    if m and m.group(2) != "l" and m.group(4).startswith(m.group(2)):
        return m.group(1) + "*" + m.group(3), m.group(4)
    m = _AL.match(lat)
    if m and len(m.group(3)) >= 2:
        return m.group(1) + m.group(2), m.group(3)
    if lat.startswith("l") and len(lat) > 3 and lat[1] in "aeiou":
        return "l", lat[1:]
    return "", lat


def render_article(form, stem_lat):
    """Inverse of split_article for a stem spelling (lowercase)."""
    if "*" in form:
        # sun-letter assimilation: copy the stem's first consonant cluster (sh, th, dh, s, …)
        m = re.match(r"^(sh|th|dh|ch|[bcdfghjklmnpqrstvwxz])", stem_lat)
        if not m:
            return form[0] + "l-" + stem_lat
        return form[0] + m.group(1) + form[-1] + stem_lat
    return form + stem_lat


ABD = "عبد"
_ABD_ART = re.compile(r"^(abd)([- ]?)([ae]l|ul|ol|oul|il)([- ]?)(.{2,})$")
_ABD_BARE = re.compile(r"^(abd)([aeiou]?)([- ]?)(.{2,})$")


def split_abd(lat, sun):
    """Split a cleaned Latin spelling of `عبد` + `الX` into (prefix form, stem of X), or None.

    Forms keep their separators: 'abdel ', 'abdul', 'abd al-', 'abd-el-'; a sun letter
    assimilated into the prefix is written '*': 'abde*' (Abderrahim), 'abdu* ' (Abdur Rahman)."""
    if not lat.startswith("abd"):
        return None
    if sun:
        m = re.match(r"^abd([aeiou]?)", lat)
        rest = lat[m.end():]
        for k in (1, 2):
            cons, tail = rest[:k], rest[k:]
            sep = tail[:1] if tail[:1] in ("-", " ") else ""
            tail = tail[len(sep):]
            if len(cons) == k and cons.isalpha() and cons[0] not in "aeioul" and tail.startswith(cons) and len(tail) > k:
                return "abd" + m.group(1) + "*" + sep, tail
    m = _ABD_ART.match(lat)
    if m:
        return m.group(1) + m.group(2) + m.group(3) + m.group(4), m.group(5)
    m = _ABD_BARE.match(lat)
    if m:
        return m.group(1) + m.group(2) + m.group(3), m.group(4)
    return None


def render_form(form, stem_lat):
    """A prefix form applied to a stem spelling; '*' copies the stem's first consonant(s)."""
    if "*" not in form:
        return form + stem_lat
    pre, post = form.split("*", 1)
    m = re.match(r"^(sh|th|dh|ch|[bcdfghjklmnpqrstvwxz])", stem_lat)
    if not m:
        return pre.rstrip("aeiou") + ("l" if pre.endswith(("a", "e", "u")) else "") + post + stem_lat
    return pre + m.group(1) + post + stem_lat
