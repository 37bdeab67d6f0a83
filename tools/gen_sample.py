#!/usr/bin/env python3
"""Check data/sample-activities.json and write its copies in www/examples/.

data/sample-activities.json is the default sample of follow-up data, written by
hand from public facts in the seed documents (every activity names its source).
This script validates it and produces, so that they never drift from it:

  www/examples/sample-activities.json  a byte-for-byte copy;
  www/examples/sample-activities.csv   the same data as Excel saves a CSV file:
                                       UTF-8 with a byte-order mark, CRLF line
                                       ends, comma delimiter, lists joined
                                       with "; ".

Usage:
  python3 tools/gen_sample.py          validate and write both copies
  python3 tools/gen_sample.py --check  validate; exit 1 if a copy is out of date

Python 3 standard library only.
"""

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "data" / "sample-activities.json"
WWW_JSON = REPO_ROOT / "www" / "examples" / "sample-activities.json"
WWW_CSV = REPO_ROOT / "www" / "examples" / "sample-activities.csv"

CSV_COLUMNS = [
    "id", "title", "paragraphs", "status", "description", "progress", "start", "end",
    "track", "lead", "partners", "countries", "sdgs", "url", "source", "updated",
]
LIST_FIELDS = {"paragraphs", "partners", "countries", "sdgs"}
REQUIRED = {"id", "title", "paragraphs", "status", "source"}
STATUSES = {"completed", "ongoing", "planned"}
TRACKS = {"institutional", "intergovernmental", "programmatic", "national", "stakeholder"}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
SDG = re.compile(r"^(?:[1-9]|1[0-7])(?:\.(?:\d{1,2}|[a-z]))?$")


def problems_of(data):
    """Every way the sample breaks the format, as messages naming the activity."""
    problems = []
    if not isinstance(data, dict):
        return ["the file is not a JSON object"]
    unknown = set(data) - {"version", "title", "updated", "activities"}
    if unknown:
        problems.append(f"unknown top-level fields: {sorted(unknown)}")
    if data.get("version") != 1:
        problems.append("version must be 1")
    if not isinstance(data.get("title"), str) or not data["title"]:
        problems.append("title must be a non-empty string")
    if not DATE.match(str(data.get("updated", ""))):
        problems.append("updated must be an ISO date")
    activities = data.get("activities")
    if not isinstance(activities, list) or not activities:
        return problems + ["activities must be a non-empty list"]
    seen = set()
    for i, a in enumerate(activities, 1):
        where = f"activity {i} ({a.get('id', '?')})" if isinstance(a, dict) else f"activity {i}"
        if not isinstance(a, dict):
            problems.append(f"{where}: not an object")
            continue
        for field in sorted(REQUIRED - set(a)):
            problems.append(f"{where}: missing {field}")
        for field in sorted(set(a) - set(CSV_COLUMNS)):
            problems.append(f"{where}: unknown field {field}")
        ident = a.get("id", "")
        if not ID.match(str(ident)):
            problems.append(f"{where}: id must be lower-case words joined by hyphens")
        if ident in seen:
            problems.append(f"{where}: id used twice")
        seen.add(ident)
        paragraphs = a.get("paragraphs")
        if (not isinstance(paragraphs, list) or not paragraphs
                or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 97 for n in paragraphs)):
            problems.append(f"{where}: paragraphs must be a non-empty list of numbers 1\u201397")
        elif paragraphs != sorted(set(paragraphs)):
            problems.append(f"{where}: paragraphs must be sorted, without duplicates")
        if a.get("status") not in STATUSES:
            problems.append(f"{where}: status must be one of {sorted(STATUSES)}")
        if "track" in a and a["track"] not in TRACKS:
            problems.append(f"{where}: track must be one of {sorted(TRACKS)}")
        for field in ("start", "end"):
            if field in a and not DATE.match(str(a[field])):
                problems.append(f"{where}: {field} must be an ISO date (2022, 2022-12 or 2022-12-05)")
        if "start" in a and "end" in a and str(a["end"]) < str(a["start"])[: len(str(a["end"]))]:
            problems.append(f"{where}: end is before start")
        for field in ("partners", "countries", "sdgs"):
            if field in a and (not isinstance(a[field], list) or not all(isinstance(x, str) and x for x in a[field])):
                problems.append(f"{where}: {field} must be a list of non-empty strings")
        for sdg in a.get("sdgs", []) if isinstance(a.get("sdgs"), list) else []:
            if not SDG.match(str(sdg)):
                problems.append(f"{where}: {sdg!r} is not a goal (1\u201317) or target (16.3)")
        if "url" in a and not str(a["url"]).startswith(("https://", "http://")):
            problems.append(f"{where}: url must be http or https")
        for field in ("title", "description", "source", "lead"):
            if field in a and (not isinstance(a[field], str) or a[field].strip() != a[field] or not a[field]):
                problems.append(f"{where}: {field} must be a non-empty string without surrounding spaces")
    return problems


def cell(activity, column):
    value = activity.get(column)
    if value is None:
        return ""
    if column in LIST_FIELDS:
        return "; ".join(str(v) for v in value)
    return str(value)


def to_csv(data):
    """The sample as Excel saves a CSV UTF-8 file: BOM, CRLF, minimal quoting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for activity in data["activities"]:
        writer.writerow([cell(activity, column) for column in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a copy in www/examples differs")
    args = parser.parse_args(argv)
    source = SAMPLE.read_bytes()
    try:
        data = json.loads(source.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"gen_sample: {SAMPLE.relative_to(REPO_ROOT)} is not valid UTF-8 JSON: {e}", file=sys.stderr)
        return 2
    problems = problems_of(data)
    if problems:
        print(f"gen_sample: {SAMPLE.relative_to(REPO_ROOT)} breaks the format:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    outputs = [(WWW_JSON, source), (WWW_CSV, to_csv(data))]
    if args.check:
        stale = [path for path, content in outputs if not path.exists() or path.read_bytes() != content]
        for path in stale:
            print(f"gen_sample: {path.relative_to(REPO_ROOT)} is out of date; run python3 tools/gen_sample.py",
                  file=sys.stderr)
        return 1 if stale else 0
    for path, content in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
