"""The benchmark harness: the quick run of every area agrees with its peers.

The smoke test runs ``python -m benchmarks --quick --repeats 1 --check`` as
CI would and asserts agreement (through ``--check``) and that every area ran;
it never asserts a time. Peers that are not installed get "(not installed)"
rows, which ``--check`` does not count as disagreement. No run changes the
benchmarks folder (bytecode caches aside) unless ``--update-results`` asks it
to rewrite ``RESULTS.md`` and its data files.
"""

import hashlib
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
AREAS = sorted(path.stem.removeprefix("bench_") for path in BENCHMARKS.glob("bench_*.py"))


def _run(*args: str, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def _listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (bytecode caches aside) with the digest of its contents."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_quick_run_of_every_area_agrees_with_its_peers(tmp_path):
    before = _listing(BENCHMARKS)
    args = ("--quick", "--repeats", "1", "--check", "--out", str(tmp_path))
    done = _run("-m", "benchmarks", *args)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    for area in AREAS:
        assert f"[{area}] size=quick" in done.stdout, area
    assert "check: all " in done.stdout
    assert {"scaling.csv", "scaling.png"} <= {path.name for path in tmp_path.iterdir()}
    assert _listing(BENCHMARKS) == before


# The scaling area, the one that writes files, on graphs small enough to take seconds.
_SMALL_SCALING = textwrap.dedent(
    """
    import sys
    from benchmarks import __main__ as cli, bench_scaling

    bench_scaling.PROBLEMS["quick"] = {"n_edges": (500, 1000), "efficiency_runs": 2, "sir": (1, 2)}
    sys.exit(cli.main(["--quick", "--repeats", "1", "scaling"]))
    """
)


def test_a_quick_run_without_out_writes_to_a_fresh_temporary_folder(tmp_path):
    before = _listing(BENCHMARKS)
    done = _run("-c", _SMALL_SCALING, timeout=300, env={"TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    assert _listing(BENCHMARKS) == before
    (printed,) = re.findall(r"^files go to (.+)$", done.stdout, flags=re.MULTILINE)
    out = Path(printed)
    assert out.parent == tmp_path
    assert {"scaling.csv", "scaling.png", "scaling.svg"} <= {path.name for path in out.iterdir()}


def test_help_documents_every_option_and_area():
    done = _run("-m", "benchmarks", "--help", timeout=60)
    assert done.returncode == 0, done.stderr
    options = ("--quick", "--size", "--repeats", "--check", "--results", "--update-results")
    for option in (*options, "--edgelist", "--out"):
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


_FAKE_UPDATE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from benchmarks import __main__ as cli
    from benchmarks._harness import Row

    def fake(area, size, args):
        (args.out / "scaling.csv").write_text("graph\\n")
        (args.out / "scaling.png").write_bytes(b"png")
        (args.out / "scaling.svg").write_text("<svg/>")
        return [Row("agrees", size, 1.0, "peer", 2.0, "yes", True)]

    cli.RESULTS_FOLDER = Path(sys.argv[1])
    cli.run_area = fake
    sys.exit(cli.main(["--quick", "--update-results", "scaling"]))
    """
)


def test_update_results_rewrites_the_results_and_their_data_files(tmp_path):
    before = _listing(BENCHMARKS)
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    done = _run("-c", _FAKE_UPDATE, str(folder), timeout=120, env={"TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(path.name for path in folder.iterdir()) == [
        "RESULTS.md",
        "scaling.csv",
        "scaling.png",
    ]
    text = (folder / "RESULTS.md").read_text(encoding="utf-8")
    assert "command: `python -m benchmarks --quick --update-results scaling`" in text
    assert "![scaling](scaling.png)" in text
    assert (folder / "scaling.png").read_bytes() == b"png"
    assert _listing(BENCHMARKS) == before
