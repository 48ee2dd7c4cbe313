"""The labels of the public pages that a plan file gives for each of its own languages.

Danish and English get these from the templates and the gettext catalogues. A language the plan
file adds (`languages:` in plans/<slug>.yaml) gives them under `public_texts`, by the keys below;
each key stands for the Danish text (gettext msgid) the pages use, and a few for Django's own
English msgids (weekdays, months, form errors), which Django translates for many languages but not
all. A key that a language does not give is shown in Danish (or in Django's translation).

Keys are only ever added: a plan file that gives a key no longer used still loads. Texts with
placeholders (%(phone)s) must keep exactly the same placeholders. docs/plan-schema.md explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PublicText:
    msgids: tuple[str, ...]


def _texts(**entries: str | tuple[str, ...]) -> dict[str, PublicText]:
    return {
        key: PublicText(value if isinstance(value, tuple) else (value,))
        for key, value in entries.items()
    }


PUBLIC_TEXTS: dict[str, PublicText] = _texts(
    # Every page: header, menu, quick exit, footer.
    description="Hjælp og rådgivning ved æresrelaterede konflikter og negativ social kontrol: "
    "hvem du kan kontakte nu, også anonymt.",
    skip_to_content="Gå til sidens indhold",
    main_menu="Hovedmenu",
    menu_worried="Er du bekymret?",
    menu_young="Er du ung?",
    menu_professionals="For fagpersoner",
    in_danish="(på dansk)",
    whole_plan="Hele beredskabsplanen",
    languages="Sprog",
    quick_exit="Forlad siden hurtigt",
    quick_exit_hint="eller tryk Esc",
    phone="Telefon",
    email="E-mail",
    acute_danger="Akut fare",
    police="Politiet",
    accessibility_statement="Tilgængelighedserklæring",
    # The front page.
    acute_question="Er nogen i fare lige nu?",
    worried_heading="Er du bekymret for, at en person er udsat for æresrelaterede konflikter eller "
    "negativ social kontrol?",
    call_or_email="Ring på %(phone)s eller send e-mail til %(email)s.",
    write_to_us="Skriv til os om din bekymring",
    may_be_anonymous="Du må gerne være anonym.",
    opening_hours="Åbningstid",
    opening_hours_caption="Kommunens åbningstid",
    closed="Lukket",
    closed_on_holidays="Lukket på helligdage",
    and_="og",
    outside_opening_hours="Uden for åbningstiden:",
    talk_anonymously="Tal anonymt med nogen",
    free_advice_anonymously="Du kan få gratis råd uden at sige, hvem du er:",
    read_young_page="Læs siden for unge",
    what_is_it="Hvad er æresrelaterede konflikter og negativ social kontrol?",
    signs_heading="Tegn du kan lægge mærke til",
    professional_heading="Er du fagperson?",
    professional_text="Lærere, pædagoger, sagsbehandlere, sundhedspersonale og andre fagpersoner "
    "har skærpet underretningspligt. Se, hvad du skal gøre ved netop din bekymring.",
    professional_button="Gå til vejledningen for fagpersoner",
    hide_visit_heading="Skjul dit besøg",
    hide_visit_text="Siden bruger ingen cookies. Deler du telefon eller computer med andre, kan du "
    "bruge et privat vindue eller slette browserhistorikken bagefter. Knappen »Forlad siden "
    "hurtigt« (eller Esc-tasten) skifter med det samme til en nyhedsside.",
    # Who to contact now.
    contact_now_heading="Hvem kan du kontakte lige nu?",
    open_now="Åbent nu",
    open_until="kommunen har åbent indtil kl. %(time)s.",
    call_or_write="Ring til %(phone)s eller skriv til %(email)s.",
    closed_now="Lukket nu",
    holiday="helligdag",
    closed_day="lukkedag",
    open_day_and_night="åbent hele døgnet",
    opens_again="Kommunen åbner igen %(day)s kl. %(time)s.",
    updated_at="Opdateret %(time)s (dansk tid).",
    monday=("Mandag", "Monday"),
    tuesday=("Tirsdag", "Tuesday"),
    wednesday=("Onsdag", "Wednesday"),
    thursday=("Torsdag", "Thursday"),
    friday=("Fredag", "Friday"),
    saturday=("Lørdag", "Saturday"),
    sunday=("Søndag", "Sunday"),
    january="January",
    february="February",
    march="March",
    april="April",
    may="May",
    june="June",
    july="July",
    august="August",
    september="September",
    october="October",
    november="November",
    december="December",
    # The page for young people.
    young_description="Til dig, der er ung: tegn på kontrol, hvad der sker, hvis du kontakter "
    "kommunen, og hvor du kan tale anonymt med nogen.",
    contact_municipality="Kontakt kommunen",
    # The citizen's form.
    form_title="Fortæl os om din bekymring",
    form_intro="Du kan skrive til kommunen, hvis du er bekymret for, at nogen – eller du selv – er "
    "udsat for æresrelaterede konflikter eller negativ social kontrol. Du må gerne være anonym.",
    form_danger_call="Ring %(emergency)s. Politiet: %(police)s.",
    form_day_and_night="hele døgnet",
    form_send_here_too="Send også underretningen her.",
    about_you="Om dig",
    anonymous="Jeg vil være anonym",
    anonymous_help="Så kan vi ikke kontakte dig eller sende dig en kvittering.",
    your_name="Dit navn",
    your_relation="Hvem er du i forhold til personen?",
    your_relation_help="Fx nabo, ven, familie – eller dig selv.",
    your_phone="Dit telefonnummer",
    your_email="Din e-mail",
    name_or_anonymous="Skriv dit navn – eller vælg at være anonym.",
    contact_or_anonymous="Skriv telefonnummer eller e-mail, så vi kan kontakte dig – eller vælg at "
    "være anonym.",
    who_is_it_about="Hvem drejer bekymringen sig om?",
    person_name="Personens navn",
    cpr="CPR-nummer",
    cpr_help="Hvis du kender det, fx 010203-1234.",
    cpr_invalid="CPR-nummeret er ikke gyldigt: %(why)s. Lad feltet stå tomt, hvis du er i tvivl.",
    cpr_in_future="CPR-nummerets fødselsdato ligger i fremtiden.",
    birth_date="Fødselsdato",
    birth_date_help="Hvis du ikke kender CPR-nummeret. Skriv fx 24-12-2010.",
    birth_date_in_future="Fødselsdatoen ligger i fremtiden.",
    age="Alder",
    age_help="Omtrentlig alder, hvis du hverken kender CPR-nummer eller fødselsdato.",
    under_18_question="Er personen under 18 år?",
    under_18_help="Svar, hvis du ikke har skrevet CPR-nummer, fødselsdato eller alder.",
    age_missing="Skriv CPR-nummer, fødselsdato eller alder – eller svar, om personen er under "
    "18 år.",
    under_18="Under 18 år",
    over_18="18 år eller ældre",
    age_unknown="Alder ukendt",
    address="Adresse",
    person_language="Hvilket sprog taler personen?",
    interpreter="Personen har brug for tolk",
    children_question="Er der børn i husstanden?",
    about_children="Om børnene",
    about_children_help="Fx alder og navne, hvis du kender dem.",
    what_happened="Hvad er der sket?",
    concern_question="Hvad handler bekymringen om?",
    concern_help="Vælg alt det, der passer.",
    concern_missing="Vælg mindst én type bekymring.",
    description_help="Beskriv hvad du har set, hørt eller fået fortalt, og hvornår.",
    description_missing="Beskriv hvad der er sket.",
    danger_question="Er personen i akut fare lige nu?",
    danger_help="Er nogen i akut fare, så ring 112 nu – og send også underretningen.",
    danger_missing="Svar på, om personen er i akut fare.",
    own_actions="Hvad har du selv gjort?",
    own_actions_help="Fx talt med personen, talt med din leder, kontaktet politiet.",
    family_knows="Ved familien, at du underretter?",
    attachments="Vedhæft filer",
    attachments_help="Højst 5 filer på hver højst 10 MB: PDF, Word, billeder (JPEG, PNG, HEIC) "
    "eller tekst.",
    answer_yes="Ja",
    answer_no="Nej",
    dont_know="Ved ikke",
    optional="valgfrit",
    error="Fejl:",
    fix_errors="Ret %(counter)s fejl, før du sender",
    choose_files_again="Vedhæftede filer skal vælges igen – browseren gemmer dem ikke, når "
    "formularen vises igen.",
    send="Send",
    # Who it is about, and safe contact.
    about_question="Handler det om dig selv eller om en anden?",
    about_me="Det handler om mig",
    about_other="Det handler om en anden",
    about_missing="Svar, om det handler om dig selv eller om en anden.",
    relation_help_short="Fx nabo, ven eller familie.",
    about_me_hint="Handler det om dig, så skriv om dig selv.",
    may_we_contact="Må vi kontakte dig?",
    contact_only_your_way="Vi kontakter dig kun på den måde, du skriver her – aldrig hjemme eller "
    "gennem familien.",
    safe_question="Er det sikkert for dig, at vi kontakter dig?",
    safe_no="Nej, kontakt mig ikke",
    safe_help="Tænk på, om andre kan se din telefon, dine beskeder eller din post.",
    safe_how="Hvordan er det sikkert at kontakte dig?",
    means_call="Opkald",
    means_sms="Sms",
    means_letter="Brev",
    safe_address="Nummer, e-mail eller adresse",
    safe_address_help="Kun et nummer eller en adresse, som andre ikke kan se.",
    safe_when="Hvornår må vi kontakte dig?",
    safe_when_help="Fx hverdage kl. 15–17.",
    receipt_wanted="Send mig en kvittering ad den vej",
    receipt_wanted_help="Vi sender kun en kvittering, hvis du beder om det.",
    receipt_needs_way="Svar ja til, at vi må kontakte dig, og skriv hvordan – så kan vi sende en "
    "kvittering.",
    safe_how_missing="Vælg, hvordan vi sikkert kan kontakte dig.",
    safe_address_missing="Skriv det nummer, den e-mail eller den adresse, hvor det er sikkert.",
    nothing_sent="Vi sender ikke noget til dig, fordi du ikke har bedt om det.",
    only_your_way="Vi kontakter dig kun på den måde, du har skrevet.",
    invalid_email="Enter a valid email address.",
    invalid_number="Enter a whole number.",
    text_too_long="Teksten må højst være %(limit_value)d tegn (den er %(show_value)d).",
    # The receipt page.
    thanks="Tak – vi har modtaget det",
    answered_danger="Du har svaret, at personen er i akut fare",
    receipt_call_now="Ring %(emergency)s nu, hvis du ikke allerede har gjort det. Politiet: "
    "%(police)s.",
    receipt_call_municipality="Ring også til kommunen på %(phone)s.",
    your_reference="Dit referencenummer:",
    assessed_within=(
        "Modtagelsen vurderer alle henvendelser inden for %(hours)s timer, herunder om der skal "
        "sættes en akut indsats i gang.",
        "Modtagelsen vurderer alle underretninger inden for %(hours)s timer, herunder om der skal "
        "sættes en akut indsats i gang.",
    ),
    receipt_by_email="Du får en kvittering på e-mail.",
    anonymous_no_contact="Du er anonym, så vi kan ikke kontakte dig. Skriv referencenummeret ned, "
    "hvis du vil ringe til os om det senere.",
    mention_reference="Oplys referencenummeret, hvis du kontakter kommunen om det, fx på "
    "%(phone)s.",
    # No longer on the pages (the plan says "Åbningstid" and never that the phone closes); kept so
    # that a plan file giving them still loads.
    phone_hours="Telefontid",
    phone_hours_caption="Kommunens telefontid",
    outside_phone_hours="Uden for telefontiden:",
    phone_closed="Kommunens telefon har lukket.",
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def placeholders(text: str) -> frozenset[str] | None:
    """The %(name)s placeholders of a text; None when it has a stray percent sign."""
    rest = _PLACEHOLDER.sub("", text).replace("%%", "")
    if "%" in rest:
        return None
    return frozenset(_PLACEHOLDER.findall(text))
