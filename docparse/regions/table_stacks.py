"""Stacks of horizontal rules that make one table: the rules between the rows of a row group
stop at the group's label (it spans those rows), the rules between groups cross the table
(Word's inside rules beside merged label cells, ReportLab ``LINEBELOW`` beside a ``SPAN``).
Both stacks are one table's rules."""

from __future__ import annotations

from typing import Sequence

from docparse.tablegrid.edges import Edge


def is_inner_rule_stack(inner: Sequence[Edge], outer: Sequence[Edge], tol: float) -> bool:
    """``inner``'s rules run from a column boundary inside ``outer``'s extent to its right
    end, at heights among ``outer``'s rules: the rules between the rows of a row group, stopped
    at the group label centred beside them, while the rules between groups cross the table."""
    o_start, o_end = outer[0].start, outer[0].end
    # the first group's inner rules may lie above the first rule that crosses the table (no
    # rule above the first group, only the header's fill): up to one group's height above it
    reach = outer[1].pos - outer[0].pos if len(outer) > 1 else 0.0
    return (abs(inner[0].end - o_end) <= tol and o_start + tol < inner[0].start < (o_start + o_end) / 2
            and outer[0].pos - reach < inner[0].pos < outer[-1].pos)


def join_inner_rule_stacks(stacks: list[list[Edge]], tol: float) -> list[list[Edge]]:
    """Each stack of inner rules (:func:`is_inner_rule_stack`) merged into its outer stack."""
    out = sorted(stacks, key=lambda s: s[0].start - s[0].end)  # widest first
    merged: list[list[Edge]] = []
    for stack in out:
        outer = next((m for m in merged if is_inner_rule_stack(stack, m, tol)), None)
        if outer is None:
            merged.append(list(stack))
        else:
            outer.extend(stack)
            outer.sort(key=lambda e: e.pos)
    return sorted(merged, key=lambda s: s[0].pos)


def is_top_rule_of(rule: Edge, stack: Sequence[Edge], tol: float, reach: float) -> bool:
    """``rule`` is the top rule of the table whose column-group rules make ``stack``: it lies
    at most ``reach`` above the stack's first rule, ends where the stack's rules end and starts
    left of them (over the stub columns, which have no column-group rules)."""
    first = stack[0]
    return (0 < first.pos - rule.pos <= reach and abs(rule.end - first.end) <= tol
            and rule.start + tol < first.start < (rule.start + rule.end) / 2)


def top_rule_over(stack: Sequence[Edge], singles: Sequence[Edge], tol: float, reach: float) -> Edge | None:
    """The lone rule (:func:`is_top_rule_of`) over a stack of column-group rules: a table broken
    at a page foot right after its first rows has no bottom rule, so its top rule stands alone
    and only the column-group rules under it make a stack; the table reaches over the stub
    columns as far as that top rule does."""
    return next((r for r in singles if is_top_rule_of(r, stack, tol, reach)), None)
