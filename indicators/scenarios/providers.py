"""Provider names for ``--provider``: Epoch AI organisation names, matched case-insensitively,
plus a few aliases for providers Epoch lists under several names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Final

#: Alias (lower case) → the Epoch organisation names it stands for.
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "google deepmind": ("Google DeepMind", "DeepMind", "Google", "Google Brain",
                        "Google Research"),
    "google": ("Google DeepMind", "DeepMind", "Google", "Google Brain", "Google Research"),
    "deepmind": ("Google DeepMind", "DeepMind"),
    "meta": ("Meta AI", "Facebook AI Research"),
    "facebook": ("Meta AI", "Facebook AI Research"),
    "microsoft": ("Microsoft", "Microsoft Research"),
    "mistral": ("Mistral AI",),
    "alibaba": ("Alibaba",),
    "qwen": ("Alibaba",),
    "zhipu": ("Zhipu AI",),
    "moonshot ai": ("Moonshot",),
    "kimi": ("Moonshot",),
    "ibm": ("IBM", "IBM Research"),
    "huawei": ("Huawei", "Huawei Noah's Ark Lab"),
    "g42": ("G42", "Inception G42"),
    "lg": ("LG", "LG AI Research"),
    "tii": ("Technology Innovation Institute",),
}


class UnknownProvider(ValueError):
    """A provider name matches no organisation of the models ledger; the message suggests some."""


def resolve_providers(names: Iterable[str], organizations: Iterable[str]) -> frozenset[str]:
    """Return the ledger organisation names that ``names`` stand for (exact names or aliases).

    Matching is case-insensitive. Raises UnknownProvider naming the first unknown name and the
    closest organisation names.
    """
    by_lower: dict[str, str] = {}
    for org in organizations:
        by_lower.setdefault(org.lower(), org)
    matched: set[str] = set()
    for name in names:
        key = " ".join(name.split()).lower()
        found = {by_lower[key]} if key in by_lower else set()
        found |= {by_lower[o.lower()] for o in ALIASES.get(key, ()) if o.lower() in by_lower}
        if not found:
            close = difflib.get_close_matches(key, [*by_lower, *ALIASES], n=3, cutoff=0.6)
            hint = (": did you mean " + ", ".join(by_lower.get(c, c) for c in close) + "?"
                    if close else ": expected an organisation of models_ledger.csv (Epoch AI's "
                    "Organization), e.g. Anthropic, OpenAI, Google DeepMind")
            raise UnknownProvider(f"unknown provider {name!r}{hint}")
        matched |= found
    return frozenset(matched)
