from framsteg.steering.importer.naming import name_area


def test_lexicon_name_from_commitments():
    assert name_area("", ["Bygga fler bostäder", "Motverka svartkontrakt i bostäder"], set()) == "Bostäder"


def test_never_returns_a_taken_name():
    commitments = ["Bygga fler bostäder", "Motverka svartkontrakt i bostäder"]
    assert name_area("", commitments, {"Bostäder"}) != "Bostäder"


def test_falls_back_to_a_short_phrase_of_the_first_commitment():
    assert name_area("", ["Inrätta en kommunal tandvårdsjour för alla invånare"], set()) == (
        "Inrätta en kommunal tandvårdsjour"
    )
    assert name_area("", ["Inrätta en kommunal tandvårdsjour"], {"Inrätta en kommunal tandvårdsjour"}) == (
        "Inrätta en kommunal tandvårdsjour (2)"
    )
