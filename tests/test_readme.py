"""README's two commands are the ones CI and users run."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)


def test_readme_gives_the_main_job_and_the_test_command():
    main_job, tests = readme_commands()[:2]
    assert main_job.endswith("python -m benchmarks run")
    assert tests.endswith("python -m pytest -q")


def test_ci_runs_the_readme_test_command():
    tests = readme_commands()[1]
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
