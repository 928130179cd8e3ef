"""shiplink.Status and the exception classes against the header's ``enum shiplink_status``.

The enum and the classes are written by hand (each class has its own docstring); this check is
what keeps them from drifting when the library gains a status.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import pytest

import shiplink
from shiplink import errors

HEADER_PATH = Path(__file__).resolve().parent / ".." / ".." / ".." / "include" / "shiplink.h"


def header_statuses(header: str) -> List[tuple]:
    """``[(NAME, number), …]`` for every ``SHIPLINK_<NAME> = <n>,`` of ``enum shiplink_status``."""
    body = re.search(r"enum shiplink_status\s*\{(.*?)\}", header, re.S)
    assert body, "no enum shiplink_status in the header"
    return [(name, int(n)) for name, n in re.findall(r"\bSHIPLINK_(\w+)\s*=\s*(\d+)\s*,", body.group(1))]


def status_table_problems(header: str) -> List[str]:
    """Every way Python's status table disagrees with ``header``; empty when they agree."""
    problems = []
    declared = header_statuses(header)
    for name, number in declared:
        status = shiplink.Status.__members__.get(name)
        if status is None:
            problems.append("shiplink.Status has no {} (= {})".format(name, number))
            continue
        if int(status) != number:
            problems.append("shiplink.Status.{} is {}, the header says {}".format(name, int(status), number))
        if name in ("OK", "DONE"):
            continue
        cls = errors.class_for(number)
        if cls is shiplink.Error or not issubclass(cls, shiplink.Error) or cls.STATUS != number:
            problems.append("no exception class for SHIPLINK_{} = {}".format(name, number))
        elif getattr(shiplink, cls.__name__, None) is not cls:
            problems.append("{} (for SHIPLINK_{}) is not exported as shiplink.{}".format(cls.__name__, name, cls.__name__))
    names = {name for name, _ in declared}
    for status in shiplink.Status:
        if status.name not in names:
            problems.append("shiplink.Status.{} is not in the header".format(status.name))
    return problems


def test_the_header_and_the_status_table_agree() -> None:
    header = HEADER_PATH.read_text(encoding="utf-8")
    assert len(header_statuses(header)) >= 19
    assert status_table_problems(header) == []


def test_a_status_added_to_the_header_alone_is_caught() -> None:
    header = HEADER_PATH.read_text(encoding="utf-8")
    last = header_statuses(header)[-1]
    line = "SHIPLINK_{} = {},".format(*last)
    assert line in header
    grown = header.replace(line, line + "\n  SHIPLINK_NEW_THING = 19,", 1)
    problems = status_table_problems(grown)
    assert problems == ["shiplink.Status has no NEW_THING (= 19)"]


def test_a_renumbered_or_dropped_status_is_caught() -> None:
    header = HEADER_PATH.read_text(encoding="utf-8")
    renumbered = header.replace("SHIPLINK_CONFLICT = 7,", "SHIPLINK_CONFLICT = 70,", 1)
    assert "shiplink.Status.CONFLICT is 7, the header says 70" in status_table_problems(renumbered)
    dropped = header.replace("SHIPLINK_TLS = 12,", "", 1)
    assert status_table_problems(dropped) == ["shiplink.Status.TLS is not in the header"]


def test_a_status_without_its_exception_class_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    header = HEADER_PATH.read_text(encoding="utf-8")
    monkeypatch.delitem(errors._BY_STATUS, int(shiplink.Status.CONFLICT))
    assert status_table_problems(header) == ["no exception class for SHIPLINK_CONFLICT = 7"]
