"""Importers of the raw public sources.

Pillar modules (``data``, ``compute``, ``models``, ``industry``, ``context``) each expose
INDICATORS (indicators.csv rows) and load(ctx) → value rows, composing the readers of the
source modules, one per source: ``commoncrawl_cldr`` (web text), ``ember`` (electricity),
``epoch_models`` (Epoch AI's model lists), ``chips`` (supplier jurisdictions),
``models_ledger``; the shared WDI / OWID / GitHub readers are in ``indicators.build.readers``.
``top500``, ``gpu_clusters`` (Epoch AI) and ``cloud_regions`` read the compute sources.
"""

from __future__ import annotations

from types import ModuleType

from indicators.importers import compute, context, data, industry, models

#: pillars.csv rows: (pillar, name, weight, description).
PILLARS: tuple[tuple[str, str, float, str], ...] = (
    ("data", "Data", 1.0, "Whether the country's languages, people and networks generate and "
     "host the data AI is built from: web text in its languages, code in public "
     "repositories, connectivity (broadband, mobile, international cables) and hosting."),
    ("compute", "Compute", 1.0, "AI and high-performance computing capacity located in the "
     "country, cloud regions hosted there, and the energy to run them."),
    ("models", "Models", 1.0, "Capability to build AI models at home: models and frontier "
     "models developed, largest training run, and the research base they come from (AI "
     "publications, researchers, R&D spending)."),
    ("industry", "Industry", 1.0, "The developer base, AI investment, graduate talent, "
     "scientific output, technology exports and intellectual-property balance of the economy."),
)

#: Modules in the order their indicators appear; context last.
MODULES: tuple[ModuleType, ...] = (data, compute, models, industry, context)
