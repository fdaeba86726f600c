"""Matrix rows per feature area: each module here defines ``ROWS`` in the shape of ``MATRIX``
(url name: (reverse args or a callable giving them, {method: {persona: status}})), so areas add rows side by side."""

import importlib
import pkgutil


def matrix_rows() -> dict:
    rows: dict = {}
    for module_info in pkgutil.iter_modules(__path__):
        area = importlib.import_module(f"{__name__}.{module_info.name}").ROWS
        if overlap := rows.keys() & area.keys():
            raise AssertionError(f"{module_info.name} repeats rows: {sorted(overlap)}")
        rows.update(area)
    return rows
