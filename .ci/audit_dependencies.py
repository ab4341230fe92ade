"""Known vulnerabilities in the installed Python packages (pip-audit) and the npm packages
(npm audit): exit 1 when either reports one.

When a service cannot answer (no network, an index mirror that does not know the installed
versions, a registry proxy that refuses npm's audit endpoint), the step says so on a line of
its own starting with "NOT AUDITED" and does not fail: CI must not go red because a service
is unreachable, and must not look green as if the packages had been checked.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str]) -> tuple[int, str, str]:
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        return -1, "", str(error)
    return done.returncode, done.stdout, done.stderr


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def pip_verdict(stdout: str, stderr: str) -> tuple[bool, list[str]]:
    """(vulnerable, lines to print) from pip-audit's JSON output."""
    try:
        report = json.loads(stdout)
    except ValueError:
        return False, [f"NOT AUDITED: pip-audit could not reach its service ({_last_line(stderr)})"]
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    lines = [
        f"VULNERABLE: {d['name']} {d['version']}: {v['id']} (fixed in "
        f"{', '.join(v.get('fix_versions') or ['no release yet'])})"
        for d in vulnerable
        for v in d["vulns"]
    ]
    if skipped:
        names = ", ".join(d["name"] for d in skipped[:8])
        lines.append(
            f"NOT AUDITED: the vulnerability service knows nothing of {len(skipped)} of "
            f"{len(dependencies)} Python packages at their installed versions ({names}, ...)"
        )
    if not lines:
        lines.append(f"pip-audit: no known vulnerability in {len(dependencies)} Python packages")
    return bool(vulnerable), lines


def npm_verdict(stdout: str, stderr: str) -> tuple[bool, list[str]]:
    try:
        report = json.loads(stdout)
    except ValueError:
        report = {}
    totals = report.get("metadata", {}).get("vulnerabilities")
    if "error" in report or totals is None:
        reason = report.get("message") or _last_line(stderr)
        return False, [f"NOT AUDITED: npm audit could not reach the registry's service ({reason})"]
    found = {name: v.get("severity") for name, v in report.get("vulnerabilities", {}).items()}
    if found:
        return True, [f"VULNERABLE: npm {name} ({severity})" for name, severity in found.items()]
    return False, [f"npm audit: no known vulnerability ({totals.get('total', 0)} found)"]


def main() -> int:
    python = str(ROOT / ".venv" / "bin" / "python")
    # The project itself is installed editable and is not on PyPI.
    pip = run(
        [python, "-m", "pip_audit", "--skip-editable", "-f", "json", "--progress-spinner", "off"]
    )
    npm = run(["npm", "audit", "--json"])
    failed = False
    for vulnerable, lines in (pip_verdict(*pip[1:]), npm_verdict(*npm[1:])):
        failed |= vulnerable
        print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
