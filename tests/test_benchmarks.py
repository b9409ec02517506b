"""The benchmark harness: the quick run of every area agrees with its peers.

The smoke test runs ``python -m benchmarks --quick --repeats 1 --check`` as
CI would and asserts agreement (through ``--check``) and that every area ran;
it never asserts a time. Peers that are not installed get "(not installed)"
rows, which ``--check`` does not count as disagreement.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = sorted(path.stem.removeprefix("bench_") for path in ROOT.glob("benchmarks/bench_*.py"))


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_quick_run_of_every_area_agrees_with_its_peers(tmp_path):
    args = ("--quick", "--repeats", "1", "--check", "--out", str(tmp_path))
    done = _run("-m", "benchmarks", *args)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    for area in AREAS:
        assert f"[{area}] size=quick" in done.stdout, area
    assert "check: all " in done.stdout


def test_help_documents_every_option_and_area():
    done = _run("-m", "benchmarks", "--help", timeout=60)
    assert done.returncode == 0, done.stderr
    for option in ("--quick", "--size", "--repeats", "--check", "--results", "--edgelist", "--out"):
        assert option in done.stdout, option
    for area in AREAS:
        assert f"  {area} " in done.stdout, area


_FAKE_AREA = textwrap.dedent(
    """
    import sys
    from benchmarks import __main__ as cli
    from benchmarks._harness import Row, missing

    def fake(area, size, args):
        return [
            Row("agrees", size, 1.0, "peer", 2.0, "yes", True),
            Row("nothing to compare", size, 1.0, "target", 2.0, "", None),
            missing("absent peer", size, 1.0, "somelib"),
            Row("disagrees", size, 1.0, "peer", 2.0, "NO", {agrees}),
        ]

    cli.run_area = fake
    sys.exit(cli.main(["--quick", "--check", "--results", sys.argv[1], "csr"]))
    """
)


def test_check_fails_on_a_disagreeing_row_and_results_hold_the_table(tmp_path):
    path = tmp_path / "results.md"
    done = _run("-c", _FAKE_AREA.format(agrees=False), str(path), timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "check: 1 row(s) disagree" in done.stdout
    assert "disagrees vs peer: NO" in done.stdout
    assert "somelib (not installed)" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert "command: `python -m benchmarks --quick --check --results" in text
    assert "date (UTC): " in text
    assert "| task | size | netsim s | peer | peer s | ratio | same | agrees |" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + 4  # header and one line per row
    assert table[-1].endswith("| NO | NO |")
    assert table[2].endswith("| - |")  # nothing to compare: agrees is None

    done = _run("-c", _FAKE_AREA.format(agrees=None), str(path), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "check: all 1 compared row(s) agree" in done.stdout
