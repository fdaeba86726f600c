"""The sentiment indication: AFINN (Danish, English) read from the afinn package, our Norwegian list, negation,
the language fallback, labels, and text that must never break it."""

import math
import re
import time
import tomllib
from pathlib import Path

import pytest

import monitoring.sentiment
from monitoring.sentiment import sentiment_label, sentiment_score
from monitoring.sentiment.lexicons import lexicon, lexicon_text, parse_lexicon, tokenize
from tests.hostile_inputs import HOSTILE_INPUTS

ROOT = Path(__file__).resolve().parents[2]
LABELS = {"positive", "neutral", "negative", "unknown"}


def score(text: str, language: str) -> float | None:
    return sentiment_score(text, preferred_language=language)


# --- real-looking comments, per language


@pytest.mark.parametrize(
    ("text", "language", "label"),
    [
        ("Tak for en god behandling, personalet var søde og venlige", "da", "positive"),
        ("Fantastisk personale på fødeafdelingen – tusind tak!", "da", "positive"),
        ("Ventetiden var alt for lang og lægen var uhøflig. Meget skuffet.", "da", "negative"),
        ("Elendig service, ingen ringede tilbage", "da", "negative"),
        ("Tusen takk til alle på avdelingen, dere var fantastiske!", "nb", "positive"),
        ("Veldig hyggelig og profesjonell behandling på poliklinikken", "nb", "positive"),
        ("Lang ventetid og uforskammet personale på akutten", "nb", "negative"),
        ("Elendig oppfølging, fikk ingen svar på klagen min", "nb", "negative"),
        ("The nurses were wonderful and so kind, thank you!", "en", "positive"),
        ("Great care from the whole team", "en", "positive"),
        ("Terrible service, I waited five hours in A&E", "en", "negative"),
        ("The staff were rude and the ward was dirty", "en", "negative"),
    ],
)
def test_comments_get_the_expected_label(text, language, label):
    value = score(text, language)
    assert value is not None
    assert -1.0 <= value <= 1.0
    assert sentiment_label(value) == label


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hvornår er der besøgstid på afdeling B3?", "da"),
        ("Hvor kan jeg parkere ved sykehuset?", "nb"),
        ("Kan jeg ta med blomster til pasienten?", "nb"),
        ("What are the visiting hours on Sunday?", "en"),
        ("", "da"),
        ("12345 !!! ???", "en"),
    ],
)
def test_text_without_any_listed_word_has_no_score(text, language):
    assert score(text, language) is None
    assert sentiment_label(score(text, language)) == "unknown"


@pytest.mark.parametrize(("word", "language"), [("takk", "nb"), ("elendig", "nb"), ("dårlig", "da"), ("good", "en")])
def test_a_one_word_comment_scores_its_valence_over_five(word, language):
    assert score(word.capitalize() + "!", language) == lexicon(language).words[word] / 5


# --- negation


@pytest.mark.parametrize(
    ("text", "language", "sign"),
    [
        ("ikke god", "da", -1),
        ("Jeg er ikke tilfreds", "da", -1),
        ("ikke dårlig", "da", +1),
        ("Maten var ikke særlig god", "da", -1),
        ("ikke god", "nb", -1),
        ("ikke bra", "nb", -1),
        ("Ikkje bra", "nb", -1),
        ("Det var ikke dårlig i det hele tatt", "nb", +1),
        ("Aldri hyggelig på telefonen", "nb", -1),
        ("not good", "en", -1),
        ("I don't like the food", "en", -1),
        ("I don’t like the food", "en", -1),  # typographic apostrophe
        ("This isn't bad", "en", +1),
        ("never helpful", "en", -1),
        ("No problems at all", "en", +1),
    ],
)
def test_negation_flips_the_next_scored_word(text, language, sign):
    value = score(text, language)
    assert value is not None
    assert math.copysign(1, value) == sign
    assert value != 0


def test_the_plain_word_and_its_negation_have_opposite_signs():
    for language, word in [("nb", "bra"), ("nb", "dårlig"), ("da", "godt"), ("en", "happy")]:
        assert score(word, language) == -score(f"ikke {word}" if language != "en" else f"not {word}", language)


def test_negation_reaches_three_tokens_and_no_further():
    assert score("ikke en to god", "nb") < 0
    assert score("ikke en to tre god", "nb") > 0


def test_negation_flips_one_word_only():
    assert score("ikke god, men flott", "nb") == (-lexicon("nb").words["god"] + lexicon("nb").words["flott"]) / 10


def test_negators_are_not_scored_themselves():
    assert lexicon("en").words["no"] < 0  # AFINN rates "no"
    assert score("No.", "en") is None


def test_a_listed_phrase_wins_over_negation_longest_first():
    assert score("not good", "en") == lexicon("en").phrases[("not", "good")] / 5
    assert score("Det fungerer ikke", "da") == lexicon("da").phrases[("fungerer", "ikke")] / 5
    assert score("fikk ingen svar", "nb") == lexicon("nb").phrases[("ingen", "svar")] / 5
    assert score("Tusen takk", "nb") == lexicon("nb").phrases[("tusen", "takk")] / 5


def test_a_phrase_ending_in_a_negator_still_negates_what_follows():
    # "fungerer ikke" is listed; "godt" after it is negated, so the comment does not come out neutral.
    assert sentiment_label(score("Det fungerer ikke godt", "da")) == "negative"


# --- language


@pytest.mark.parametrize(
    "text",
    ["The nurses were wonderful and so kind, thank you!", "Terrible service, I waited five hours in A&E"],
)
def test_an_english_comment_on_a_scandinavian_page_is_scored_in_english(text):
    assert score(text, "da") is not None
    assert score(text, "da") == score(text, "nb") == score(text, "en")


def test_a_norwegian_comment_on_a_danish_page_is_scored_in_norwegian():
    text = "Veldig hyggelig og profesjonell behandling på poliklinikken"
    assert score(text, "da") == score(text, "nb")
    assert sentiment_label(score(text, "da")) == "positive"


def test_the_preferred_language_wins_a_tie():
    # "god" is listed in all three: good in Danish and Norwegian, "god" (deity) in English.
    assert score("god", "en") == lexicon("en").words["god"] / 5
    assert score("god", "da") == lexicon("da").words["god"] / 5
    assert score("god", "nb") == lexicon("nb").words["god"] / 5


@pytest.mark.parametrize("language", ["no", "nn", "nb-NO", "NB", "sv", "", "xx-YY"])
def test_other_language_codes_never_crash(language):
    assert score("Tusen takk for god hjelp", language) > 0


# --- labels


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (None, "unknown"),
        (float("nan"), "unknown"),
        (1.0, "positive"),
        (0.25, "positive"),
        (0.2, "neutral"),
        (0.0, "neutral"),
        (-0.2, "neutral"),
        (-0.25, "negative"),
        (-1.0, "negative"),
    ],
)
def test_labels(value, label):
    assert sentiment_label(value) == label


# --- the word lists

NB_LINE = re.compile(r"^(?P<entry>[^\t#]+)\t(?P<valence>-?\d+)$")


def nb_entries() -> list[tuple[str, int]]:
    entries = []
    for number, line in enumerate(lexicon_text("nb").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        found = NB_LINE.match(line)
        assert found, f"lexicon_nb.tsv line {number} is not word<TAB>integer: {line!r}"
        entries.append((found["entry"], int(found["valence"])))
    return entries


def test_the_norwegian_list_parses_one_entry_per_line_without_duplicates():
    entries = nb_entries()
    words = [entry for entry, _ in entries]
    assert 250 <= len(entries) <= 400
    assert len(set(words)) == len(words), sorted({w for w in words if words.count(w) > 1})
    for entry, valence in entries:
        assert -5 <= valence <= 5 and valence != 0, entry
        assert entry == entry.strip().lower() and "  " not in entry, entry
        assert tokenize(entry) == entry.split(" "), entry  # the tokeniser can match it
    assert len(lexicon("nb")) == len(entries)  # nothing skipped on load


def test_the_norwegian_list_covers_hospital_comments():
    words = lexicon("nb").words
    for word in [
        "takk", "flott", "fantastisk", "god", "godt", "gode", "hyggelig", "trygg", "profesjonell",
        "dårlig", "dårlige", "elendig", "skuffet", "sint", "frekk", "uforskammet", "feil", "klage",
        "smerte", "redd", "ventetid", "kø",
    ]:  # fmt: skip
        assert word in words, word
    assert all(words[w] > 0 for w in ["takk", "flott", "fantastisk", "god", "trygg", "profesjonell"])
    assert all(words[w] < 0 for w in ["dårlig", "elendig", "skuffet", "frekk", "ventetid", "kø", "smerte"])


def test_the_norwegian_list_states_source_licence_method_and_indication():
    header = "\n".join(line for line in lexicon_text("nb").splitlines() if line.startswith("#"))
    licence = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]["text"]
    assert "curated for hospital-some by its developers" in header
    assert f"Licence: {licence}" in header
    assert "hand-curated" in header and "AFINN" in header
    assert "Indication only" in header


def test_afinn_is_read_from_the_package_not_copied_here():
    package = Path(monitoring.sentiment.__file__).parent
    assert not list(package.glob("AFINN*")) and not list(package.glob("*.txt"))
    assert len(lexicon("da")) > 3000 and len(lexicon("en")) > 3000
    assert lexicon("da").phrases[("ikke", "god")] < 0
    assert lexicon("en").phrases[("does", "not", "work")] < 0
    assert lexicon("da") is lexicon("da")  # parsed once


def test_parse_lexicon_rejects_malformed_lines_and_skips_untokenisable_entries():
    for bad in ["god 3", "god\t9", "god\t-6", "god\tx", "\t2"]:
        with pytest.raises(ValueError, match="line 1"):
            parse_lexicon([bad], language="nb")
    parsed = parse_lexicon(
        ["# comment", "", "n00b\t-2", "ikke-godkendt\t-2", "ikke godkendt\t-3", "Flott\t3"], language="x"
    )
    assert parsed.words == {"flott": 3}
    assert parsed.phrases == {("ikke", "godkendt"): -2}


def test_project_declares_and_pins_afinn():
    assert "afinn==0.1" in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "afinn>=0.1" in dependencies


# --- text that must never break it


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_hostile_input_never_crashes(name, language):
    value = score(HOSTILE_INPUTS[name], language)
    assert value is None or -1.0 <= value <= 1.0
    assert sentiment_label(value) in LABELS


@pytest.mark.parametrize(
    "text",
    ["\x00", "\x00god\x00", "❤️🏥👩🏽‍⚕️👍", "😡😡😡", "'''", "n't", "\u202etakk", "e\u0301", "İ" * 100, "\ud800"],
)
def test_odd_characters_never_crash(text):
    value = score(text, "nb")
    assert value is None or -1.0 <= value <= 1.0


def test_emojis_around_words_do_not_hide_them():
    assert sentiment_label(score("Tak ❤️ 🏥👩🏽‍⚕️", "da")) == "positive"
    assert sentiment_label(score("😡 elendig!!! 😡", "nb")) == "negative"


def test_decomposed_accents_are_matched():
    assert score("dårlig", "nb") == score("da\u030arlig", "nb")


def test_a_megabyte_of_text_is_scored_in_linear_time():
    words = "Tusen takk, ikke bra, dårlig ventetid, not good, fungerer ikke godt 👍 "
    text = (words * (1024 * 1024 // len(words) + 1))[: 1024 * 1024]
    started = time.perf_counter()
    value = score(text, "nb")
    assert value is not None and -1.0 <= value <= 1.0
    assert score("x" * (1024 * 1024), "nb") is None
    assert score("god" * (1024 * 1024 // 3), "da") is None  # one enormous token
    assert time.perf_counter() - started < 10  # ~0.3 s here; a quadratic scorer would take hours
