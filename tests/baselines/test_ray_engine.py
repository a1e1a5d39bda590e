"""``baselines extract --engine ray`` on a local Ray instance (loopback, no dashboard) and on a
cluster started apart (``ray start``, reached by ``--ray-address``): the same JSON Lines as the
process engine, from a corpus folder and from an exported dataset folder (the repo's corpus:
real news)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from baselines.__main__ import main
from baselines.ray_cluster import local_cluster, ray_session
from corpus.export import export_corpus
from corpus.store import REPO_CORPUS, CorpusStore

ARTICLES = 40


@pytest.fixture(scope="module")
def local_ray() -> Iterator[ModuleType]:
    """One local Ray instance for the module, stopped after."""
    with ray_session(None, 2) as ray:
        assert ray.is_initialized()
        yield ray
    assert not ray.is_initialized()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = CorpusStore(tmp_path_factory.mktemp("ray") / "corpus")
    for article in list(CorpusStore(REPO_CORPUS).articles())[:ARTICLES]:
        store.save_article(article)
    return store.root


def extract(tmp_path: Path, name: str, *options: str) -> bytes:
    output = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}.jsonl"
    assert main(["extract", name, *options, "--output", str(output)]) == 0
    return output.read_bytes()


def test_the_local_instance_is_on_loopback(local_ray: ModuleType) -> None:
    (node,) = local_ray.nodes()
    assert node["NodeManagerAddress"] == "127.0.0.1"
    assert local_ray.cluster_resources()["CPU"] == 2


def test_ray_writes_what_the_process_pool_writes(
    local_ray: ModuleType, corpus: Path, tmp_path: Path
) -> None:
    common = ["--corpus", str(corpus), "--workers", "2"]
    on_ray = extract(tmp_path, "rules", *common, "--engine", "ray")
    assert on_ray == extract(tmp_path, "rules", *common)
    assert on_ray.count(b"\n") == ARTICLES


def test_ray_reads_an_exported_dataset_folder(local_ray: ModuleType, tmp_path: Path) -> None:
    exported = tmp_path / "export"
    counts = export_corpus(CorpusStore(REPO_CORPUS), exported, workers=1)
    dataset = ["--dataset", str(exported)]
    on_ray = extract(tmp_path, "rules", *dataset, "--engine", "ray")
    assert on_ray == extract(tmp_path, "rules", *dataset, "--workers", "1")
    assert on_ray.count(b"\n") == sum(counts.values())


def test_without_ray_the_error_is_one_line_naming_the_extra(corpus: Path, tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['ray'] = None\n"  # as if Ray were not installed
        "from baselines.__main__ import main\n"
        f"sys.exit(main(['extract', 'rules', '--corpus', {str(corpus)!r}, '--engine', 'ray', "
        f"'--output', {str(tmp_path / 'p.jsonl')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "python -m baselines: error: --engine ray needs Ray: install claimwire[scale] "
        "(pip install 'claimwire[scale]')"
    ]
    assert not (tmp_path / "p.jsonl").exists()


def extract_in_a_process(
    corpus: Path, output: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``python -m baselines extract rules`` in a process of its own (this one has Ray on)."""
    command = [sys.executable, "-m", "baselines", "extract", "rules", "--corpus", str(corpus)]
    return subprocess.run(
        [*command, *options, "--output", str(output)], capture_output=True, text=True, env=env
    )


def test_ray_runs_on_a_cluster_started_apart(corpus: Path, tmp_path: Path) -> None:
    with local_cluster(2) as cluster:
        options = ["--engine", "ray", "--ray-address", cluster.address, "--workers", "2"]
        done = extract_in_a_process(corpus, tmp_path / "ray.jsonl", *options, env=cluster.env)
        assert done.returncode == 0, done.stderr
    assert "Starting execution of Dataset" not in done.stderr  # Ray Data's notes: its log file
    assert cluster.address.startswith("127.0.0.1:")
    assert extract_in_a_process(corpus, tmp_path / "pool.jsonl", "--workers", "2").returncode == 0
    on_ray = (tmp_path / "ray.jsonl").read_bytes()
    assert on_ray == (tmp_path / "pool.jsonl").read_bytes()
    assert on_ray.count(b"\n") == ARTICLES


def test_an_address_where_nothing_answers_is_a_one_line_error(corpus: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on: bound, then let go
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    done = extract_in_a_process(
        corpus, tmp_path / "p.jsonl", "--engine", "ray", "--ray-address", address
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"python -m baselines: error: --ray-address {address}: no Ray cluster answers "
        "(Connection refused)"
    ]
    assert not (tmp_path / "p.jsonl").exists()
