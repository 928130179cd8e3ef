// Webhook signatures, checked against .NET's own HMACSHA256.
using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ShipLink.Tests
{
    public static class WebhookTests
    {
        private const long T = 1782043452;

        private static string Hmac(string secret, byte[] message)
        {
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
            {
                return string.Concat(hmac.ComputeHash(message).Select(b => b.ToString("x2")));
            }
        }

        [Test]
        public static void SignMatchesAnIndependentHmac()
        {
            byte[] body = Encoding.UTF8.GetBytes("{\"event\":\"shipment.created\",\"note\":\"📦 Zoë\"}");
            string header = Webhooks.Sign(Webhooks.Timestamped, "whsec_ünï", body, T);
            byte[] signed = Encoding.UTF8.GetBytes(T + ".").Concat(body).ToArray();
            Assert.Equal("t=" + T + ",v1=" + Hmac("whsec_ünï", signed), header, "timestamped");
            Assert.Equal(Hmac("my-webhook-secret-key", body), Webhooks.Sign(Webhooks.Hex, "my-webhook-secret-key", body), "hex");
        }

        [Test]
        public static void ParseVerifiesThenReturnsTheEventAsReceived()
        {
            const string evt = "{\"event_id\":\"evt_1\",\"event_type\":\"shipment.created\",\"data\":{\"id\":\"shp_1\"}}";
            byte[] body = Encoding.UTF8.GetBytes(evt);
            string header = Webhooks.Sign(Webhooks.Timestamped, "whsec_test", body, T);
            Assert.Equal(evt, Webhooks.Parse(Webhooks.Timestamped, "whsec_test", header, body, T + 5), "the event, verbatim");
            Assert.Throws<SignatureMismatchException>(
                () => Webhooks.Parse(Webhooks.Timestamped, "whsec_other", header, body, T + 5), "forged");
            Assert.Throws<SignatureExpiredException>(
                () => Webhooks.Parse(Webhooks.Timestamped, "whsec_test", header, body, T + 301), "replayed");
            byte[] noId = Encoding.UTF8.GetBytes("{\"event_type\":\"x\"}");
            string signed = Webhooks.Sign(Webhooks.Timestamped, "whsec_test", noId, T);
            Assert.Throws<DecodeException>(
                () => Webhooks.Parse(Webhooks.Timestamped, "whsec_test", signed, noId, T), "no event_id");
            byte[] shipper = Encoding.UTF8.GetBytes("{\"event\":\"order.status_changed\",\"data\":{\"order_id\":555}}");
            string hex = Webhooks.Sign(Webhooks.Hex, "my-webhook-secret-key", shipper);
            Assert.Equal(Encoding.UTF8.GetString(shipper), Webhooks.Parse(Webhooks.Hex, "my-webhook-secret-key", hex, shipper), "hex");
        }

        [Test]
        public static void RoundTripsAndFailures()
        {
            // NUL and non-UTF-8 bytes: the body is bytes, never a C string.
            byte[] body = { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', 0, 0xFF, (byte)'}' };
            string header = Webhooks.Sign(Webhooks.Timestamped, "whsec_test", body, T);
            Assert.Contains("t=" + T + ",v1=", header, "header shape");
            Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, body, T + 10);
            Webhooks.VerifySignature("timestamped", "whsec_test", header, body, T - 299);
            byte[] beforeNul = body.Take(5).ToArray();
            Assert.Throws<SignatureMismatchException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, beforeNul, T), "the bytes after NUL count");
            var wrong = Assert.Throws<SignatureMismatchException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_other", header, body, T), "wrong secret");
            Assert.NotContains("whsec_other", wrong.Message, "the secret is never echoed");
            Assert.Equal(ShipLinkStatus.SignatureMismatch, wrong.Status, "status");
            Assert.True(wrong is SignatureException, "a SignatureException");
            byte[] altered = (byte[])body.Clone();
            altered[7] = (byte)']';
            Assert.Throws<SignatureMismatchException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, altered, T), "altered body");
            Assert.Throws<SignatureExpiredException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, body, T + 301), "replayed");
            Assert.Throws<SignatureExpiredException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, body, T - 301), "from the future");
            Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", header, body, T + 301, 600);
            string old = Webhooks.Sign(Webhooks.Timestamped, "whsec_test", body, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1000);
            Assert.Throws<SignatureExpiredException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", old, body), "old, against the system clock");
            Assert.Throws<SignatureMalformedException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", "v1=00", body), "no t=");
            Assert.Throws<SignatureMalformedException>(
                () => Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", "", body), "empty header");
            // Secret rotation: any v1 may match.
            string rotated = "t=" + T + ",v1=" + new string('0', 64) + "," + header.Substring(header.IndexOf("v1=", StringComparison.Ordinal));
            Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_test", rotated, body, T);
        }

        [Test]
        public static void TimestampZeroUsesTheClock()
        {
            byte[] body = Encoding.UTF8.GetBytes("{}");
            string header = Webhooks.Sign(Webhooks.Timestamped, "whsec_now", body);
            long t = long.Parse(header.Substring(2, header.IndexOf(',') - 2));
            Assert.True(Math.Abs(t - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 5, "signed now: " + header);
            Webhooks.VerifySignature(Webhooks.Timestamped, "whsec_now", header, body);
        }

        [Test]
        public static void HexSchemeAndEmptyBodies()
        {
            string empty = Webhooks.Sign(Webhooks.Hex, "my-webhook-secret-key", new byte[0]);
            Assert.Equal(64, empty.Length, "64 hex digits");
            Assert.Equal(Hmac("my-webhook-secret-key", new byte[0]), empty, "HMAC of nothing");
            Webhooks.VerifySignature(Webhooks.Hex, "my-webhook-secret-key", empty, new byte[0]);
            Webhooks.VerifySignature(Webhooks.Hex, "my-webhook-secret-key", empty.ToUpperInvariant(), new byte[0]);
            Assert.Throws<SignatureMismatchException>(
                () => Webhooks.VerifySignature(Webhooks.Hex, "my-webhook-secret-key", empty, new byte[] { 0 }), "one NUL byte");
            Assert.Throws<SignatureMalformedException>(
                () => Webhooks.VerifySignature(Webhooks.Hex, "k", "not hex", new byte[0]), "not hex");
        }

        [Test]
        public static void BadArguments()
        {
            byte[] body = new byte[1];
            var scheme = Assert.Throws<InvalidArgumentException>(() => Webhooks.VerifySignature("sha1", "s", "00", body), "scheme");
            Assert.Contains("scheme", scheme.Message, "names it");
            Assert.Throws<InvalidArgumentException>(() => Webhooks.Sign("sha1", "s", body), "sign: scheme");
            Assert.Throws<ArgumentNullException>(() => Webhooks.VerifySignature(null, "s", "00", body), "null scheme");
            Assert.Throws<ArgumentNullException>(() => Webhooks.VerifySignature("hex", null, "00", body), "null secret");
            Assert.Throws<ArgumentNullException>(() => Webhooks.VerifySignature("hex", "s", null, body), "null header");
            Assert.Throws<ArgumentNullException>(() => Webhooks.VerifySignature("hex", "s", "00", null), "null body");
            Assert.Throws<ArgumentNullException>(() => Webhooks.Sign("hex", "s", null), "sign: null body");
            var secret = Assert.Throws<ArgumentException>(() => Webhooks.Sign("hex", "whsec\uD800secret", body), "lone surrogate");
            Assert.Equal("secret", secret.ParamName, "param");
            Assert.Throws<ArgumentException>(() => Webhooks.VerifySignature("hex", "s", "00\uDC00", body), "header surrogate");
        }
    }
}
