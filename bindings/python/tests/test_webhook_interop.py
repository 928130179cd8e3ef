"""The timestamped scheme against an independent, widely used implementation of it: Stripe's
Python library signs and verifies the same ``t=<unix>,v1=<hex>`` header over ``"{t}.{body}"``
(spec 003 names it as the scheme mature providers use). scripts/test-python installs it."""
from __future__ import annotations

import time

import pytest
from stripe import WebhookSignature

import shiplink

PAYLOAD = '{"event_id":"evt_01J8XQ","event_type":"shipment.created","data":{"id":"ord_8Kd92m","tracking":"JD01"}}'
SECRET = "whsec_interop_3pl_7f2a"
T = 1782043452


def test_a_header_signed_by_stripe_verifies() -> None:
    header = WebhookSignature.generate_signature_header(PAYLOAD, SECRET, timestamp=T)
    shiplink.verify_signature("timestamped", SECRET, header, PAYLOAD.encode(), now=T + 5)


def test_one_changed_byte_anywhere_fails_with_the_right_status() -> None:
    header = WebhookSignature.generate_signature_header(PAYLOAD, SECRET, timestamp=T)
    body = PAYLOAD.encode()
    with pytest.raises(shiplink.SignatureMismatch):
        shiplink.verify_signature("timestamped", SECRET, header, body.replace(b"JD01", b"JD02"), now=T)
    with pytest.raises(shiplink.SignatureMismatch):
        shiplink.verify_signature("timestamped", SECRET, header.replace(f"t={T}", f"t={T + 1}"), body, now=T)
    flipped = header[:-1] + ("0" if header[-1] != "0" else "1")
    with pytest.raises(shiplink.SignatureMismatch):
        shiplink.verify_signature("timestamped", SECRET, flipped, body, now=T)
    with pytest.raises(shiplink.SignatureExpired):
        shiplink.verify_signature("timestamped", SECRET, header, body, now=T + 301)


def test_stripe_accepts_what_shiplink_signs() -> None:
    assert shiplink.sign_webhook("timestamped", SECRET, PAYLOAD.encode(), timestamp=T) == (
        WebhookSignature.generate_signature_header(PAYLOAD, SECRET, timestamp=T)
    )
    # Stripe checks its own window against the clock, so this header is signed now.
    header = shiplink.sign_webhook("timestamped", SECRET, PAYLOAD.encode(), timestamp=int(time.time()))
    assert WebhookSignature.verify_header(PAYLOAD, header, SECRET, tolerance=300)
