"""The word lists behind the sentiment indication, and the tokeniser they share.

- Danish and English: AFINN (``AFINN-da-32.txt``, ``AFINN-en-165.txt``) by Finn Årup Nielsen, read at run time from
  the installed ``afinn`` package's data folder (located, not imported: only the data files are used); they are
  never copied into this repository.
- Norwegian Bokmål: ``lexicon_nb.tsv`` next to this module, curated for hospital-some (see its header).

Each list is parsed once per process and cached. Multi-word entries ("does not work", "tusen takk") are kept as
phrases and matched longest first; a hyphenated entry ("ikke-godkendt") becomes the phrase of its parts, because
the tokeniser splits at hyphens. Entries with digits or symbols ("n00b", "gr8") could never match a token and are
skipped.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

LANGUAGES = ("da", "nb", "en")
AFINN_FILES = {"da": "AFINN-da-32.txt", "en": "AFINN-en-165.txt"}
NORWEGIAN_FILE = "lexicon_nb.tsv"
MIN_VALENCE, MAX_VALENCE = -5, 5

# A word: letters (any script, so æøåäöüé and the rest) with apostrophes only inside ("don't", "isn't").
_WORD = r"[^\W\d_]+(?:'[^\W\d_]+)*"
_TOKEN = re.compile(_WORD)
_ENTRY = re.compile(rf"{_WORD}(?:[ -]{_WORD})*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "´": "'"})


def tokenize(text: str) -> list[str]:
    """Lowercase words of ``text``; digits, punctuation, emojis and control characters separate them."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower().translate(_APOSTROPHES))


@dataclass(frozen=True)
class Lexicon:
    language: str
    words: dict[str, int]
    phrases: dict[tuple[str, ...], int]
    # For each first word of a phrase, the lengths of its phrases, longest first.
    phrase_lengths: dict[str, tuple[int, ...]]

    def __len__(self) -> int:
        return len(self.words) + len(self.phrases)

    def match(self, tokens: Sequence[str], start: int) -> tuple[int, int] | None:
        """(valence, number of tokens) of the longest entry starting at ``tokens[start]``, or None."""
        token = tokens[start]
        for length in self.phrase_lengths.get(token, ()):
            valence = self.phrases.get(tuple(tokens[start : start + length]))
            if valence is not None:
                return valence, length
        valence = self.words.get(token)
        return None if valence is None else (valence, 1)


def parse_lexicon(lines: Iterable[str], *, language: str) -> Lexicon:
    """Parse ``entry<TAB>valence`` lines; blank lines and lines starting with # are skipped.

    A malformed line or a valence outside -5..5 raises ValueError. Of two entries that tokenise alike
    ("ikke-godkendt", "ikke godkendt"), the first is kept.
    """
    words: dict[str, int] = {}
    phrases: dict[tuple[str, ...], int] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        entry, tab, value = line.rpartition("\t")
        try:
            valence = int(value)
        except ValueError:
            valence = None
        if not tab or not entry.strip() or valence is None or not MIN_VALENCE <= valence <= MAX_VALENCE:
            raise ValueError(f"{language} lexicon, line {number}: expected 'entry<TAB>integer -5..5', got {raw!r}")
        entry = entry.strip().lower().translate(_APOSTROPHES)
        if not _ENTRY.fullmatch(entry):
            continue
        parts = tuple(_TOKEN.findall(entry))
        if len(parts) == 1:
            words.setdefault(parts[0], valence)
        else:
            phrases.setdefault(parts, valence)
    lengths: dict[str, set[int]] = {}
    for parts in phrases:
        lengths.setdefault(parts[0], set()).add(len(parts))
    return Lexicon(
        language=language,
        words=words,
        phrases=phrases,
        phrase_lengths={first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()},
    )


def lexicon_text(language: str) -> str:
    """The raw text of a language's list: AFINN's from the afinn package, ours from this package."""
    if language == "nb":
        return (resources.files(__package__) / NORWEGIAN_FILE).read_text(encoding="utf-8")
    if language in AFINN_FILES:
        return (afinn_data_dir() / AFINN_FILES[language]).read_text(encoding="utf-8")
    raise ValueError(f"no sentiment lexicon for language {language!r}; known: {', '.join(LANGUAGES)}")


def afinn_data_dir() -> Path:
    """The installed afinn package's data folder, found without importing (running) the package's code."""
    spec = find_spec("afinn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the afinn package (requirements.lock: afinn==0.1) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def lexicon(language: str) -> Lexicon:
    """The parsed lexicon of "da", "nb" or "en", cached for the life of the process."""
    return parse_lexicon(lexicon_text(language).splitlines(), language=language)
