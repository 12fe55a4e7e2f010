"""Deterministic prose for generated documents: titles, headings, sentences, list items, captions.

Everything is drawn from a :class:`random.Random` passed in by the caller (no module state), so a
seed fixes the text. The vocabulary mixes short and long words so that justified, hyphenated
columns break words at line ends; a few sentences carry curly quotes and dashes so that the
scorer's folding is exercised.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_NOUNS = (
    "analysis assessment budget capacity community construction contract coverage demand "
    "development distribution efficiency emissions employment environment equipment evaluation "
    "expenditure facility framework governance household implementation improvement "
    "infrastructure investment maintenance management measurement methodology monitoring "
    "network operation organisation participation performance procurement programme "
    "questionnaire recommendation regulation reliability requirement resilience revenue "
    "sampling settlement stakeholder strategy supervision sustainability technology "
    "transportation utilisation variability workforce consumption reservoir catchment "
    "interoperability accountability characterisation documentation"
).split()
_SHORT_NOUNS = [n for n in _NOUNS if len(n) <= 8]
_ADJECTIVES = (
    "annual regional significant considerable substantial comparative operational "
    "environmental institutional preliminary representative independent longitudinal "
    "statistical administrative intermediate structural municipal agricultural residential "
    "commercial industrial technical financial seasonal national provisional"
).split()
_VERBS = (
    "increased decreased remained improved exceeded supported indicated confirmed reduced "
    "stabilised accelerated outperformed underestimated demonstrated accommodated"
).split()
_CONNECTORS = (
    "In addition,|However,|As a result,|In contrast,|Consequently,|Over the same period,|"
    "Taken together,|Nevertheless,|For comparison,|In most districts,"
).split("|")
_SUBJECTS = ("the committee|the survey team|field staff|the regional office|independent reviewers|"
             "the working group|local partners|the audit panel").split("|")
_TOPICS = (
    "Water Quality|Network Renewal|Customer Service|Energy Use|Asset Condition|Flood Resilience|"
    "Financial Performance|Staff Training|Procurement Practice|Data Governance|Catchment Health|"
    "Demand Forecasting|Leakage Control|Capital Programme|Risk Register|Community Engagement"
).split("|")
_SUBTOPICS = (
    "Scope|Data Sources|Sampling Design|Key Findings|Limitations|Cost Drivers|Regional Results|"
    "Method Changes|Quality Assurance|Outlook|Stakeholder Feedback|Implementation Status|"
    "Benchmarking|Monitoring Plan|Lessons Learned|Open Questions"
).split("|")
_ORGS = ("Meridian Water Authority|Northgate Transit Board|Halvorsen Energy Trust|"
         "Coastal Health Observatory|Brightwater Housing Council|Eastmoor Rail Partnership").split("|")
_REPORT_KINDS = ("Annual Review|Technical Report|Performance Assessment|Programme Evaluation|"
                 "Status Report|Research Bulletin").split("|")
_FIGURE_THINGS = ("quarterly demand by district|network age profile|sampling locations|"
                  "cost breakdown by category|trend in reported incidents|staffing levels|"
                  "energy intensity by site|survey response rates").split("|")


@dataclass(frozen=True)
class Masthead:
    """The strings that name a generated report (title, organisation, kind, year)."""

    title: str
    organisation: str
    kind: str
    year: int


def masthead(rng: random.Random) -> Masthead:
    topic = rng.choice(_TOPICS)
    org = rng.choice(_ORGS)
    kind = rng.choice(_REPORT_KINDS)
    year = rng.randint(2015, 2026)
    adjective = rng.choice(_ADJECTIVES).capitalize()
    title = f"{adjective} {kind.split()[0]} of {topic}"
    return Masthead(title=title, organisation=org, kind=kind, year=year)


def _clause(rng: random.Random) -> str:
    adj = rng.choice(_ADJECTIVES)
    noun = rng.choice(_NOUNS)
    verb = rng.choice(_VERBS)
    obj = rng.choice(_NOUNS)
    pct = rng.randint(2, 48)
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"{adj} {noun} {verb} by {pct} per cent compared with the previous {obj} cycle"
    if pattern == 1:
        return f"{rng.choice(_SUBJECTS)} reviewed the {adj} {noun} and the related {obj} records"
    if pattern == 2:
        return f"the {noun} {verb} in {rng.randint(3, 19)} of the {rng.randint(20, 40)} districts"
    if pattern == 3:
        return f"{adj} {noun} depends on {rng.choice(_ADJECTIVES)} {obj} and on {noun} planning"
    return f"the {adj} {obj} framework {verb} the expected {noun} targets"


def sentence(rng: random.Random) -> str:
    text = _clause(rng)
    roll = rng.random()
    if roll < 0.3:
        text = f"{rng.choice(_CONNECTORS)} {text}"
    elif roll < 0.4:
        text = f"{text}, while {_clause(rng)}"
    elif roll < 0.46:
        text = f"{text} \u2014 {_clause(rng)}"  # em dash
    elif roll < 0.5:
        text = f"{text}, described as \u201c{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}\u201d"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, min_sentences: int = 3, max_sentences: int = 7) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(min_sentences, max_sentences)))


def list_item(rng: random.Random) -> str:
    text = _clause(rng)
    if rng.random() < 0.4:
        text += f", with {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} reported separately"
    return text[0].upper() + text[1:] + "."


def section_title(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        title = rng.choice(_TOPICS)
        if rng.random() < 0.5:
            title = f"{rng.choice(_ADJECTIVES).capitalize()} {title}"
        if title not in used:
            used.add(title)
            return title
    title = f"{rng.choice(_TOPICS)} {len(used) + 1}"
    used.add(title)
    return title


def subsection_title(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        title = rng.choice(_SUBTOPICS)
        if rng.random() < 0.5:
            title = f"{title} for {rng.choice(_NOUNS).capitalize()}"
        if title not in used:
            used.add(title)
            return title
    title = f"{rng.choice(_SUBTOPICS)} {len(used) + 1}"
    used.add(title)
    return title


def figure_caption(rng: random.Random) -> str:
    return f"{rng.choice(_FIGURE_THINGS).capitalize()}, {rng.choice(_ADJECTIVES)} view"


def table_caption(rng: random.Random) -> str:
    return f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} by {rng.choice(_NOUNS)}"


def footnote_text(rng: random.Random) -> str:
    return (f"Figures for {rng.choice(_NOUNS)} exclude {rng.choice(_ADJECTIVES)} "
            f"{rng.choice(_NOUNS)} reported after the census date.")


def table_rows(rng: random.Random, n_rows: int, n_cols: int) -> list[list[str]]:
    """A header row (labels) and numeric body rows with a label column."""
    header = ["Item"] + [str(2015 + i) if rng.random() < 0.5 else rng.choice(_SHORT_NOUNS).capitalize()
                         for i in range(n_cols - 1)]
    rows = [header]
    for _ in range(n_rows):
        label = rng.choice(_SHORT_NOUNS).capitalize()
        rows.append([label] + [f"{rng.uniform(0, 999):.1f}" for _ in range(n_cols - 1)])
    return rows
