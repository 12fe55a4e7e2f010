"""The language of a document's text, offline and without a model.

Two named tests, in order:
1. **Script**: when letters of one non-Latin script (Hangul, kana, Han, Arabic, Hebrew, Cyrillic,
   Greek, Thai, Devanagari) make up a clear share of all letters, the script names the language
   (Arabic letters with Persian-only letters are Persian; Han with kana is Japanese).
2. **Common words** for Latin-script text: the language whose function words and everyday
   document words (invoice, total, date, signature …) cover the most tokens, when it leads the
   runner-up clearly. Lorem ipsum placeholder text has no language.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from docparse.options.summary import LanguageOptions

FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to in is that for it as was with be by on not this are or from at an which have has but "
          "were their been we they its also these than our you your will would can may all any each per "
          "invoice total due date name address signature amount item page telephone phone number please",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
          "er hat dass sie nach wird bei einer um am sind noch wie zur zum über unter "
          "rechnung gesamtbetrag datum anschrift unterschrift betrag seite telefon bitte name vollständiger",
    "fr": "le la les de des du et en un une est que qui dans pour pas sur au par plus ce il elle sont avec ou aux "
          "nous vous mais cette ses leur été être votre notre "
          "facture montant total date adresse signature téléphone page nom prénom veuillez",
    "es": "el la los las de del y en un una es que por con para no se su al lo como más pero sus le ha este esta "
          "son entre cuando muy sin sobre también nuestro usted "
          "factura total pagar fecha dirección firma teléfono página nombre importe",
    "it": "il lo la i gli le di del della e è in un una che per con non si da al alla sono come anche più ma nel "
          "nella questo questa dei delle degli "
          "fattura totale pagare data indirizzo firma telefono pagina nome cognome importo",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er om ook als bij door maar naar dan wordt uit "
          "tot over deze worden heeft hebben u uw "
          "factuur totaal betalen datum adres handtekening telefoon pagina naam volledige",
    "pt": "o a os as de do da dos das e em um uma é que para com não se por mais como mas ao aos pela pelo foi "
          "são seu sua também nos nas "
          "fatura total pagar data morada endereço assinatura telefone página nome",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in FUNCTION_WORDS.items()}
LOREM = frozenset("lorem ipsum dolor sit amet consetetur consectetur sadipscing adipiscing elitr elit sed diam "
                  "nonumy eirmod tempor invidunt labore dolore magna aliquyam erat voluptua vero eos accusam "
                  "justo duo dolores rebum stet clita kasd gubergren takimata sanctus".split())


def _script(char: str) -> str | None:
    """The script of a letter, by code point block."""
    code = ord(char)
    blocks = ((0xAC00, 0xD7AF, "hangul"), (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"),
              (0x3040, 0x30FF, "kana"), (0x4E00, 0x9FFF, "han"), (0x3400, 0x4DBF, "han"),
              (0x0600, 0x06FF, "arabic"), (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
              (0x0590, 0x05FF, "hebrew"), (0x0400, 0x04FF, "cyrillic"), (0x0370, 0x03FF, "greek"),
              (0x0E00, 0x0E7F, "thai"), (0x0900, 0x097F, "devanagari"))
    for low, high, name in blocks:
        if low <= code <= high:
            return name
    return None


SCRIPT_LANGUAGE = {"hangul": "ko", "kana": "ja", "han": "zh", "arabic": "ar", "hebrew": "he", "cyrillic": "ru",
                   "greek": "el", "thai": "th", "devanagari": "hi"}
PERSIAN_ONLY = frozenset("پچژگکی")


def language_by_script(text: str, options: LanguageOptions) -> str | None:
    """A language named by its script, when that script's letters are a clear share of all letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    scripts = Counter(s for s in map(_script, letters) if s)
    if not scripts:
        return None
    script, count = scripts.most_common(1)[0]
    kana = scripts.get("kana", 0)
    if kana >= options.min_kana_share * len(letters) and kana + scripts.get("han", 0) >= options.min_script_share * len(letters):
        return "ja"
    if count < options.min_script_share * len(letters):
        return None
    if script == "arabic" and sum(1 for c in letters if c in PERSIAN_ONLY) >= 0.02 * count:
        return "fa"
    return SCRIPT_LANGUAGE[script]


def is_placeholder_text(words: list[str], options: LanguageOptions) -> bool:
    """Lorem ipsum: filler with no language of its own."""
    return bool(words) and sum(1 for w in words if w in LOREM) >= options.lorem_share * len(words)


def language_by_words(words: list[str], options: LanguageOptions) -> str | None:
    """The Latin-script language whose common words cover the most tokens, when it leads clearly."""
    if len(words) < options.min_tokens or is_placeholder_text(words, options):
        return None
    counts = Counter(unicodedata.normalize("NFC", w) for w in words)
    hits = {lang: sum(counts[w] for w in vocab) for lang, vocab in _WORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    runner_up = max((h for lang, h in hits.items() if lang != best), default=0)
    if hits[best] < options.min_hits or hits[best] < options.min_lead * runner_up:
        return None
    if len(words) > options.short_text and hits[best] < options.min_hit_share * len(words):
        return None
    return best


def detect_language(words: list[str], text: str = "", options: LanguageOptions | None = None) -> str | None:
    """ISO 639-1 code of the text's language, or None when the evidence is too thin.

    ``words`` are the lower-cased tokens; ``text`` the raw text (for the script test; the words
    joined when not given)."""
    options = options or LanguageOptions()
    return language_by_script(text or " ".join(words), options) or language_by_words(words, options)
