"""python -m annotation serve: a local Label Studio on loopback, SQLite in a data folder."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from annotation.client import KEY_ENV, URL_ENV
from annotation.server import (
    DEFAULT_DATA_DIR,
    LabelStudioServer,
    find_label_studio,
    install_label_studio,
    load_credentials,
)
from corpus.cli import subcommand

DEFAULT_PORT = 8080


def _stop_on_signal(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    install = args.install
    executable = install_label_studio(data_dir) if install else find_label_studio(data_dir)
    credentials, stored_at = load_credentials(data_dir)
    server = LabelStudioServer(executable, data_dir, args.port, credentials)
    print(f"starting {executable} (data in {data_dir}, log {server.log_path}) …", flush=True)
    # Ctrl-C and SIGTERM both stop the server cleanly (SIGINT may be inherited as ignored).
    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    with server:
        print(
            f"Label Studio is up at {server.url}\n"
            f"  log in as {credentials.username}; password and API key are in {stored_at}\n"
            f"  for push/pull: export {URL_ENV}={server.url} and {KEY_ENV}=<its api_key>\n"
            "  stop with Ctrl-C",
            flush=True,
        )
        try:
            return server.wait()
        except KeyboardInterrupt:
            print("stopping Label Studio …", flush=True)
            return 0


def _install(args: argparse.Namespace) -> int:
    print(f"installed {install_label_studio(args.data_dir)}")
    return 0


def register(verbs: argparse._SubParsersAction) -> None:
    installer = subcommand(
        verbs,
        "install",
        _install,
        "Install the pinned Label Studio into a venv of its own under the data folder, and exit.",
    )
    installer.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="where (%(default)s)"
    )
    parser = subcommand(verbs, "serve", _serve, "Run a local Label Studio (Ctrl-C stops it).")
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="database, credentials, log"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (%(default)s)")
    parser.add_argument(
        "--install",
        action="store_true",
        help="first install the pinned Label Studio into a venv under the data folder",
    )
