"""Installing the package: a brand-new virtualenv, `pip install ./bindings/python` with nothing
pointing at a library (no SHIPLINK_LIBRARY, no PYTHONPATH, no package index), then the ERP
example and the README's example run against the sandbox. Also: the wheel's shape."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import shiplink

REPO = Path(__file__).resolve().parents[3]
PROJECT = REPO / "bindings" / "python"


def clean_env(**extra: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SHIPLINK_LIBRARY", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PIP_NO_INDEX="1")
    env.update(extra)
    return env


def run(command: List[Any], **kwargs: Any) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 600)
    return subprocess.run([str(c) for c in command], **kwargs)


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: Any) -> Iterator[Path]:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    made = run([sys.executable, "-m", "venv", venv], env=clean_env())
    assert made.returncode == 0, made.stdout + made.stderr
    python = venv / "bin" / "python"
    # exactly the README's command, from the repository root
    done = run([python, "-m", "pip", "install", "./bindings/python"], cwd=REPO, env=clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Successfully installed shiplink-" + shiplink.__version__ in done.stdout, done.stdout
    yield python


def stage(client: shiplink.Client, sandbox: Any, allocation: int, invoice: int, untouched: int) -> Dict[str, List[str]]:
    """Orders waiting in pending_allocation, in pending_invoice, and left in pending_accept."""
    orders = sandbox.seed(allocation + invoice + untouched)
    staged: Dict[str, List[str]] = {"allocation": [], "invoice": [], "accept": []}
    for n, order in enumerate(orders):
        oid = order["order_id"]
        ids = [i["item_id"] for i in order["items"]]
        if n >= allocation + invoice:
            staged["accept"].append(oid)
            continue
        client.accept(oid, [(i["item_id"], i["qty_ordered"]) for i in order["items"]])
        if n < allocation:
            staged["allocation"].append(oid)
            continue
        client.allocate(oid, ids)
        client.ship(oid, [(i["item_id"], i["qty_ordered"]) for i in order["items"]], [("dhl", "DHL", "JD{}".format(n))])
        staged["invoice"].append(oid)
    return staged


def test_the_installed_package_carries_and_loads_its_own_library(fresh_python: Path, tmp_path: Path) -> None:
    code = "import json, shiplink; print(json.dumps([shiplink.library_path, shiplink.__version__, shiplink.native_version()]))"
    done = run([fresh_python, "-c", code], cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    path, version, native = json.loads(done.stdout)
    assert path.startswith(str(fresh_python.parent.parent)), path
    assert path.endswith(os.path.join("site-packages", "shiplink", "_native", "libshiplink.so"))
    assert version == native == shiplink.__version__


def test_the_erp_example_allocates_and_invoices_everything_pending(
    fresh_python: Path, client: shiplink.Client, sandbox: Any, tmp_path: Path
) -> None:
    staged = stage(client, sandbox, allocation=4, invoice=3, untouched=2)
    env = clean_env(SHIPLINK_BASE_URL=sandbox.url, SHIPLINK_TOKEN=sandbox.token)
    done = run([fresh_python, REPO / "examples" / "python" / "erp.py"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert sorted(l.split()[1] for l in lines if l.startswith("allocated FO-")) == sorted(staged["allocation"])
    assert sorted(l.split()[1] for l in lines if l.startswith("invoiced FO-")) == sorted(staged["invoice"])
    assert lines[-1] == "allocated 4, invoiced 3, failed 0"
    assert sandbox.token not in done.stdout + done.stderr
    queues = sandbox.stats()["queues"]
    assert (queues["pending_allocation"], queues["pending_invoice"]) == (0, 0)
    assert (queues["pending_shipment"], queues["pending_accept"]) == (4, 2)
    assert all(sandbox.order(oid)["status"] == "complete" for oid in staged["invoice"])


def test_the_erp_example_fails_loudly(fresh_python: Path, sandbox: Any, tmp_path: Path) -> None:
    env = clean_env(SHIPLINK_BASE_URL=sandbox.url, SHIPLINK_TOKEN="not-the-token-81f2")
    done = run([fresh_python, REPO / "examples" / "python" / "erp.py"], cwd=tmp_path, env=env)
    assert done.returncode == 1
    assert "shiplink.Unauthorized: GET /fulfillmentOrders/pending_allocation" in done.stderr, done.stderr
    assert "not-the-token-81f2" not in done.stderr


def test_the_readme_example_runs_as_written(fresh_python: Path, client: shiplink.Client, sandbox: Any, tmp_path: Path) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- erp-example[^>]*-->\s*```python\n(.*?)```", readme, re.S).group(1)
    assert '"http://127.0.0.1:8080"' in code and '"dev-token"' in code
    script = tmp_path / "readme_erp.py"
    script.write_text(code.replace("http://127.0.0.1:8080", sandbox.url).replace("dev-token", sandbox.token))
    staged = stage(client, sandbox, allocation=2, invoice=2, untouched=0)
    done = run([fresh_python, script], cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    expected = ["allocated " + oid for oid in staged["allocation"]] + ["invoiced " + oid for oid in staged["invoice"]]
    assert done.stdout.splitlines() == expected
    queues = sandbox.stats()["queues"]
    assert (queues["pending_allocation"], queues["pending_invoice"]) == (0, 0)


def test_the_wheel_is_platform_specific_and_complete(tmp_path: Path) -> None:
    library = os.environ.get("SHIPLINK_LIBRARY") or str(REPO / "target" / "release" / "libshiplink.so")
    env = clean_env(SHIPLINK_LIBRARY=library)  # a prebuilt library is copied, nothing compiled
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp_path, "./bindings/python"], cwd=REPO, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = tmp_path.glob("*.whl")
    assert re.fullmatch(r"shiplink-{}-py3-none-linux_[a-z0-9_]+\.whl".format(re.escape(shiplink.__version__)), wheel.name)
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        dist_info = "shiplink-{}.dist-info/".format(shiplink.__version__)
        assert {"shiplink/__init__.py", "shiplink/_ffi.py", "shiplink/py.typed", "shiplink/_native/libshiplink.so",
                dist_info + "METADATA", dist_info + "WHEEL", dist_info + "RECORD"} <= names
        assert not any("__pycache__" in n or n.startswith("tests/") for n in names)
        assert "Root-Is-Purelib: false" in z.read(dist_info + "WHEEL").decode()
        assert "Requires-Python: >=3.8" in z.read(dist_info + "METADATA").decode()
        assert z.read("shiplink/_native/libshiplink.so") == Path(library).read_bytes()
        assert (z.getinfo("shiplink/_native/libshiplink.so").external_attr >> 16) & 0o111
        for line in z.read(dist_info + "RECORD").decode().splitlines():
            name, digest, size = line.split(",")
            if name == dist_info + "RECORD":
                continue
            data = z.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == ("sha256=" + expected, len(data)), name
        assert len(z.read(dist_info + "RECORD").decode().splitlines()) == len(names)


def test_the_sdist_holds_the_sources(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("shiplink_build", PROJECT / "build_backend" / "shiplink_build.py")
    backend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(backend)  # type: ignore[union-attr]
    name = backend.build_sdist(str(tmp_path))
    assert backend.get_requires_for_build_wheel() == [] and backend.get_requires_for_build_sdist() == []
    with tarfile.open(tmp_path / name) as tar:
        members = set(tar.getnames())
    base = "shiplink-" + shiplink.__version__
    assert {base + "/pyproject.toml", base + "/PKG-INFO", base + "/src/shiplink/client.py",
            base + "/build_backend/shiplink_build.py"} <= members
    assert not any("_native" in m or "__pycache__" in m for m in members)
