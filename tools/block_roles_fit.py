"""``python -m tools.train_block_roles fit``: fit, compare with the hand rules, export.

Target: is the block a heading (or the title)? Rows: the blocks that the hand rules did not
send to page furniture, captions or formulas and whose truth label is known (furniture,
captions and formulas have cues of their own that the rules read well). Document-grouped
5-fold cross-validation prints, per source, how often the model's decision and the rules'
decision agree with the truth, and where each is wrong; then the model is fitted on all rows
and exported (see ``train_block_roles``'s docstring).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from docparse.regions.block_features import FEATURE_NAMES

REPO = Path(__file__).resolve().parents[1]
# the rules at and after learned_heading in RULES: the blocks that reach the model at run time
TAIL_RULES = {"learned_heading", "heading_by_type", "caps_heading", "distinct_face_heading", "footnote", "list_item",
              "formula", "paragraph"}
HEADING_RULE_NAMES = {"heading_by_type", "caps_heading", "distinct_face_heading"}
PARAMS = {"objective": "binary", "learning_rate": 0.08, "num_leaves": 15, "max_depth": 5,
          "min_data_in_leaf": 8, "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1,
          "lambda_l2": 1.0, "verbose": -1, "seed": 7, "num_threads": 1}
ROUNDS = 150


def load_rows(work: Path, files: list[str]) -> list[dict]:
    rows = []
    for name in files:
        path = work / name
        if path.exists():
            rows += [json.loads(line) for line in path.open(encoding="utf-8")]
    from tools.train_block_roles import relabel

    relabel(work, [r for r in rows if not r["source"].startswith("docbank/")])
    return [r for r in rows if r["label"] is not None and r.get("rule_name", "paragraph") in TAIL_RULES
            and candidate(r["features"])]


def candidate(features: list[float]) -> bool:
    """The blocks ``learned_heading`` asks the model about (``_model_candidate`` or a heading
    by the rules), from the feature row: at most 200 characters and 3 lines, letters, no
    sentence end, no formula."""
    f = dict(zip(FEATURE_NAMES, features))
    return f["chars"] <= 200 and f["lines"] <= 3 and bool(f["has_alpha"]) and not f["ends_period"] and not f["math"]


def _is_heading(role: str) -> bool:
    return role in ("heading", "title")


def dataset(rows: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    x = np.array([r["features"] for r in rows], dtype=np.float64)
    y = np.array([_is_heading(r["label"]) for r in rows], dtype=np.int64)
    rule = np.array([_is_heading(r["rule"]) for r in rows], dtype=np.int64)
    docs = [r["source"] for r in rows]
    return x, y, rule, docs


def cross_validate(x: np.ndarray, y: np.ndarray, docs: list[str], folds: int = 5) -> np.ndarray:
    import lightgbm as lgb

    names = sorted(set(docs))
    fold_of = {d: k % folds for k, d in enumerate(names)}
    fold = np.array([fold_of[d] for d in docs])
    prob = np.zeros(len(y))
    for k in range(folds):
        train, held = fold != k, fold == k
        booster = lgb.train(PARAMS, lgb.Dataset(x[train], y[train]), ROUNDS)
        prob[held] = booster.predict(x[held])
    return prob


def promotable(row: dict) -> bool:
    """``_model_candidate``'s list-item test, from the stored row: no plain list item (a bullet
    that is neither numbered nor an enumerated one-line heading a step above the body)."""
    f = dict(zip(FEATURE_NAMES, row["features"]))
    first = row["text"].lstrip()[:1]
    enumerated = f["lines"] == 1 and f["size_ratio"] >= 1.06 and f["chars"] <= 80 and first == "("
    return not (f["bullet"] and not f["numbered"] and not enumerated)


def combined(rows: list[dict], rule: np.ndarray, prob: np.ndarray, hi: float, lo: float) -> np.ndarray:
    """``learned_heading``'s decision: the rules' unless the model is sure the other way."""
    up = np.array([promotable(r) for r in rows]) & (prob >= hi)
    return np.where(rule == 1, (prob > lo).astype(np.int64), up.astype(np.int64))


def report(rows: list[dict], y: np.ndarray, rule: np.ndarray, prob: np.ndarray, hi: float, lo: float) -> None:
    """Per source: the rules' and the combined decision's false headings and missed headings."""
    final = combined(rows, rule, prob, hi, lo)
    by: dict[str, Counter] = defaultdict(Counter)
    for r, t, h, m in zip(rows, y, rule, final):
        family = r["source"].split("/")[0]
        by[family]["n"] += 1
        by[family]["rule_fp"] += int(h and not t)
        by[family]["rule_fn"] += int(t and not h)
        by[family]["fp"] += int(m and not t)
        by[family]["fn"] += int(t and not m)
    print(f"hi {hi} lo {lo}: " + "; ".join(
        f"{fam} n={c['n']} fp {c['rule_fp']}->{c['fp']} fn {c['rule_fn']}->{c['fn']}" for fam, c in sorted(by.items())))


def flips(rows: list[dict], y: np.ndarray, rule: np.ndarray, prob: np.ndarray, hi: float, lo: float) -> None:
    final = combined(rows, rule, prob, hi, lo)
    for r, t, h, m, p in zip(rows, y, rule, final, prob):
        if h != m:
            print(f"  {'RIGHT' if m == t else 'WRONG'} {r['source']} p{r['page']} {r['rule_name']} -> "
                  f"{'heading' if m else 'text'} ({p:.2f}) label {r['label']}: {r['text'][:70]!r}")


def export(booster, names: tuple[str, ...]) -> dict:  # type: ignore[no-untyped-def]
    dump = booster.dump_model()
    trees, depth = [], 0
    for info in dump["tree_info"]:
        nodes: dict[str, list] = {"feature": [], "threshold": [], "left": [], "right": [], "default_left": [], "value": []}

        def walk(node: dict, level: int) -> int:
            nonlocal depth
            depth = max(depth, level)
            k = len(nodes["feature"])
            for key in nodes:
                nodes[key].append(0)
            if "leaf_value" in node:
                nodes["feature"][k], nodes["value"][k], nodes["default_left"][k] = -1, node["leaf_value"], True
                return k
            assert node["decision_type"] == "<=" and node["missing_type"] != "Zero", node
            nodes["feature"][k], nodes["threshold"][k] = node["split_feature"], node["threshold"]
            nodes["default_left"][k] = bool(node["default_left"])
            nodes["left"][k] = walk(node["left_child"], level + 1)
            nodes["right"][k] = walk(node["right_child"], level + 1)
            return k

        walk(info["tree_structure"], 0)
        trees.append(nodes)
    return {"format": 1, "objective": "binary", "sigmoid": 1.0, "features": list(names), "depth": depth,
            "target": "heading or title (1) against body text (0)", "trees": trees}


def cmd_fit(args) -> None:  # type: ignore[no-untyped-def]
    import lightgbm as lgb

    work = Path(args.work)
    rows = load_rows(work, args.rows.split(","))
    print(Counter(r["label"] for r in rows))
    x, y, rule, docs = dataset(rows)
    print(f"{len(rows)} rows, {int(y.sum())} headings, {len(set(docs))} documents")
    prob = cross_validate(x, y, docs)
    for hi, lo in ((0.8, 0.2), (0.9, 0.1), (0.9, 0.08), (0.95, 0.08), (0.95, 0.05), (0.98, 0.02)):
        report(rows, y, rule, prob, hi, lo)
    flips(rows, y, rule, prob, args.hi, args.lo)
    np.save(work / "cv_prob.npy", prob)
    booster = lgb.train(PARAMS, lgb.Dataset(x, y), ROUNDS)
    model = export(booster, FEATURE_NAMES)
    model["training"] = {"rows": len(rows), "headings": int(y.sum()), "documents": len(set(docs)),
                         "sources": sorted({d.split("/")[0] for d in docs}), "rounds": ROUNDS}
    out = REPO / "docparse" / "models" / "block_roles.json"
    out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    pick = np.linspace(0, len(rows) - 1, 12).astype(int)
    fixture = {"features": x[pick].tolist(), "probabilities": booster.predict(x[pick]).tolist()}
    fixture_path = REPO / "tests" / "fixtures" / "block_roles_expected.json"
    fixture_path.parent.mkdir(parents=True, exist_ok=True)
    fixture_path.write_text(json.dumps(fixture, indent=1), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes) and {fixture_path}")
