"""Swedish word handling shared by area naming and link suggestions: tokens, stopwords, crude stems."""

from __future__ import annotations

import re


def split_words(text: str) -> list[str]:
    """Whitespace-separated words of a word-list literal (keeps long lexicons readable)."""
    return text.split()


STOPWORDS = frozenset(
    split_words(
        """
        alla allt alltid andra annan annat att av bara bland blir bli bör både de dem den denna
        deras dess dessa det detta dig din dina ditt du där därför då efter eller en ens er era ett
        fler flera för från får genom ha hade har hela helt hon honom hos hur här i igen in inom
        inte ja jag just kan kunna kunde man med mellan men mer mest mig min mina mitt mot mycket
        många måste ner nu när någon något några och också om oss på redan samma samt sedan sig sin
        sina sitt ska skall skulle som så sådan sådana till under upp ut utan vad var vara vari
        varit vars vart vem vi vid vilka vilken vilket vill vår våra vårt än ännu är även ökar över
        ses sätt exempel annat bl bland t ex dock kommer ska får gör görs göra gjort finns fanns
        vilket emot nya ny nytt idag år året åren kommun kommunen kommunens kommunala
        """
    )
)

_TOKEN = re.compile(r"[a-zåäöéü]+", re.IGNORECASE)
_SUFFIXES = sorted(
    split_words(
        """
        heterna hetens heten heter arnas ernas ornas andes andet arens arna erna orna ande arne aste
        aren ades erns ade are ern ens het ast ad en an ar er or as es at a e s iteten itet ella ell
        """
    ),
    key=len,
    reverse=True,
)


def tokens(text: str) -> list[str]:
    """Lowercase word tokens."""
    return [t.lower() for t in _TOKEN.findall(text)]


def content_words(text: str) -> list[str]:
    """Tokens that carry meaning: no stopwords, no very short words."""
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 2]


def stem(word: str) -> str:
    """Strip one common Swedish inflection suffix, keeping at least four letters ("trygghetskameror" →
    "trygghetskamer", "tryggheten" → "trygghet")."""
    if word.endswith("het") and len(word) > 6:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def related(a: str, b: str) -> bool:
    """Stems that share meaning: equal, one a compound part of the other, or a long common prefix."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 5 and (long_.startswith(short) or long_.endswith(short)):
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 6 and common >= 0.75 * len(short)
