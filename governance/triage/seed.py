"""The default triage diagram every hospital starts from, as plain data.

It follows common public-sector practice for hospitals' social media: first look for a crisis (a threat is both abusive
and a crisis signal, and escalating it matters more than hiding it), then for breaches of the house rules, then protect
personal and health data (never confirm a patient relationship in public), then route complaints to the complaints
office, answer questions, thank for praise, and correct misinformation with facts. The communication unit edits the
hospital's copy afterwards.

The data is plain (strings, numbers, the model's text choices, which are strings), so both the service
``triage_tree_seed`` and the data migration ``0003_seed_default_triage`` build the tree from it through
``triage_seed_in_creation_order`` and ``triage_seed_fields``.
"""

from governance.models.guidelines import GuidelineKind
from governance.models.triage import TriageAction

QUESTION = "question"
ACTION = "action"
LANGUAGES = ("da", "nb", "en")

DEFAULT_TRIAGE_TREE: tuple[dict, ...] = (
    # --- The questions, in the order a person meets them. ---
    {
        "code": "crisis_signal",
        "kind": QUESTION,
        "is_start": True,
        "text": {
            "da": "Kan det være tegn på en krise: en alvorlig hændelse, mange ens reaktioner på kort tid, trusler "
            "eller henvendelser fra medierne?",
            "nb": "Kan det være tegn på en krise: en alvorlig hendelse, mange like reaksjoner på kort tid, trusler "
            "eller henvendelser fra mediene?",
            "en": "Could it be a sign of a crisis: a serious incident, many similar reactions in a short time, "
            "threats, or questions from the media?",
        },
        "help": {
            "da": "For eksempel et opslag om en alvorlig utilsigtet hændelse, en pludselig bølge af vrede kommentarer, "
            "trusler mod personale eller patienter eller en journalist, der beder om en kommentar. Er du i tvivl, "
            "så svar ja.",
            "nb": "For eksempel et innlegg om en alvorlig uønsket hendelse, en plutselig bølge av sinte kommentarer, "
            "trusler mot ansatte eller pasienter eller en journalist som ber om en kommentar. Er du i tvil, så "
            "svar ja.",
            "en": "For example a post about a serious adverse event, a sudden wave of angry comments, threats against "
            "staff or patients, or a journalist asking for a comment. When in doubt, answer yes.",
        },
        "yes": "escalate_crisis",
        "no": "abusive",
    },
    {
        "code": "abusive",
        "kind": QUESTION,
        "text": {
            "da": "Er det krænkende, spam eller på anden måde i strid med husreglerne?",
            "nb": "Er det krenkende, spam eller på annen måte i strid med husreglene?",
            "en": "Is it abusive, spam, or otherwise against the house rules?",
        },
        "help": {
            "da": "For eksempel hadefuldt eller diskriminerende sprog, chikane af navngivne personer, reklame, links "
            "til svindel eller den samme besked slået op igen og igen.",
            "nb": "For eksempel hatefullt eller diskriminerende språk, trakassering av navngitte personer, reklame, "
            "lenker til svindel eller den samme meldingen publisert om og om igjen.",
            "en": "For example hateful or discriminating language, harassment of named people, advertising, links to "
            "fraud, or the same message posted again and again.",
        },
        "yes": "hide",
        "no": "personal_data",
    },
    {
        "code": "personal_data",
        "kind": QUESTION,
        "text": {
            "da": "Indeholder det personoplysninger eller helbredsoplysninger om skribenten selv eller om andre?",
            "nb": "Inneholder det personopplysninger eller helseopplysninger om den som skriver, eller om andre?",
            "en": "Does it contain personal or health information, about the writer or about others?",
        },
        "help": {
            "da": "For eksempel en diagnose, en behandling, en indlæggelse, et cpr-nummer eller navnet på en patient "
            "eller en medarbejder, der knyttes til en sag.",
            "nb": "For eksempel en diagnose, en behandling, et sykehusopphold, et fødselsnummer eller navnet på en "
            "pasient eller en ansatt som knyttes til en sak.",
            "en": "For example a diagnosis, a treatment, a hospital stay, a national identity number, or the name of "
            "a patient or a member of staff linked to a case.",
        },
        "yes": "private_message",
        "no": "complaint",
    },
    {
        "code": "complaint",
        "kind": QUESTION,
        "text": {
            "da": "Er det en klage over behandling, pleje eller service?",
            "nb": "Er det en klage på behandling, pleie eller service?",
            "en": "Is it a complaint about treatment, care or service?",
        },
        "help": {
            "da": "Skribenten er utilfreds med noget, hospitalet har gjort eller ikke gjort, for eksempel ventetid, "
            "mødet med personalet eller en beslutning om behandling.",
            "nb": "Den som skriver, er misfornøyd med noe sykehuset har gjort eller ikke gjort, for eksempel ventetid, "
            "møtet med de ansatte eller en beslutning om behandling.",
            "en": "The writer is unhappy with something the hospital did or did not do, for example a waiting time, "
            "a meeting with staff or a decision about treatment.",
        },
        "yes": "complaints_office",
        "no": "question",
    },
    {
        "code": "question",
        "kind": QUESTION,
        "text": {
            "da": "Stiller skribenten et spørgsmål?",
            "nb": "Stiller den som skriver, et spørsmål?",
            "en": "Does the writer ask a question?",
        },
        "help": {
            "da": "Regn også ønsker om information med, selv om de ikke er formuleret som et spørgsmål, for eksempel "
            "„Jeg kan ikke finde åbningstiderne“.",
            "nb": "Regn også med ønsker om informasjon som ikke er formulert som et spørsmål, for eksempel «Jeg finner "
            "ikke åpningstidene».",
            "en": "Count requests for information that are not phrased as a question too, such as “I can't find the "
            "opening hours”.",
        },
        "yes": "public_information",
        "no": "positive",
    },
    {
        "code": "public_information",
        "kind": QUESTION,
        "text": {
            "da": "Kan kommunikationsafdelingen svare ud fra offentligt tilgængelig information?",
            "nb": "Kan kommunikasjonsavdelingen svare ut fra offentlig tilgjengelig informasjon?",
            "en": "Can the communication unit answer from public information?",
        },
        "help": {
            "da": "For eksempel åbningstider, vejvisning, besøgsregler eller det, der står på hospitalets hjemmeside. "
            "Spørgsmål, der kræver faglig viden, går til afdelingen.",
            "nb": "For eksempel åpningstider, veibeskrivelse, besøksregler eller det som står på sykehusets "
            "nettsider. Spørsmål som krever faglig kunnskap, går til avdelingen.",
            "en": "For example opening hours, directions, visiting rules, or what the hospital's website says. "
            "Questions that need professional knowledge go to the department.",
        },
        "yes": "answer_publicly",
        "no": "forward_department",
    },
    {
        "code": "positive",
        "kind": QUESTION,
        "text": {
            "da": "Er det positivt: ros, tak eller en god historie?",
            "nb": "Er det positivt: ros, takk eller en god historie?",
            "en": "Is it positive: praise, thanks or a good story?",
        },
        "help": {
            "da": "Også et venligt ord til en afdeling eller en medarbejder.",
            "nb": "Også et vennlig ord til en avdeling eller en ansatt.",
            "en": "A kind word to a department or a member of staff counts too.",
        },
        "yes": "thank",
        "no": "misinformation",
    },
    {
        "code": "misinformation",
        "kind": QUESTION,
        "text": {
            "da": "Spreder det forkerte eller vildledende oplysninger om hospitalet eller om sundhed?",
            "nb": "Sprer det feil eller villedende informasjon om sykehuset eller om helse?",
            "en": "Does it spread wrong or misleading information about the hospital or about health?",
        },
        "help": {
            "da": "Kun faktuelle fejl, som andre kan handle på, for eksempel forkerte åbningstider eller råd imod en "
            "behandling; ikke holdninger.",
            "nb": "Bare faktiske feil som andre kan handle på, for eksempel feil åpningstider eller råd mot en "
            "behandling; ikke meninger.",
            "en": "Only factual errors that others may act on, such as wrong opening hours or advice against a "
            "treatment; not opinions.",
        },
        "yes": "correct_publicly",
        "no": "no_answer",
    },
    # --- The actions that end the walk. ---
    {
        "code": "escalate_crisis",
        "kind": ACTION,
        "action": TriageAction.ESCALATE_CRISIS,
        "answer_within_hours": 1,
        "guideline_kind": GuidelineKind.CRISIS_PLAN,
        "text": {
            "da": "Eskalér efter kriseplanen: ring til kommunikationsafdelingens vagthavende nu",
            "nb": "Eskaler etter kriseplanen: ring kommunikasjonsavdelingens vakthavende nå",
            "en": "Escalate to the crisis plan: call the communication unit's on-call lead now",
        },
        "help": {
            "da": "Svar ikke på egen hånd. Tag skærmbilleder med dato og klokkeslæt. Den vagthavende beslutter, om "
            "krisetilstand skal sættes i gang, og hvad hospitalet siger. Et kort foreløbigt svar („Vi har set dit "
            "opslag og undersøger sagen“) lægges kun ud efter aftale. Trusler anmeldes til politiet.",
            "nb": "Ikke svar på egen hånd. Ta skjermbilder med dato og klokkeslett. Den vakthavende avgjør om "
            "krisemodus skal settes i gang, og hva sykehuset sier. Et kort foreløpig svar («Vi har sett innlegget "
            "ditt og ser på saken») publiseres bare etter avtale. Trusler meldes til politiet.",
            "en": "Do not answer on your own. Take screenshots with the date and time. The on-call lead decides "
            "whether crisis mode starts and what the hospital says. A short holding reply (“We have seen your post "
            "and are looking into it”) is posted only when agreed. Threats are reported to the police.",
        },
    },
    {
        "code": "hide",
        "kind": ACTION,
        "action": TriageAction.HIDE,
        "answer_within_hours": None,
        "guideline_kind": GuidelineKind.FEEDBACK_GUIDELINES,
        "text": {
            "da": "Skjul det efter husreglerne, og dokumentér hvorfor",
            "nb": "Skjul det etter husreglene, og dokumenter hvorfor",
            "en": "Hide it under the house rules, and document why",
        },
        "help": {
            "da": "Tag først et skærmbillede, og notér dato, klokkeslæt og hvilken regel der er brudt. Skjul frem for "
            "at slette, så sagen kan dokumenteres; slet kun spam og svindel. Svar ikke. Bloker kun en konto efter "
            "gentagne brud, som husreglerne siger.",
            "nb": "Ta først et skjermbilde, og noter dato, klokkeslett og hvilken regel som er brutt. Skjul heller enn "
            "å slette, slik at saken kan dokumenteres; slett bare spam og svindel. Ikke svar. Blokker en konto bare "
            "etter gjentatte brudd, slik husreglene sier.",
            "en": "First take a screenshot, and note the date, time and the rule broken. Hide rather than delete, so "
            "the case can be documented; delete only spam and fraud. Do not answer. Block an account only after "
            "repeated breaches, as the house rules say.",
        },
    },
    {
        "code": "private_message",
        "kind": ACTION,
        "action": TriageAction.PRIVATE_MESSAGE,
        "answer_within_hours": 4,
        "guideline_kind": GuidelineKind.PERSONAL_DATA_COMPLAINTS,
        "text": {
            "da": "Flyt samtalen til en privat besked, og bed skribenten fjerne personoplysningerne",
            "nb": "Flytt samtalen til en privat melding, og be den som skriver, fjerne personopplysningene",
            "en": "Move to a private message, and ask the writer to remove the personal data",
        },
        "help": {
            "da": "Bekræft eller afkræft aldrig offentligt, at nogen er eller har været patient. Svar kort i tråden: "
            "„Tak for din besked. Vi vil gerne hjælpe – skriv til os i en privat besked.“ Skjul opslaget, hvis det "
            "indeholder oplysninger om andre. Henvis i den private besked til en sikker kanal, for eksempel Digital "
            "Post, for alt, der handler om helbred.",
            "nb": "Bekreft eller avkreft aldri offentlig at noen er eller har vært pasient. Svar kort i tråden: «Takk "
            "for meldingen. Vi vil gjerne hjelpe – send oss en privat melding.» Skjul innlegget hvis det inneholder "
            "opplysninger om andre. Henvis i den private meldingen til en sikker kanal, for eksempel Helsenorge, for "
            "alt som handler om helse.",
            "en": "Never confirm or deny in public that someone is or was a patient. Answer briefly in the thread: "
            "“Thank you for writing. We would like to help – please send us a private message.” Hide the post if it "
            "holds data about others. In the private message, point to a secure channel for anything about health.",
        },
    },
    {
        "code": "complaints_office",
        "kind": ACTION,
        "action": TriageAction.COMPLAINTS_OFFICE,
        "answer_within_hours": 24,
        "guideline_kind": GuidelineKind.PERSONAL_DATA_COMPLAINTS,
        "text": {
            "da": "Giv sagen videre til patientkontoret, og svar offentligt med, hvor man kan klage",
            "nb": "Gi saken videre til pasientkontoret, og svar offentlig med hvor man kan klage",
            "en": "Hand it to the complaints office, and answer publicly with where to complain",
        },
        "help": {
            "da": "Tak skribenten, og beklag oplevelsen uden at bekræfte detaljer om et patientforløb. Fortæl, "
            "hvordan man klager, og giv et link til patientkontoret. Send opslaget videre til patientkontoret. "
            "Diskutér ikke sagen i tråden.",
            "nb": "Takk den som skriver, og beklag opplevelsen uten å bekrefte detaljer om et pasientforløp. Fortell "
            "hvordan man klager, og gi en lenke til pasientkontoret. Send innlegget videre til pasientkontoret. Ikke "
            "diskuter saken i tråden.",
            "en": "Thank the writer and say you are sorry about the experience, without confirming any detail of a "
            "patient relationship. Say how to complain, with a link to the complaints office. Forward the post to "
            "the complaints office. Do not discuss the case in the thread.",
        },
    },
    {
        "code": "answer_publicly",
        "kind": ACTION,
        "action": TriageAction.ANSWER_PUBLICLY,
        "answer_within_hours": 8,
        "guideline_kind": GuidelineKind.FEEDBACK_GUIDELINES,
        "text": {
            "da": "Svar offentligt",
            "nb": "Svar offentlig",
            "en": "Answer publicly",
        },
        "help": {
            "da": "Svar i tråden, venligt og kort, med et link til kilden, så andre med samme spørgsmål også finder "
            "svaret.",
            "nb": "Svar i tråden, vennlig og kort, med en lenke til kilden, slik at andre med samme spørsmål også "
            "finner svaret.",
            "en": "Answer in the thread, kindly and briefly, with a link to the source, so that others with the same "
            "question find the answer too.",
        },
    },
    {
        "code": "forward_department",
        "kind": ACTION,
        "action": TriageAction.FORWARD_TO_DEPARTMENT,
        "answer_within_hours": 24,
        "guideline_kind": GuidelineKind.FEEDBACK_GUIDELINES,
        "text": {
            "da": "Send det videre til afdelingen, og fortæl skribenten, at I undersøger sagen",
            "nb": "Send det videre til avdelingen, og fortell den som skriver, at dere undersøker saken",
            "en": "Forward it to the department, and tell the writer you are finding out",
        },
        "help": {
            "da": "Send spørgsmålet til afdelingens flowmanager. Svar skribenten med det samme, at I undersøger sagen, "
            "og læg afdelingens svar ud offentligt, når det kommer. Følg op, hvis afdelingen ikke svarer i tide.",
            "nb": "Send spørsmålet til avdelingens flowmanager. Svar den som skriver, med en gang at dere undersøker "
            "saken, og publiser avdelingens svar offentlig når det kommer. Følg opp hvis avdelingen ikke svarer i "
            "tide.",
            "en": "Send the question to the department's flowmanager. Tell the writer at once that you are finding "
            "out, and post the department's answer publicly when it comes. Follow up if the department does not "
            "answer in time.",
        },
    },
    {
        "code": "thank",
        "kind": ACTION,
        "action": TriageAction.THANK,
        "answer_within_hours": 24,
        "guideline_kind": GuidelineKind.FEEDBACK_GUIDELINES,
        "text": {
            "da": "Sig tak",
            "nb": "Si takk",
            "en": "Thank the writer",
        },
        "help": {
            "da": "Tak kort og personligt, eller reagér med et like. Giv rosen videre til de medarbejdere, det handler "
            "om, uden at nævne patienter.",
            "nb": "Takk kort og personlig, eller reager med et lik. Gi rosen videre til de ansatte det gjelder, uten å "
            "nevne pasienter.",
            "en": "Thank them briefly and personally, or react with a like. Pass the praise on to the staff it is "
            "about, without naming patients.",
        },
    },
    {
        "code": "correct_publicly",
        "kind": ACTION,
        "action": TriageAction.ANSWER_PUBLICLY,
        "answer_within_hours": 8,
        "guideline_kind": GuidelineKind.FEEDBACK_GUIDELINES,
        "text": {
            "da": "Ret misforståelsen offentligt med fakta",
            "nb": "Rett opp misforståelsen offentlig med fakta",
            "en": "Correct it publicly with facts",
        },
        "help": {
            "da": "Svar én gang, høfligt, med de rigtige fakta og et link til en pålidelig kilde. Gå ikke ind i en "
            "debat. Vokser diskussionen, så gå diagrammet igennem igen: det kan være tegn på en krise.",
            "nb": "Svar én gang, høflig, med riktige fakta og en lenke til en pålitelig kilde. Ikke gå inn i en "
            "debatt. Hvis diskusjonen vokser, gå gjennom diagrammet igjen: det kan være tegn på en krise.",
            "en": "Answer once, politely, with the correct facts and a link to a reliable source. Do not enter a "
            "debate. If the discussion grows, walk the diagram again: it may be a sign of a crisis.",
        },
    },
    {
        "code": "no_answer",
        "kind": ACTION,
        "action": TriageAction.NO_ANSWER,
        "answer_within_hours": None,
        "guideline_kind": GuidelineKind.TRIAGE_DIAGRAM,
        "text": {
            "da": "Intet svar nødvendigt: hold øje med tråden",
            "nb": "Ikke behov for svar: følg med på tråden",
            "en": "No answer needed: keep watching",
        },
        "help": {
            "da": "Holdninger og neutrale kommentarer kræver ikke svar fra hospitalet. Hold øje med tråden, og gå "
            "diagrammet igennem igen, hvis den ændrer sig.",
            "nb": "Meninger og nøytrale kommentarer krever ikke svar fra sykehuset. Følg med på tråden, og gå gjennom "
            "diagrammet igjen hvis den endrer seg.",
            "en": "Opinions and neutral comments need no answer from the hospital. Keep an eye on the thread, and walk "
            "the diagram again if it changes.",
        },
    },
)


def triage_seed_fields(entry: dict) -> dict:
    """The model fields of one seed entry, except the hospital and the two branches."""
    fields = {
        "code": entry["code"],
        "kind": entry["kind"],
        "is_start": entry.get("is_start", False),
        "action": str(entry.get("action", "")),
        "answer_within_hours": entry.get("answer_within_hours"),
        "guideline_kind": str(entry.get("guideline_kind", "")),
    }
    for language in LANGUAGES:
        fields[f"text_{language}"] = entry["text"][language]
        fields[f"help_{language}"] = entry.get("help", {}).get(language, "")
    return fields


def triage_seed_in_creation_order(tree: tuple[dict, ...] = DEFAULT_TRIAGE_TREE) -> list[dict]:
    """The entries with every step after the steps it leads to, so each step is saved once, complete."""
    by_code = {entry["code"]: entry for entry in tree}
    ordered: list[dict] = []
    placed: set[str] = set()

    def place(code: str, visiting: frozenset[str]) -> None:
        if code in placed:
            return
        if code in visiting:
            raise ValueError(f"The triage seed has a cycle through {code!r}")
        entry = by_code[code]
        for branch in ("yes", "no"):
            if entry.get(branch):
                place(entry[branch], visiting | {code})
        placed.add(code)
        ordered.append(entry)

    for entry in tree:
        place(entry["code"], frozenset())
    return ordered
