"""The binding against the C contract: declarations, statuses, versions, library location."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import shiplink
from shiplink import _ffi, errors

REPO = Path(__file__).resolve().parents[3]
HEADER = (REPO / "include" / "shiplink.h").read_text(encoding="utf-8")


def test_every_function_of_the_header_is_declared() -> None:
    names = set(re.findall(r"\b(shiplink_\w+)\s*\(", HEADER)) - {"shiplink_log_callback"}
    assert len(names) >= 18
    for name in sorted(names):
        func = getattr(_ffi.lib, name)
        assert func.argtypes is not None, name + " has no argtypes"
        returns_status = re.search(r"enum shiplink_status\s+" + name + r"\(", HEADER) is not None
        assert (getattr(func, "errcheck", None) is _ffi._check) == returns_status, name


def test_status_numbers_and_names_match_the_library() -> None:
    for status in shiplink.Status:
        assert _ffi.status_name(int(status)) == status.name
        assert re.search(r"SHIPLINK_{} = {},".format(status.name, int(status)), HEADER), status
    assert _ffi.status_name(99) == "UNKNOWN"


def test_one_exception_class_per_failure_status() -> None:
    for status in shiplink.Status:
        if status in (shiplink.Status.OK, shiplink.Status.DONE):
            continue
        cls = errors.class_for(status)
        assert cls is not shiplink.Error and cls.STATUS == status and issubclass(cls, shiplink.Error)
        assert getattr(shiplink, cls.__name__) is cls
    for cls in (shiplink.SignatureMismatch, shiplink.SignatureExpired, shiplink.SignatureMalformed):
        assert issubclass(cls, shiplink.SignatureError)
    assert issubclass(shiplink.InvalidArgument, ValueError)
    assert errors.class_for(99) is shiplink.Error


def test_internal_error_and_unknown_statuses_go_through_the_one_errcheck() -> None:
    shiplink.sign_webhook("hex", "s", b"")  # a successful call: no last error on this thread
    with pytest.raises(shiplink.InternalError) as info:
        _ffi._check(int(shiplink.Status.INTERNAL), None, ())
    assert info.value.status == shiplink.Status.INTERNAL and "INTERNAL" in str(info.value)
    with pytest.raises(shiplink.Error) as unknown:
        _ffi._check(77, None, ())
    assert type(unknown.value) is shiplink.Error and unknown.value.status == 77
    assert _ffi._check(0, None, ()) == 0 and _ffi._check(1, None, ()) == 1


def test_exceptions_pickle_with_their_detail() -> None:
    e = shiplink.BadRequest("HTTP 400: no", status=3, http_status=400, body={"code": "x"}, attempts=1)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is shiplink.BadRequest
    assert (str(back), back.status, back.http_status, back.body, back.attempts) == ("HTTP 400: no", 3, 400, {"code": "x"}, 1)


def test_versions_are_in_step() -> None:
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^\[workspace\.package\][^\[]*?^version\s*=\s*"([^"]+)"', cargo, re.M | re.S).group(1)
    assert shiplink.__version__ == version == shiplink.native_version()


def test_library_location_and_a_clear_import_error() -> None:
    expected = os.environ.get("SHIPLINK_LIBRARY")
    if expected:
        assert shiplink.library_path == os.path.abspath(expected)
    else:
        assert shiplink.library_path.endswith(os.path.join("shiplink", "_native", "libshiplink.so"))
    env = dict(os.environ, SHIPLINK_LIBRARY="/nonexistent/libshiplink.so")
    done = subprocess.run([sys.executable, "-c", "import shiplink"], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "/nonexistent/libshiplink.so (from SHIPLINK_LIBRARY)" in done.stderr
