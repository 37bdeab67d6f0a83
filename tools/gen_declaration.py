#!/usr/bin/env python3
"""Build data/kyoto-declaration.json and docs/declaration-sources.md from the seed texts.

The Kyoto Declaration (Fourteenth United Nations Congress on Crime Prevention and
Criminal Justice, Kyoto, 7 March 2021) is printed twice in the seeds:

  002_*.txt  report of the Fourteenth Congress (A/CONF.234/16), chapter I, resolution 1;
  004_*.txt  Economic and Social Council resolution 2021/20, annex (the text the
             General Assembly endorsed in resolution 76/181).

Both copies are extracted, cleaned of extraction artefacts (footnotes, markers,
italics, links, page breaks), split into preamble, part introductions, pillar and
theme headings and the 97 numbered paragraphs, and compared item by item. Every
difference is printed and written to docs/declaration-sources.md together with
the recorded choice and its reason (DECISIONS below). A difference with no
recorded choice stops the generator: a person must decide which text to keep.

The pillar headings found in the text are checked against the pillar names that
the workplan of the thematic discussions (003_*.txt) lists.

Usage:
  python3 tools/gen_declaration.py [SEEDS_DIR]          write both outputs
  python3 tools/gen_declaration.py [SEEDS_DIR] --check  exit 1 if either output
                                                         would change

SEEDS_DIR defaults to data/sources/ in the repository.
Python 3 standard library only.
"""

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO_ROOT / "data" / "sources"
JSON_OUT = REPO_ROOT / "data" / "kyoto-declaration.json"
# The same without the text (no preamble, no paragraph text): what a widget
# that shows only numbers, pillars and themes carries (the pillar chart).
OUTLINE_OUT = REPO_ROOT / "data" / "kyoto-declaration-outline.json"
DOC_OUT = REPO_ROOT / "docs" / "declaration-sources.md"

PRIMARY = "002"
SECONDARY = "004"
SEED_NAMES = {
    "002": "A/CONF.234/16 (report of the Fourteenth Congress, chapter I, resolution 1)",
    "004": "Economic and Social Council resolution 2021/20, annex",
}
SHORT = {"002": "A/CONF.234/16", "004": "ECOSOC 2021/20 annex"}

PART_IDS = ["declaratory", "actions", "follow-up"]
# The Declaration prints no heading over its parts; these are ours.
PART_HEADINGS = ["Declaratory paragraphs", "Actions", "Follow-up"]
PILLAR_IDS = ["I", "II", "III", "IV"]
PARAGRAPH_COUNT = 97

# Every textual difference between the two copies needs a recorded choice.
# Key: the item compared. "texts" holds each copy's cleaned text exactly, so a
# change in either seed is noticed; "keep" names the copy whose text is used.
DECISIONS = {
    "introduction 3 (follow-up)": {
        "texts": {
            "002": "In order to ensure appropriate follow-up to this present declaration "
            "and to our commitments:",
            "004": "In order to ensure appropriate follow-up to this declaration "
            "and to our commitments:",
        },
        "keep": "002",
        "why": (
            "The Congress adopted the Declaration on 7 March 2021 and its report, "
            "A/CONF.234/16, is the record of that adoption; it is also the symbol this "
            "product cites. The ECOSOC annex reproduces the Declaration \"as approved by "
            "the Commission on Crime Prevention and Criminal Justice at its thirtieth "
            "session\" for endorsement, and the General Assembly endorsed the Declaration "
            "\"adopted by the Fourteenth Congress\". Where the copies differ, the wording "
            "adopted at Kyoto is kept and the ECOSOC wording is recorded here. The "
            "difference is in the sentence that introduces the follow-up part, not in a "
            "numbered paragraph: all 97 paragraphs are identical in both copies."
        ),
    },
}

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE = re.compile(r"^(?:[" + SUPERSCRIPT_DIGITS + r"]+|<sup>\s*\d+\s*</sup>)\s")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
GLUED_HEADING = re.compile(r"^(.*?[^\s*])\*([^*]+)\*$")
SUP_TAG = re.compile(r"<sup>\s*\d*\s*</sup>")
ANY_SUP_TAG = re.compile(r"</?sup>")
HTML_ITALIC = re.compile(r"</?i>")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"\*(.+?)\*")
SUPERSCRIPT_RUN = re.compile("[" + SUPERSCRIPT_DIGITS + "]+")


class SeedError(Exception):
    """A seed is missing or does not have the expected shape."""


def clean_inline(text, stats=None):
    """Remove the inline extraction artefacts from one line and collapse spaces."""

    def count(name, pattern, s):
        if stats is not None:
            stats[name] += len(pattern.findall(s))

    count("`<sup>` footnote markers", SUP_TAG, text)
    text = SUP_TAG.sub("", text)
    text = ANY_SUP_TAG.sub("", text)
    count("superscript footnote markers", SUPERSCRIPT_RUN, text)
    text = SUPERSCRIPT_RUN.sub("", text)
    count("markdown links", LINK, text)
    text = LINK.sub(r"\1", text)
    text = ESCAPE.sub(r"\1", text)
    text = HTML_ITALIC.sub("", text)
    count("bold markers", BOLD, text)
    text = BOLD.sub(r"\1", text)
    count("italic markers", ITALIC, text)
    text = ITALIC.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def formatting_marks(light):
    """The artefacts of one item, for reporting formatting-only differences."""
    marks = []
    for m in re.finditer("[" + SUPERSCRIPT_DIGITS + "]+|<sup>\\s*\\d+\\s*</sup>", light):
        before = clean_inline(light[: m.start()]).split(" ")
        marks.append("footnote marker after \u201c" + " ".join(before[-2:]) + "\u201d")
    for m in ITALIC.finditer(BOLD.sub(r"\1", LINK.sub(r"\1", light))):
        marks.append("italics \u201c" + clean_inline(m.group(1)) + "\u201d")
    for m in LINK.finditer(light):
        marks.append("link \u201c" + clean_inline(m.group(1)) + "\u201d")
    return marks


class Item:
    """One unit of the text: a preamble clause, or a numbered paragraph."""

    def __init__(self, kind, first_line):
        self.kind = kind
        self.lines = [first_line]

    def light(self):
        return re.sub(r"\s+", " ", " ".join(self.lines)).strip()

    def text(self, stats=None):
        return clean_inline(" ".join(self.lines), stats)

    def terminated(self):
        text = self.text()
        if self.kind == "paragraph":
            return text.endswith((";", "."))
        return text.endswith(",")


def parse_copy(raw, label):
    """Split one copy of the Declaration into its structure.

    Returns a dict with title, preamble, introductions, pillars, paragraphs, the
    'light' (artefacts kept) text of every item, and counts of what was cleaned.
    """
    stats = Counter()
    lines = raw.split("\n")
    starts = [i for i, l in enumerate(lines) if l.strip().startswith("We, Heads of State and Government")]
    if len(starts) != 1:
        raise SeedError(f"{label}: expected one line starting 'We, Heads of State and Government', found {len(starts)}")
    start = starts[0]
    title = next((clean_inline(l) for l in reversed(lines[:start]) if l.strip()), "")

    preamble, introductions, paragraphs = [], [], []
    pillars = []  # [{"heading", "themes": [{"heading", "paragraphs"}]}]
    pending_headings = []
    part = -1
    item = None
    finished = False

    def close():
        nonlocal item
        if item is None:
            return
        if not item.terminated():
            raise SeedError(f"{label}: item ends without its closing punctuation: {item.text()[-80:]!r}")
        if item.kind == "preamble":
            preamble.append(item)
        item = None

    for lineno, raw_line in enumerate(lines[start:], start=start + 1):
        s = raw_line.strip()
        if not s:
            continue
        if FOOTNOTE_LINE.match(s):
            stats["footnote lines"] += 1
            continue
        if finished:
            break
        numbered = NUMBERED.match(s)
        expected = len(paragraphs) + 1
        if item is not None and not item.terminated():
            if numbered and int(numbered.group(1)) == expected:
                raise SeedError(f"{label} line {lineno}: paragraph {expected} starts before the previous item ended")
            item.lines.append(s)
            stats["page-break joins"] += 1
            continue
        if numbered and int(numbered.group(1)) == expected:
            close()
            number = expected
            pillar = theme = None
            if PART_IDS[part] == "actions":
                if len(pending_headings) == 2:
                    pillars.append({"heading": pending_headings[0], "themes": []})
                    pending_headings = pending_headings[1:]
                if len(pending_headings) == 1:
                    if not pillars:
                        raise SeedError(f"{label}: theme heading before any pillar heading")
                    pillars[-1]["themes"].append({"heading": pending_headings[0], "paragraphs": []})
                elif pending_headings:
                    raise SeedError(f"{label}: unexpected headings before paragraph {number}: {pending_headings}")
                if not pillars or not pillars[-1]["themes"]:
                    raise SeedError(f"{label}: paragraph {number} has no pillar or theme heading")
                pillar = PILLAR_IDS[len(pillars) - 1]
                theme = pillars[-1]["themes"][-1]
                theme["paragraphs"].append(number)
                theme = theme["heading"]
            elif pending_headings:
                raise SeedError(f"{label}: heading {pending_headings} outside the actions part")
            pending_headings = []
            item = Item("paragraph", numbered.group(2))
            item.number, item.part, item.pillar, item.theme = number, PART_IDS[part], pillar, theme
            paragraphs.append(item)
            continue
        if numbered and part >= 0:
            raise SeedError(f"{label} line {lineno}: paragraph {numbered.group(1)} where {expected} was expected")
        if len(paragraphs) == PARAGRAPH_COUNT:
            finished = True
            continue
        close()
        clean = clean_inline(s)
        glued = GLUED_HEADING.match(s)
        if clean.endswith(":"):
            part += 1
            if part >= len(PART_IDS):
                raise SeedError(f"{label} line {lineno}: a fourth part introduction: {clean!r}")
            introductions.append(clean_inline(s, stats))
        elif part == -1:
            item = Item("preamble", s)
        elif glued:
            stats["glued headings split"] += 1
            pending_headings += [clean_inline(glued.group(1), stats), clean_inline(glued.group(2), stats)]
        else:
            pending_headings.append(clean_inline(s, stats))

    close()
    if len(paragraphs) != PARAGRAPH_COUNT:
        raise SeedError(f"{label}: found {len(paragraphs)} numbered paragraphs, expected {PARAGRAPH_COUNT}")
    if len(introductions) != 3:
        raise SeedError(f"{label}: found {len(introductions)} part introductions, expected 3")
    if len(pillars) != 4:
        raise SeedError(f"{label}: found {len(pillars)} pillar headings, expected 4")
    texts = {}
    for p in paragraphs:
        texts[p.number] = p.text(stats)
    for p in preamble:
        p.text(stats)
    return {
        "title": title,
        "preamble": [p.text() for p in preamble],
        "preamble_light": [p.light() for p in preamble],
        "introductions": introductions,
        "pillars": pillars,
        "paragraphs": paragraphs,
        "texts": texts,
        "light": {p.number: p.light() for p in paragraphs},
        "stats": stats,
    }


def find_seed(seeds, prefix):
    found = sorted(seeds.glob(prefix + "_*.txt"))
    if len(found) != 1:
        raise SeedError(f"expected one seed file {prefix}_*.txt in {seeds}, found {len(found)}")
    return found[0]


def workplan_pillars(text):
    """Pillar names as the workplan lists them: 'PILLAR I Advancing crime prevention; ...'."""
    found = re.findall(r"PILLAR (IV|I{1,3}) (.+?)(?:;| and PILLAR|\))", text)
    names = {}
    for numeral, name in found:
        names[numeral] = name.strip().rstrip(";").strip()
    return names


def word_diff(a, b):
    """A short description of how b differs from a, word by word."""
    aw, bw = a.split(" "), b.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=aw, b=bw, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left = " ".join(aw[max(0, i1 - 3):i1])
        old, new = " ".join(aw[i1:i2]), " ".join(bw[j1:j2])
        out.append((left, old, new))
    return out


def compare(primary, secondary):
    """All items of both copies, side by side: (key, primary text, secondary text)."""
    rows = [("title", primary["title"], secondary["title"])]
    if len(primary["preamble"]) != len(secondary["preamble"]):
        raise SeedError("the two copies have a different number of preamble clauses")
    for i, (a, b) in enumerate(zip(primary["preamble"], secondary["preamble"]), 1):
        rows.append((f"preamble {i}", a, b))
    for i, (a, b) in enumerate(zip(primary["introductions"], secondary["introductions"]), 1):
        rows.append((f"introduction {i} ({PART_IDS[i - 1]})", a, b))
    for i, (pa, pb) in enumerate(zip(primary["pillars"], secondary["pillars"])):
        rows.append((f"pillar {PILLAR_IDS[i]} heading", pa["heading"], pb["heading"]))
        ta = [(t["heading"], t["paragraphs"]) for t in pa["themes"]]
        tb = [(t["heading"], t["paragraphs"]) for t in pb["themes"]]
        rows.append((f"pillar {PILLAR_IDS[i]} themes", json.dumps(ta, ensure_ascii=False), json.dumps(tb, ensure_ascii=False)))
    for n in range(1, PARAGRAPH_COUNT + 1):
        rows.append((f"paragraph {n}", primary["texts"][n], secondary["texts"][n]))
    return rows


def formatting_rows(primary, secondary):
    """Items identical once cleaned but whose artefacts differ between the copies."""
    rows = []
    pairs = [(f"preamble {i}", a, b) for i, (a, b) in enumerate(zip(primary["preamble_light"], secondary["preamble_light"]), 1)]
    pairs += [(f"paragraph {n}", primary["light"][n], secondary["light"][n]) for n in range(1, PARAGRAPH_COUNT + 1)]
    for key, a, b in pairs:
        if clean_inline(a) != clean_inline(b):
            continue
        ma, mb = formatting_marks(a), formatting_marks(b)
        if Counter(ma) != Counter(mb):
            only_a = sorted((Counter(ma) - Counter(mb)).elements())
            only_b = sorted((Counter(mb) - Counter(ma)).elements())
            rows.append((key, only_a, only_b))
    return rows


def build(seeds):
    raw = {k: find_seed(seeds, k).read_text(encoding="utf-8") for k in ("001", "002", "003", "004")}
    copies = {k: parse_copy(raw[k], f"seed {k}") for k in (PRIMARY, SECONDARY)}
    primary, secondary = copies[PRIMARY], copies[SECONDARY]

    # Facts the metadata rests on, checked against the seeds.
    flat = {k: re.sub(r"\s+", " ", v) for k, v in raw.items()}
    checks = [
        ("002", "on 7 March 2021, the Congress adopted the Kyoto Declaration", "adoption on 7 March 2021"),
        ("002", "in Kyoto, Japan, from 7 to 12 March 2021", "place Kyoto, Japan"),
        ("004", "¹ [A/CONF.234/16](#)", "symbol of the Congress report"),
        ("001", "resolution 76/181, entitled", "General Assembly resolution 76/181"),
        ("001", "in which the Assembly endorsed the Kyoto Declaration", "endorsement by the General Assembly"),
    ]
    for seed, needle, what in checks:
        if needle not in flat[seed]:
            raise SeedError(f"seed {seed} no longer supports the {what}: {needle!r} not found")

    names = workplan_pillars(flat["003"])
    for i, pillar in enumerate(primary["pillars"]):
        listed = names.get(PILLAR_IDS[i])
        if listed is None or listed.lower() != pillar["heading"].lower():
            raise SeedError(f"pillar {PILLAR_IDS[i]} heading {pillar['heading']!r} differs from the workplan's {listed!r}")

    rows = compare(primary, secondary)
    differences = [(k, a, b) for k, a, b in rows if a != b]
    chosen = {}
    problems = []
    for key, a, b in differences:
        decision = DECISIONS.get(key)
        if decision is None:
            problems.append(f"{key}: no recorded choice for this difference")
        elif decision["texts"].get(PRIMARY) != a or decision["texts"].get(SECONDARY) != b:
            problems.append(f"{key}: the texts differ from those the recorded choice was made on")
        else:
            chosen[key] = decision["texts"][decision["keep"]]
    for key in DECISIONS:
        if key not in {k for k, _, _ in differences}:
            problems.append(f"{key}: a choice is recorded but the copies no longer differ; remove it")
    if problems:
        report_differences(differences, sys.stderr)
        raise SeedError("unresolved differences between the copies:\n  " + "\n  ".join(problems))

    def pick(key, value):
        return chosen.get(key, value)

    declaration = {
        "title": pick("title", primary["title"]),
        "short_title": "Kyoto Declaration",
        "adopted": "2021-03-07",
        "place": "Kyoto, Japan",
        "symbol": "A/CONF.234/16",
        "endorsed_by": "General Assembly resolution 76/181",
        "preamble": [pick(f"preamble {i}", t) for i, t in enumerate(primary["preamble"], 1)],
        "parts": [],
        "pillars": [],
        "paragraphs": [],
    }
    for i, part in enumerate(PART_IDS):
        numbers = [p.number for p in primary["paragraphs"] if p.part == part]
        if numbers != list(range(numbers[0], numbers[-1] + 1)):
            raise SeedError(f"part {part} is not a run of consecutive paragraphs")
        declaration["parts"].append({
            "id": part,
            "heading": PART_HEADINGS[i],
            "introduction": pick(f"introduction {i + 1} ({part})", primary["introductions"][i]),
            "paragraphs": [numbers[0], numbers[-1]],
        })
    for i, pillar in enumerate(primary["pillars"]):
        declaration["pillars"].append({
            "id": PILLAR_IDS[i],
            "heading": pick(f"pillar {PILLAR_IDS[i]} heading", pillar["heading"]),
            "themes": [{"heading": t["heading"], "paragraphs": t["paragraphs"]} for t in pillar["themes"]],
        })
    for p in primary["paragraphs"]:
        declaration["paragraphs"].append({
            "number": p.number,
            "part": p.part,
            "pillar": p.pillar,
            "theme": p.theme,
            "text": pick(f"paragraph {p.number}", primary["texts"][p.number]),
        })

    doc = render_doc(declaration, copies, rows, differences, formatting_rows(primary, secondary), names)
    return declaration, doc, differences


def report_differences(differences, out):
    if not differences:
        print("The two copies are identical once cleaned.", file=out)
        return
    print(f"{len(differences)} difference(s) between {SHORT[PRIMARY]} (seed {PRIMARY}) "
          f"and {SHORT[SECONDARY]} (seed {SECONDARY}):", file=out)
    for key, a, b in differences:
        print(f"- {key}:", file=out)
        print(f"    {SHORT[PRIMARY]}: {a}", file=out)
        print(f"    {SHORT[SECONDARY]}: {b}", file=out)
        for left, old, new in word_diff(a, b):
            print(f"    after \u201c{left}\u201d: {old or '(nothing)'!s} \u2192 {new or '(nothing)'!s}", file=out)
        decision = DECISIONS.get(key)
        if decision:
            print(f"    kept: {SHORT[decision['keep']]}", file=out)


def render_doc(declaration, copies, rows, differences, formatting, names):
    p, s = copies[PRIMARY], copies[SECONDARY]
    out = []
    w = out.append
    w("# The text of the Kyoto Declaration: sources and cleaning")
    w("")
    w("This file is written by `tools/gen_declaration.py`; do not edit it by hand. "
      "Run `python3 tools/gen_declaration.py` after changing the generator or the seeds, "
      "and `python3 tools/gen_declaration.py --check` to verify that "
      "`data/kyoto-declaration.json` and this file are up to date (the test "
      "`tests/declaration.rs` runs the check).")
    w("")
    w("## Sources")
    w("")
    w("| seed | document | used for |")
    w("|---|---|---|")
    w(f"| `{PRIMARY}` | {SEED_NAMES[PRIMARY]} | the text (the Declaration as adopted on 7 March 2021) |")
    w(f"| `{SECONDARY}` | {SEED_NAMES[SECONDARY]} | the second copy every item is compared with |")
    w("| `003` | workplan of the intersessional thematic discussions | check of the four pillar headings |")
    w("| `001` | E/CN.15/2022/CRP.3 | check that General Assembly resolution 76/181 endorsed the Declaration |")
    w("")
    w("Metadata: adopted 7 March 2021 (A/CONF.234/16, para. 59: \u201con 7 March 2021, the Congress "
      "adopted the Kyoto Declaration\u201d), in Kyoto, Japan (second preamble clause); the symbol "
      "A/CONF.234/16 is the one the ECOSOC resolution gives for the Congress report (its footnote 1); "
      "the endorsement is General Assembly resolution 76/181 (E/CN.15/2022/CRP.3, para. 1). "
      "The generator stops if a seed no longer says these things.")
    w("")
    w("## Structure")
    w("")
    w("- **Preamble**: the unnumbered clauses before \u201cDeclare the following:\u201d "
      f"({len(declaration['preamble'])} clauses: " +
      ", ".join("\u201c" + " ".join(t.split(" ")[:3]).rstrip(",") + " \u2026\u201d" for t in declaration["preamble"]) + ").")
    w("- **Parts**: the Declaration prints no heading over its three parts; it introduces each with "
      "a sentence ending in a colon, kept as the part's `introduction`. The headings "
      + ", ".join(f"\u201c{h}\u201d" for h in PART_HEADINGS) + " are this product's own.")
    w("")
    w("| part | heading (ours) | introduction (printed) | paragraphs |")
    w("|---|---|---|---|")
    for part in declaration["parts"]:
        w(f"| `{part['id']}` | {part['heading']} | {part['introduction']} | {part['paragraphs'][0]}\u2013{part['paragraphs'][1]} |")
    w("")
    w("- **Pillars and themes**: inside the actions part, a line that is not a numbered paragraph is a "
      "heading. Where two headings stand together, the first is a pillar heading and the second the "
      "heading of the pillar's first theme; a single heading starts a new theme. The pillar headings "
      "are checked against the names the workplan (seed 003) gives to pillars I\u2013IV.")
    w("")
    w("| pillar | heading | theme | paragraphs |")
    w("|---|---|---|---|")
    for pillar in declaration["pillars"]:
        for j, theme in enumerate(pillar["themes"]):
            nums = theme["paragraphs"]
            span = str(nums[0]) if len(nums) == 1 else f"{nums[0]}\u2013{nums[-1]}"
            w(f"| {pillar['id'] if j == 0 else ''} | {pillar['heading'] if j == 0 else ''} | {theme['heading']} | {span} |")
    w("")
    w("## How the text was cleaned")
    w("")
    w("The seeds are text extracted from the printed documents. For each copy the generator:")
    w("")
    w("1. starts at the line \u201cWe, Heads of State and Government \u2026\u201d (the title is the line before it) "
      "and stops once paragraph 97 has ended;")
    w("2. drops footnote lines (lines that begin with a superscript number such as \u00b9 or \u00b9\u2074, "
      "or with `<sup>1</sup>`);")
    w("3. removes footnote markers in the text: superscript digits (\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079) "
      "and `<sup>` tags with their number;")
    w("4. turns markdown links into their text (`[70/174](#)` \u2192 `70/174`) and drops backslash escapes;")
    w("5. removes bold and italics markers (`*modi operandi*` \u2192 `modi operandi`);")
    w("6. joins a paragraph that a page break or a block of footnotes splits: a numbered paragraph "
      "ends only with \u201c;\u201d or \u201c.\u201d and a preamble clause with \u201c,\u201d, so any line read before "
      "that belongs to the open item and is joined to it with a single space;")
    w("7. splits a pillar heading and a theme heading that the extraction glued onto one line "
      "(\u201c\u2026 all forms of crime*International cooperation, \u2026*\u201d in the ECOSOC copy: text followed "
      "directly by an italic run);")
    w("8. collapses runs of white space into one space. Quotation marks, apostrophes and dashes are kept "
      "as printed.")
    w("")
    w("A paragraph must carry the next number (1, 2, 3 \u2026) to be taken as a paragraph; anything else "
      "stops the generator, as does a paragraph that starts before the previous one has ended.")
    w("")
    w("What was removed or repaired in each copy:")
    w("")
    kinds = sorted(set(p["stats"]) | set(s["stats"]))
    w(f"| artefact | {SHORT[PRIMARY]} | {SHORT[SECONDARY]} |")
    w("|---|---|---|")
    for kind in kinds:
        w(f"| {kind} | {p['stats'].get(kind, 0)} | {s['stats'].get(kind, 0)} |")
    w("")
    w("## Comparison of the two copies")
    w("")
    w(f"{len(rows)} items were compared after cleaning: the title, {len(p['preamble'])} preamble clauses, "
      f"3 part introductions, 4 pillar headings with their themes and the paragraphs under each theme, "
      f"and the {PARAGRAPH_COUNT} numbered paragraphs. "
      f"Items whose words differ: {len(differences)}; all others are identical.")
    w("")
    if differences:
        w("### Differences in the words")
        w("")
        for key, a, b in differences:
            decision = DECISIONS[key]
            w(f"#### {key[0].upper() + key[1:]}")
            w("")
            w(f"- {SHORT[PRIMARY]}: \u201c{a}\u201d")
            w(f"- {SHORT[SECONDARY]}: \u201c{b}\u201d")
            for left, old, new in word_diff(a, b):
                w(f"- after \u201c{left}\u201d: {SHORT[PRIMARY]} has \u201c{old}\u201d, "
                  f"{SHORT[SECONDARY]} has \u201c{new}\u201d" if old and new else
                  f"- after \u201c{left}\u201d: only {SHORT[PRIMARY] if old else SHORT[SECONDARY]} has \u201c{old or new}\u201d")
            w(f"- **Kept: {SHORT[decision['keep']]}.** {decision['why']}")
            w("")
    w("### Differences in formatting only")
    w("")
    w("These items read the same once cleaned; the copies differ only in where footnote markers stand "
      "(the two documents number and place their footnotes differently) or in italics. Nothing of "
      "this reaches the text.")
    w("")
    w(f"| item | only in {SHORT[PRIMARY]} | only in {SHORT[SECONDARY]} |")
    w("|---|---|---|")
    for key, only_a, only_b in formatting:
        dash = "\u2014"
        w(f"| {key} | {'; '.join(only_a) or dash} | {'; '.join(only_b) or dash} |")
    w("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", nargs="?", default=str(DEFAULT_SEEDS),
                        help="directory holding the seed texts (default: data/sources/ in the repository)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the outputs would differ from the committed files")
    args = parser.parse_args(argv)
    seeds = Path(args.seeds)
    if not seeds.is_dir():
        print(f"gen_declaration: seeds directory not found: {seeds.resolve()}\n"
              f"  Put the seed texts there (the repository keeps them in data/sources/) "
              f"or pass their directory as the first argument.", file=sys.stderr)
        return 2
    try:
        declaration, doc, differences = build(seeds)
    except SeedError as e:
        print(f"gen_declaration: {e}", file=sys.stderr)
        return 2
    report_differences(differences, sys.stdout)
    json_text = json.dumps(declaration, ensure_ascii=False, indent=2) + "\n"
    outline = dict(declaration, preamble=[],
                   paragraphs=[{k: v for k, v in p.items() if k != "text"}
                               for p in declaration["paragraphs"]])
    outline_text = json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n"
    outputs = [(JSON_OUT, json_text), (OUTLINE_OUT, outline_text), (DOC_OUT, doc)]
    if args.check:
        stale = [path for path, text in outputs
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"gen_declaration: {path.relative_to(REPO_ROOT)} is out of date; "
                  f"run python3 tools/gen_declaration.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
