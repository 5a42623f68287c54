"""Dash components written directly in the JSON form Dash sends of them.

Building a Dash component validates every property through Python code, and sending it calls
Python code again per component; a large repetitive part of a page (the ranking preview's 150
cells, the what-if panel's 30 sliders) spends most of its time there. ``element`` writes the
same dict that Dash's ``to_plotly_json`` would (``{"props", "type", "namespace"}``, the
properties in the component's own order, ``children`` always present where it has them), so
the JSON sent is unchanged; ``tests/dashboard/test_plain_html.py`` checks it against Dash.
"""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component

_META: dict[type[Component], tuple[dict[str, int], str, str, bool]] = {}


def _meta(cls: type[Component], children: Any,
          props: dict[str, Any]) -> tuple[dict[str, int], str, str, bool]:
    """Return the property order, type, namespace and whether it has children, of ``cls``
    (read from one component built the first time, with these properties: Dash sets its
    property names on each instance)."""
    if cls not in _META:
        build: Any = cls
        sample = build(children, **props) if children is not None else build(**props)
        names = list(sample._prop_names)
        _META[cls] = ({name: i for i, name in enumerate(names)}, sample._type,
                      sample._namespace, "children" in names)
    return _META[cls]


#: A component in its JSON form (a dict); typed Any, as Dash's typed children do not name it.
Plain = Any


def element(cls: type[Component], children: Any = None, **props: Any) -> Plain:
    """Return ``cls(children, **props)`` as Dash sends it; ``children`` and the properties must
    be JSON already (text, numbers, lists, dicts, other ``element``s). Unknown properties raise
    KeyError, as the component would refuse them."""
    order, kind, namespace, has_children = _meta(cls, children, props)
    given = {"children": children, **props} if has_children else props
    return {"props": dict(sorted(given.items(), key=lambda item: order[item[0]])),
            "type": kind, "namespace": namespace}
