#!/usr/bin/env python3
"""Writes the indicators and reporting fixture and the template workbook.

    python3 -m venv /tmp/wbvenv && /tmp/wbvenv/bin/pip install openpyxl==3.1.5 odfpy==1.4.1
    /tmp/wbvenv/bin/python tools/gen_progress_fixture.py

Writes, from the tables below (every value chosen by hand; the answers and
reports follow fixed rules, no randomness):

- tests/fixtures/progress/*.csv: one file per table, saved the ways
  spreadsheets save CSV (indicators: UTF-8 with BOM and CRLF; responses:
  Excel's `sep=;` line, semicolons and decimal commas);
- tests/fixtures/progress/kyoto-progress.xlsx and .ods: the same tables as
  sheets, cells typed as Excel and LibreOffice type them (years, values and
  numeric codes as numbers, dates as date cells, World as the number 1);
- tests/fixtures/progress/libreoffice/: the .xlsx saved as .ods and the .ods
  saved as .xlsx by LibreOffice Calc (only when soffice is installed:
  apt-get install libreoffice-calc-nogui);
- tests/fixtures/progress/expected.json: the figures tests/progress.rs
  asserts, counted here independently of the Rust code;
- www/examples/kyoto-progress-template.xlsx: headers, one example row per
  sheet and a README sheet;
- data/sample-progress.json: the good rows of every table as one JSON
  document, the sample the indicators and reporting widgets show when a
  page gives them no src. `python3 tools/gen_progress_fixture.py --sample`
  writes only this file (no openpyxl needed).

The bad rows (each kind of problem) are listed in BAD_* below and in the
fixture's README (tests/fixtures/progress/README.md).
"""
import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

if "--sample" not in sys.argv:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from odf.number import DateStyle, Day, Month, Text as NumberText, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import Table, TableRow, TableCell
    from odf.text import P

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "progress")

CYCLES = ["2022", "2023", "2024", "2025", "2026"]
# 58 countries and territories (ISO 3166-1 alpha-3), and two regions: 60 areas.
COUNTRIES = (
    "ARG AUS AUT BEL BRA CAN CHE CHL CHN COL CRI CZE DEU DNK EGY ESP ETH FIN FRA GBR "
    "GHA GRC HUN IDN IND IRL ITA JPN KEN KOR LKA MAR MEX MYS NGA NLD NOR NZL PAK PER "
    "PHL POL PRT QAT ROU SAU SEN SGP SRB SWE THA TUN TUR UKR URY USA VNM ZAF"
).split()
assert len(COUNTRIES) == 58 and len(set(COUNTRIES)) == 58
WORLD, EUROPE = "001", "150"

# ------------------------------------------------------------------ indicators
IND_HEADER = ["id", "pillar", "theme", "paragraphs", "title", "unit", "direction",
              "baseline_year", "baseline_value", "target_year", "target_value",
              "sdg_indicator", "source", "footnote"]
INDICATORS = [
    ["I-1", "I", "Addressing the causes, including the root causes, of crime", "21",
     "Victims of intentional homicide", "per 100,000 population", "down", 2015, 6.2, 2030, 3.1,
     "16.1.1", "UNODC Homicide Statistics", ""],
    ["I-2", "I", "Evidence-based crime prevention", "22, 23",
     "Population that feels safe walking alone around the area they live after dark", "%", "up",
     2016, 69, 2030, 80, "16.1.4", "Crime victimization surveys", ""],
    ["I-3", "I", "Youth empowerment for crime prevention", "30",
     "Youth (15-24) not in education, employment or training", "%", "down", 2015, 21.8, "", "",
     "8.6.1", "ILO", "No numerical target: the growth-rate rule applies."],
    ["II-1", "II", "Improving prison conditions", 35,
     "Unsentenced detainees as a proportion of the overall prison population", "%", "down",
     2015, 31, 2030, 20, "16.3.2", "UN-CTS", ""],
    ["II-2", "II", "Safeguarding victims' rights and protecting witnesses and reporting persons", "31-34",
     "Victims of violence who reported their victimization to competent authorities", "%", "up",
     2016, 38, 2030, 60, "16.3.1", "Crime victimization surveys", "Survey rounds of two years."],
    ["II-3", "II", "Improving prison conditions", "35-36, 53",
     "Prison occupancy rate", "% of official capacity", "down", 2015, 112, "", "",
     "", "UN-CTS", ""],
    ["III-1", "III", "Effective anti-corruption efforts", "53-58",
     "Persons who paid a bribe to a public official", "%", "down", 2016, 22, 2030, 11,
     "16.5.1", "Corruption surveys", ""],
    ["III-2", "III", "Access to legal aid", 49,
     "Persons with a legal problem who received legal aid", "%", "up", 2017, 41, "", "",
     "", "Legal needs surveys", ""],
    ["III-3", "III", "Effective, accountable, impartial and inclusive institutions", "51, 52",
     "Population satisfied with their last experience of public services", "%", "up",
     2019, 55, 2030, 75, "16.6.2", "Household surveys", ""],
    ["IV-1", "IV", "International cooperation, including through capacity-building and technical assistance",
     "60-67", "Mutual legal assistance requests executed within six months", "%", "up",
     2018, 48, 2030, 75, "", "Central authorities", "Quarterly from 2023."],
    ["IV-2", "IV", "International cooperation to deprive criminals of their proceeds of crime", "68-72",
     "Total value of inward and outward illicit financial flows", "USD billion", "down",
     2017, 1600, "", "", "16.4", "UNCTAD/UNODC", ""],
    ["IV-3", "IV", "New, emerging and evolving forms of crime", "79-95",
     "States with cybercrime legislation aligned with international standards", "% of States", "up",
     2019, 62, 2030, 90, "", "UNODC", ""],
]
BAD_INDICATORS = [
    # pillar that does not exist
    ["V-1", "V", "", "", "Public trust in the police", "%", "up", 2018, 50, 2030, 70, "", "", ""],
    # direction unreadable
    ["I-4", "I", "", "29", "Children in detention", "per 100,000 children", "sideways", "", "", "", "", "", "", ""],
    # duplicate id
    ["I-1", "I", "", "21", "Homicide (duplicate row)", "per 100,000 population", "down", "", "", "", "", "", "", ""],
]

# ------------------------------------------------------------------ indicator data
DATA_HEADER = ["indicator", "area", "period", "value", "sex", "age", "location", "status", "comment"]


def obs(ind, area, period, value, sex="", age="", location="", status="", comment=""):
    return [ind, area, period, value, sex, age, location, status, comment]


HEADLINE = {
    "I-1": [(2015, 6.2), (2017, 6.0), (2019, 5.8), (2021, 5.8), (2023, 5.6)],
    "I-2": [(2016, 69), (2018, 70.5), (2020, 72), (2022, 73.5), (2024, 75)],
    "I-3": [(2015, 21.8), (2018, 22.4), (2021, 23.9), (2024, 23.3)],
    "II-1": [(2015, 31), (2018, 30.6), (2021, 30.4), (2023, 30.2)],
    "II-2": [("2016-2017", 38.5), ("2018-2019", 39.2), ("2020-2021", 39.4), ("2022-2023", 39)],
    "II-3": [(2015, 112), (2018, 109), (2021, 106), (2024, 104)],
    "III-1": [(2016, 22), (2019, 19.5), (2022, 17), (2024, 15)],
    "III-2": [(2017, 41), (2020, 43.5), (2024, 47)],
    "III-3": [(2019, 55), (2021, 54), (2023, 53.5)],
    "IV-1": [(2018, 48), (2019, 50), (2020, 49), (2021, 52), (2022, 54),
             ("2023-Q1", 55), ("2023-Q2", 56), ("2023-Q3", 57), ("2023-Q4", 58),
             ("2024-Q1", 59), ("2024-Q2", 60.5)],
    "IV-2": [(2017, 1600), (2019, 1650), (2021, 1700), (2023, 1750)],
    "IV-3": [(2019, 62), (2021, 66), (2023, 71), (2025, 76)],
}


def indicator_data():
    rows = []
    for ind, series in HEADLINE.items():
        for i, (period, value) in enumerate(series):
            status = "P" if i == len(series) - 1 else "A"
            rows.append(obs(ind, WORLD, period, value, status=status))
    # Breakdowns of the World series.
    for year, f, m in [(2015, 2.3, 10.1), (2019, 2.2, 9.4), (2023, 2.1, 9.1)]:
        rows.append(obs("I-1", WORLD, year, f, sex="female", status="E"))
        rows.append(obs("I-1", WORLD, year, m, sex="male", status="E"))
    for year, a, b in [(2015, 18.2, 25.1), (2021, 20.3, 27.2), (2024, 19.8, 26.5)]:
        rows.append(obs("I-3", WORLD, year, a, age="15-19"))
        rows.append(obs("I-3", WORLD, year, b, age="20-24"))
    for year, f, m in [(2015, 35.2, 30.7), (2023, 33.9, 29.9)]:
        rows.append(obs("II-1", WORLD, year, f, sex="female"))
        rows.append(obs("II-1", WORLD, year, m, sex="male"))
    for year, u, r in [(2016, 66, 73), (2024, 72.5, 78)]:
        rows.append(obs("I-2", WORLD, year, u, location="urban"))
        rows.append(obs("I-2", WORLD, year, r, location="rural"))
    rows.append(obs("I-2", WORLD, 2024, 71, sex="female", age="60+", comment="Older women"))
    # Europe, and some countries.
    for year, v in [(2015, 3.1), (2019, 2.9), (2023, 2.8)]:
        rows.append(obs("I-1", EUROPE, year, v))
    countries = {
        "I-1": {"JPN": [(2015, 0.3), (2023, 0.2)], "ROU": [(2015, 1.5), (2023, 1.2)],
                "BRA": [(2015, 28.4), (2019, 21.7), (2023, 20.6)], "KEN": [(2016, 5.1), (2022, 4.8)]},
        "II-1": {"IND": [(2015, 67.2), (2022, 75.8)], "DEU": [(2015, 18.1), (2022, 19.0)],
                 "MEX": [(2016, 39.5), (2023, 41.2)], "ROU": [(2015, 9.8), (2023, 8.1)]},
        "III-1": {"UKR": [(2016, 37.5), (2021, 26.0)], "SEN": [(2017, 24.0), (2023, 19.5)]},
        "IV-3": {"GHA": [(2019, 0), (2023, 100)], "PER": [(2019, 100), (2023, 100)]},
    }
    for ind, per_country in countries.items():
        for c, series in per_country.items():
            for year, v in series:
                rows.append(obs(ind, c, year, v, status="E" if c == "KEN" else ""))
    return rows


BAD_DATA = [
    obs("I-9", WORLD, 2023, 4.2),                     # no such indicator
    obs("I-1", "ROM", 2023, 1.2),                     # not an ISO alpha-3 code
    obs("I-1", "RO", 2022, 1.3),                      # alpha-2
    obs("II-1", WORLD, "FY2023", 30.1),               # period
    obs("II-1", "FRA", 2023, "n/a"),                  # value
    obs("II-1", "ITA", 2023, "1,234"),                # ambiguous number
    obs("I-1", WORLD, 2021, 2.4, sex="x"),            # sex
    obs("I-1", WORLD, 2023, 5.6),                     # duplicate of the headline 2023
    obs("IV-3", "ESP", 2023, 100, status="Z"),        # status: a warning, the row loads
]

# ------------------------------------------------------------------ questions
Q_HEADER = ["id", "pillar", "paragraphs", "indicator", "type", "choices", "text"]
QUESTIONS = [
    ["Q-I-1", "I", "22, 23", "", "yes/no", "",
     "Has your country adopted a national crime prevention strategy based on evidence?"],
    ["Q-I-2", "I", "27, 28", "", "choice", "1=Fully; 2=Partly; 3=Not at all",
     "To what extent is a gender perspective mainstreamed into crime prevention policies?"],
    ["Q-I-3", "I", "29, 30", "I-3", "multiple choice",
     "a=Schools; b=Sport; c=Employment; d=Online",
     "Which youth crime prevention programmes does your country run?"],
    ["Q-II-1", "II", "35, 36", "II-1", "number", "",
     "What was the prison occupancy rate (% of official capacity) at the end of the year?"],
    ["Q-II-2", "II", "31-34", "", "yes/no", "",
     "Does the law give victims the right to information, protection and participation?"],
    ["Q-II-3", "II", "43, 44", "", "choice", "1=Fully; 2=Partly; 3=Not at all",
     "Are gender-specific needs taken into account in criminal justice responses?"],
    ["Q-III-1", "III", "49", "III-2", "yes/no", "",
     "Is legal aid provided free of charge to those without sufficient means?"],
    ["Q-III-2", "III", "53-58", "III-1", "choice", "1=Yes, fully; 2=In part; 3=No",
     "Is there an independent anti-corruption body with adequate resources?"],
    ["Q-III-3", "III", "50", "", "text", "",
     "Describe recent reforms of national sentencing policies."],
    ["Q-IV-1", "IV", "60-67", "IV-1", "number", "",
     "How many requests for mutual legal assistance did your country execute?"],
    ["Q-IV-2", "IV", "79-95", "IV-3", "yes/no", "",
     "Is cybercrime legislation aligned with international standards in force?"],
    ["Q-IV-3", "IV", "68-72", "", "multiple choice",
     "a=Asset recovery; b=Beneficial ownership registers; c=Financial intelligence",
     "Which measures against illicit financial flows are in place?"],
]
BAD_QUESTIONS = [
    ["Q-X-1", "II", "47", "", "scale", "", "Rate criminal investigation processes."],   # type
    ["Q-X-2", "I", "26", "", "choice", "", "Which strategy is used?"],                   # no choices
    ["Q-X-3", "IV", "73-78", "IX-1", "yes/no", "",                                     # indicator (warning)
     "Has your country ratified the universal instruments against terrorism?"],
]
QUESTION_PILLAR = {q[0]: q[1] for q in QUESTIONS + BAD_QUESTIONS if q[0] != "Q-X-1" and q[0] != "Q-X-2"}

# ------------------------------------------------------------------ responses
R_HEADER = ["cycle", "area", "respondent_type", "respondent", "question", "answer",
            "submitted_on", "status", "evidence"]
PILLARS = ["I", "II", "III", "IV"]
NHRIS = {"GHA": "Commission on Human Rights and Administrative Justice", "KEN": "Kenya National Commission on Human Rights",
         "MEX": "Comisión Nacional de los Derechos Humanos", "PHL": "Commission on Human Rights of the Philippines",
         "POL": "Commissioner for Human Rights", "MAR": "Conseil national des droits de l'homme"}
CSOS = [("BRA", "Instituto Sou da Paz"), ("IND", "Commonwealth Human Rights Initiative"),
        ("KEN", "Kituo Cha Sheria"), ("GBR", "Penal Reform International"), ("ZAF", "Just Detention International SA"),
        ("UKR", "Ukrainian Helsinki Human Rights Union"), ("ARG", "CELS"), ("JPN", "Center for Prisoners' Rights")]
ACADEMIA = [("JPN", "UNAFEI Alumni Research Network"), ("ROU", "University of Bucharest, Faculty of Law"),
            ("AUS", "Australian Institute of Criminology"), ("ZAF", "University of Cape Town, Centre of Criminology")]
UN_ENTITIES = [(WORLD, "UNODC"), (WORLD, "OHCHR"), (WORLD, "UNDP")]


def state_answers(cycle_index, country_index):
    """The pillars a State answers in a cycle (empty: it did not answer)."""
    k, i = cycle_index, country_index
    # About 60% of States answer in each cycle, more in later cycles.
    if (i * 7 + k * 11) % 10 >= 5 + min(k, 3):
        return []
    first = (i + k) % 4
    count = 1 + (i + 2 * k) % 4   # 1 to 4 pillars
    return sorted({PILLARS[(first + j) % 4] for j in range(count)}, key=PILLARS.index)


def mix(n):
    """A fixed scramble of a counter (Knuth's multiplicative hash)."""
    return (n * 2654435761 % 2**32) >> 8


def answer_for(qid, kind, choices, cycle_index, n):
    """A fixed answer: n is a counter that varies by respondent."""
    if kind == "yes/no":
        return "yes" if (mix(n) + cycle_index) % 3 else "no"
    if kind == "choice":
        codes = [c.split("=")[0] for c in choices.split("; ")]
        return int(codes[(mix(n) + cycle_index) % len(codes)])
    if kind == "multiple choice":
        codes = [c.split("=")[0] for c in choices.split("; ")]
        picked = [codes[j] for j in range(len(codes)) if (n >> j) & 1 or j == n % len(codes)]
        return ", ".join(picked)
    if kind == "number":
        if qid == "Q-II-1":
            return 80 + (n * 13 + cycle_index * 5) % 90 + 0.5 * (n % 2)
        return 10 + (n * 37 + cycle_index) % 400
    return "Reform of sentencing guidelines adopted in {}.".format(2020 + (n % 5))


def status_for(cycle_index, n):
    if cycle_index == 4 and n % 4 == 0:
        return "draft"
    if cycle_index == 4 and n % 4 == 1:
        return "submitted"
    if n % 17 == 0:
        return "validated"
    return "published"


def date_in(cycle, month, day):
    return dt.date(int(cycle), month, day)


def responses():
    rows = []
    n = 0
    qs = {q[0]: q for q in QUESTIONS}
    for k, cycle in enumerate(CYCLES):
        for i, c in enumerate(COUNTRIES):
            for pillar in state_answers(k, i):
                for q in QUESTIONS:
                    if q[1] != pillar:
                        continue
                    n += 1
                    submitted = date_in(cycle, 2 + (i % 3), 1 + (i * 3) % 28)
                    rows.append([cycle, c, "State", "Government of " + c, q[0],
                                 answer_for(q[0], q[4], q[5], k, n), submitted,
                                 status_for(k, n),
                                 "https://example.org/{}/{}/{}".format(cycle, c, q[0]) if n % 5 == 0 else ""])
        others = ([("national human rights institution", a, name) for a, name in NHRIS.items()]
                  + [("civil society", a, name) for a, name in CSOS]
                  + [("academia", a, name) for a, name in ACADEMIA]
                  + [("UN entity", a, name) for a, name in UN_ENTITIES])
        for j, (rtype, area, name) in enumerate(others):
            if (j + k) % 3 == 2:
                continue   # does not answer this cycle
            pillar = PILLARS[(j + k) % 4]
            for q in QUESTIONS:
                if q[1] != pillar:
                    continue
                n += 1
                rows.append([cycle, area, rtype, name, q[0], answer_for(q[0], q[4], q[5], k, n),
                             date_in(cycle, 4, 1 + j), status_for(k, n), ""])
    return rows


BAD_RESPONSES = [
    ["2024", "KEN", "State", "Government of KEN", "Q-I-1", "maybe", dt.date(2024, 3, 2), "published", ""],   # yes/no
    ["2024", "KEN", "State", "Government of KEN", "Q-Z-9", "yes", dt.date(2024, 3, 2), "published", ""],     # question
    ["2024", "KEN", "Parliament", "National Assembly", "Q-I-1", "yes", dt.date(2024, 3, 2), "published", ""],  # type
    ["2024", EUROPE, "State", "Council of Europe", "Q-IV-2", "yes", dt.date(2024, 3, 2), "published", ""],  # State in a region
    ["2023", "ROU", "State", "Government of ROU", "Q-II-1", "about 95", dt.date(2023, 3, 10), "published", ""],  # number
    ["2023", "ROU", "State", "Government of ROU", "Q-I-2", 4, dt.date(2023, 3, 10), "published", ""],  # code
    ["2025", "JPN", "State", "Ministry of Justice", "Q-III-3", "Sentencing council report.", "31/02/2025", "published", ""],  # date: warning
    ["2025", "JPN", "State", "Government of JPN", "Q-III-3", "Second answer.", dt.date(2025, 3, 1), "final", ""],  # status
]

# ------------------------------------------------------------------ reports
REP_HEADER = ["id", "area", "cycle", "type", "due_on", "submitted_on", "pillars", "paragraphs",
              "languages", "link"]


def reports(resp_rows):
    rows = []
    answered = {}   # (cycle, country) -> pillars answered (any status)
    for r in resp_rows:
        if r[2] == "State":
            answered.setdefault((r[0], r[1]), set()).add(QUESTION_PILLAR[r[4]])
    for k, cycle in enumerate(CYCLES):
        due = date_in(cycle, 3, 31)
        for i, c in enumerate(COUNTRIES):
            pillars = sorted(answered.get((cycle, c), set()), key=PILLARS.index)
            rid = "Q{}-{}".format(cycle, c)
            if pillars:
                late = (i + k) % 5 == 0
                submitted = date_in(cycle, 5, 10) if late else date_in(cycle, 3, 1 + (i % 28))
                paras = {"I": "22, 23", "II": "35, 36", "III": "53-58", "IV": "60-67"}
                rows.append([rid, c, cycle, "questionnaire", due, submitted, ", ".join(pillars),
                             ", ".join(paras[p] for p in pillars),
                             "en" if i % 3 else "en; fr", "https://example.org/reports/" + rid])
            elif (i + k) % 2 == 0:
                # Expected but not received.
                rows.append([rid, c, cycle, "questionnaire", due, "", "all", "", "", ""])
        # Voluntary reports and thematic submissions.
        for j, c in enumerate(COUNTRIES[k * 3:k * 3 + 3]):
            rows.append(["VR{}-{}".format(cycle, c), c, cycle, "voluntary report", date_in(cycle, 6, 30),
                         date_in(cycle, 6, 15) if j != 2 else date_in(cycle, 7, 20), "all", "", "en; es", ""])
        rows.append(["TS{}-UNODC".format(cycle), WORLD, cycle, "thematic submission", date_in(cycle, 9, 30),
                     date_in(cycle, 9, 1) if k < 4 else "", "IV", "79-95", "en", ""])
    return rows


BAD_REPORTS = [
    ["X2024-KEN", "KEN", "2024", "letter", dt.date(2024, 3, 31), dt.date(2024, 3, 5), "I", "", "en", ""],  # type
    ["X2024-SEN", "SEN", "2024", "voluntary report", dt.date(2024, 6, 30), "soon", "II", "", "fr", ""],     # submitted: error
    ["X2025-PER", "PER", "2025", "voluntary report", "Q1 2025", dt.date(2025, 3, 2), "II, V", "", "es, Klingon", ""],  # warnings
    ["Q2022-ARG", "ARG", "2022", "questionnaire", dt.date(2022, 3, 31), dt.date(2022, 3, 1), "I", "", "es", ""],  # duplicate id
]

AS_OF = dt.date(2026, 8, 1)


# ------------------------------------------------------------------ expected figures
def expected(ind_rows, data_rows, q_rows, resp_rows, rep_rows):
    """Counted directly from the rows that load, without the crate."""
    good_q = {q[0]: q for q in QUESTIONS}
    shown = [r for r in resp_rows if r[7] == "published" and r[4] in good_q]
    out = {"cycles": {}}
    for cycle in CYCLES:
        c_rows = [r for r in shown if r[0] == cycle]
        cyc = {"states_answered": len({r[1] for r in c_rows if r[2] == "State"}), "pillars": {}}
        good_reports = [r for r in rep_rows if r[2] == cycle]
        def timing(r):
            due, sub = r[4], r[5]
            if isinstance(sub, dt.date):
                return "late" if isinstance(due, dt.date) and sub > due else "on_time"
            if isinstance(due, dt.date) and AS_OF <= due:
                return "not_yet_due"
            return "missing"
        for t in ["questionnaire", "voluntary report", "thematic submission"]:
            counts = {"on_time": 0, "late": 0, "missing": 0, "not_yet_due": 0}
            for r in good_reports:
                if r[3] == t:
                    counts[timing(r)] += 1
            cyc[t] = counts
        for p in PILLARS:
            states = {r[1] for r in c_rows if r[2] == "State" and good_q[r[4]][1] == p}
            others = {(r[2], r[1], r[3]) for r in c_rows if r[2] != "State" and good_q[r[4]][1] == p}
            cover = [r for r in good_reports if p in covered(r)]
            counts = {"on_time": 0, "late": 0, "missing": 0, "not_yet_due": 0}
            reporting = set(states)
            for r in cover:
                t = timing(r)
                counts[t] += 1
                if t in ("on_time", "late") and r[1] not in (WORLD, EUROPE):
                    reporting.add(r[1])
            cyc["pillars"][p] = {"states_answered": len(states), "other_respondents": len(others),
                                 "states_reporting": len(reporting), "reports": counts}
        out["cycles"][cycle] = cyc
    # One question's distribution, cycle 2024.
    q = "Q-I-2"
    dist = {}
    for code in ["1", "2", "3"]:
        dist[code] = [
            sum(1 for r in shown if r[0] == "2024" and r[4] == q and str(r[5]) == code and r[2] == "State"),
            sum(1 for r in shown if r[0] == "2024" and r[4] == q and str(r[5]) == code and r[2] != "State"),
        ]
    out["distribution_2024_Q-I-2"] = dist
    nums = sorted(r[5] for r in shown if r[0] == "2024" and r[4] == "Q-II-1" and r[2] == "State")
    mid = len(nums) // 2
    median = nums[mid] if len(nums) % 2 else (nums[mid - 1] + nums[mid]) / 2
    out["numbers_2024_Q-II-1_states"] = {"count": len(nums), "min": nums[0], "median": median, "max": nums[-1]}
    out["responses_loaded"] = len(resp_rows)
    out["responses_published"] = len(shown)
    out["reports_loaded"] = len(rep_rows)
    out["observations_loaded"] = len(data_rows)
    return out


def covered(r):
    pillars = set()
    if r[6] == "all":
        pillars = set(PILLARS)
    elif r[6]:
        pillars = {p.strip() for p in r[6].split(",")} & set(PILLARS)
    for part in str(r[7]).split(","):
        part = part.strip()
        if not part:
            continue
        a, _, b = part.partition("-")
        for n in range(int(a), int(b or a) + 1):
            pillars.add("I" if n <= 30 else "II" if n <= 47 else "III" if n <= 59 else "IV")
    return pillars


# ------------------------------------------------------------------ writers
def text_of(v, decimal_comma=False):
    if v is None or v == "":
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        s = repr(v)
        if s.endswith(".0"):
            s = s[:-2]
        return s.replace(".", ",") if decimal_comma else s
    if isinstance(v, int):
        return str(v)
    return str(v)


def write_csv(name, header, rows, bom=False, crlf=False, sep=",", sep_line=False, decimal_comma=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n" if crlf else "\n")
    if sep_line:
        buf.write("sep={}{}".format(sep, "\r\n" if crlf else "\n"))
    w.writerow(header)
    for r in rows:
        w.writerow([text_of(v, decimal_comma and isinstance(v, float)) for v in r])
    data = buf.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def cell_value(v, column):
    """The value as a person typing into Excel would leave it."""
    if v == "" or v is None:
        return None
    if isinstance(v, (int, float, dt.date)):
        return v
    if column == "area" and v == WORLD:
        return 1          # Excel drops the leading zeros of 001
    if column in ("paragraphs", "cycle", "period") and v.isdigit():
        return int(v)
    return v


def write_xlsx(path, sheets, readme=None):
    wb = Workbook()
    wb.remove(wb.active)
    if readme:
        ws = wb.create_sheet("README")
        for line in readme:
            ws.append([line])
        ws.column_dimensions["A"].width = 110
    for name, header, rows in sheets:
        ws = wb.create_sheet(name)
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([cell_value(v, header[i]) for i, v in enumerate(r)])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, dt.date):
                    c.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        for i, h in enumerate(header):
            ws.column_dimensions[chr(ord("A") + i)].width = max(10, len(h) + 2)
    # A fixed creation time, so that the file is the same on every run.
    wb.properties.created = dt.datetime(2026, 12, 1)
    wb.properties.modified = dt.datetime(2026, 12, 1)
    wb.properties.creator = "kyoto-widgets"
    wb.save(path)


def write_ods(path, sheets):
    doc = OpenDocumentSpreadsheet()
    # Dates shown as 2024-03-15, as LibreOffice's ISO date format.
    iso = DateStyle(name="N36")
    iso.addElement(Year(style="long"))
    iso.addElement(NumberText(text="-"))
    iso.addElement(Month(style="long"))
    iso.addElement(NumberText(text="-"))
    iso.addElement(Day(style="long"))
    doc.automaticstyles.addElement(iso)
    date_cell = Style(name="ce1", family="table-cell", datastylename="N36")
    doc.automaticstyles.addElement(date_cell)
    for name, header, rows in sheets:
        t = Table(name=name)
        for r in [header] + rows:
            tr = TableRow()
            for i, v in enumerate(r):
                v = v if r is header else cell_value(v, header[i])
                if v is None:
                    tc = TableCell()
                elif isinstance(v, dt.date):
                    tc = TableCell(valuetype="date", datevalue=v.isoformat(), stylename=date_cell)
                    tc.addElement(P(text=v.isoformat()))
                elif isinstance(v, (int, float)):
                    tc = TableCell(valuetype="float", value=repr(v) if isinstance(v, float) else str(v))
                    tc.addElement(P(text=text_of(v)))
                else:
                    tc = TableCell(valuetype="string")
                    tc.addElement(P(text=str(v)))
                tr.addElement(tc)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    doc.save(path)


# The two values of the good indicators that the fixture keeps for their
# warnings (a paragraph of pillar III under a pillar II indicator, an SDG
# target where an indicator belongs), as the sample gives them: the sample
# reads without a problem.
SAMPLE_CORRECTIONS = {"II-3": {"paragraphs": "35-36"}, "IV-2": {"sdg_indicator": "16.4.1"}}


def sample_indicators():
    rows = []
    for row in INDICATORS:
        row = list(row)
        for column, value in SAMPLE_CORRECTIONS.get(row[0], {}).items():
            row[IND_HEADER.index(column)] = value
        rows.append(row)
    return rows


def write_sample():
    """The good rows of every table as one JSON document (records keyed by
    column; blank cells left out)."""
    resp = [r for r in responses()]
    tables = [("indicators", IND_HEADER, sample_indicators()), ("indicator_data", DATA_HEADER, indicator_data()),
              ("questions", Q_HEADER, QUESTIONS), ("responses", R_HEADER, resp),
              ("reports", REP_HEADER, reports(resp))]
    doc = {name: [{k: text_of(v) for k, v in zip(header, row) if text_of(v) != ""} for row in rows]
           for name, header, rows in tables}
    with open(os.path.join(ROOT, "data", "sample-progress.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def main():
    if "--sample" in sys.argv:
        write_sample()
        return 0
    os.makedirs(OUT, exist_ok=True)
    ind_rows = INDICATORS[:4] + [BAD_INDICATORS[0]] + INDICATORS[4:9] + BAD_INDICATORS[1:] + INDICATORS[9:]
    data_rows = indicator_data()
    # Bad rows spread through the table.
    for j, bad in enumerate(BAD_DATA):
        data_rows.insert(5 + j * 11, bad)
    q_rows = QUESTIONS[:3] + BAD_QUESTIONS[:1] + QUESTIONS[3:8] + BAD_QUESTIONS[1:] + QUESTIONS[8:]
    resp_rows = responses()
    for j, bad in enumerate(BAD_RESPONSES):
        resp_rows.insert(40 + j * 97, bad)
    rep_rows = reports([r for r in resp_rows if r not in BAD_RESPONSES])
    for j, bad in enumerate(BAD_REPORTS):
        rep_rows.insert(20 + j * 31, bad)

    write_csv("indicators.csv", IND_HEADER, ind_rows, bom=True, crlf=True)
    write_csv("indicator_data.csv", DATA_HEADER, data_rows)
    write_csv("questions.csv", Q_HEADER, q_rows)
    write_csv("responses.csv", R_HEADER, resp_rows, sep=";", sep_line=True, decimal_comma=True, crlf=True)
    write_csv("reports.csv", REP_HEADER, rep_rows)
    sheets = [("indicators", IND_HEADER, ind_rows), ("indicator_data", DATA_HEADER, data_rows),
              ("questions", Q_HEADER, q_rows), ("responses", R_HEADER, resp_rows),
              ("reports", REP_HEADER, rep_rows)]
    write_xlsx(os.path.join(OUT, "kyoto-progress.xlsx"), sheets, readme=[
        "Kyoto Declaration follow-up: indicators and reporting (test fixture).",
        "Made by tools/gen_progress_fixture.py; see tests/fixtures/progress/README.md.",
    ])
    write_ods(os.path.join(OUT, "kyoto-progress.ods"), sheets)
    libreoffice()

    keys = [(r[0], r[1], r[2], r[3], r[4]) for r in resp_rows if r not in BAD_RESPONSES]
    assert len(keys) == len(set(keys)), "duplicate answers"
    good_data = [r for r in data_rows if r not in BAD_DATA or r[7] == "Z"]
    good_resp = [r for r in resp_rows if r not in BAD_RESPONSES or r[6] == "31/02/2025"]
    good_rep = [r for r in rep_rows if r not in BAD_REPORTS or r[0] == "X2025-PER"]
    figures = expected(INDICATORS, good_data, QUESTIONS, good_resp, good_rep)
    figures["rows"] = {"indicators": len(ind_rows), "indicator_data": len(data_rows),
                       "questions": len(q_rows), "responses": len(resp_rows), "reports": len(rep_rows)}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(figures, f, indent=1, sort_keys=True)
        f.write("\n")

    template()
    write_sample()
    print(json.dumps(figures["rows"]))


def libreoffice():
    """The fixture workbooks as LibreOffice Calc saves them (the .xlsx saved
    as .ods and the .ods as .xlsx), when soffice is installed (Debian's
    libreoffice-calc-nogui)."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: tests/fixtures/progress/libreoffice/ left as it is")
        return
    out = os.path.join(OUT, "libreoffice")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        for source, to in [("kyoto-progress.xlsx", "ods"), ("kyoto-progress.ods", "xlsx")]:
            subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                            "--norestore", "--convert-to", to, "--outdir", out,
                            os.path.join(OUT, source)], check=True, capture_output=True)


def template():
    readme = [
        "Kyoto Declaration follow-up: indicators and reporting - template",
        "",
        "Fill in one sheet per table; keep the sheet names and the header row. Delete the example rows.",
        "The format, every column and the rules: docs/progress-data-format.md in kyoto-widgets.",
        "",
        "indicators: one row per indicator. pillar I-IV; direction up (higher is better) or down;",
        "  baseline and target: a year and a value each (leave the target empty when there is none).",
        "indicator_data: one row per value. area: ISO 3166-1 alpha-3 (ROU) or a region (001 World);",
        "  period 2023, 2022-2023 or 2023-Q4; sex, age and any other column you add are breakdowns;",
        "  status A (normal), E (estimated), P (provisional), I (imputed), F (forecast), B (break).",
        "questions: type yes/no, choice, multiple choice, number or text; choices as 1=Fully; 2=Partly.",
        "responses: respondent_type State, national human rights institution, civil society, academia",
        "  or UN entity; answer: yes/no, a code (several separated by commas), a number or text;",
        "  status draft, submitted, validated or published (only published answers are shown).",
        "reports: type questionnaire, voluntary report or thematic submission; leave submitted_on",
        "  empty while the report has not arrived; pillars I, II or all; languages en, fr, es, ru, zh, ar.",
    ]
    sheets = [
        ("indicators", IND_HEADER, [INDICATORS[3]]),
        ("indicator_data", DATA_HEADER, [obs("II-1", WORLD, 2023, 30.2, status="P")]),
        ("questions", Q_HEADER, [QUESTIONS[1]]),
        ("responses", R_HEADER, [["2024", "ROU", "State", "Ministry of Justice", "Q-I-2", 2,
                                  dt.date(2024, 3, 15), "published", "https://example.org/evidence"]]),
        ("reports", REP_HEADER, [["Q2024-ROU", "ROU", "2024", "questionnaire", dt.date(2024, 3, 31),
                                  dt.date(2024, 3, 15), "I, II", "22, 23, 35, 36", "en; fr", ""]]),
    ]
    path = os.path.join(ROOT, "www", "examples", "kyoto-progress-template.xlsx")
    write_xlsx(path, sheets, readme=readme)
    # Seeds of the fuzz targets (docs/fuzzing.md).
    seeds = os.path.join(ROOT, "fuzz", "corpus", "progress_workbook")
    os.makedirs(seeds, exist_ok=True)
    write_xlsx(os.path.join(seeds, "template.xlsx"), sheets)
    write_ods(os.path.join(seeds, "template.ods"), sheets)
    tables = os.path.join(ROOT, "fuzz", "corpus", "progress_tables")
    os.makedirs(tables, exist_ok=True)
    names = ["indicators.csv", "indicator_data.csv", "questions.csv", "responses.csv", "reports.csv"]
    heads = []
    for n in names:
        with open(os.path.join(OUT, n), "rb") as f:
            heads.append(b"".join(f.readlines()[:8]))
    with open(os.path.join(tables, "fixture-heads"), "wb") as f:
        f.write(b"\n===\n".join(heads))
    bad = [b"", b"", b"", b"", b""]
    with open(os.path.join(OUT, "indicator_data.csv"), "rb") as f:
        lines = f.readlines()
    bad[1] = b"".join([lines[0]] + [l for l in lines if b"I-9" in l or b"ROM" in l or b"FY2023" in l
                                     or b"n/a" in l or b'"1,234"' in l or b",x," in l])
    with open(os.path.join(OUT, "indicators.csv"), "rb") as f:
        bad[0] = f.read()
    with open(os.path.join(tables, "bad-data"), "wb") as f:
        f.write(b"\n===\n".join(bad[:2]))
    with open(os.path.join(tables, "json"), "w") as f:
        f.write("\n===\n".join(["", "", "", "", "", json.dumps({
            "indicators": [{"id": "I-1", "pillar": 1, "title": "Homicide", "direction": "down",
                            "baseline_year": 2015, "baseline_value": 6.2, "target_year": 2030,
                            "target_value": 3.1, "paragraphs": [21]}],
            "indicator_data": [{"indicator": "I-1", "area": "WLD", "period": 2015, "value": 6.2},
                               {"indicator": "I-1", "area": "001", "period": "2023-Q4", "value": "5,6",
                                "sex": "F"}],
            "questions": [{"id": "Q-1", "pillar": "I", "type": "choice", "choices": ["1=Yes", "2=No"],
                           "text": "Is there a strategy?"}],
            "responses": [{"cycle": 2024, "area": "ROU", "respondent_type": "State", "respondent": "MoJ",
                           "question": "Q-1", "answer": 1, "status": "published"}],
            "reports": [{"id": "R-1", "area": "ROU", "cycle": "2024", "type": "questionnaire",
                         "due_on": "2024-03-31", "submitted_on": "2024-04-02", "pillars": "all"}]})]))


if __name__ == "__main__":
    sys.exit(main())
