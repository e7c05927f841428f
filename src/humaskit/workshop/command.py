"""``humaskit workshop``: the argument parser and handler of the workshop server command."""

from __future__ import annotations

import argparse
import os

from humaskit.core.errors import DataError


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat") from None
    if value < 1:
        raise argparse.ArgumentTypeError("harus paling sedikit 1")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("nomor porta paling besar 65535")
    return value


def register(subparsers) -> None:
    """Add ``workshop`` to the ``humaskit`` command's subcommands."""
    ws = subparsers.add_parser(
        "workshop", help="serve the Voila apps to a training room (landing page, preheated kernels)",
        description="Start the workshop server: a landing page at / linking each app, kernels "
                    "preheated for N participants per app, the facilitator dashboard behind a token.")
    ws.add_argument("--host", default="127.0.0.1",
                    help="address to listen on: this computer's address on the room's network "
                         "(default 127.0.0.1, this computer only)")
    ws.add_argument("--port", type=_port, default=8866, help="port (default 8866)")
    ws.add_argument("--participants", type=_positive, default=40,
                    help="participants each app is ready for at once (default 40)")
    ws.add_argument("--apps", default=None,
                    help="apps to serve, comma-separated numbers or names (e.g. 01,03); default all")
    ws.add_argument("--base-url", default=None,
                    help="path the server answers under (default: JUPYTERHUB_SERVICE_PREFIX when run as "
                         "a JupyterHub service, else /)")
    ws.set_defaults(func=run)


def run(args) -> int:
    from humaskit.workshop import server

    folder = server.apps_folder()
    apps = server.find_apps(folder, args.apps)
    if not apps:
        raise DataError("tidak ada aplikasi yang dipilih dengan --apps.")
    base_url = args.base_url or os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    settings = server.Settings(host=args.host, port=args.port, participants=args.participants,
                               apps=apps, folder=folder, base_url=base_url)
    server.serve(settings)
    return 0
