"""Where ``--engine ray`` runs: the one place that knows how to start and reach Ray.

- ``ray_session``: Ray, connected to the cluster at an address (``--ray-address``), or to a local
  instance started in this process and stopped after.
- ``local_cluster``: a cluster of one node started as an operator starts one (``ray start
  --head``, processes of its own), for the tests and the benchmarks of the address path.

Everything local is bound to 127.0.0.1, without a dashboard and without usage statistics:
nothing leaves this machine.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import baselines
from baselines.base import BaselineError

INSTALL_HINT = "install claimwire[scale] (pip install 'claimwire[scale]')"
LOCAL_HOST = "127.0.0.1"
LOCAL_OBJECT_STORE_BYTES = 512 * 1024**2  # a local instance's shared memory for the articles
CONNECT_TIMEOUT_S = 5.0  # for an address to answer (Ray itself retries for many minutes)
CLUSTER_START_TIMEOUT_S = 120.0
CLUSTER_STOP_TIMEOUT_S = 60.0

# Ray's switch for the clusters of Windows and macOS: off, Ray takes this machine's address
# to be loopback (read when ray is imported) rather than asking the network for one.
LOOPBACK_SWITCH = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
QUIET = {"RAY_USAGE_STATS_ENABLED": "0"}  # no usage report sent anywhere
# Ray Data's notes on each run (its plan, where its logs are, how long it took) stay in its log
# file; the user sees its progress bar and warnings. Read at each run: a user's level wins.
DATA_LOG_LEVEL = ("RAY_DATA_LOG_LEVEL", "WARNING")


def import_ray() -> ModuleType:
    """The ``ray`` module (with Ray Data), or a one-line error saying how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BaselineError(f"--engine ray needs Ray: {INSTALL_HINT}") from None
    return ray


def local_worker_env() -> dict[str, str]:
    """What Ray workers on this machine need in their environment: this code importable, this
    machine taken to be loopback, no usage statistics."""
    code = str(Path(baselines.__file__).resolve().parents[1])
    return {"PYTHONPATH": code, LOOPBACK_SWITCH: "0", **QUIET}


def check_address(address: str) -> None:
    """A one-line error, at once, when nothing answers at a ``host:port`` address; Ray's own
    forms ("auto", "ray://...") are left to Ray."""
    host, _, port = address.rpartition(":")
    if "://" in address or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BaselineError(f"--ray-address {address}: no Ray cluster answers ({reason})") from None


@contextmanager
def ray_session(address: str | None, cpus: int) -> Iterator[ModuleType]:
    """Ray, connected: to the cluster at ``address``, else to the instance this process
    already has, else to a local instance of ``cpus`` CPUs on loopback, stopped on exit."""
    os.environ.update(QUIET)
    os.environ.setdefault(*DATA_LOG_LEVEL)
    if address:
        check_address(address)
    else:
        os.environ[LOOPBACK_SWITCH] = "0"
    ray = import_ray()
    logging.getLogger("ray").setLevel(logging.WARNING)  # its progress: the bars
    if ray.is_initialized():
        yield ray
        return
    if address:
        try:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        except ConnectionError as error:
            reason = str(error).strip().splitlines()[-1]
            raise BaselineError(f"--ray-address {address}: {reason}") from None
    else:
        ray.init(
            num_cpus=cpus,
            include_dashboard=False,
            _node_ip_address=LOCAL_HOST,
            object_store_memory=LOCAL_OBJECT_STORE_BYTES,
            runtime_env={"env_vars": local_worker_env()},
            log_to_driver=False,
            configure_logging=False,
        )
    try:
        yield ray
    finally:
        ray.shutdown()


class LocalCluster(NamedTuple):
    address: str  # for --ray-address
    env: dict[str, str]  # the environment of a driver that connects to it (its token)


@contextmanager
def local_cluster(cpus: int) -> Iterator[LocalCluster]:
    """A Ray cluster of one node of ``cpus`` CPUs on loopback, in processes of its own
    (``ray start --head --block``), with a token of its own; stopped and removed on exit."""
    import_ray()
    root = Path(tempfile.mkdtemp(prefix="claimwire-ray-"))  # short: Ray's socket paths are
    token = root / "auth_token"
    token.write_text(secrets.token_hex(32))
    env = os.environ | local_worker_env()
    env |= {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(token)}
    command = [sys.executable, "-m", "ray.scripts.scripts", "start", "--head", "--block"]
    command += ["--node-ip-address", LOCAL_HOST, "--port", "0", "--num-cpus", str(cpus)]
    command += ["--include-dashboard", "false", "--disable-usage-stats"]
    command += ["--object-store-memory", str(LOCAL_OBJECT_STORE_BYTES), "--temp-dir", str(root)]
    log = root / "start.log"
    with log.open("w") as output:
        head = subprocess.Popen(
            command, env=env, stdout=output, stderr=output, start_new_session=True
        )
    try:
        yield LocalCluster(_wait_for_address(head, root, log), env)
    finally:
        head.send_signal(signal.SIGINT)  # ``ray start --block`` stops its processes
        try:
            head.wait(timeout=CLUSTER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)
            head.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_for_address(head: subprocess.Popen, root: Path, log: Path) -> str:
    """The address the head writes once it is up, or a one-line error."""
    written = root / "ray_current_cluster"
    deadline = time.monotonic() + CLUSTER_START_TIMEOUT_S
    while not written.exists() or not written.read_text().strip():
        if head.poll() is not None:
            last = (log.read_text().strip().splitlines() or ["no output"])[-1]
            raise BaselineError(f"ray start failed (exit code {head.returncode}): {last}")
        if time.monotonic() > deadline:
            raise BaselineError(f"ray start: no address after {CLUSTER_START_TIMEOUT_S:.0f} s")
        time.sleep(0.1)
    return written.read_text().strip()
