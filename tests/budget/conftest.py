import pytest

from framsteg.steering.models import CandidateTarget
from tests import factories

NEWS = "Botkyrka satsar på tryggheten.\n\nDärför tillförs ytterligare 22 miljoner till skolan i år.\n"
PROPOSAL = "Centerpartiet skjuter därför till 11 miljoner för socialsekreterarnas löner.\n"


def stated(document, words: str, value: int) -> CandidateTarget:
    version = document.current_version
    start = version.text.index(words)
    return CandidateTarget.objects.create(
        document=document,
        version=version,
        text=words,
        value=value,
        unit="SEK",
        context=version.text.strip(),
        source_start=start,
        source_end=start + len(words),
    )


@pytest.fixture
def world(db, settings, tmp_path):
    """Two committees with an administration each, a commitment, a tertial, and the people around them."""
    settings.VAR_DIR = tmp_path / "var"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    council = factories.make_organisation("Kommunfullmäktige", kind="council", slug="kf")
    schools = factories.make_organisation("Utbildningsnämnden", slug="utbildningsnamnden", parent=council)
    school_admin = factories.make_organisation(
        "Utbildningsförvaltningen", "administration", slug="uf", parent=schools
    )
    social = factories.make_organisation("Socialnämnden", slug="socialnamnden", parent=council)
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    police = factories.make_organisation("Polisen", kind="partner", slug="polisen")
    document = factories.make_document("Politisk plattform", slug="plattform")
    area = factories.make_area(document, "Skola", slug="skola")
    commitment = factories.make_commitment(area, "Fler barn ska börja förskolan", [school_admin])
    period = factories.make_period("tertial", 2026)
    news = factories.make_document("Botkyrka satsar på tryggheten", text=NEWS, kind="other", slug="nyhet")
    proposal = factories.make_document(
        "Centerpartiets budgetförslag", text=PROPOSAL, kind="budget", slug="c", standing="proposal"
    )
    return {
        "schools": schools,
        "school_admin": school_admin,
        "social": social,
        "commitment": commitment,
        "period": period,
        "news_amount": stated(news, "22 miljoner", 22_000_000),
        "proposal_amount": stated(proposal, "11 miljoner", 11_000_000),
        "coordinator": factories.make_user("cecilia", klf, ("coordinator",)),
        "school_owner": factories.make_user("ulla", school_admin, ("reporter",)),
        "social_owner": factories.make_user("sune", social, ("goal_owner",)),
        "reader": factories.make_user("per", council, ("reader",)),
        "police": factories.make_user("pelle", police, ("partner",)),
    }
