"""The text benchmark's own scoring: Markdown → plain text must not eat escaped text."""

from __future__ import annotations

from benchmarks.text_metrics import markdown_words, normalize_markdown


def test_escaped_angle_bracket_text_is_not_an_html_table() -> None:
    markdown = "CREATE PERMISSION ON \\<table name>\n\nThe rule applies.\n\n<table><tr><td>x</td></tr></table>\n\nAfter."
    assert normalize_markdown(markdown) == "CREATE PERMISSION ON <table name> The rule applies. After."


def test_html_table_text_counted_as_words_only_when_asked() -> None:
    markdown = "Before.\n\n<table><tr><td>cell one</td><td>two</td></tr></table>\n\nAfter."
    assert normalize_markdown(markdown) == "Before. After."
    assert markdown_words(markdown) == ["before", "cell", "one", "two", "after"]
