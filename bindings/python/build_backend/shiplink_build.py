"""A tiny in-tree PEP 517 build backend for the ``shiplink`` Python package.

Why not setuptools: the package has no extension module to compile, only a prebuilt native
library to carry, and the wheel must be platform-specific. This backend needs nothing from PyPI
(``requires = []``), so ``pip install ./bindings/python`` works offline and with any pip that
speaks PEP 517 (backend-path: pip 20+), and it writes exactly the wheel we want:

    shiplink-<version>-py3-none-<platform>.whl
        shiplink/*.py, py.typed
        shiplink/_native/libshiplink.so       (libshiplink.dylib / shiplink.dll)
        shiplink-<version>.dist-info/{METADATA,WHEEL,RECORD,top_level.txt}

The tag is ``py3-none-<platform>``: any Python 3 (ctypes, no CPython ABI), one platform
(it carries a native library). ``Root-Is-Purelib: false``.

Where the native library comes from, first match wins:

1. ``SHIPLINK_LIBRARY`` (environment) or ``--config-settings library=PATH``: a built
   libshiplink, copied as is. Nothing is compiled.
2. The shiplink repository: found above this directory (pip >= 21.3 builds in place), at
   ``SHIPLINK_SOURCE_DIR``, or above the directory pip was started from (``$PWD``; older pips
   copy the package to a temporary directory first). There the backend runs
   ``cargo build --release --locked -p shiplink`` (``$CARGO``, ``cargo`` on PATH, or
   ``~/.cargo/bin/cargo``) and takes the cdylib cargo reports.

Otherwise the build fails with a message saying what to set.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from typing import Dict, Iterator, List, Optional, Tuple

NAME = "shiplink"
SUMMARY = "ShipperOne fulfillment-order queues for Python hosts (ctypes over libshiplink)"
LICENSE = "MIT OR Apache-2.0"
REQUIRES_PYTHON = ">=3.8"
CLASSIFIERS = [
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3 :: Only",
    "Operating System :: POSIX :: Linux",
    "Typing :: Typed",
]

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)  # bindings/python
PACKAGE_DIR = os.path.join(PROJECT, "src", NAME)


def _log(message: str) -> None:
    print("shiplink-build: " + message, file=sys.stderr, flush=True)


def _version() -> str:
    with open(os.path.join(PACKAGE_DIR, "_version.py"), encoding="utf-8") as f:
        match = re.search(r'^__version__\s*=\s*"([^"]+)"', f.read(), re.M)
    if not match:
        raise RuntimeError("no __version__ in src/shiplink/_version.py")
    return match.group(1)


def _library_file_name() -> str:
    if sys.platform == "win32":
        return "shiplink.dll"
    if sys.platform == "darwin":
        return "libshiplink.dylib"
    return "libshiplink.so"


def _platform_tag() -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", sysconfig.get_platform())


def _dist_info(version: str) -> str:
    return "{}-{}.dist-info".format(NAME, version)


# --- the native library -----------------------------------------------------------------------


def _is_repo(path: str) -> bool:
    cargo_toml = os.path.join(path, "Cargo.toml")
    if not (os.path.isfile(cargo_toml) and os.path.isfile(os.path.join(path, "include", "shiplink.h"))):
        return False
    with open(cargo_toml, encoding="utf-8") as f:
        return re.search(r'^name\s*=\s*"shiplink"\s*$', f.read(), re.M) is not None


def _ancestors(path: str) -> Iterator[str]:
    path = os.path.abspath(path)
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def _find_repo() -> Optional[str]:
    explicit = os.environ.get("SHIPLINK_SOURCE_DIR")
    if explicit:
        if not _is_repo(explicit):
            raise RuntimeError("SHIPLINK_SOURCE_DIR={} is not the shiplink repository".format(explicit))
        return os.path.abspath(explicit)
    starts = [PROJECT]
    if os.environ.get("PWD"):
        starts.append(os.environ["PWD"])
    for start in starts:
        for candidate in _ancestors(start):
            if _is_repo(candidate):
                return candidate
    return None


def _cargo() -> str:
    for candidate in (os.environ.get("CARGO"), shutil.which("cargo"), os.path.expanduser("~/.cargo/bin/cargo")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(
        "cargo was not found (looked at $CARGO, PATH and ~/.cargo/bin): install Rust "
        "(https://rustup.rs) or set SHIPLINK_LIBRARY to a built {}".format(_library_file_name())
    )


def _cargo_build(repo: str) -> str:
    command = [_cargo(), "build", "--release", "--locked", "-p", NAME, "--message-format=json-render-diagnostics"]
    _log("building the native library in {}: {}".format(repo, " ".join(command[1:])))
    # JSON messages on stdout (parsed), compiler diagnostics on stderr (shown by pip).
    done = subprocess.run(command, cwd=repo, stdout=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise RuntimeError("cargo build failed (exit {}); see the output above".format(done.returncode))
    suffix = os.path.splitext(_library_file_name())[1]
    found = None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        target = message.get("target") or {}
        if message.get("reason") == "compiler-artifact" and target.get("name") == NAME and "cdylib" in target.get(
            "kind", []
        ):
            for filename in message.get("filenames", []):
                if filename.endswith(suffix):
                    found = filename
    if not found or not os.path.isfile(found):
        raise RuntimeError("cargo built no {} cdylib".format(NAME))
    return found


def _native_library(config_settings: Optional[Dict[str, str]]) -> str:
    given = (config_settings or {}).get("library") or os.environ.get("SHIPLINK_LIBRARY")
    if given:
        if not os.path.isfile(given):
            raise RuntimeError("SHIPLINK_LIBRARY={} does not exist".format(given))
        _log("using the prebuilt native library {}".format(given))
        return os.path.abspath(given)
    repo = _find_repo()
    if repo is None:
        raise RuntimeError(
            "cannot find the native library: set SHIPLINK_LIBRARY to a built {} (or "
            "SHIPLINK_SOURCE_DIR to the shiplink repository, with cargo installed). Looked above {}{}.".format(
                _library_file_name(),
                PROJECT,
                " and " + os.environ["PWD"] if os.environ.get("PWD") else "",
            )
        )
    return _cargo_build(repo)


# --- archive contents -------------------------------------------------------------------------


def _package_files() -> List[Tuple[str, str]]:
    """(archive path, file path) of the Python sources, sorted."""
    files = []
    for root, dirs, names in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "_native"))
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(root, name)
            files.append((NAME + "/" + os.path.relpath(path, PACKAGE_DIR).replace(os.sep, "/"), path))
    return files


def _metadata(version: str) -> bytes:
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + NAME,
        "Version: " + version,
        "Summary: " + SUMMARY,
        "License: " + LICENSE,
        "Requires-Python: " + REQUIRES_PYTHON,
    ]
    lines += ["Classifier: " + c for c in CLASSIFIERS]
    lines.append("Description-Content-Type: text/markdown")
    readme = os.path.join(PROJECT, "README.md")
    description = ""
    if os.path.isfile(readme):
        with open(readme, encoding="utf-8") as f:
            description = f.read()
    return ("\n".join(lines) + "\n\n" + description).encode("utf-8")


def _wheel_file(version: str, tag: str) -> bytes:
    return (
        "Wheel-Version: 1.0\nGenerator: shiplink_build {}\nRoot-Is-Purelib: false\nTag: {}\n".format(version, tag)
    ).encode("utf-8")


def _timestamp() -> Tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01: reproducible
    return time.gmtime(max(epoch, 315532800))[:6]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "sha256=" + digest


def _write_dist_info(directory: str, version: str, tag: str) -> str:
    dist_info = _dist_info(version)
    path = os.path.join(directory, dist_info)
    os.makedirs(path, exist_ok=True)
    for name, data in (
        ("METADATA", _metadata(version)),
        ("WHEEL", _wheel_file(version, tag)),
        ("top_level.txt", (NAME + "\n").encode()),
    ):
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)
    return dist_info


# --- PEP 517 hooks ----------------------------------------------------------------------------


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: Optional[Dict[str, str]] = None
) -> str:
    return _write_dist_info(metadata_directory, _version(), "py3-none-" + _platform_tag())


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict[str, str]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    version = _version()
    tag = "py3-none-" + _platform_tag()
    library = _native_library(config_settings)
    dist_info = _dist_info(version)
    entries: List[Tuple[str, bytes, int]] = []
    for arcname, path in _package_files():
        with open(path, "rb") as f:
            entries.append((arcname, f.read(), 0o644))
    with open(library, "rb") as f:
        entries.append(("{}/_native/{}".format(NAME, _library_file_name()), f.read(), 0o755))
    entries.append((dist_info + "/METADATA", _metadata(version), 0o644))
    entries.append((dist_info + "/WHEEL", _wheel_file(version, tag), 0o644))
    entries.append((dist_info + "/top_level.txt", (NAME + "\n").encode(), 0o644))
    record = io.StringIO()
    for arcname, data, _ in entries:
        record.write("{},{},{}\n".format(arcname, _record_hash(data), len(data)))
    record.write("{}/RECORD,,\n".format(dist_info))
    entries.append((dist_info + "/RECORD", record.getvalue().encode("utf-8"), 0o644))

    filename = "{}-{}-{}.whl".format(NAME, version, tag)
    os.makedirs(wheel_directory, exist_ok=True)
    target = os.path.join(wheel_directory, filename)
    stamp = _timestamp()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for arcname, data, mode in entries:
            info = zipfile.ZipInfo(arcname, date_time=stamp)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    _log("wrote {} (native library from {})".format(filename, library))
    return filename


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, str]] = None) -> str:
    """The Python sources only: a wheel built from it needs SHIPLINK_LIBRARY (or
    SHIPLINK_SOURCE_DIR) since the Rust sources are not in it."""
    version = _version()
    base = "{}-{}".format(NAME, version)
    filename = base + ".tar.gz"
    os.makedirs(sdist_directory, exist_ok=True)
    members: List[Tuple[str, str]] = []
    for top in ("pyproject.toml", "README.md", "build_backend", "src", "tests"):
        path = os.path.join(PROJECT, top)
        if os.path.isfile(path):
            members.append((top, path))
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "_native"))
            for name in sorted(names):
                if not name.endswith((".pyc", ".pyo")):
                    full = os.path.join(root, name)
                    members.append((os.path.relpath(full, PROJECT).replace(os.sep, "/"), full))
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tar:

        def add(arcname: str, data: bytes) -> None:
            info = tarfile.TarInfo(base + "/" + arcname)
            info.size = len(data)
            info.mtime = mtime
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))

        for arcname, path in members:
            with open(path, "rb") as f:
                add(arcname, f.read())
        add("PKG-INFO", _metadata(version))
    return filename
