"""Swedish example texts for the redaction tests.

REDACT: (text, contact-field names, expected spans in order as (exact substring, kind)).
KEEP: (text, contact-field names) that must come back with nothing redacted.
"""

PNR = "personnummer"
SAM = "samordningsnummer"
TEL = "phone"
MAIL = "email"
NAME = "name"

REDACT: list[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]] = [
    # Personal identity numbers
    ("Mitt personnummer är 850312-1234.", (), (("850312-1234", PNR),)),
    ("Personnummer: 19850312-1234", (), (("19850312-1234", PNR),)),
    ("Personnummer 8503121234, ring om ni undrar.", (), (("8503121234", PNR),)),
    ("Mitt pnr är 8503121234", (), (("8503121234", PNR),)),
    ("Jag heter inget men har 8503121231 som nummer.", (), (("8503121231", PNR),)),
    ("Min pappa 198503121234 fick inget svar.", (), (("198503121234", PNR),)),
    ("Min mormor är 101 år, 121212+1212.", (), (("121212+1212", PNR),)),
    ("Hon har 850312+1234 enligt Skatteverket.", (), (("850312+1234", PNR),)),
    ("Skriv till mig, pers.nr 19850312 1234.", (), (("19850312 1234", PNR),)),
    ("pnr 850312 1234 tack", (), (("850312 1234", PNR),)),
    ("Jag är född 850312 - 1234 och bor i Tumba.", (), (("850312 - 1234", PNR),)),
    ("Personnummer 850312–1234 (kopierat från Word).", (), (("850312–1234", PNR),)),
    ("Min son 050312-1234 går i skolan här.", (), (("050312-1234", PNR),)),
    ("Anmälare: 200503121234", (), (("200503121234", PNR),)),
    ("Mitt barn har nummer 20050312-1234.", (), (("20050312-1234", PNR),)),
    ("Född 7912311235, bor på Storvretsvägen.", (), (("7912311235", PNR),)),
    ("Skickat av 020229-1233 om skolgården.", (), (("020229-1233", PNR),)),
    # Coordination numbers
    ("Jag har samordningsnummer 850372-1230.", (), (("850372-1230", SAM),)),
    ("Samordningsnummer: 8503721238", (), (("8503721238", SAM),)),
    ("Mitt nummer är 198503721238 (samordningsnummer).", (), (("198503721238", SAM),)),
    ("Min fru har 460591-1237 från Migrationsverket.", (), (("460591-1237", SAM),)),
    # Mobile phones
    ("Ring mig på 070-123 45 67", (), (("070-123 45 67", TEL),)),
    ("Nås på 070 123 45 67 efter 17.", (), (("070 123 45 67", TEL),)),
    ("Mobil: 0701234567", (), (("0701234567", TEL),)),
    ("Tel. 070-1234567, helst kvällstid.", (), (("070-1234567", TEL),)),
    ("Sms:a 073-123 45 67 när det är fixat!", (), (("073-123 45 67", TEL),)),
    ("Mitt nummer är 076-12 34 567", (), (("076-12 34 567", TEL),)),
    ("Ring 072 - 123 45 67 om ni har frågor.", (), (("072 - 123 45 67", TEL),)),
    ("Nummer 070–123 45 67 (mobil).", (), (("070–123 45 67", TEL),)),
    ("070-123-45-67 är mitt nummer", (), (("070-123-45-67", TEL),)),
    ("Ring 070-123 45 67 2 gånger om jag inte svarar.", (), (("070-123 45 67", TEL),)),
    ("tel:0701234567", (), (("0701234567", TEL),)),
    # International format
    ("Ring +46 70 123 45 67", (), (("+46 70 123 45 67", TEL),)),
    ("Nummer: 0046701234567", (), (("0046701234567", TEL),)),
    ("Mitt nummer +46701234567 funkar alltid.", (), (("+46701234567", TEL),)),
    ("Tel +46 (0)70-123 45 67", (), (("+46 (0)70-123 45 67", TEL),)),
    ("Ring jobbet på +46 8 123 456 78.", (), (("+46 8 123 456 78", TEL),)),
    ("Min norska mobil är +47 412 34 567.", (), (("+47 412 34 567", TEL),)),
    # Landlines
    ("Hemnummer 08-123 456 78", (), (("08-123 456 78", TEL),)),
    ("Ring (08) 123 45 67 dagtid.", (), (("(08) 123 45 67", TEL),)),
    ("Telefon 018-12 34 56 i Uppsala.", (), (("018-12 34 56", TEL),)),
    ("Sommarstugan har 0530-123 45.", (), (("0530-123 45", TEL),)),
    ("Ring 031-123 45 eller mejla.", (), (("031-123 45", TEL),)),
    ("Telefon: 08 123 45 67", (), (("08 123 45 67", TEL),)),
    # E-mail addresses
    ("Svara till anna.svensson@example.se tack.", (), (("anna.svensson@example.se", MAIL),)),
    ("Mejla a+fix@post.botkyrka.se.", (), (("a+fix@post.botkyrka.se", MAIL),)),
    ("Min mejl: Kalle_79@Hotmail.COM", (), (("Kalle_79@Hotmail.COM", MAIL),)),
    ("Kontakta åsa.öberg@exempel.se om lekplatsen.", (), (("åsa.öberg@exempel.se", MAIL),)),
    ("(mejl: fornamn-efternamn@mail.example.co.uk)", (), (("fornamn-efternamn@mail.example.co.uk", MAIL),)),
    # Several kinds in one text
    (
        "Ring 070-123 45 67 eller mejla anna@example.se, personnummer 850312-1234.",
        (),
        (("070-123 45 67", TEL), ("anna@example.se", MAIL), ("850312-1234", PNR)),
    ),
    (
        "Lampan vid Nedergårdsvägen 24, 147 40 Tumba är trasig sedan 2026-03-12. Ring 08-123 456 78.",
        (),
        (("08-123 456 78", TEL),),
    ),
    # Names from the contact fields
    ("Hej! Jag heter Anna Svensson och bor i Tumba.", ("Anna Svensson",), (("Anna Svensson", NAME),)),
    ("Mvh Anna", ("Anna Svensson",), (("Anna", NAME),)),
    ("Annas cykel blev stulen vid stationen.", ("Anna Svensson",), (("Annas", NAME),)),
    ("Familjen Svenssons staket är nedklottrat.", ("Anna Svensson",), (("Svenssons", NAME),)),
    ("Det är Anna Svensson's bil som står där.", ("Anna Svensson",), (("Anna Svensson's", NAME),)),
    ("ANNA SVENSSON vill ha svar", ("Anna Svensson",), (("ANNA SVENSSON", NAME),)),
    ("Svensson, Anna skrev detta.", ("Anna Svensson",), (("Svensson", NAME), ("Anna", NAME))),
    ("Hälsningar Anna-Karin Öberg", ("Anna-Karin Öberg",), (("Anna-Karin Öberg", NAME),)),
    ("Öbergs hund skäller hela natten.", ("Anna-Karin Öberg",), (("Öbergs", NAME),)),
    (
        "Anna Svensson <anna.svensson@example.se>",
        ("Anna Svensson",),
        (("Anna Svensson", NAME), ("anna.svensson@example.se", MAIL)),
    ),
    (
        "Jag, Anna, ringde 070-123 45 67 men Svensson på kontoret svarade inte.",
        ("Anna", "Svensson"),
        (("Anna", NAME), ("070-123 45 67", TEL), ("Svensson", NAME)),
    ),
    ("Mohammed Al-Hassan klagar på snöröjningen.", ("Mohammed Al-Hassan",), (("Mohammed Al-Hassan", NAME),)),
]

KEEP: list[tuple[str, tuple[str, ...]]] = [
    ("Lampan har varit trasig sedan 2026-03-12.", ()),
    ("Jag anmälde felet den 12 mars 2026 och igen 12/3.", ()),
    ("Datumet 12.03.2026 står på skylten.", ()),
    ("Senast 20260312 skulle det vara klart.", ()),
    ("Det kostar 1 500 kr att laga enligt er.", ()),
    ("Budgeten är 2 000 000 kronor för 2026.", ()),
    ("Projektet kostade 11 miljoner.", ()),
    ("Fakturan på 12 345,50 kr betalades 2026-02-28.", ()),
    ("Planen gäller 2023–2026.", ()),
    ("Planen gäller 2023-2026 och 2023 – 2026.", ()),
    ("Mitt ärende har nummer 2026-00042.", ()),
    ("Ärendet Dnr KS 2026/0042 är inte besvarat.", ()),
    ("Gatlyktan släcks kl. 22.30 varje kväll.", ()),
    ("Öppet 08.00–16.30 på vardagar, lunch 12:00.", ()),
    ("Glas på gångbanan vid Nedergårdsvägen 24, 147 40 Tumba.", ()),
    ("Postadress: Munkhättevägen 45, 147 85 Tumba.", ()),
    ("Buss 172 och 705 är alltid sena.", ()),
    ("Linje 726 mot Fittja stannar inte vid hållplatsen.", ()),
    ("Andelen nöjda gick upp med 12,5 procent.", ()),
    ("Nästan 45 % av lamporna är trasiga.", ()),
    ("Nyckeltalet N15428 har försämrats.", ()),
    ("Kolada-id U00405 och N00938 visar samma sak.", ()),
    ("Det är 3 hål i vägen och 12 trasiga lampor.", ()),
    ("Jag har bott här sedan 1985.", ()),
    ("Vi var 150 personer på mötet den 4/5.", ()),
    ("Hastigheten är 30 km/h men folk kör 70.", ()),
    ("Befolkningen är 93 000 invånare och ökar med 1,2 %.", ()),
    ("Skolan har 450 elever i årskurs 7–9.", ()),
    ("Lampa nummer 4711 vid hållplats Tumba station.", ()),
    ("Vägen byggdes 1972 och renoverades 2019.", ()),
    ("Det kostar 1 234 567 kr enligt budgeten.", ()),
    ("Annandag påsk var lekplatsen stängd.", ("Anna Svensson",)),
    ("Annika och Svante har också klagat.", ("Anna Svensson",)),
    ("Svenssonska villan är fin.", ("Anna Svensson",)),
    ("Inga kontaktuppgifter lämnade.", ()),
]
