"""Grading kernels that cannot reach the gradebook, the sources or other trainees' work.

:class:`SandboxKernelManager` (used by :class:`humaskit.trainer.preprocessors.GuardedExecute`)
starts each kernel

* in a fresh working folder of its own under the system's temporary folder, holding a copy of the
  submission's files (``jawaban.json``) and nothing else, removed when the kernel stops;
* as an unprivileged user (``humaskit-grader``, created by ``humaskit trainer sandbox``) when the
  grader runs as root: the course folder is private to its owner (mode 0700), so the kernel can
  open neither the gradebook nor ``source/`` nor another trainee's folder;
* under resource limits set just before the kernel starts (``python -m humaskit.trainer.sandbox``):
  CPU seconds (a loop that ignores interrupts is killed), memory, size of any file it writes,
  number of processes.

Why a separate user rather than a container: nbgrader, formgrader and the kit run on one machine
or one JupyterHub image without a container runtime; a Unix user plus rlimits is available
everywhere the kit runs as root (CI, a hub's grader service) and needs nothing new installed.
Running as an ordinary user (a trainer's laptop) keeps the working folder and the limits.
"""

from __future__ import annotations

import json
import os
import pwd
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, Unicode

GRADER_USER = "humaskit-grader"


def ensure_user(name: str = GRADER_USER) -> str:
    """Create the unprivileged grading user (no login shell, no home) if missing; needs root."""
    try:
        pwd.getpwnam(name)
        return f"pengguna {name} sudah ada"
    except KeyError:
        pass
    if os.geteuid() != 0:
        raise PermissionError("membuat pengguna penilai perlu hak root (sudo humaskit trainer sandbox)")
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                   check=True, capture_output=True)
    return f"pengguna {name} dibuat"


def blocked_dirs(name: str, paths: list[Path]) -> list[Path]:
    """Folders on the way to ``paths`` (the Python interpreter, the kit) that ``name`` cannot enter."""
    import grp

    entry = pwd.getpwnam(name)
    groups = {g.gr_gid for g in grp.getgrall() if name in g.gr_mem} | {entry.pw_gid}
    blocked = []
    for path in paths:
        for folder in [*reversed(path.resolve().parents)]:
            st = folder.stat()
            if st.st_uid == entry.pw_uid:
                ok = st.st_mode & 0o100
            elif st.st_gid in groups:
                ok = st.st_mode & 0o010
            else:
                ok = st.st_mode & 0o001
            if not ok and folder not in blocked:
                blocked.append(folder)
    return blocked


def allow_python(name: str = GRADER_USER) -> list[Path]:
    """Let the grading user *enter* (not list) the folders that hide the interpreter and the kit
    (e.g. ``/root`` when Python lives in ``/root/.pyenv``): mode o+x on exactly those folders."""
    import humaskit

    targets = [Path(sys.executable), Path(humaskit.__file__).parent]
    folders = blocked_dirs(name, targets)
    for folder in folders:
        os.chmod(folder, folder.stat().st_mode | 0o001)
    return folders


def user_ids(name: str) -> tuple[int, int] | None:
    """(uid, gid) of ``name`` when the kernel can be switched to it (we are root, it exists)."""
    if not name or os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


class SandboxKernelManager(AsyncKernelManager):
    """An AsyncKernelManager that starts the kernel confined (see the module doc)."""

    sandbox_user = Unicode(GRADER_USER, help="user the kernel runs as (when started by root)"
                           ).tag(config=True)
    cpu_seconds = Integer(60, help="CPU seconds the kernel may use in all").tag(config=True)
    memory_mb = Integer(4096, help="address space of the kernel, MB").tag(config=True)
    file_mb = Integer(20, help="largest file the kernel may write, MB").tag(config=True)
    output_chars = Integer(20000, help="characters of output a cell may send").tag(config=True)

    _workdir: Path | None = None

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        source = Path(kw.get("cwd") or os.getcwd())
        ids = user_ids(self.sandbox_user)
        work = Path(tempfile.mkdtemp(prefix="humaskit-nilai-"))
        self._workdir = work
        for item in source.iterdir():  # the submission's files, never its notebooks or subfolders
            if item.is_file() and item.suffix != ".ipynb":
                shutil.copy2(item, work / item.name)
        if "-f" in cmd:  # the connection file: the kernel (another user) must read its own copy
            i = cmd.index("-f") + 1
            copy = work / ".kernel.json"
            shutil.copy2(cmd[i], copy)
            cmd[i] = str(copy)
        if ids is not None:
            for path in [work, *work.iterdir()]:
                os.chown(path, *ids)
        os.chmod(work, 0o700)
        env = dict(kw.get("env") or os.environ)
        env["PYTHONPATH"] = child_pythonpath(env.get("PYTHONPATH", ""))
        env.update(HOME=str(work), IPYTHONDIR=str(work / ".ipython"), MPLCONFIGDIR=str(work / ".mpl"),
                   JUPYTER_RUNTIME_DIR=str(work / ".runtime"), TMPDIR=str(work),
                   OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        kw["env"], kw["cwd"] = env, str(work)
        cap = f"__import__('humaskit.trainer.kernel_cap').trainer.kernel_cap.install({self.output_chars})"
        cmd = [*cmd, f"--IPKernelApp.exec_lines={json.dumps([cap])}"]
        limits = [str(self.cpu_seconds), str(self.memory_mb), str(self.file_mb)]
        user = [str(ids[0]), str(ids[1])] if ids is not None else ["-", "-"]
        return [sys.executable, "-m", "humaskit.trainer.sandbox", *limits, *user, "--", *cmd], kw

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        except Exception:
            self._remove_workdir()  # a kernel that never started leaves no folder behind
            raise

    def _remove_workdir(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._remove_workdir()


def child_pythonpath(current: str) -> str:
    """PYTHONPATH for a kernel started in another folder: this humaskit first, entries absolute."""
    import humaskit

    package_parent = str(Path(humaskit.__file__).resolve().parents[1])
    entries = [str(Path(p).resolve()) for p in current.split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys([package_parent, *entries]))


def confine(cpu: int, memory_mb: int, file_mb: int, uid: int | None, gid: int | None) -> None:
    """Limit this process (and what it becomes by exec) and drop to ``uid``/``gid``."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_mb << 20, file_mb << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if uid is not None and gid is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (64, 64))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    os.umask(0o077)


def main(argv: list[str]) -> None:
    cpu, memory_mb, file_mb, uid, gid, dashes, *cmd = argv
    assert dashes == "--" and cmd, "usage: sandbox CPU MEM_MB FILE_MB UID|- GID|- -- CMD..."
    confine(int(cpu), int(memory_mb), int(file_mb),
            None if uid == "-" else int(uid), None if gid == "-" else int(gid))
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
