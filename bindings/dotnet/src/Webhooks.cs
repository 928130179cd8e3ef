using System;

namespace ShipLink
{
    /// <summary>Webhook signatures (HMAC-SHA256, constant-time comparison). Thread-safe.</summary>
    public static class Webhooks
    {
        /// <summary>Header <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, HMAC over <c>"{t}.{body}"</c>; several v1
        /// values are accepted (secret rotation).</summary>
        public const string Timestamped = "timestamped";

        /// <summary>The header is the hex HMAC of the body (as in X-Shipper-Signature).</summary>
        public const string Hex = "hex";

        /// <summary>Verifies a delivery; returns normally when it is authentic.</summary>
        /// <param name="scheme"><see cref="Timestamped"/> or <see cref="Hex"/>.</param>
        /// <param name="secret">The shared secret (never appears in an error).</param>
        /// <param name="header">The signature header as received.</param>
        /// <param name="body">The raw request body exactly as received (NUL bytes allowed); never
        /// a re-encoded string.</param>
        /// <param name="nowUnix">The current time in Unix seconds; 0 uses the system clock.</param>
        /// <param name="toleranceSeconds">Allowed clock distance, both ways; 0 means 300 s.</param>
        /// <exception cref="SignatureMismatchException">wrong secret or altered body.</exception>
        /// <exception cref="SignatureExpiredException">the timestamp is outside the window.</exception>
        /// <exception cref="SignatureMalformedException">the header cannot be parsed.</exception>
        /// <exception cref="InvalidArgumentException">an unknown scheme.</exception>
        /// <exception cref="ArgumentNullException">a null argument (check the header is present first).</exception>
        public static void VerifySignature(string scheme, string secret, string header, byte[] body,
                                           long nowUnix = 0, uint toleranceSeconds = 0)
        {
            byte[] schemeBytes = Utf8.ToNative(scheme, "scheme");
            byte[] secretBytes = Utf8.ToNative(secret, "secret");
            byte[] headerBytes = Utf8.ToNative(header, "header");
            if (body == null) throw new ArgumentNullException("body");
            Errors.Check(NativeMethods.shiplink_verify_signature(
                schemeBytes, secretBytes, headerBytes, body, new UIntPtr((uint)body.Length), nowUnix, toleranceSeconds));
        }

        /// <summary>Verifies a delivery as <see cref="VerifySignature"/> does, then returns its event: the
        /// body's JSON text exactly as received. A <see cref="Timestamped"/> (3PL blueprint) delivery must
        /// carry a string <c>event_id</c>: deliveries are at least once, so keep the ids handled and skip a
        /// repeat. Events are hints that something changed; polling stays the backstop.</summary>
        /// <exception cref="SignatureException">not authentic (mismatch, expired, malformed); nothing of the
        /// body is read.</exception>
        /// <exception cref="DecodeException">authentic, but not a JSON object (or, timestamped, no
        /// event_id).</exception>
        public static string Parse(string scheme, string secret, string header, byte[] body,
                                   long nowUnix = 0, uint toleranceSeconds = 0)
        {
            byte[] schemeBytes = Utf8.ToNative(scheme, "scheme");
            byte[] secretBytes = Utf8.ToNative(secret, "secret");
            byte[] headerBytes = Utf8.ToNative(header, "header");
            if (body == null) throw new ArgumentNullException("body");
            IntPtr eventJson;
            int status = NativeMethods.shiplink_parse_webhook(
                schemeBytes, secretBytes, headerBytes, body, new UIntPtr((uint)body.Length), nowUnix, toleranceSeconds,
                out eventJson);
            return Errors.TakeResult(status, eventJson);
        }

        /// <summary>The signature header a sender attaches to <paramref name="body"/>.</summary>
        /// <param name="scheme"><see cref="Timestamped"/> or <see cref="Hex"/>.</param>
        /// <param name="secret">The shared secret.</param>
        /// <param name="body">The exact bytes that will be sent.</param>
        /// <param name="timestamp">Unix seconds to sign with; 0 uses the system clock (ignored by "hex").</param>
        public static string Sign(string scheme, string secret, byte[] body, long timestamp = 0)
        {
            byte[] schemeBytes = Utf8.ToNative(scheme, "scheme");
            byte[] secretBytes = Utf8.ToNative(secret, "secret");
            if (body == null) throw new ArgumentNullException("body");
            IntPtr header;
            int status = NativeMethods.shiplink_sign_webhook(
                schemeBytes, secretBytes, body, new UIntPtr((uint)body.Length), timestamp, out header);
            return Errors.TakeResult(status, header);
        }
    }
}
