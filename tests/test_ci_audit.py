"""Finding 14 of the hardening audit: CI audits the dependencies, fails on a known
vulnerability, and says plainly when a service could not answer instead of passing."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def pip_report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_it_fails_on_a_known_python_vulnerability():
    report = pip_report(
        {
            "name": "django",
            "version": "5.2.0",
            "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.1"]}],
        },
        {"name": "segno", "version": "1.6.1", "vulns": []},
    )
    vulnerable, lines = audit.pip_verdict(report, "")
    assert vulnerable
    assert lines == ["VULNERABLE: django 5.2.0: PYSEC-1 (fixed in 5.2.1)"]


@pytest.mark.parametrize(
    ("stdout", "stderr", "says"),
    [
        ("", "ConnectionError: api.osv.dev", "could not reach its service (ConnectionError"),
        (
            pip_report({"name": "django", "version": "5.2.19", "skip_reason": "not found"}),
            "",
            "knows nothing of 1 of 1 Python packages",
        ),
    ],
)
def test_it_says_so_when_python_packages_could_not_be_audited(stdout, stderr, says):
    vulnerable, lines = audit.pip_verdict(stdout, stderr)
    assert not vulnerable
    assert lines[0].startswith("NOT AUDITED")
    assert says in lines[0]


def test_it_passes_python_packages_only_when_every_one_was_checked():
    report = pip_report({"name": "segno", "version": "1.6.1", "vulns": []})
    assert audit.pip_verdict(report, "") == (
        False,
        ["pip-audit: no known vulnerability in 1 Python packages"],
    )


def test_it_fails_on_a_known_npm_vulnerability():
    report = {
        "vulnerabilities": {"bootstrap": {"severity": "moderate"}},
        "metadata": {"vulnerabilities": {"moderate": 1, "total": 1}},
    }
    assert audit.npm_verdict(json.dumps(report), "") == (
        True,
        ["VULNERABLE: npm bootstrap (moderate)"],
    )


def test_it_says_so_when_the_npm_registry_refuses_the_audit():
    report = {"message": "405 Method Not Allowed - POST .../advisories/bulk", "error": {}}
    vulnerable, lines = audit.npm_verdict(json.dumps(report), "")
    assert not vulnerable
    assert lines == [
        "NOT AUDITED: npm audit could not reach the registry's service "
        "(405 Method Not Allowed - POST .../advisories/bulk)"
    ]
