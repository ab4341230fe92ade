"""The apps are floors (STYLE.md 13): projects < workflow < notices < sungmen_plan, and no app
imports one above it. import-linter's layers contract in pyproject.toml says so; CI runs
`lint-imports`, and these tests show that it holds and that it would catch a breach."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
APPS = ("projects", "workflow", "notices", "sungmen_plan")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_it_keeps_the_layers_of_the_apps():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_it_fails_on_an_upward_import(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    # The bottom app reaching for the notices, as projects/exports.py once did.
    tables = tmp_path / "projects" / "tables.py"
    tables.write_text(tables.read_text() + "\nfrom notices.models import PlanDocument\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "projects.tables -> notices.models" in result.stdout
