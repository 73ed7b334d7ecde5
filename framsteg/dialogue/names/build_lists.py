"""Rebuild first_names.txt, surnames.txt and name_words.txt from their sources.

Not used at run time. Run by hand when the sources are updated, with Faker's wheel unpacked
somewhere and Debian's hunspell-sv installed:

    python framsteg/dialogue/names/build_lists.py /path/to/unpacked/faker /usr/share/hunspell/sv_SE.dic

then review the diff (see README.md).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Names that are also ordinary words in Swedish, Finnish or English texts, found by hand in addition to
# the names that the Swedish spelling dictionary lists as lowercase words.
EXTRA_NAME_WORDS = """
    Hans Per Mona Sara Said Omar Will Bill Mark May June Rose Grace Joy Hope Amber Holly Dean Chase Ray
    Wall Hall Green Thor Roth Holm Holst Roos Levin Lindh Lundh Li Kim Ali Issa Mia Nova Vilma Vide Alva
    Satu Onni Toivo Armas Helmi Kari Tuuli Ilona Sini Taisto Aatos Rauha Valo Lumi Usko Aalto Aho Koski
    Järvi Mäki Niemi Lahti Salo Saari Virta Vuori Kangas Korpi Linna Ranta Tuomi Karhu Kurki Varis Repo
    Kokko Lehto Luoma Harju Rinne Kallio Salmi Laine Lammi Suomalainen Venäläinen Tikka Elo Aro Tervo
    Vainio Pohjola Takala Halme Kiuru Love Max Bella Lo Elsie Junior Christian Ronja Leon Noa Nor August Siri
    Else Edit Arvo Aina Heli Simo Maya
"""
# Dictionary words that are first of all names here, so they stay unambiguous.
NOT_NAME_WORDS = """
    Backman Berggren Bergkvist Bergman Bergström Björkman Broman Bäckman Bäckström Hammarström Källström
    Lindgren Lindström Ljunggren Lövgren Malmberg Nordström Sandgren Sandström Sjöberg Sjögren Sjöstrand
    Sjöström Södergren Söderström Ågren Barbro Veronika Viktoria Henna Khan Osman Sari
"""


def _provider_lists(path: Path) -> dict[str, list[str]]:
    """The literal name lists of a Faker person provider, read without importing Faker."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lists: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in {"first_names_female", "first_names_male", "last_names"}:
                strings = [
                    n.value
                    for n in ast.walk(node.value)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
                lists[name] = strings
    return lists


def main(faker_root: str, dictionary: str) -> None:
    providers = Path(faker_root) / "faker" / "providers" / "person"
    first: set[str] = set()
    surnames: set[str] = set()
    for locale in ("sv_SE", "fi_FI"):
        lists = _provider_lists(providers / locale / "__init__.py")
        first |= set(lists["first_names_female"]) | set(lists["first_names_male"])
        surnames |= set(lists["last_names"])
    words = set()
    for line in Path(dictionary).read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("/")[0].strip()
        if word and word[0].islower():
            words.add(word)
    not_words = set(NOT_NAME_WORDS.split())
    ambiguous = {n for n in first | surnames if n.lower() in words and n not in not_words}
    ambiguous |= set(EXTRA_NAME_WORDS.split())
    for filename, values in (
        ("first_names.txt", first),
        ("surnames.txt", surnames),
        ("name_words.txt", ambiguous),
    ):
        (HERE / filename).write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
