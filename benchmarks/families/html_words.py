"""Word banks and random phrases for the HTML report families (deterministic given an RNG).

Company names are kept out of body sentences so that a running header naming the company can
be told apart from body text by the furniture-leak score.
"""

from __future__ import annotations

import random

YEARS = [str(y) for y in range(2014, 2026)]
MEASURES = ["Revenue", "Margin", "Volume", "Orders", "Returns", "Sessions", "Headcount", "Capex",
            "Churn", "Backlog", "Yield", "Cost", "Units", "Share", "Growth", "Output"]
GROUPS = ["Alpine", "Coastal", "Northern", "Southern", "Eastern", "Western", "Central", "Overseas",
          "Retail", "Wholesale", "Online", "Industrial", "Consumer", "Public sector", "Nordics", "Iberia"]
LABELS = ["Berlin", "Lyon", "Porto", "Oslo", "Graz", "Leeds", "Turin", "Ghent", "Aarhus", "Bilbao",
          "Krakow", "Malmo", "Utrecht", "Basel", "Cork", "Brno", "Tampere", "Seville", "Bremen", "Nantes",
          "Bergen", "Zagreb", "Riga", "Tallinn", "Vilnius", "Ljubljana", "Plovdiv", "Debrecen", "Kosice",
          "Espoo", "Linz", "Lille", "Padua", "Varna", "Split", "Cluj", "Iasi", "Gdansk", "Poznan", "Lodz",
          "Sibiu", "Arad", "Braga", "Faro", "Girona", "Murcia", "Leon", "Vigo", "Bari", "Pisa", "Siena",
          "Parma", "Trento", "Udine", "Graz North", "Salzburg", "Innsbruck", "Dornbirn", "Aachen", "Kiel"]
METRICS = ["Net sales", "Gross margin", "Returns", "Sessions", "Orders", "Active users", "Unit cost",
           "Fill rate", "Lead time", "Complaints", "Staff", "Energy use"]
COMPANIES = ["Northwind Holdings", "Halvorsen Group", "Meridian Analytics", "Aster & Vale plc",
             "Quillon Industries", "Brightwater Logistics", "Korvel Systems AG", "Tamsin Energy",
             "Oakridge Capital", "Solenne Foods", "Vantor Maritime", "Pellucid Labs"]
DOC_KINDS = ["Annual Report", "Quarterly Review", "Technical Assessment", "Market Study",
             "Operations Update", "Sustainability Report", "Risk Review", "Programme Evaluation"]
TOPICS = ["Regional Performance", "Supply Chain Resilience", "Customer Retention", "Energy Efficiency",
          "Network Capacity", "Pricing Strategy", "Workforce Planning", "Product Quality",
          "Capital Allocation", "Service Levels", "Digital Channels", "Logistics Costs"]
SECTION_NOUNS = ["Overview", "Market conditions", "Revenue by region", "Operating costs", "Outlook",
                 "Methodology", "Key findings", "Risk factors", "Customer trends", "Investment plan",
                 "Product lines", "Staffing", "Results", "Recommendations", "Data sources",
                 "Pricing", "Capacity", "Quality metrics", "Governance", "Next steps", "Background",
                 "Scope", "Limitations", "Summary of changes", "Financial position", "Logistics"]
SUBJECTS = ["The group", "Demand", "The northern region", "Operating income", "The programme",
            "Average order value", "The review", "Management", "Customer satisfaction", "Throughput",
            "The board", "Unit volume", "The new platform", "Freight cost", "The pilot"]
VERBS = ["increased", "declined", "remained stable", "recovered", "outperformed plan", "slowed",
         "accelerated", "was revised", "exceeded expectations", "fell short of targets", "improved"]
TAILS = ["in the second half", "across most segments", "despite higher input costs",
         "compared with the prior year", "after the restructuring", "as new contracts started",
         "while inventory levels normalised", "following the price adjustment", "in every quarter",
         "mainly because of currency effects", "with a lag of two months", "on a like-for-like basis"]
FILLERS = ["analysts", "suppliers", "forecast", "capacity", "contracts", "pricing", "inventory",
           "volumes", "margins", "channels", "reporting", "operations", "targets", "budgets",
           "delivery", "warehouses", "tenders", "partners", "audits", "systems", "customers",
           "orders", "quality", "timelines", "estimates", "surveys", "metrics", "controls"]


def sentence(rng: random.Random, lo: int = 10, hi: int = 22) -> str:
    """A plain English-looking sentence of roughly lo..hi words, ending with a period."""
    base = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}"
    n = rng.randint(lo, hi) - len(base.split())
    extra = []
    if n > 2:
        extra = [rng.choice(["and", "while", "as", "with"])] + [rng.choice(FILLERS) for _ in range(n - 1)]
    return " ".join([base, *extra]) + "."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 6)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def title_phrase(rng: random.Random) -> str:
    return f"{rng.choice(MEASURES)} by {rng.choice(['region', 'segment', 'quarter', 'channel', 'site'])}" \
           f" {rng.choice(['and year', 'in detail', 'versus plan', 'at a glance', 'since launch'])}"


def heading_phrase(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        text = rng.choice(SECTION_NOUNS)
        if rng.random() < 0.4:
            text = f"{text} and {rng.choice(SECTION_NOUNS).lower()}"
        if text not in used:
            used.add(text)
            return text
    text = f"{rng.choice(SECTION_NOUNS)} {len(used)}"
    used.add(text)
    return text


def doc_title(rng: random.Random) -> str:
    return f"{rng.choice(TOPICS)}: {rng.choice(DOC_KINDS)} {rng.choice(YEARS)}"


def pick_labels(rng: random.Random, n: int) -> list[str]:
    return rng.sample(LABELS, min(n, len(LABELS)))


def pick_groups(rng: random.Random, n: int) -> list[str]:
    return rng.sample(GROUPS, min(n, len(GROUPS)))


def pick_metrics(rng: random.Random, n: int) -> list[str]:
    return rng.sample(METRICS, min(n, len(METRICS)))


def list_item(rng: random.Random) -> str:
    return sentence(rng, 5, 14)
