"""Small closed word lists the figure rules share: units, qualifiers, months, function words.

Kept apart from the rules so each list is reviewed once and the rules read as grammar.
"""

from __future__ import annotations


def words_of(text: str) -> frozenset[str]:
    """A closed word list written as one string (easier to read and review)."""
    return frozenset(text.split())

MONTHS: frozenset[str] = words_of("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""")
WEEKDAYS: frozenset[str] = words_of("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun")

# Time units a duration may carry, with the Figure unit each becomes.
DURATION_UNITS: dict[str, str] = {
    "day": "days", "days": "days", "weekday": "days", "weekdays": "days",
    "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "mth": "months", "mths": "months",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "year": "years", "years": "years", "yr": "years", "yrs": "years",
    "minute": "other", "minutes": "other", "mins": "other",
}  # fmt: skip
# Words that may stand between a number and its time unit ("five working days").
DURATION_MODIFIERS: frozenset[str] = words_of("working calendar business school extra additional more further consecutive full whole clear")

PERCENT_WORDS: frozenset[str] = frozenset({"percent", "pc", "per-cent", "percentage"})
CURRENCY_SIGNS: dict[str, str] = {"£": "GBP", "$": "USD", "€": "EUR"}
CURRENCY_WORDS: frozenset[str] = frozenset({"pounds", "quid", "gbp", "euros", "dollars"})

# Qualifiers as written (lower-case word sequences) -> the canonical qualifier.
QUALIFIERS: dict[tuple[str, ...], str | None] = {
    ("just", "over"): "just over",
    ("a", "little", "over"): "just over",
    ("slightly", "over"): "just over",
    ("slightly", "more", "than"): "just over",
    ("a", "little", "under"): "almost",
    ("slightly", "under"): "almost",
    ("slightly", "less", "than"): "almost",
    ("a", "little", "less", "than"): "almost",
    ("just", "above"): "just over",
    ("just", "under"): "almost",
    ("just", "below"): "almost",
    ("well", "over"): "over",
    ("well", "above"): "over",
    ("well", "under"): "less than",
    ("more", "than"): "more than",
    ("greater", "than"): "more than",
    ("in", "excess", "of"): "over",
    ("less", "than"): "less than",
    ("fewer", "than"): "fewer than",
    ("no", "more", "than"): "up to",
    ("not", "more", "than"): "up to",
    ("up", "to"): "up to",
    ("at", "most"): "up to",
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("as", "many", "as"): None,
    ("as", "much", "as"): None,
    ("as", "few", "as"): "only",
    ("nearly",): "nearly",
    ("close", "to"): "nearly",
    ("getting", "on", "for"): "nearly",
    ("the", "best", "part", "of"): "nearly",
    ("just", "short", "of"): "almost",
    ("upwards", "of"): "over",
    ("in", "the", "region", "of"): "about",
    ("well", "below"): "less than",
    ("almost",): "almost",
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("approx",): "about",
    ("approx", "."): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("circa",): "about",
    ("c", "."): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("over",): "over",
    ("above",): "over",
    ("under",): "less than",
    ("below",): "less than",
    ("only",): "only",
    ("just",): "only",
    ("merely",): "only",
    ("barely",): "only",
}
QUALIFIER_MAX_WORDS = max(len(k) for k in QUALIFIERS)

# Words that end a noun phrase after a number ("615 vacancies across the NPS").
NP_STOP: frozenset[str] = words_of("""the a an this that these those its their our his her my your of to in on at for from
    with by as than into onto across within between under over about after before during
    since until per via and or but nor so yet if because while where when which who whom
    whose what how why is are was were be been being am have has had do does did will would
    shall should can could may might must not no nor said says say told tell felt feel saw
    seen found find made make given gave get got having being also only just even still
    each every all both either neither some any more most less least many much few other
    another such very too quite rather there here then than last next came come comes fell rose
    went remained stood they them we us he him she it you""")

# Nouns that are plural without a final s.
IRREGULAR_PLURALS: frozenset[str] = words_of("people staff children men women personnel police workforce youth data media criteria")
# Nouns counted in argument, not in the world: "three issues", "two reasons".
DISCOURSE_NOUNS: frozenset[str] = words_of("""issues issue points point things thing ways way reasons reason questions question
    examples example options option aspects aspect themes theme messages message words word
    lessons lesson times ideas idea areas area factors factor respects
    respect parts part steps step matters matter elements element principles principle
    sides side kinds kind types type sorts sort levels level""")
# What an inspectorate publishes or carries out: "these three reports" counts them.
OUTPUT_NOUNS: frozenset[str] = words_of("""reports bulletins inspections reviews thematics publications
    studies guides papers surveys visits audits""")
# Units a report counts by the number there are of them ("across the twelve regions", "of our
# nine standards"): a count even after "the" or "our", which with other nouns points back.
STRUCTURE_NOUNS: frozenset[str] = words_of("""regions divisions standards domains pdus crcs trusts companies
    providers services""")
# Nouns after which "of X" names what is counted ("20 members of staff").
PARTITIVE_NOUNS: frozenset[str] = words_of("members sets groups teams numbers pieces units batches cohorts lots pairs")

# A word before a number that makes it a label, not a quantity ("page 12", "Tier 4").
IDENTIFIER_WORDS: frozenset[str] = words_of("""page pages p pp section sections chapter chapters para paras paragraph paragraphs
    figure figures fig table tables annex annexe appendix appendices slide slides step phase
    stage version v part parts schedule article articles rule rules tier tiers level levels
    standard standards domain domains principle recommendation question questions item
    items number no nos priority wave cohort footnote note line lines box chart graph band
    grade category categories room floor radio channel key ks route option edition issue
    unit suite flat block platform studio year week day junction exit gate wing ward landing zone
    volume vol clause regulation regulations tr act psi pi annexes""")
# Words before a number that introduce a date or a year ("in 2014", "since 2018").
YEAR_PREPOSITIONS: frozenset[str] = words_of("in since from until till to by of during between and before after early late mid end year the at")
# Nouns a bare four-digit number may count ("2000 cases"), which a year never takes.
COUNT_NOUN_HINT_SUFFIXES = ("s",)

# Verbs and nouns of careers and courses: a duration near them is not a performance measure.
LENGTH_OF_SERVICE_WORDS: frozenset[str] = words_of("""work working worked works serving served serve employed employment experience
    experienced qualified qualification career careers tenure term terms course courses
    programme programmes program training trained curriculum contract contracts apprenticeship
    old aged age ago later earlier time""")
# Tenure: a length followed by one of these ("two years in post", "in the role") is how
# long someone has held a job, not a measure of performance.
TENURE_NOUNS: frozenset[str] = words_of("""post role roles job jobs grade service profession career team organisation
    organization position office field sector industry probation trade""")
# Words of existence: "the scheme has operated for 20 years" is the age of a scheme.
EXISTENCE_WORDS: frozenset[str] = words_of("""operated operating existed existence established running
    force form around lasted""")
# Events in the life of a case from which waits and delays are measured ("six months
# after sentence"); any other "N years after ..." is a time reference.
CASE_EVENTS: frozenset[str] = words_of("""sentence sentencing sentenced release released referral referred
    allocation allocated conviction convicted arrest arrested recall recalled induction start
    starting started breach request requested hearing court custody prison assessment order
    orders licence offence offending arrival admission discharge leaving decision application
    appointment appointments report reports notification charge charged caution""")
TIME_REFERENCE_WORDS: frozenset[str] = words_of("last past previous next coming following preceding recent")
ORDINAL_BEFORE_FRACTION: frozenset[str] = words_of("first second third final last past previous next coming following preceding other latter former")
