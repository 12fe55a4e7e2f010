"""Running text for the chart-page families: report titles, numbered headings, paragraphs,
list items. Plain data from a seeded RNG (the truth is this data, never the PDF read back)."""

from __future__ import annotations

import random

_COMPANY = ("Kestrel", "Larkfield", "Oakmont", "Brightwater", "Fenwick", "Stonebridge", "Westmere", "Ashdown")
_REPORT = ("Quarterly Performance Report", "Annual Market Review", "Sales and Operations Update",
           "Regional Results Summary", "Customer Activity Report", "Trading Statement")
_TOPICS = ("Sales Overview", "Regional Results", "Channel Performance", "Seasonal Trends", "Customer Mix",
           "Cost Development", "Market Share", "Outlook", "Product Lines", "Order Volume", "Web Traffic",
           "Pricing", "Service Levels", "Investment Plan")
_SUBJ = ("Demand in the northern stores", "The online channel", "Average basket size", "Spending on freight",
         "The share of repeat customers", "Wholesale volume", "Staff costs", "Energy use per site",
         "Order intake", "The partner network", "Export revenue", "Return rates")
_VERB = ("rose steadily", "fell slightly", "held broadly flat", "recovered in the second half",
         "outpaced the plan", "lagged the prior year", "improved after the price change",
         "softened towards the end of the period", "stayed within the target range")
_TAIL = ("as new accounts came on stream", "despite higher input costs", "while volumes were stable",
         "helped by a milder winter", "because two large contracts moved into the next period",
         "in line with the budget", "with the largest change in the smaller regions",
         "which the chart below sets out by segment", "and the pattern is expected to continue")
_ITEMS = ("Review the pricing of the smaller accounts", "Extend the pilot to two more regions",
          "Reduce stock held at the central warehouse", "Renegotiate the freight contract",
          "Publish the monthly figures a week earlier", "Hire two analysts for the data team",
          "Close the loss-making outlet", "Move the partner programme online")


def title(rng: random.Random) -> str:
    return f"{rng.choice(_COMPANY)} {rng.choice(_REPORT)} {rng.randint(2019, 2026)}"


def topics(rng: random.Random, n: int) -> list[str]:
    return rng.sample(_TOPICS, n)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJ)} {rng.choice(_VERB)} {rng.choice(_TAIL)}."


def paragraph(rng: random.Random, lo: int = 2, hi: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def list_items(rng: random.Random, n: int) -> list[str]:
    return [f"{t}." for t in rng.sample(_ITEMS, n)]
