#!/usr/bin/env python3
"""Independent reference vectors for shiplink's webhook module.

Written against Python's standard library only (hmac, hashlib), so it shares no code with the
Rust implementation it checks. Run once; the output (webhook_vectors.json) is checked in and
read by tests/webhook_vectors.rs:

    python3 tests/vectors/make_vectors.py > tests/vectors/webhook_vectors.json

Schemes (see src/webhook.rs):
  timestamped: header "t=<t>,v1=<hex>" with v1 = hex(HMAC-SHA256(secret, b"<t>." + body)),
               one v1 per secret when several secrets are listed (rotation).
  hex:         header is the lowercase hex HMAC-SHA256 of the body.

Bodies are stored as hex, except the 1 MiB body, which is generated from a rule to keep this
file small: {"rule": "mod251", "len": N} means byte i is (i mod 251), for i in 0..N.
"""

import hashlib
import hmac
import json
import sys

MIB = 1 << 20


def mod251(n):
    return bytes(i % 251 for i in range(n))


def mac_hex(secret, message):
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def timestamped(secrets, body, t):
    return ",".join([f"t={t}"] + [f"v1={mac_hex(s, str(t).encode() + b'.' + body)}" for s in secrets])


def hex_scheme(secret, body):
    return mac_hex(secret, body)


JSON_BODY = b'{"event":"shipment.created","event_id":"evt_9f2a","data":{"order_id":555,"tracks":[]}}'
UNICODE_BODY = '{"consignee":"Zoë Ünïcødé","city":"東京","note":"📦 fragile — handle with care"}'.encode()
NUL_BODY = b'\x00{"a":1}\x00\x00\x00tail\x00'
NON_UTF8_BODY = b'\xff\xfe\x80 not utf-8 \xc3\x28 \xed\xa0\x80 end\xf8'
SECRET = b"whsec_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH"
BINARY_SECRET = bytes(range(0, 256, 7)) + b"\x00\x00"   # NUL and high bytes
LONG_SECRET = b"k" * 100 + b"-longer-than-the-64-byte-sha256-block"  # hashed-key path
OLD_SECRET = b"whsec_previous_secret_being_rotated_out"
T = 1782043452

BODIES = {
    "json": JSON_BODY,
    "empty": b"",
    "nul_bytes": NUL_BODY,
    "non_utf8": NON_UTF8_BODY,
    "unicode": UNICODE_BODY,
    "big_1mib": None,  # rule-generated
}


def body_field(body):
    if body is None:
        return {"rule": "mod251", "len": MIB}, mod251(MIB)
    return {"hex": body.hex()}, body


def main():
    cases = []

    def add(name, scheme, secrets, body_name, t=None):
        field, body = body_field(BODIES[body_name])
        if scheme == "timestamped":
            header = timestamped(secrets, body, t)
        else:
            assert len(secrets) == 1
            header = hex_scheme(secrets[0], body)
        case = {"name": name, "scheme": scheme, "secrets_hex": [s.hex() for s in secrets], "body": field}
        if t is not None:
            case["timestamp"] = t
        case["header"] = header
        cases.append(case)

    for body_name in BODIES:
        add(f"timestamped_{body_name}", "timestamped", [SECRET], body_name, T)
    add("timestamped_rotation_two_secrets", "timestamped", [OLD_SECRET, SECRET], "json", T)
    add("timestamped_binary_secret", "timestamped", [BINARY_SECRET], "nul_bytes", T)
    add("timestamped_long_secret", "timestamped", [LONG_SECRET], "unicode", T)
    add("timestamped_t_zero", "timestamped", [SECRET], "json", 0)
    for body_name in BODIES:
        add(f"hex_{body_name}", "hex", [SECRET], body_name)
    add("hex_binary_secret", "hex", [BINARY_SECRET], "non_utf8")
    add("hex_long_secret", "hex", [LONG_SECRET], "json")

    doc = {
        "generator": "tests/vectors/make_vectors.py (Python stdlib hmac + hashlib)",
        "python": sys.version.split()[0],
        "body_rules": {"mod251": "byte i is (i mod 251), for i in 0..len"},
        "cases": cases,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
