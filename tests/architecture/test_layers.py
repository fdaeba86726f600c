import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_apps_import_only_downwards():
    """The import-linter contracts of pyproject.toml: the layers, and guardian.shortcuts only in rights.py."""
    lint_imports = ROOT / ".venv" / "bin" / "lint-imports"
    command = [str(lint_imports)] if lint_imports.exists() else ["lint-imports"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout
