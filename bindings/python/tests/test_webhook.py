"""verify_signature / sign_webhook: both schemes, and each signature exception."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time

import pytest

import shiplink

SECRET = "whsec-7f3a-not-for-logs"
BODY = b'{"event":"order.created","order_id":"FO-000000001","note":"caf\xc3\xa9\x00end"}'
T = 1_795_000_000


def test_timestamped_round_trip() -> None:
    header = shiplink.sign_webhook("timestamped", SECRET, BODY, timestamp=T)
    expected = hmac.new(SECRET.encode(), str(T).encode() + b"." + BODY, hashlib.sha256).hexdigest()
    assert header == "t={},v1={}".format(T, expected)
    assert shiplink.verify_signature("timestamped", SECRET, header, BODY, now=T + 10) is None
    assert shiplink.verify_signature("timestamped", SECRET, header, bytearray(BODY), now=T - 10) is None
    assert shiplink.verify_signature("timestamped", SECRET, header, memoryview(BODY), now=T) is None


def test_hex_round_trip_and_str_bodies() -> None:
    header = shiplink.sign_webhook("hex", SECRET, BODY)
    assert header == hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    shiplink.verify_signature("hex", SECRET, header, BODY)
    text = '{"order_id":"FO-1","name":"Šarić"}'
    assert shiplink.sign_webhook("hex", SECRET, text) == shiplink.sign_webhook("hex", SECRET, text.encode("utf-8"))


def test_default_clock() -> None:
    header = shiplink.sign_webhook("timestamped", SECRET, BODY)
    assert abs(int(header.split(",")[0][2:]) - time.time()) < 5
    shiplink.verify_signature("timestamped", SECRET, header, BODY)


def test_datetimes_for_now_and_timestamp(local_time_not_utc: None) -> None:
    when = dt.datetime.fromtimestamp(T, dt.timezone.utc)
    header = shiplink.sign_webhook("timestamped", SECRET, BODY, timestamp=when)
    assert header.startswith("t={},".format(T))
    shiplink.verify_signature("timestamped", SECRET, header, BODY, now=when.replace(tzinfo=None))  # naive = UTC
    shiplink.verify_signature("timestamped", SECRET, header, BODY, now=when.astimezone(dt.timezone(dt.timedelta(hours=-5))))
    naive = shiplink.sign_webhook("timestamped", SECRET, BODY, timestamp=when.replace(tzinfo=None))
    assert naive == header


def test_a_rotated_secret_still_verifies() -> None:
    old = shiplink.sign_webhook("timestamped", "old-secret", BODY, timestamp=T)
    new = shiplink.sign_webhook("timestamped", SECRET, BODY, timestamp=T)
    both = old + ",v1=" + new.split("v1=")[1]
    shiplink.verify_signature("timestamped", SECRET, both, BODY, now=T)
    shiplink.verify_signature("timestamped", "old-secret", both, BODY, now=T)


@pytest.mark.parametrize("scheme", ["timestamped", "hex"])
def test_mismatch(scheme: str) -> None:
    header = shiplink.sign_webhook(scheme, SECRET, BODY, timestamp=T)
    for body, secret in ((BODY + b" ", SECRET), (BODY[:-1], SECRET), (BODY, SECRET + "x")):
        with pytest.raises(shiplink.SignatureMismatch) as info:
            shiplink.verify_signature(scheme, secret, header, body, now=T)
        e = info.value
        assert isinstance(e, shiplink.SignatureError) and isinstance(e, shiplink.Error)
        assert e.status == shiplink.Status.SIGNATURE_MISMATCH and e.http_status is None
        assert SECRET not in str(e) and header.split("v1=")[-1] not in str(e)


def test_expired_both_ways_and_tolerance() -> None:
    header = shiplink.sign_webhook("timestamped", SECRET, BODY, timestamp=T)
    shiplink.verify_signature("timestamped", SECRET, header, BODY, now=T + 300)
    for now in (T + 301, T - 301):
        with pytest.raises(shiplink.SignatureExpired) as info:
            shiplink.verify_signature("timestamped", SECRET, header, BODY, now=now)
        assert isinstance(info.value, shiplink.SignatureError)
    shiplink.verify_signature("timestamped", SECRET, header, BODY, now=T + 10, tolerance=10)
    with pytest.raises(shiplink.SignatureExpired):
        shiplink.verify_signature("timestamped", SECRET, header, BODY, now=T + 11, tolerance=10)
    with pytest.raises(shiplink.SignatureExpired):  # the real clock is years after T
        shiplink.verify_signature("timestamped", SECRET, header, BODY)


@pytest.mark.parametrize(
    "scheme, header",
    [("timestamped", "garbage"), ("timestamped", "t=abc,v1=00"), ("timestamped", "v1=" + "0" * 64), ("hex", "zz")],
)
def test_malformed(scheme: str, header: str) -> None:
    with pytest.raises(shiplink.SignatureMalformed) as info:
        shiplink.verify_signature(scheme, SECRET, header, BODY, now=T)
    assert isinstance(info.value, shiplink.SignatureError)


def test_bad_arguments_are_invalid_argument() -> None:
    with pytest.raises(shiplink.InvalidArgument, match="scheme"):
        shiplink.verify_signature("sha1", SECRET, "x", BODY)
    with pytest.raises(shiplink.InvalidArgument, match="scheme"):
        shiplink.sign_webhook("sha1", SECRET, BODY)
    with pytest.raises(shiplink.InvalidArgument, match="tolerance"):
        shiplink.verify_signature("timestamped", SECRET, "x", BODY, tolerance=-1)
    with pytest.raises(shiplink.InvalidArgument, match="body"):
        shiplink.verify_signature("timestamped", SECRET, "x", {"not": "bytes"})  # type: ignore[arg-type]
    with pytest.raises(shiplink.InvalidArgument, match="signature_header: must not contain a NUL"):
        shiplink.verify_signature("hex", SECRET, "ab\0cd", BODY)
    with pytest.raises(shiplink.InvalidArgument, match="now"):
        shiplink.verify_signature("timestamped", SECRET, "x", BODY, now="today")  # type: ignore[arg-type]


def test_the_readme_endpoint_accepts_signed_and_refuses_unsigned_deliveries() -> None:
    import http.client
    import re
    import threading
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- webhook-example[^>]*-->\s*```python\n(.*?)```", readme, re.S).group(1)
    code = code.replace('HTTPServer(("0.0.0.0", 8000), Webhook).serve_forever()', "")
    received = []
    namespace = {"SECRET": SECRET, "handle": received.append}
    exec(compile(code, "README.md", "exec"), namespace)
    server = namespace["HTTPServer"](("127.0.0.1", 0), namespace["Webhook"])
    server.RequestHandlerClass.log_message = lambda *a: None
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        def post(body: bytes, signature: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
            conn.request("POST", "/", body, {"X-Webhook-Signature": signature, "Content-Type": "application/json"})
            status = conn.getresponse().status
            conn.close()
            return status

        body = b'{"event":"order.created","order_id":"FO-000000007"}'
        assert post(body, shiplink.sign_webhook("timestamped", SECRET, body)) == 204
        assert post(body, shiplink.sign_webhook("timestamped", "other", body)) == 401
        assert post(body + b" ", shiplink.sign_webhook("timestamped", SECRET, body)) == 401
        assert post(body, "") == 401
        assert received == [{"event": "order.created", "order_id": "FO-000000007"}]
    finally:
        server.shutdown()
        server.server_close()


def test_parse_webhook_verifies_then_returns_the_event() -> None:
    body = b'{"event_id":"evt_1","event_type":"shipment.created","data":{"id":"shp_1"}}'
    header = shiplink.sign_webhook("timestamped", "whsec_test", body, timestamp=1782043452)
    event = shiplink.parse_webhook("timestamped", "whsec_test", header, body, now=1782043460)
    assert event == {"event_id": "evt_1", "event_type": "shipment.created", "data": {"id": "shp_1"}}
    with pytest.raises(shiplink.SignatureMismatch):
        shiplink.parse_webhook("timestamped", "whsec_other", header, body, now=1782043460)
    with pytest.raises(shiplink.SignatureExpired):
        shiplink.parse_webhook("timestamped", "whsec_test", header, body, now=1782043452 + 301)
    no_id = b'{"event_type":"shipment.created"}'
    signed = shiplink.sign_webhook("timestamped", "whsec_test", no_id, timestamp=1782043452)
    with pytest.raises(shiplink.DecodeError, match="event_id"):
        shiplink.parse_webhook("timestamped", "whsec_test", signed, no_id, now=1782043452)
    shipper = b'{"event":"order.status_changed","data":{"order_id":555}}'
    hex_header = shiplink.sign_webhook("hex", "my-webhook-secret-key", shipper)
    assert shiplink.parse_webhook("hex", "my-webhook-secret-key", hex_header, shipper)["data"] == {"order_id": 555}
