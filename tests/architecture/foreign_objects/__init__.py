"""Objects of a foreign department per feature area, for the IDOR test. Each module here defines ``KWARGS`` (the URL
arguments it covers) and ``build(base) -> {kwarg: pk}``; ``base`` holds the foreign department's ``unit``, ``channel``
(approved, active), ``producer``, ``flowmanager`` and a ``foreign_hospital`` with its ``foreign_lead``."""

import importlib
import pkgutil
from types import ModuleType


def areas() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
