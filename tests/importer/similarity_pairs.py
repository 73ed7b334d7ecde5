"""A labelled set of Swedish texts for the comparison of proposals with the adopted plan.

Written for the test, in the styles of the texts compared: COMMITMENTS as a municipal platform states them
("Därför ska kommunen jobba med att: …"), POINTS as party programmes and budget proposals put them. Each point
is written to be taken up by one commitment (MATCHES, some in other words than the commitment uses, as a real
programme would), and HARD_NEGATIVES pair a point with a commitment on the same topic that does not take it
up. Together with a fixed draw of unrelated commitments they give the labelled pairs of `labelled_pairs()`.
"""

from __future__ import annotations

import random

COMMITMENTS = {
    "forskola": "Få fler barn att börja förskolan",
    "lasning": "Öka insatser för läslust och läskunnighet",
    "studiero": "Skapa studiero i klassrummen med tydliga ordningsregler",
    "elevhalsa": "Stärka elevhälsan så att elever med behov får stöd tidigt",
    "larare": "Bli en attraktiv arbetsgivare för behöriga lärare",
    "lov": "Erbjuda lovskola och läxhjälp till elever som riskerar att inte nå målen",
    "npf": "Erbjuda skolpersonal kompetensutveckling om neuropsykiatriska funktionsnedsättningar",
    "vuxenutb": "Utveckla vuxenutbildningen med fokus på svenska och yrkesutbildning",
    "hemtjanst": "Minska antalet personer i hemtjänsten som besöker varje brukare",
    "aldreboende": "Bygga fler boenden för äldre i alla kommundelar",
    "ensamhet": "Motverka ensamhet bland äldre genom mötesplatser och träffpunkter",
    "valfardsteknik": "Använda välfärdsteknik för att öka tryggheten i äldreomsorgen",
    "fallolyckor": "Förebygga fallolyckor bland äldre",
    "bostader": "Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år",
    "blandade": "Bygga blandade upplåtelseformer i alla kommundelar, fler bostadsrätter i norra Botkyrka",
    "svartkontrakt": "Motverka svartkontrakt och trångboddhet tillsammans med fastighetsägarna",
    "belysning": "Förbättra belysningen längs gång- och cykelvägar",
    "trygghetskameror": "Sätta upp trygghetskameror på platser där brott ofta begås",
    "nattvandring": "Stödja föreningar som nattvandrar och grannsamverkan",
    "fritidsgardar": "Hålla fritidsgårdarna öppna på kvällar och helger",
    "avhopp": "Erbjuda stöd till personer som vill lämna kriminella nätverk",
    "valfardsbrott": "Motverka välfärdsbrott och felaktiga utbetalningar",
    "klimatneutral": "Kommunorganisationen ska vara klimatneutral 2025",
    "fossilfri": "Botkyrka ska vara fossilfritt 2030",
    "koldioxidbudget": "Göra koldioxidbudgeten till en del av det ordinarie styrsystemet",
    "solceller": "Sätta solceller på kommunens tak",
    "laddning": "Bygga ut laddinfrastruktur för elbilar",
    "natur": "Skydda grönområden och jordbruksmark från exploatering",
    "valdeltagande": "Öka valdeltagandet i kommundelar där det är lågt",
    "dialog": "Utveckla medborgardialogen så att fler Botkyrkabor kan påverka",
    "foreningsbidrag": "Ställa krav på demokratiska värderingar för föreningsbidrag",
    "foretag": "Förbättra företagsklimatet och servicen till företag",
    "etablering": "Locka fler företag att etablera sig i Botkyrka",
    "feriejobb": "Erbjuda feriejobb till alla ungdomar som söker",
    "arbetsmarknad": "Hjälpa personer som lever på ekonomiskt bistånd till egen försörjning",
    "handlaggning": "Korta handläggningstiderna inom socialtjänsten",
    "eTjanster": "Införa fler e-tjänster så att invånare kan ansöka digitalt",
    "heder": "Stärka arbetet mot hedersrelaterat våld och förtryck",
    "kollektivtrafik": "Verka för bättre kollektivtrafik mellan kommundelarna",
    "bibliotek": "Utveckla biblioteken till mötesplatser med längre öppettider",
}

# point → the key of the commitment that takes it up.
MATCHES = [
    ("Alla barn ska erbjudas plats i förskolan och fler ska börja där", "forskola"),
    ("Satsa på läsning: läslust och läskunnighet för varje barn", "lasning"),
    ("Lugn och studiero i varje klassrum", "studiero"),
    ("Elevhälsan ska förstärkas och ge stöd i tid", "elevhalsa"),
    ("Höjda löner för att behålla och rekrytera behöriga lärare", "larare"),
    ("Läxhjälp och lovskola för elever som behöver mer tid", "lov"),
    ("Utbildning för skolpersonal om neuropsykiatriska funktionsnedsättningar som adhd och autism", "npf"),
    ("Mer yrkesutbildning och svenska inom vuxenutbildningen", "vuxenutb"),
    ("Färre personal per brukare i hemtjänsten", "hemtjanst"),
    ("Fler äldreboenden i hela kommunen", "aldreboende"),
    ("Bryta äldres ensamhet med fler träffpunkter", "ensamhet"),
    ("Ny välfärdsteknik i äldreomsorgen som ger trygghet", "valfardsteknik"),
    ("Förebyggande arbete mot fallolyckor hos äldre", "fallolyckor"),
    ("Vi vill bygga 8000 nya bostäder i blandade former", "bostader"),
    ("Fler bostadsrätter i norra Botkyrka och blandade upplåtelseformer", "blandade"),
    ("Stoppa svartkontrakten och trångboddheten", "svartkontrakt"),
    ("Bättre belysning på gång- och cykelvägar", "belysning"),
    ("Fler trygghetskameror där brotten sker", "trygghetskameror"),
    ("Stöd till nattvandrare och grannsamverkan i bostadsområdena", "nattvandring"),
    ("Fritidsgårdar som har öppet på kvällar och helger", "fritidsgardar"),
    ("Avhopparverksamhet för den som vill lämna kriminella nätverk", "avhopp"),
    ("Kraftfullt arbete mot välfärdsbrott och felaktiga utbetalningar", "valfardsbrott"),
    ("En klimatneutral kommunorganisation", "klimatneutral"),
    ("Ett fossilfritt Botkyrka senast 2030", "fossilfri"),
    ("Koldioxidbudgeten ska styra kommunens beslut", "koldioxidbudget"),
    ("Solceller på alla kommunala tak", "solceller"),
    ("Fler laddstolpar för elbilar", "laddning"),
    ("Bevara grönområden och jordbruksmarken", "natur"),
    ("Höjt valdeltagande i alla kommundelar", "valdeltagande"),
    ("Medborgardialog där invånarna får påverka på riktigt", "dialog"),
    ("Inga föreningsbidrag till föreningar som inte delar demokratiska värderingar", "foreningsbidrag"),
    ("Bättre service till företagen och ett bättre företagsklimat", "foretag"),
    ("Få fler företag att etablera sig här", "etablering"),
    ("Feriejobb åt alla unga som söker", "feriejobb"),
    ("Från ekonomiskt bistånd till egen försörjning genom jobb", "arbetsmarknad"),
    ("Aktivera processarbete på alla plan för att korta alla handläggningstider", "handlaggning"),
    ("Ta fram plan över socialtjänster som skulle kunna bli lämpliga att ansöka till via nätet", "eTjanster"),
    ("En särskild specialist för ärenden som identifieras som hedersrelaterade", "heder"),
    ("Bättre bussförbindelser mellan norra och södra Botkyrka", "kollektivtrafik"),
    ("Längre öppettider på biblioteken", "bibliotek"),
]

# point (by index in MATCHES) → a commitment on the same topic that does not take it up.
HARD_NEGATIVES = [
    (0, "lasning"),
    (1, "forskola"),
    (2, "elevhalsa"),
    (3, "studiero"),
    (4, "npf"),
    (5, "vuxenutb"),
    (8, "aldreboende"),
    (9, "ensamhet"),
    (10, "valfardsteknik"),
    (13, "svartkontrakt"),
    (15, "blandade"),
    (17, "belysning"),
    (18, "fritidsgardar"),
    (19, "nattvandring"),
    (20, "valfardsbrott"),
    (22, "fossilfri"),
    (23, "klimatneutral"),
    (25, "laddning"),
    (28, "dialog"),
    (29, "valdeltagande"),
    (31, "etablering"),
    (32, "foretag"),
    (33, "arbetsmarknad"),
    (35, "eTjanster"),
    (36, "handlaggning"),
    (39, "fritidsgardar"),
]

# Points of party texts that no commitment takes up.
UNMATCHED_POINTS = [
    "Inrätta en timbank med korttidsjobb tillsammans med AVUX",
    "Inför fadderfamilj som valbar socialtjänst till ensamkommande barn",
    "Skolskjuts oavsett vilken skola man väljer",
    "11 miljoner till löneförhöjning för socialsekreterare",
    "Förvärva ägarandelslägenheter för vidareupplåtelse vid biståndsbeslut",
    "Modulbostäder med tillfälliga bygglov",
    "Sänkt skatt för pensionärer",
    "Gratis simskola för alla sexåringar",
]


def labelled_pairs(seed: int = 11) -> list[tuple[str, str, bool]]:
    """(point, commitment, takes it up) for every match, every hard negative, and for each point two
    unrelated commitments drawn with a fixed seed; the unmatched points against three commitments each."""
    draw = random.Random(seed)
    keys = sorted(COMMITMENTS)
    pairs = [(point, COMMITMENTS[key], True) for point, key in MATCHES]
    pairs += [(MATCHES[index][0], COMMITMENTS[key], False) for index, key in HARD_NEGATIVES]
    for index, (point, key) in enumerate(MATCHES):
        hard = {k for i, k in HARD_NEGATIVES if i == index}
        others = [k for k in keys if k != key and k not in hard]
        pairs += [(point, COMMITMENTS[k], False) for k in draw.sample(others, 2)]
    for point in UNMATCHED_POINTS:
        pairs += [(point, COMMITMENTS[k], False) for k in draw.sample(keys, 3)]
    return pairs


def corpus_texts() -> list[str]:
    return [*COMMITMENTS.values(), *(point for point, _ in MATCHES), *UNMATCHED_POINTS]
