"""The package's modules: one declares the C ABI, the public names stay where hosts import them."""

from __future__ import annotations

from pathlib import Path

import shiplink

PACKAGE = Path(shiplink.__file__).resolve().parent


def test_every_public_name_resolves() -> None:
    for name in shiplink.__all__:
        assert getattr(shiplink, name) is not None, name
    assert {"Client", "QueueIterator", "ListIterator"} <= set(shiplink.__all__)


def test_the_client_module_names_still_import() -> None:
    from shiplink.client import Client, QueueIterator
    from shiplink import shipperone

    assert Client is shiplink.Client is shipperone.Client
    assert QueueIterator is shiplink.QueueIterator is shipperone.QueueIterator


def test_only_ffi_declares_native_functions() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "_ffi.py":
            continue
        text = path.read_text(encoding="utf-8")
        for word in ("CDLL", "argtypes", "restype", "errcheck"):
            assert word not in text, "{} mentions {}".format(path.name, word)
