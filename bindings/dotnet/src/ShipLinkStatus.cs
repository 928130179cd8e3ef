namespace ShipLink
{
    /// <summary>The C ABI's <c>shiplink_status</c>. Numbers are fixed and never reused.</summary>
    public enum ShipLinkStatus
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>The iterator is exhausted (never raised as an exception).</summary>
        Done = 1,
        /// <summary>Bad input; nothing was sent.</summary>
        InvalidArgument = 2,
        /// <summary>HTTP 400/422: the server refused the request (see the body).</summary>
        BadRequest = 3,
        /// <summary>HTTP 401: missing or invalid token.</summary>
        Unauthorized = 4,
        /// <summary>HTTP 403: the token lacks the ACL scope.</summary>
        Forbidden = 5,
        /// <summary>HTTP 404: unknown order, queue or store.</summary>
        NotFound = 6,
        /// <summary>HTTP 409.</summary>
        Conflict = 7,
        /// <summary>HTTP 429 after every retry.</summary>
        RateLimited = 8,
        /// <summary>HTTP 5xx after every retry.</summary>
        ServerError = 9,
        /// <summary>The connection failed or broke.</summary>
        Network = 10,
        /// <summary>A deadline passed.</summary>
        Timeout = 11,
        /// <summary>TLS handshake or certificate failure.</summary>
        Tls = 12,
        /// <summary>The response is not what the API documents, or too large.</summary>
        Decode = 13,
        /// <summary>allocate/invoice may or may not have applied; check the order before resending.</summary>
        OutcomeUnknown = 14,
        /// <summary>The webhook signature does not match.</summary>
        SignatureMismatch = 15,
        /// <summary>The webhook timestamp is outside the window.</summary>
        SignatureExpired = 16,
        /// <summary>The webhook signature header cannot be parsed.</summary>
        SignatureMalformed = 17,
        /// <summary>A bug in shiplink (caught); the host keeps running.</summary>
        Internal = 18,
    }
}
