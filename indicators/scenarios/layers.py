"""The ledger's layers: one table of their names for people, their order and their groups.

Every place that shows a layer to a person takes its name from here: the CLI's text, the
dashboard's posture strip and map, the Scenarios page's layer checklist and docs/scenarios.md.
Codes (``chips_fab``) stay the values in data, links and callbacks; only the labels are shown.

A **group** is a layer a scenario can name that stands for several ledger layers:
``chips_tools`` is the eight front-end tool categories a fab needs every one of
(``TOOL_LAYERS``; rule in indicators/importers/chip_stages.py). A data directory whose ledger
still has a ``chips_tools`` layer of its own (the lithography-only ledger) stays valid: the
group then also covers that layer.

This module imports nothing from the project, so importers and the dashboard can both use it.
"""

from __future__ import annotations

from typing import Final

#: The front-end fabrication tool categories of CSET/ETO, one ledger layer each, in process
#: order (chip_stages.TOOL_CATEGORIES gives the CSET input of each).
TOOL_LAYERS: Final = ("chips_tools_lithography", "chips_tools_resist", "chips_tools_deposition",
                      "chips_tools_etch", "chips_tools_implant", "chips_tools_cmp",
                      "chips_tools_process_control", "chips_tools_handling")
TOOLS_GROUP: Final = "chips_tools"

#: Layers whose ledger names only the domestic share: the rest is foreign with no named
#: supplier (energy imports), which only an all-foreign cut removes.
UNNAMED_FOREIGN: Final = frozenset({"energy"})

#: Layer code → display name, in supply-chain order (the order of the strip, map and checklist).
LAYER_LABELS: Final[dict[str, str]] = {
    "chips": "Chip design",
    "chips_fab": "Fabrication",
    "chips_packaging": "Packaging",
    "chips_memory": "HBM memory",
    TOOLS_GROUP: "Chip-making tools",
    "chips_tools_lithography": "Lithography tools",
    "chips_tools_resist": "Resist-processing tools",
    "chips_tools_deposition": "Deposition tools",
    "chips_tools_etch": "Etch and clean tools",
    "chips_tools_implant": "Ion implanters",
    "chips_tools_cmp": "Planarisation (CMP) tools",
    "chips_tools_process_control": "Process-control tools",
    "chips_tools_handling": "Wafer and mask handlers",
    "cloud": "Cloud",
    "connectivity": "Cable links",
    "cable_suppliers": "Cable builders",
    "energy": "Energy",
    "models": "Models",
}
LAYER_ORDER: Final = tuple(LAYER_LABELS)

#: Group → the ledger layers it stands for (besides a ledger layer of its own name).
LAYER_GROUPS: Final[dict[str, tuple[str, ...]]] = {TOOLS_GROUP: TOOL_LAYERS}
_GROUP_OF: Final = {member: group for group, members in LAYER_GROUPS.items()
                    for member in members}


#: Ledger source → what its shares count, in words, per layer ("" : any layer). Every place
#: that shows a row's basis to a person says this, not the source id (audit B18, C5).
BASIS_LABELS: Final[dict[str, dict[str, str]]] = {
    "ai_accelerator_stock": {
        "chips": "designers of the AI accelerators in its GPU clusters and supercomputers",
        "chips_fab": "fabs of the AI accelerators in its GPU clusters and supercomputers",
        "chips_packaging": "packaging sites of the AI accelerators in its GPU clusters and "
                           "supercomputers",
        "chips_memory": "HBM makers of the AI accelerators in its GPU clusters and "
                        "supercomputers"},
    "epoch_gpu_clusters": {"": "the chips in its listed GPU clusters (Epoch AI)"},
    "top500": {"": "its TOP500 supercomputers' chips (Rmax)"},
    "cset_eto_chip_supply_chain": {"": "world market shares of the tool makers (CSET/ETO)"},
    "cloud_regions_telegeography": {"": "hyperscale cloud regions hosted (TeleGeography)"},
    "submarine_cable_map": {"connectivity": "landing partners of its submarine cables",
                            "cable_suppliers": "builders of its submarine cables"},
    "wb_wdi": {"energy": "energy use produced at home (World Bank)"},
    "epoch_models": {"models": "Epoch AI's large-scale models"},
}


def basis_label(source_id: str, layer: str) -> str:
    """Return what a ledger row of ``source_id`` on ``layer`` counts, in words (the source id
    itself when it has no label)."""
    labels = BASIS_LABELS.get(source_id, {})
    return labels.get(layer) or labels.get("") or source_id


def layer_label(layer: str) -> str:
    """Return a layer's display name (an unknown code with its underscores as spaces)."""
    return LAYER_LABELS.get(layer, layer.replace("_", " "))


def layer_phrase(layer: str) -> str:
    """Return a layer's name inside a sentence: its label with a lower-case first letter,
    unless the first word is an acronym ("HBM memory", but "the fabrication layer")."""
    label = layer_label(layer)
    first = label.split(" ", 1)[0]
    return label if first.isupper() and len(first) > 1 else label[:1].lower() + label[1:]


def ordered_layers(layers: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """Return ``layers`` in supply-chain order (unknown layers last, alphabetically)."""
    present = set(layers)
    known = [layer for layer in LAYER_ORDER if layer in present]
    return known + sorted(present - set(known))


def group_of(layer: str) -> str:
    """Return the group a ledger layer belongs to (``chips_tools``), or the layer itself."""
    return _GROUP_OF.get(layer, layer)


def is_group_member(layer: str) -> bool:
    """Return True for a ledger layer that is part of a group (a tool category)."""
    return layer in _GROUP_OF


def with_groups(layers: list[str] | set[str]) -> list[str]:
    """Return ``layers`` (ledger layers) plus every group one of them belongs to, sorted."""
    return sorted(set(layers) | {group_of(layer) for layer in layers})


def cut_key(layer: str, scenario_layers: tuple[str, ...] | list[str]) -> str | None:
    """Return the scenario layer that cuts ledger layer ``layer``, or None if none does.

    A layer named itself wins; else its group, when the scenario names the group.
    """
    if layer in scenario_layers:
        return layer
    group = group_of(layer)
    return group if group != layer and group in scenario_layers else None
