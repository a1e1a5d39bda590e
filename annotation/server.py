"""A local Label Studio server: finding or installing it, credentials, starting and stopping.

Label Studio never goes into the project's environment (its pins conflict with ours): it is an
executable found as ``CLAIMWIRE_LABEL_STUDIO``, else ``label-studio`` on PATH, else the venv
that ``python -m annotation install`` (or ``serve --install``) creates under the data folder.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from corpus.store import write_text_atomic

LABEL_STUDIO_VERSION = "1.23.2"
EXECUTABLE_ENV = "CLAIMWIRE_LABEL_STUDIO"
DEFAULT_DATA_DIR = Path(platformdirs.user_data_dir("claimwire")) / "label-studio"
CREDENTIALS_FILE = "credentials.json"
LOG_FILE = "label-studio.log"
HEALTH_TIMEOUT = 180.0  # seconds; a new database takes about 30 s to migrate


class LabelStudioError(Exception):
    """Label Studio cannot be found, started or reached; the message says what to do."""


def install_dir(data_dir: Path) -> Path:
    return data_dir / "venv"


def _venv_executable(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if sys.platform == "win32" else "bin") / name


def find_label_studio(data_dir: Path) -> Path:
    """The ``label-studio`` executable to run, or an error naming the command to install one."""
    configured = os.environ.get(EXECUTABLE_ENV)
    if configured:
        path = Path(configured)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise LabelStudioError(f"{EXECUTABLE_ENV}={configured} is not an executable file")
        return path
    on_path = shutil.which("label-studio")
    if on_path:
        return Path(on_path)
    installed = _venv_executable(install_dir(data_dir), "label-studio")
    if installed.is_file():
        return installed
    raise LabelStudioError(
        "no Label Studio server found: run `python -m annotation install "
        f"--data-dir {data_dir}` (installs label-studio=={LABEL_STUDIO_VERSION} into "
        f"{install_dir(data_dir)}), or set {EXECUTABLE_ENV} to a label-studio executable"
    )


def install_label_studio(data_dir: Path) -> Path:
    """Create a venv under ``data_dir`` with the pinned Label Studio; its executable."""
    venv = install_dir(data_dir)
    python = _venv_executable(venv, "python")
    commands = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "--upgrade", "pip"],
        [str(python), "-m", "pip", "install", f"label-studio=={LABEL_STUDIO_VERSION}"],
    ]
    for command in commands:
        print("$", " ".join(command), file=sys.stderr)
        if subprocess.run(command).returncode != 0:
            raise LabelStudioError(f"installing Label Studio failed at: {' '.join(command)}")
    return _venv_executable(venv, "label-studio")


@dataclass(frozen=True)
class Credentials:
    username: str  # an email address: Label Studio logs in by email
    password: str
    api_key: str  # at most 40 characters (Label Studio's token length)


def load_credentials(data_dir: Path) -> tuple[Credentials, Path]:
    """Admin credentials from the environment, else from (or newly into) the data folder.

    ``LABEL_STUDIO_USERNAME``, ``LABEL_STUDIO_PASSWORD`` and ``LABEL_STUDIO_USER_TOKEN`` override
    the stored values one by one; generated values are kept owner-only (0600).
    """
    path = data_dir / CREDENTIALS_FILE
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    else:
        stored = {
            "username": "admin@claimwire.local",
            "password": secrets.token_urlsafe(18),
            "api_key": secrets.token_hex(20),
        }
        data_dir.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(stored, indent=2) + "\n", mode=0o600)
    credentials = Credentials(
        username=os.environ.get("LABEL_STUDIO_USERNAME") or stored["username"],
        password=os.environ.get("LABEL_STUDIO_PASSWORD") or stored["password"],
        api_key=os.environ.get("LABEL_STUDIO_USER_TOKEN") or stored["api_key"],
    )
    if len(credentials.api_key) > 40:
        raise LabelStudioError("LABEL_STUDIO_USER_TOKEN must be at most 40 characters")
    return credentials, path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class LabelStudioServer:
    """A Label Studio process on loopback with SQLite in ``data_dir``; a context manager."""

    def __init__(
        self, executable: Path, data_dir: Path, port: int, credentials: Credentials
    ) -> None:
        self.executable, self.data_dir, self.port = executable, data_dir, port
        self.credentials = credentials
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = data_dir / LOG_FILE
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = HEALTH_TIMEOUT) -> None:
        if is_healthy(self.url):
            raise LabelStudioError(f"port {self.port} is already serving; choose another --port")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "LABEL_STUDIO_BASE_DATA_DIR": str(self.data_dir),
            "LABEL_STUDIO_USERNAME": self.credentials.username,
            "LABEL_STUDIO_PASSWORD": self.credentials.password,
            "LABEL_STUDIO_USER_TOKEN": self.credentials.api_key,
            "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
            "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
        }
        command = [str(self.executable), "start", "--no-browser", "--port", str(self.port)]
        command += ["--internal-host", "127.0.0.1"]
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_healthy(timeout)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise LabelStudioError(
                    f"Label Studio exited with code {self._process.returncode}; see {self.log_path}"
                )
            if is_healthy(self.url):
                return
            time.sleep(0.5)
        self.stop()
        raise LabelStudioError(
            f"Label Studio did not answer {self.url}/health within {timeout:.0f} s; "
            f"see {self.log_path}"
        )

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        assert self._process is not None, "start() first"
        return self._process.wait()

    def stop(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        # The server runs in a session of its own: end its whole process group.
        os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def __enter__(self) -> LabelStudioServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
