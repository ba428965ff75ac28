"""The phrases of ``content/risk_lexicon.yml``, group by group and language by language.

Danger as people type it (Modern Standard Arabic, Darija in both scripts,
Bambara with and without its letters, French as typed on a phone), the
mentions that are only a possible risk, and the ordinary senses of danger
words that must never be danger. The matcher itself is tested in
``test_risk.py``.
"""

from __future__ import annotations

import pytest

from common import yamlload
from common.text.risk import DANGER, DEFAULT_LEXICON, NONE, POSSIBLE, RiskLexicon


@pytest.fixture(scope="module")
def lexicon() -> RiskLexicon:
    return RiskLexicon.load()


@pytest.mark.parametrize(
    "text",
    [
        # A maid beaten and locked in, in Modern Standard Arabic.
        "السيدة تضربني بالسلك الكهربائي وتغلق الباب حين تخرج",
        "رب العمل يضربني كل يوم",
        "شخص يهددني بالقتل",
        "أغلق علي الباب ولا أستطيع الخروج",
        "صديقي ينزف بشدة",
        "نزيف حاد بعد الولادة",
        "أخي فقد الوعي ولا يتنفس",
        "طفلتي لا تتنفس جيدا وشفتاها زرقاوان",
        "القارب يغرق قرب الناظور",
        "اخي مفقود في البحر منذ يومين",
        "اختطفوا أخي ويطالبون بفدية",
        "اعتقلته الشرطة الآن أمام البيت",
        "أريد أن أنتحر",
        "سأقتل نفسي الليلة",
        "اغتصبها صاحب البيت",
        "حريق في البيت والأطفال في الداخل",
        "طفلي حرارته مرتفعة جدا",
        "طفلى حرارتة مرتفعة جدا",  # ى for ي and ة for ه, as often typed
        "صاحب العمل يضربنا ويأخذ أجورنا",
        "هاجمونا بالسكاكين في المخيم",
        "صديقي فاقد للوعي منذ نصف ساعة",
        "الرضيع حرارته 40 ولا يرضع",
        "قارب أخي غرق قرب طرفاية",
        "نحن عالقون في البحر منذ يومين",
        "صاحبة البيت تحبسني ولا تدعني أخرج",
        "أفكر في قتل نفسي",
        "النار تشتعل في الغرفة",
        "يطرقون الباب بقوة ويريدون الدخول",
        "زوجي يضربني منذ سنتين",  # ongoing: a present verb keeps "for two years" present
        "kaydrbni rajli hadi 3 snin",
    ],
)
def test_modern_standard_arabic_danger(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "kaydrbni rajli",
        "kaydarbni lpatron",
        "rajli kayderbni",
        "drbni daba",
        "chi wa7ed drbni b lmos",
        "wldi s5on bzaf had lil",
        "wldi skhoun bzaf daba",
        "skhana 3and bnti mn lil",
        "ghr9at lflouka",
        "lflouka ghrqat",
        "khtfo khoya w kaytlbo lflous",
        "lmadame sadda 3liya lbab",
        "ghadi nrmi rasi mn l9ntra",
        "l3afya ch3lat f dar",
        "كيضربني راجلي",
        "kaydrbni rajli f rasi",  # a headache is "rasi kaydrbni": not this
        "الدار كتحرق والدراري لداخل",
        "المدام سدات عليا فالبيت، مانقدرش نخرج",
        "wa7ed m3ah mos kayjri moraya",
        "bnti kat9faz w 3iniha tal3in",
        "7na f lb7er mn lbar7, lmotor t7bes",
        "صاحبي كلا العلبة كاملة ديال الدوا ومابغاش يفيق",
        "rajli kaydrb fiya",
        "sa7bi mejrouh bzaf",
        "l3afia ch3lat f lbit",
        "ma kayfiqch, 3afakom",
        "فيه ناس في الما",
        "الباطرون ضربني دابا بالعصا",
        "كاين واحد كيتبعني بالموس",
        "بنتي سخونة بزاف هاد الليلة",
        "خطفو ولد خالتي وكيطلبو الفلوس",
        "weldi kaytneffes bzzerba bzf",
        "sa7bi tdreb b jnwi",
        "l3afya f lbit",
        "7bsouna f chi dar",
        "kayn chi wa7d bgha y9telni",
    ],
)
def test_darija_danger_in_latin_and_arabic_letters(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "a bɛ n gosi",
        "a be n gosi",
        "u bɛ n bugɔ sisan",
        "n cɛ bɛ n bugɔ",
        "joli bɛ bɔ kosɛbɛ",
        "a be joli bo kosebe",
        "n den tɛ ninakili",
        "n den te ninakili ke su in na",
        "n den farigan ka ca kosɛbɛ su in na",
        "den farigan ka bon kosebe",
        "kurun tununa, n balimakɛ bɛ a kɔnɔ",
        "kulun binna kogoji la, mɔgɔw bɛ ji la",
        "u ye n balimakɛ minɛ ka a dogo, u ko ni an ma wari ci u bɛ a faga",
        "polisi ye n cɛ minɛ sisan",
        "polisi ye n ce mine sisan",
        "u ye n datugu so kɔnɔ",
        "madame ye da datugu n kan",
        "n b'a fɛ ka n yɛrɛ faga",
        "n ba fe ka n yere faga",
        "cɛ dɔ ye n ta fanga la",
        "tasuma donna bon kɔnɔ",
        "tasuma be so kono, n den be kono",
        "n cɛ bɛ ka n faga",
        "n den ye pétrole min, a bɛ ka fɔɔnɔ",
        "n muso bɛna jiginni na sisan, ambulance tɛ na",
        "patron ye da tugu, n tɛ se ka bɔ",
        "a bé n bougou sissan",
        "djoli bé bo kossébé",
        "tassouma donna so kono",
        "kouroun tounouna",
        "polisi ye n cè minè sissan",
        "joli bɛ ka bɔ a kun na kosɛbɛ",
        "a ninakili tɛ taa",
        "mɔgɔw binna kɔgɔji la",
        "u ye n balimakɛ minɛ ka wari ɲini",
        "cɛ dɔ ye n muso tiɲɛ",
    ],
)
def test_bambara_danger_with_and_without_its_letters(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "il me frape",
        "mon mari il me tape tous les jours",
        "on ma planté au ventre",
        "sa saigne bcp",
        "il respire pa",
        "le bateau coule",
        "la pirogue a coulé cette nuit",
        "ils ont enlevé mon frere ils veulent de l'argent",
        "jveux me tuer",
        "je veux me tuer ce soir",
        "je suis enfermée",
        "jsui enfermé ds 1 centre",
        "il me menace avec un couteau",
        "des gens cassent notre porte",
        "il m'a violée et il a violé mes droits",
        "mon mari me tabasse tous les soirs",
        "il a un couteau et il veut me tuer",
        "elle ne respire plus",
        "le zodiac prend l'eau",
        "on est en train de couler",
        "la police vient d'arrêter mon fils",
        "notre chambre brûle",
        "il y a un homme armé devant chez moi",
        "un ouvrier vient de tomber du 3e étage, il ne bouge plus",
        "ils nous gardent dans un appartement, la porte est fermée à clé",
        "la patronne la frappe et l'enferme",
        "mon fils est pas rentré de l'école, il fait nuit",
    ],
)
def test_french_danger_as_typed_on_a_phone(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "ضربني المشغل العام الماضي، هل يمكنني تقديم شكوى الآن؟",
        "اعتقلته الشرطة في 2021، هل يؤثر ذلك على بطاقة الإقامة؟",
        "هل يمكن للشرطة أن تعتقلني بدون أوراق؟",
        "اذا رجعت الى بلدي سيقتلونني، هل يمكن طلب اللجوء؟",
        "ابني حرارته مرتفعة، أين أجد طبيبا بدون تأمين؟",
        "wldi s5on bzaf, fin nmchi l tbib?",
        "الدري ديالي سخون بزاف",
        "ila rj3t l bladi ghadi y9tlouni",
        "إذا رجعت إلى بلدي سيقتلني أبي",
        "funteni bɛ n faga bi",
        "طعنوني قبل 3 سنوات في الجزائر، هل يمكنني طلب اللجوء؟",
        "drbni rajli hadi 3 snin, bghit tla9",
        "mon oncle veut me tuer si je reviens au Tchad, c'est un motif d'asile ?",
        "polisi bɛ se ka n minɛ ni karti tɛ n bolo wa",
        "n den farigan ka bon, dɔgɔtɔrɔso jumɛn bɛ sɔrɔ",
        "n baara ɲɔgɔn dɔ ko a bɛ n gosi ni n ye salaire ko kuma",
        "kurun binna ji la san 2018, sisan n b'a fɛ ka asile ɲini",
        "il m'a frappé l'an dernier, je peux porter plainte ?",
        "la police peut-elle m'arrêter sans papiers ?",
        # Told inside asylum or work stories, these are threats or injuries of the past.
        "Au Congo ils ont tué mon pere et menacé de me tuer, comment demander la protection ?",
        "des hommes armés ont brûlé notre village, je suis à Oujda maintenant",
        "n bolo tigera muru la baara la kalo temennen, o ye n ka droit ye wa",
        "جربت البحر جوج مرات وكانت الفلوكة غادي تغرق، بغيت نرجع لبلادي",
    ],
)
def test_past_feared_or_general_mentions_are_a_possible_risk(
    lexicon: RiskLexicon, text: str
) -> None:
    assert lexicon.level(text) == POSSIBLE


@pytest.mark.parametrize(
    "text",
    [
        "لا أستطيع الخروج من المغرب بدون جواز سفر؟",
        "il me tape sur les nerfs mon patron, il paie pas",
        "mon passeport a coulé avec le bateau pendant la traversée, comment le refaire",
        "je peux pas sortir du maroc sans passeport ?",
        "le patron nous attaque en justice",
        "mon téléphone a planté, comment récupérer mes documents",
        "tasuma donna n ka dumuni na, a bɛ se ka dun wa",
        "القطة ديالي كتولد دابا، شنو ندير ليها؟",
        "n ka telefoni tɛ wuli tugun",
        "mon dossier il bouge plus depuis 6 mois",
        "ils me poursuivent en justice pour une dette",
        "kɔngɔ bɛ ka n faga, baara tɛ",
        "واش كيديونا للسبيطار بلا وراق؟",
    ],
)
def test_ordinary_senses_of_danger_words_are_not_danger(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) != DANGER


@pytest.mark.parametrize(
    "text",
    [
        "j'ai mis la marmite sur le feu pour cuire le riz",
        "je travaille au feu rouge, je vends des mouchoirs",
        "il joue en attaque dans l'équipe du quartier",
        "mort de rire",
        "je joue aux cartes pour tuer le temps",
        "القطة ديالي ولدات",
        "أطبخ الطاجين على نار هادئة",
        "أنا غارق في الديون ولا أعرف كيف أدفع الكراء",
        "had lberd ghadi y9tlni hhh, kayn chi dwa?",
        "l3afya dyal lkouzina tfat, fin nchri gaz?",
        "n ye tasuma mana ka dumuni tobi",
        "tlfat liya lkarta dyal sejour, chno ndir?",
        "wach kaydiwna l sbitar bla wra9?",
        "ma n9derch nkhrj lyoum, 3ndi lkhedma",
        "7na f lb7er kan3omo m3a drari",
        "lmotor dyal tomobil t7bes",
        "n ye fura min sisan, a bɛ se ka n dɛmɛ wa",
        "u ye n ka dosiye minɛ sisan",
        "n ka valise tununna gare la",
        "راهم جايين الضياف",
        "wldi tlf lia lpassport dyalo",
        "on est bloqués dans les embouteillages",
        "on coule la dalle demain au chantier",
        "mon contrat il va sauter ?",
        "il vient d'arrêter de fumer",
        "كيف أجدد بطاقة الإقامة؟",
    ],
)
def test_cooking_fire_traffic_light_and_figures_of_speech_carry_no_risk(
    lexicon: RiskLexicon, text: str
) -> None:
    assert lexicon.level(text) == NONE


@pytest.mark.parametrize(
    "text",
    [
        "لا أستطيع الخروج من المغرب بدون جواز سفر",
        "je peux pas sortir du maroc sans passeport",
        "le patron nous attaque en justice",
        "tasuma donna an ka dumuni na",
        "القطة ديالي كتولد دابا",
        "mon dossier il bouge plus depuis 6 mois",
        "ils me poursuivent en justice pour une dette",
        "je suis enfermé dehors, j'ai perdu mes clés",
        "je vais en finir avec ce dossier cette semaine",
        "mon patron a violé mon contrat, je peux porter plainte ?",
        "j'ai battu mon record au chantier",
        "c'est urgent, ma carte expire demain",
        "راسي كيضربني من البارح، فين نمشي للطبيب؟",
        "kaydrbni rasi bzaf",
        "ghadi nsali kolchi 9bel ma nsafer",
        "أريد أن أنهي حياتي الدراسية في المغرب",
        "التيليفون خطفوه ليا فالطوبيس",
        "il ne respire pas par le nez quand il dort, c'est grave ?",
        "ma femme accouche maintenant à l'hôpital, comment déclarer la naissance",
        "زوجتي تلد الآن في المستشفى، كيف أسجل المولود؟",
        "n baara ɲɔgɔn dɔ ko a bɛ n gosi ni n ye salaire ko kuma",
    ],
)
def test_not_danger_contexts_are_what_keep_these_from_danger(text: str) -> None:
    """Without its ``not_danger`` list the lexicon would call these danger."""
    data = yamlload.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))
    assert RiskLexicon.from_mapping({**data, "not_danger": {}}).level(text) == DANGER
    assert RiskLexicon.from_mapping(data).level(text) != DANGER
