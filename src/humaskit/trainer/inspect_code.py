"""Reasons (Indonesian, for the trainer) why code found in a submission is suspicious.

Trainees answer by clicking or typing (``jawaban.json``), never by writing Python: any code they
changed or added is reported, and these patterns are named because they are the known ways to
move grades (issue 12): exception hooks, AST/input transformers, built-ins and ``sys.modules``,
replacing kit functions, files outside the assignment folder, sqlite, stopping the kernel.
"""

from __future__ import annotations

import ast
import builtins
import re

_BUILTIN_NAMES = {name for name in dir(builtins) if not name.startswith("_")}
_HOOKS = {"set_custom_exc": "memasang penangkap galat (set_custom_exc)",
          "excepthook": "memasang penangkap galat (sys.excepthook)",
          "showtraceback": "mengganti tampilan galat (showtraceback)",
          "ast_transformers": "memasang pengubah kode (AST transformer)",
          "input_transformers_cleanup": "memasang pengubah masukan (input transformer)",
          "input_transformers_post": "memasang pengubah masukan (input transformer)",
          "input_transformer_manager": "memasang pengubah masukan (input transformer)",
          "register_magic_function": "mendaftarkan perintah magic",
          "events": "memasang kait kejadian IPython (events)",
          "modules": "mengubah sys.modules",
          "_exit": "menghentikan kernel (os._exit)",
          "exit": "menghentikan kernel (exit)",
          "kill": "mengirim sinyal ke proses",
          "__eq__": "membuat objek yang 'sama dengan apa pun' (__eq__)"}
_MODULES = {"builtins": "mengubah built-in Python (modul builtins)",
            "sqlite3": "memakai sqlite (basis data nilai)", "sqlalchemy": "memakai basis data",
            "subprocess": "menjalankan program lain", "ctypes": "memakai ctypes (bisa merusak kernel)",
            "signal": "mengubah penanganan sinyal", "shutil": "menyalin atau menghapus file",
            "importlib": "memuat ulang modul", "gc": "menyentuh memori Python (gc)"}
_FILES = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "unlink", "remove", "rmtree",
          "listdir", "scandir", "walk", "glob", "rglob", "chdir", "system", "popen"}


def _strip_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


def reasons(code: str) -> list[str]:
    """Why ``code`` is suspicious, one short Indonesian phrase per finding (empty: nothing found)."""
    found: list[str] = []
    try:
        tree = ast.parse(_strip_magics(code))
    except SyntaxError:
        tree = None
    if tree is None:
        words = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", code))
        found += [why for word, why in {**_HOOKS, **_MODULES}.items() if word in words]
        return list(dict.fromkeys(found)) or ["kode yang tidak bisa dibaca Python"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                if top in _MODULES:
                    found.append(_MODULES[top])
        elif isinstance(node, ast.Attribute):
            if node.attr in _HOOKS:
                found.append(_HOOKS[node.attr])
            if node.attr in _FILES:
                found.append(f"membuka atau mengubah file ({node.attr})")
            if isinstance(node.ctx, ast.Store | ast.Del) and isinstance(node.value, ast.Name):
                found.append(f"mengganti fungsi atau nilai modul ({node.value.id}.{node.attr})")
        elif isinstance(node, ast.Name):
            if node.id in ("__builtins__", "__builtin__"):
                found.append("mengubah built-in Python (__builtins__)")
            elif node.id in _FILES:
                found.append(f"membuka atau mengubah file ({node.id})")
            elif node.id in ("exit", "quit"):
                found.append("menghentikan kernel (exit)")
            elif node.id in ("get_ipython",):
                found.append("menyentuh kernel IPython (get_ipython)")
            elif node.id in ("eval", "exec", "compile", "__import__"):
                found.append(f"menjalankan kode tersembunyi ({node.id})")
            if isinstance(node.ctx, ast.Store | ast.Del) and node.id in _BUILTIN_NAMES:
                found.append(f"membayangi built-in Python ({node.id})")
            if isinstance(node.ctx, ast.Store | ast.Del) and node.id.startswith("_") and node.id.strip("_") \
                    and not node.id.startswith("__"):
                # hidden tests bind their own names with a leading underscore (_jawaban, _b, ...)
                found.append(f"menimpa nama yang dipakai pemeriksa ({node.id})")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name in _BUILTIN_NAMES:
                found.append(f"membayangi built-in Python ({node.name})")
            if node.name == "__eq__":
                found.append(_HOOKS["__eq__"])
        elif isinstance(node, ast.While) and isinstance(node.test, ast.Constant) and node.test.value:
            found.append("perulangan tanpa akhir (while True)")
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call | ast.Name):
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id in ("SystemExit", "KeyboardInterrupt"):
                found.append(f"menghentikan kernel ({exc.id})")
    return list(dict.fromkeys(found))


# Code answers (the optional data parts) run only when they keep to plain data work: these modules,
# no dunder names, no reflection, no rebinding of what the locked cells defined.
ALLOWED_MODULES = {"pandas", "numpy", "math", "statistics", "collections", "itertools", "functools",
                   "re", "datetime", "numbers", "string", "operator", "decimal", "fractions"}
_FORBIDDEN_CALLS = {"getattr", "setattr", "delattr", "globals", "locals", "vars", "eval", "exec", "compile",
                    "__import__", "open", "input", "breakpoint", "exit", "quit", "help", "memoryview",
                    "get_ipython", "display", "type", "super", "object", "classmethod", "staticmethod",
                    "property", "dir", "id", "hash"}
_FORBIDDEN_NODES = (ast.ClassDef, ast.Global, ast.Nonlocal, ast.AsyncFunctionDef, ast.Await,
                    ast.AsyncFor, ast.AsyncWith, ast.With, ast.Delete)


def _local_names(tree: ast.AST) -> set[int]:
    """ids of the Name nodes inside functions and comprehensions (bound there, not in the notebook)."""
    return {id(n) for scope in ast.walk(tree)
            if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.comprehension)
            for n in ast.walk(scope) if isinstance(n, ast.Name)}


# Methods that change their object in place (pandas, lists, dicts, sets, options).
_MUTATING = {"insert", "pop", "popitem", "update", "append", "extend", "remove", "clear", "setdefault",
             "add", "discard", "sort", "reverse", "set_option", "reset_option", "set_axis", "__setitem__"}


def _root(node: ast.AST) -> str | None:
    """The name at the root of ``a.b[c].d(...)`` (``a``), if any."""
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def protected_names(codes: list[str]) -> set[str]:
    """Names the locked cells bind at notebook level (imports, assignments, functions): code
    answers may not rebind them."""
    names: set[str] = set()
    for code in codes:
        try:
            tree = ast.parse(_strip_magics(code))
        except SyntaxError:
            continue
        local = _local_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and id(node) not in local:
                names.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
    return names


def vet(code: str, protected: set[str], own: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Why a code answer may not run (empty: it may). ``own`` are the names the answer is meant to
    define (they may shadow nothing protected)."""
    try:
        tree = ast.parse(_strip_magics(code))
    except SyntaxError as exc:
        return [f"kode tidak bisa dibaca Python (baris {exc.lineno})"]
    problems = list(reasons(code))
    local = _local_names(tree)  # names bound inside a function are its own
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) and isinstance(node.value, ast.Name) \
                and node.value.id in protected:
            problems.append(f"menyalin nama dari sel terkunci ({node.value.id})")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in defined:
            given = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Name) and a.id in protected for a in given):
                problems.append(f"memberikan data sel terkunci ke fungsi sendiri ({node.func.id})")
        if isinstance(node, _FORBIDDEN_NODES):
            problems.append(f"bentuk kode di luar jawaban data ({type(node).__name__})")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] not in ALLOWED_MODULES:
                    problems.append(f"mengimpor modul di luar jawaban data ({name})")
            for alias in node.names:
                bound = (alias.asname or alias.name).split(".")[0]
                if bound in protected:
                    problems.append(f"menimpa nama dari sel terkunci ({bound})")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            problems.append(f"menyentuh atribut tersembunyi ({node.attr})")
        elif isinstance(node, ast.Name):
            if node.id.startswith("__"):
                problems.append(f"menyentuh nama tersembunyi ({node.id})")
            elif node.id in _FORBIDDEN_CALLS:
                problems.append(f"memakai fungsi di luar jawaban data ({node.id})")
            elif isinstance(node.ctx, ast.Store | ast.Del) and id(node) not in local and (
                    node.id in _BUILTIN_NAMES or (node.id in protected and node.id not in own)):
                problems.append(f"menimpa nama yang dipakai pemeriksa ({node.id})")
        elif isinstance(node, ast.FunctionDef | ast.Lambda):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                if arg.arg in _BUILTIN_NAMES:
                    problems.append(f"menimpa nama yang dipakai pemeriksa ({arg.arg})")
            if isinstance(node, ast.FunctionDef) and (node.decorator_list or (
                    node.name in protected and node.name not in own) or node.name in _BUILTIN_NAMES):
                problems.append(f"fungsi yang menimpa atau membungkus nama lain ({node.name})")
        elif isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            root = _root(node)
            if root is None or (root in protected and root not in own):
                problems.append(f"mengubah data dari sel terkunci ({root or 'ekspresi'})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            root = _root(node.func.value)
            mutating = node.func.attr in _MUTATING or any(k.arg == "inplace" for k in node.keywords)
            if root in protected and root not in own and mutating:
                problems.append(f"mengubah data dari sel terkunci ({root}.{node.func.attr})")
    return list(dict.fromkeys(problems))
