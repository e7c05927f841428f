"""The workshop server's parts that need no running server: limits, message headers, app
selection, Voila configuration, landing page and start-up text."""

from __future__ import annotations

import json
import re

import pytest
from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1
from support import ROOT, run_cli

from humaskit.core.errors import DataError
from humaskit.workshop import server
from humaskit.workshop.limits import V1_PROTOCOL, ClientLimits, message_header

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def legacy(msg_type: str, buffers=(PNG,)) -> bytes:
    return serialize_binary_message({"header": {"msg_type": msg_type}, "parent_header": {}, "metadata": {},
                                     "content": {"data": {}}, "buffers": list(buffers), "channel": "iopub"})


def v1(msg_type: str) -> bytes:
    parts = [json.dumps(p).encode() for p in ({"msg_type": msg_type}, {}, {}, {"data": {}})] + [PNG]
    return serialize_msg_to_ws_v1(parts, "iopub")


def test_a_legacy_binary_message_is_read_by_its_own_format():
    message = legacy("comm_msg")
    # What Voila 0.5.13 read as the count of offsets: its loop over them never ended.
    assert int.from_bytes(message[:8], "little") > 10**15
    assert message_header(message, None) == {"msg_type": "comm_msg"}
    assert message_header(message, "") == {"msg_type": "comm_msg"}


def test_v1_text_and_dict_messages():
    assert message_header(v1("execute_input"), V1_PROTOCOL) == {"msg_type": "execute_input"}
    assert message_header(json.dumps({"header": {"msg_type": "status"}}), None) == {"msg_type": "status"}
    assert message_header({"header": {"msg_type": "status"}}, V1_PROTOCOL) == {"msg_type": "status"}


@pytest.mark.parametrize("protocol", [None, V1_PROTOCOL])
@pytest.mark.parametrize("junk", [b"", b"\x00", b"\xff" * 64, b"\x00\x00\x00\x05abc", b"\x10" + b"\x00" * 7,
                                  b"\x02\x00\x00\x00\x00\x00\x00\x00" + b"\xff" * 16])
def test_unreadable_messages_give_none_at_once(junk, protocol):
    assert message_header(junk, protocol) is None


def test_a_message_in_the_other_protocol_is_not_misread_as_huge():
    assert message_header(legacy("comm_msg"), V1_PROTOCOL) is None
    assert message_header(v1("comm_msg"), None) is None


def test_client_limits_count_sockets_per_client():
    limits = ClientLimits(max_sockets=2, max_pages=5)
    assert limits.open_socket("a") and limits.open_socket("a")
    assert not limits.open_socket("a")
    assert limits.open_socket("b")
    limits.close_socket("a")
    assert limits.open_socket("a")


def test_client_limits_pages_in_a_sliding_window():
    now = [0.0]
    limits = ClientLimits(max_pages=3, window_s=60, clock=lambda: now[0])
    assert all(limits.allow_page("a") for _ in range(3))
    assert not limits.allow_page("a")
    assert limits.allow_page("b")
    now[0] = 61.0
    assert limits.allow_page("a")


@pytest.fixture
def apps(tmp_path):
    for name, title in [("01-satu.ipynb", "Aplikasi satu"), ("02-dua.ipynb", "Aplikasi dua"),
                        ("04-dasbor-fasilitator.ipynb", "Dasbor")]:
        nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["<details>x</details>"]},
                        {"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n", "teks"]}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (tmp_path / name).write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "catatan.ipynb").write_text("{}", encoding="utf-8")  # not an app: no NN- prefix
    return tmp_path


def test_find_apps_all_or_by_number_or_name(apps):
    assert [a.file for a in server.find_apps(apps)] == ["01-satu.ipynb", "02-dua.ipynb",
                                                        "04-dasbor-fasilitator.ipynb"]
    assert [a.title for a in server.find_apps(apps, "02")] == ["Aplikasi dua"]
    chosen = server.find_apps(apps, "02-dua, 01-satu.ipynb,02")
    assert [a.file for a in chosen] == ["02-dua.ipynb", "01-satu.ipynb"]
    assert [a.facilitator for a in server.find_apps(apps)] == [False, False, True]


def test_an_unknown_app_is_named_in_indonesian(apps):
    with pytest.raises(DataError, match="aplikasi '09' tidak ada. Pilih dari: 01-satu, 02-dua"):
        server.find_apps(apps, "01,09")


def test_the_shipped_apps_have_their_titles():
    titles = [a.title for a in server.find_apps(ROOT / "apps")]
    assert "Latihan mengode unggahan" in titles and len(titles) >= 3


def test_voila_config_pools_each_served_app_and_culls_idle_kernels(apps):
    settings = server.Settings(participants=30, apps=server.find_apps(apps, "01,04"), folder=apps)
    c = server.voila_config(settings)
    assert c.VoilaKernelManager.kernel_pools_config == {
        "default": {"pool_size": 0}, "01-satu.ipynb": {"pool_size": 30},
        "04-dasbor-fasilitator.ipynb": {"pool_size": 1}}
    assert c.VoilaConfiguration.preheat_kernel and not c.VoilaConfiguration.show_tracebacks
    assert c.VoilaConfiguration.strip_sources
    assert "@jupyter-widgets/jupyterlab-manager" in c.VoilaConfiguration.extension_allowlist
    assert not [e for e in c.VoilaConfiguration.extension_allowlist if "nbgrader" in e or "notebook" in e]
    assert c.MappingKernelManager.cull_idle_timeout > 0 and c.MappingKernelManager.cull_connected is False
    assert c.Voila.ip == "127.0.0.1" and c.Voila.port_retries == 0
    assert settings.kept_waiting == 3


def test_landing_page_links_apps_without_script_or_outside_resources(apps):
    settings = server.Settings(host="192.168.1.20", port=8000, apps=server.find_apps(apps), folder=apps)
    page = server.landing_page(settings)
    links = re.findall(r'<a href="([^"]+)"', page)
    assert links == ["/voila/render/01-satu.ipynb", "/voila/render/02-dua.ipynb"]  # not the dashboard
    assert "<script" not in page.lower()
    assert "<svg" in page and "http://192.168.1.20:8000/" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "Kode sesi" in page and "semua jaringan" not in page
    wide = server.landing_page(server.Settings(host="0.0.0.0", apps=settings.apps, folder=apps))
    assert "semua jaringan" in wide


def test_announce_gives_addresses_qr_and_token(apps):
    settings = server.Settings(host="10.0.0.5", port=9000, apps=server.find_apps(apps), folder=apps,
                               token="abc")
    text = server.announce(settings)
    assert "http://10.0.0.5:9000/" in text
    assert "http://10.0.0.5:9000/voila/render/01-satu.ipynb" in text
    assert "Token fasilitator: abc" in text
    assert "http://10.0.0.5:9000/voila/render/04-dasbor-fasilitator.ipynb?token=abc" in text
    assert "█" in text or "▀" in text  # the QR code


def test_the_command_has_the_contracted_options():
    result = run_cli("workshop", "--help")
    assert result.returncode == 0
    for option in ("--host", "--port", "--participants", "--apps"):
        assert option in result.stdout


def test_a_busy_port_is_an_indonesian_error(apps, monkeypatch):
    import socket

    monkeypatch.setenv("HUMASKIT_APPS", str(apps))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("workshop", "--port", str(port), "--apps", "01")
    assert result.returncode == 2
    assert "tidak bisa dipakai" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_app_on_the_command_line(apps, monkeypatch):
    monkeypatch.setenv("HUMASKIT_APPS", str(apps))
    result = run_cli("workshop", "--apps", "07")
    assert result.returncode == 2 and "aplikasi '07' tidak ada" in result.stderr


class FakePoolManager:
    """What the workshop's kernel manager needs of Voila's pooling one: pools, fills, takes, shutdowns."""

    def __init__(self, **kwargs):
        self.kernel_pools_config: dict = {}
        self._pools: dict[str, list] = {}
        self.fills: list[tuple[str, int]] = []
        self.next_id = 0

    def fill_if_needed(self, delay=None, notebook_name=None, extra_kernel_env_variables=None, **kwargs):
        size = self.kernel_pools_config[notebook_name]["pool_size"]
        self.fills.append((notebook_name, size))
        self._pools[notebook_name] = ["kernel"] * size

    async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables=None, **kwargs):
        self._pools[notebook_name].pop()
        self.fill_if_needed(notebook_name=notebook_name)
        self.next_id += 1
        return None, [], f"k{self.next_id}"

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        return None


def test_pools_refill_to_the_room_size_and_keep_a_reserve(apps):
    import asyncio

    settings = server.Settings(participants=20, apps=server.find_apps(apps, "01"), folder=apps)
    manager = server.workshop_kernel_manager(FakePoolManager, settings)()
    manager.fill_if_needed(notebook_name="01-satu.ipynb")
    assert manager.fills[-1] == ("01-satu.ipynb", 20)

    async def take(count):
        return [(await manager.get_rendered_notebook("01-satu.ipynb"))[2] for _ in range(count)]

    taken = asyncio.run(take(5))
    assert manager.fills[-1] == ("01-satu.ipynb", 20 - 5)  # 5 in use + 15 waiting = the room
    taken += asyncio.run(take(15))
    assert manager.fills[-1] == ("01-satu.ipynb", settings.kept_waiting)  # all 20 in use: a reserve
    for kernel in taken[:10]:  # ten participants left: the pool grows again for newcomers
        asyncio.run(manager.shutdown_kernel(kernel))
    assert manager.fills[-1] == ("01-satu.ipynb", 20 - 10)
    assert manager.active("01-satu.ipynb") == 10
