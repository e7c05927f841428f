"""The workshop server: one Voila process that serves the apps in apps/ to a training room.

What it adds to plain Voila (0.5):

- a landing page at ``/`` (server-rendered HTML, no JavaScript) linking each app, with a QR code;
- per app, a pool of preheated kernels (each has already run the app, so a page is ready at once).
  Kernels start a few at a time (``start_concurrency``): started all at once, 40 kernels per app on
  two cores miss the kernel start-up timeout, which is how a pool over a directory "hung". After a
  rush the pool is refilled only up to ``participants`` kernels per app in all (at least
  ``reserve`` waiting), and refilled again as participants leave; idle kernels of participants who
  left are culled;
- nothing from a CDN (Font Awesome is served from the ``fontawesomefree`` package), only the widget
  extension is loaded, sources stripped, no tracebacks, and the kernel websocket refuses anything but
  widget messages (Voila's own allow-list: no ``execute_request``);
- a kernel websocket handler that reads message headers by the protocol the client speaks: Voila's
  reader took a legacy binary message (app 03's heatmap) for a v1 one and looped without end;
- per-client limits (open websockets, pages per minute), and the dashboard app behind a token.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import tornado.web
from traitlets.config import Config
from voila import app as voila_app
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from humaskit.core import paths, templates
from humaskit.core.errors import DataError
from humaskit.workshop import store
from humaskit.workshop.limits import ClientLimits, message_header

TEMPLATE_DIR = Path(__file__).with_name("voila_template")
DASHBOARD_PREFIX = "04-"  # the facilitator's dashboard app: behind the token, not on the landing page
# Only the widget manager (and Voila's own for ipywidgets 8 or 7): no nbgrader, notebook or proxy extension.
WIDGET_EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8",
                     "@voila-dashboards/widgets-manager7"]


def fontawesome_dir() -> Path:
    import fontawesomefree

    return Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"


@dataclass(frozen=True)
class App:
    file: str  # file name in the apps folder, e.g. "01-latihan-koding.ipynb"
    title: str  # the notebook's first "# " heading

    @property
    def facilitator(self) -> bool:
        return self.file.startswith(DASHBOARD_PREFIX)

    @property
    def path(self) -> str:
        return f"/voila/render/{self.file}"


@dataclass
class Settings:
    """What one workshop server serves, and how."""

    host: str = "127.0.0.1"
    port: int = 8866
    participants: int = 40
    apps: list[App] = field(default_factory=list)
    folder: Path = Path("apps")
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    reserve: int = 0  # kernels kept waiting after a rush; 0 means max(2, participants // 10)
    start_concurrency: int = 2  # kernels starting (and running their app) at the same time
    fill_delay_s: float = 5.0  # wait after a page takes a kernel before starting its replacement
    cull_idle_s: int = 900  # a kernel without a browser for this long is shut down
    max_sockets_per_client: int = 12
    max_pages_per_client: int = 12  # app pages one client may open per minute
    base_url: str = "/"  # the path the server answers under: "/services/lokakarya/" as a hub service

    @property
    def prefix(self) -> str:
        """``base_url`` without its trailing slash ("" at the root), to put before a path."""
        return "/" + self.base_url.strip("/") if self.base_url.strip("/") else ""

    @property
    def kept_waiting(self) -> int:
        return self.reserve or max(2, self.participants // 10)

    def pool_size(self, app: App) -> int:
        return 1 if app.facilitator else self.participants

    @property
    def share_host(self) -> str:
        """The address participants type: the configured one, or this machine's own when the
        server listens on every network."""
        return lan_address() if self.host in ("0.0.0.0", "::", "") else self.host

    def url(self, path: str = "/") -> str:
        host = self.share_host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self.prefix}{path}"

    def dashboard_url(self) -> str | None:
        board = next((a for a in self.apps if a.facilitator), None)
        return self.url(f"{board.path}?token={self.token}") if board else None


def lan_address() -> str:
    """This machine's address on its default network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def apps_folder() -> Path:
    """The folder of the apps: $HUMASKIT_APPS if set (a copy, e.g. for tests), else the clone's apps/."""
    env = os.environ.get("HUMASKIT_APPS")
    if env:
        if not Path(env).is_dir():
            raise DataError(f"folder aplikasi {env} (HUMASKIT_APPS) tidak ada.")
        return Path(env)
    root = paths.repo_root()
    if root is None or not (root / "apps").is_dir():
        raise DataError("folder apps/ tidak ditemukan. Jalankan perintah ini dari salinan repositori "
                        "humaskit (git clone) yang berisi folder apps/.")
    return root / "apps"


def notebook_title(path: Path) -> str:
    """The first level-1 Markdown heading of a notebook, else its file name."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"aplikasi {path.name} tidak bisa dibaca sebagai notebook ({exc}).") from exc
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def find_apps(folder: Path, selection: str | None = None) -> list[App]:
    """The apps of ``folder`` (``NN-name.ipynb``), all of them or those ``selection`` names: a
    comma-separated list of numbers (``01,03``) or file names, with or without ``.ipynb``."""
    available = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))
    if not available:
        raise DataError(f"tidak ada aplikasi (NN-nama.ipynb) di folder {folder}.")
    if selection is None or not selection.strip():
        chosen = available
    else:
        chosen = []
        for word in (w.strip() for w in selection.split(",")):
            if not word:
                continue
            match = [p for p in available if word in (p.name, p.stem, p.name[:2])]
            if not match:
                names = ", ".join(p.stem for p in available)
                raise DataError(f"aplikasi '{word}' tidak ada. Pilih dari: {names} "
                                "(boleh nomornya saja, misalnya --apps 01,03).")
            chosen += [p for p in match if p not in chosen]
    return [App(p.name, notebook_title(p)) for p in chosen]


def voila_config(settings: Settings) -> Config:
    """The traitlets configuration of the Voila application behind the workshop."""
    c = Config()
    c.Voila.ip = settings.host
    c.Voila.port = settings.port
    c.Voila.port_retries = 0  # the address participants were given, or nothing
    c.Voila.open_browser = False
    c.Voila.root_dir = str(settings.folder)
    c.Voila.base_url = settings.prefix + "/"
    c.Voila.tornado_settings = {"websocket_max_message_size": 4 * 1024 * 1024}
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 0  # notebooks not served get no pool
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.template = "lab"
    c.VoilaConfiguration.extension_allowlist = WIDGET_EXTENSIONS
    c.VoilaConfiguration.file_allowlist = []  # /voila/files/ serves nothing from the apps folder
    c.VoilaKernelManager.fill_delay = settings.fill_delay_s
    c.VoilaKernelManager.kernel_pools_config = {
        "default": {"pool_size": 0},
        **{app.file: {"pool_size": settings.pool_size(app)} for app in settings.apps},
    }
    c.MappingKernelManager.cull_idle_timeout = settings.cull_idle_s
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_connected = False  # a participant still on the page keeps the kernel
    c.MappingKernelManager.cull_busy = False
    return c


def workshop_kernel_manager(base: type, settings: Settings) -> type:
    """Voila's pooling kernel manager class ``base`` with throttled starts and room-sized refills."""

    class WorkshopKernelManager(base):
        def __init__(self, **kwargs: Any) -> None:
            self._gate: asyncio.Semaphore | None = None
            self._taken: dict[str, set[str]] = {}
            self._taking: dict[str, int] = {}
            self._targets = {app.file: settings.pool_size(app) for app in settings.apps}
            super().__init__(**kwargs)

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs: Any) -> Any:
            if kernel_id is not None:  # a restart: the kernel exists already
                return await super()._initialize(notebook_path, kernel_id, **kwargs)
            if self._gate is None:
                self._gate = asyncio.Semaphore(max(1, settings.start_concurrency))
            async with self._gate:
                content = await super()._initialize(notebook_path, None, **kwargs)
                with contextlib.suppress(Exception):  # a failing app shows its error page anyway
                    await asyncio.shield(content["task"])  # the app has run: the next kernel may start
            return content

        def active(self, notebook_name: str) -> int:
            return len(self._taken.get(notebook_name, ())) + self._taking.get(notebook_name, 0)

        def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None,
                           extra_kernel_env_variables: dict | None = None, **kwargs: Any) -> None:
            if notebook_name in self._targets:
                wanted = self._targets[notebook_name]
                size = max(min(wanted, settings.kept_waiting), wanted - self.active(notebook_name))
                self.kernel_pools_config.setdefault(notebook_name, {})["pool_size"] = size
            super().fill_if_needed(delay=delay, notebook_name=notebook_name,
                                   extra_kernel_env_variables=extra_kernel_env_variables or {}, **kwargs)

        async def get_rendered_notebook(self, notebook_name: str,
                                        extra_kernel_env_variables: dict | None = None, **kwargs: Any) -> Any:
            self._taking[notebook_name] = self._taking.get(notebook_name, 0) + 1
            try:
                result = await super().get_rendered_notebook(
                    notebook_name, extra_kernel_env_variables=extra_kernel_env_variables or {}, **kwargs)
            finally:
                self._taking[notebook_name] -= 1
            self._taken.setdefault(notebook_name, set()).add(result[2])
            return result

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> Any:
            result = await super().shutdown_kernel(kernel_id, *args, **kwargs)
            for name, taken in self._taken.items():
                if kernel_id in taken:
                    taken.discard(kernel_id)
                    if self._pools:  # not while the server shuts down
                        self.fill_if_needed(notebook_name=name)
            return result

    return WorkshopKernelManager


class LandingHandler(tornado.web.RequestHandler):
    """``/``: the room's page, plain HTML."""

    def initialize(self, page: str) -> None:
        self.page = page

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.write(self.page)


def _refusal(handler: tornado.web.RequestHandler, status: int, title: str, text: str) -> None:
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.finish(templates.render("workshop/message.html.j2", title=title, text=text))


class AppHandler(TornadoVoilaHandler):
    """``/voila/render/<app>``: only the apps served; the dashboard only with the token; a limit of
    pages per client."""

    def initialize(self, **kwargs: Any) -> None:
        self.workshop: Settings = kwargs.pop("workshop")
        self.limits: ClientLimits = kwargs.pop("limits")
        super().initialize(**kwargs)

    async def get(self, path: str | None = None) -> None:
        app = next((a for a in self.workshop.apps if a.file == path), None)
        if app is None:
            return _refusal(self, 404, "Halaman tidak ada",
                            "Aplikasi ini tidak dibuka di lokakarya ini. Kembali ke halaman utama.")
        if app.facilitator and not hmac.compare_digest(self.get_argument("token", ""), self.workshop.token):
            return _refusal(self, 403, "Khusus fasilitator",
                            "Dasbor ini hanya untuk fasilitator. Buka tautan lengkap dengan token yang "
                            "tercetak di terminal saat server dimulai.")
        if not self.limits.allow_page(self.request.remote_ip or ""):
            return _refusal(self, 429, "Terlalu sering dibuka",
                            "Perangkat ini membuka terlalu banyak halaman dalam satu menit. Tunggu "
                            "sebentar, lalu muat ulang halaman.")
        await super().get(path)


class KernelSocketHandler(VoilaKernelWebsocketHandler):
    """The kernel websocket, with headers read by the client's protocol and a per-client limit."""

    limits: ClientLimits  # set on the class the server builds

    async def get(self, *args: Any, **kwargs: Any) -> None:
        client = self.request.remote_ip or ""
        if not self.limits.open_socket(client):
            self.set_status(429)
            self.finish("Terlalu banyak koneksi dari perangkat ini.")
            return
        self._counted = client
        try:
            await super().get(*args, **kwargs)
        except BaseException:
            self._release()
            raise
        if self.ws_connection is None:  # the upgrade was refused: on_close will not run
            self._release()

    def _release(self) -> None:
        client = getattr(self, "_counted", None)
        if client is not None:
            self._counted = None
            self.limits.close_socket(client)

    def on_close(self) -> None:
        self._release()
        super().on_close()

    def write_message(self, message: Any, binary: bool = False) -> Any:
        header = message_header(message, self.selected_subprotocol)
        if header and header.get("msg_type") == "execute_input":
            return None  # the code a cell ran is not shown to participants
        return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)


def landing_page(settings: Settings) -> str:
    import segno

    url = settings.url("/")
    qr = segno.make(url, error="m").svg_inline(scale=6, border=2, title=f"Kode QR: {url}", omitsize=True)
    apps = [a for a in settings.apps if not a.facilitator]
    return templates.render("workshop/landing.html.j2", apps=apps, url=url, qr=qr, prefix=settings.prefix,
                            open_to_all=settings.host in ("0.0.0.0", "::", ""))


class WorkshopVoila(Voila):
    """Voila serving the workshop: see the module docstring."""

    def __init__(self, workshop: Settings, **kwargs: Any) -> None:
        super().__init__(config=voila_config(workshop), **kwargs)
        self.workshop = workshop
        self.limits = ClientLimits(workshop.max_sockets_per_client, workshop.max_pages_per_client)

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        self.template_paths.insert(0, str(TEMPLATE_DIR))  # our index.html.j2 extends Voila's lab one

    def init_settings(self) -> dict:
        real = voila_app.voila_kernel_manager_factory

        def factory(*args: Any, **kwargs: Any) -> type:
            return workshop_kernel_manager(real(*args, **kwargs), self.workshop)

        with mock.patch.object(voila_app, "voila_kernel_manager_factory", factory):
            return super().init_settings()

    def init_handlers(self) -> list:
        socket_handler = type("WorkshopKernelSocketHandler", (KernelSocketHandler,), {"limits": self.limits})
        handlers = []
        for route in super().init_handlers():
            pattern, handler = route[0], route[1]
            if handler in (TornadoVoilaTreeHandler, VoilaContentsHandler):
                continue  # no directory listing: it would show participants' saved file names
            if handler is VoilaKernelWebsocketHandler:
                route = (pattern, socket_handler, *route[2:])
            elif handler is TornadoVoilaHandler:
                route = (pattern, AppHandler, {**route[2], "workshop": self.workshop, "limits": self.limits})
            handlers.append(route)
        static = tornado.web.StaticFileHandler
        prefix = self.workshop.prefix
        return [(prefix + r"/", LandingHandler, {"page": landing_page(self.workshop)}),
                (prefix + r"/workshop/fontawesome/(.*)", static, {"path": str(fontawesome_dir())}),
                *handlers]

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            asyncio.get_event_loop().run_until_complete(self.kernel_manager.shutdown_all(now=True))
        super().stop()


def announce(settings: Settings) -> str:
    """What the terminal shows when the server starts: addresses, the QR code, the token."""
    import io

    import segno

    url = settings.url("/")
    qr = io.StringIO()
    segno.make(url, error="m").terminal(out=qr, compact=True)
    lines = [f"Lokakarya humaskit siap di {url}", "",
             "Bagikan alamat ini (atau kode QR di bawah) kepada peserta:", qr.getvalue().rstrip(), "",
             "Aplikasi:"]
    lines += [f"  {a.title}: {settings.url(a.path)}" for a in settings.apps if not a.facilitator]
    board = settings.dashboard_url()
    lines += ["", f"Token fasilitator: {settings.token}"]
    if board:
        lines.append(f"Dasbor fasilitator (jangan dibagikan): {board}")
    lines += ["", f"Kernel disiapkan untuk {settings.participants} peserta per aplikasi; "
              "halaman siap setelah pesan 'Kernel pool ... is filled'.",
              "Hentikan server dengan Ctrl+C."]
    if settings.host in ("0.0.0.0", "::", ""):
        lines.append("PERINGATAN: server mendengar di semua jaringan. Pakai --host dengan alamat "
                     "jaringan kelas saja.")
    return "\n".join(lines)


def serve(settings: Settings) -> None:
    """Start the workshop server and block until it is stopped."""
    with socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado binds: a just-closed
        try:                                                           # server's port is free
            probe.bind((settings.host, settings.port))
        except OSError as exc:
            raise DataError(f"alamat {settings.host}:{settings.port} tidak bisa dipakai ({exc.strerror}). "
                            "Pilih --port lain, atau --host dengan alamat komputer ini di jaringan kelas."
                            ) from exc
    # The apps' kernels (started below, preheated) read the room's store and the facilitator token
    # from the environment they inherit.
    store.prepare_environment(settings.token)
    print(announce(settings), flush=True)
    app = WorkshopVoila(settings)
    app.initialize([])
    app.start()

