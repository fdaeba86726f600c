"""An indicative sentiment score for an interaction's text: a small lexicon scorer, nothing more.

The score is the sum of the valences (-5..+5) of the words found in one lexicon, divided by five times the number
of words found, so it lies in -1..+1 (clamped for safety); None when no word of any lexicon matched. It ignores
irony, context and most grammar: show it as an indication, never decide anything on it.

Language: the text is scored with each of the three lexicons (Danish and English from AFINN, our Norwegian
Bokmål list) and the preferred language's result is used unless another lexicon matched more words — hospital
pages get English and Danish comments alike, and a Norwegian comment on a Danish page. On a tie the preferred
language wins; among the others the order is Danish, Norwegian, English. An unknown preferred language
("no" and "nn" count as Norwegian) just means no preference.

Negation: a negator ("ikke", "ikkje", "ingen", "aldrig", "aldri", "ej", "not", "no", "never", "cannot" and
"n't" forms such as "don't", "isn't") flips the sign of the next scored word or phrase within the next three
tokens; negators are never scored themselves (AFINN rates "no" -1). A lexicon phrase that contains its own
negation ("ikke god", "not good", "ingen svar") is matched first, longest first, and keeps its own valence; one
ending in a negator ("fungerer ikke") negates the next scored word as a negator would ("fungerer ikke godt").
Intensifiers ("meget", "veldig", "very") are not weighted.

Labels: "positive" from +0.25, "negative" from -0.25, "neutral" in between, "unknown" for None. A single mild
word (valence ±1, score ±0.2) therefore stays neutral; a single "tak"/"takk"/"thanks" (2, score 0.4) is positive.
"""

import math
import re
from typing import NamedTuple

from monitoring.sentiment.lexicons import LANGUAGES, MAX_VALENCE, Lexicon, lexicon, tokenize

__all__ = ["sentiment_label", "sentiment_score"]

POSITIVE_THRESHOLD = 0.25
NEGATIVE_THRESHOLD = -0.25
NEGATION_WINDOW = 3
NEGATORS = frozenset(
    {
        "ikke",
        "ikkje",
        "ingen",
        "aldrig",
        "aldri",
        "ej",
        "not",
        "no",
        "never",
        "cannot",
        # "n't" forms typed without the apostrophe
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "cant",
        "couldnt",
        "wont",
        "wouldnt",
        "shouldnt",
        "havent",
        "hasnt",
        "hadnt",
    }
)
_LANGUAGE_ALIASES = {"da": "da", "en": "en", "nb": "nb", "no": "nb", "nn": "nb"}
_SUBTAG = re.compile(r"[-_]")


class _Tally(NamedTuple):
    hits: int
    total: int


def _is_negator(token: str) -> bool:
    return token in NEGATORS or token.endswith("n't")


def _tally(lex: Lexicon, tokens: list[str]) -> _Tally:
    """Matched entries and the sum of their valences, negation applied; one pass, longest match first."""
    hits = total = 0
    negation_left = 0  # tokens left in which the next scored entry is negated
    position, end = 0, len(tokens)
    while position < end:
        token = tokens[position]
        found = lex.match(tokens, position)
        if found is not None and (found[1] > 1 or not _is_negator(token)):
            valence, length = found
            if negation_left:
                valence, negation_left = -valence, 0
            hits += 1
            total += valence
            position += length
            # A phrase ending in its negator ("fungerer ikke", "virker ikke") still negates what follows.
            if length > 1 and _is_negator(tokens[position - 1]):
                negation_left = NEGATION_WINDOW
            continue
        if _is_negator(token):
            negation_left = NEGATION_WINDOW
        elif negation_left:
            negation_left -= 1
        position += 1
    return _Tally(hits, total)


def _language_order(preferred_language: str) -> list[str]:
    primary = _SUBTAG.split(str(preferred_language or "").strip().lower(), maxsplit=1)[0]
    preferred = _LANGUAGE_ALIASES.get(primary)
    return ([preferred] if preferred else []) + [language for language in LANGUAGES if language != preferred]


def sentiment_score(text: str, *, preferred_language: str) -> float | None:
    """-1 (negative) … +1 (positive), or None when no word of any lexicon matched. See the module's docstring."""
    if not text:
        return None
    tokens = tokenize(text)
    if not tokens:
        return None
    tallies = {language: _tally(lexicon(language), tokens) for language in _language_order(preferred_language)}
    # max() keeps the first of equal counts: the preferred language wins ties.
    hits, total = max(tallies.values(), key=lambda tally: tally.hits)
    if not hits:
        return None
    return max(-1.0, min(1.0, total / (hits * MAX_VALENCE)))


def sentiment_label(score: float | None) -> str:
    """ "positive" from +0.25, "negative" from -0.25, "neutral" between, "unknown" for None (or NaN)."""
    if score is None or math.isnan(score):
        return "unknown"
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"
