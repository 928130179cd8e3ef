// The exception hierarchy: one type per failing status, so hosts catch what they can handle.
// Errors.cs is the one place that turns a status into one of them.
using System;

namespace ShipLink
{
    /// <summary>A failed shiplink call: the status, and for HTTP failures the server's answer.</summary>
    public class ShipLinkException : Exception
    {
        public ShipLinkException(ShipLinkStatus status, string message, int? httpStatus = null, string body = null,
                                 int attempts = 0)
            : base(message)
        {
            Status = status;
            HttpStatus = httpStatus;
            Body = body;
            Attempts = attempts;
        }

        /// <summary>The C ABI status (never Ok or Done).</summary>
        public ShipLinkStatus Status { get; private set; }

        /// <summary>The HTTP status of the server's last answer, or null when none came.</summary>
        public int? HttpStatus { get; private set; }

        /// <summary>The server's error body: its JSON text when it sent JSON (e.g.
        /// <c>{"message":"…","code":"partial_not_allowed"}</c>), otherwise its text; null when
        /// there was none.</summary>
        public string Body { get; private set; }

        /// <summary>HTTP attempts made (1 + retries); 0 when nothing was sent.</summary>
        public int Attempts { get; private set; }

        /// <summary>The <c>code</c> of the server's JSON error body (<c>"partial_not_allowed"</c>,
        /// <c>"order_not_found"</c>…), or null.</summary>
        public string ServerCode { get; internal set; }
    }

    /// <summary>INVALID_ARGUMENT: the library refused the input (malformed JSON, a field the API
    /// would refuse, an unknown queue or configuration key…); nothing was sent. The message
    /// names the argument or JSON path. (Null arguments and strings that are not valid UTF-16 are
    /// refused earlier, by the binding, with <see cref="ArgumentException"/>.)</summary>
    public class InvalidArgumentException : ShipLinkException
    {
        public InvalidArgumentException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.InvalidArgument, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 400/422: the server refused the request; see <see cref="ShipLinkException.Body"/>.</summary>
    public class BadRequestException : ShipLinkException
    {
        public BadRequestException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.BadRequest, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 401: missing or invalid token.</summary>
    public class UnauthorizedException : ShipLinkException
    {
        public UnauthorizedException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Unauthorized, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 403: the token lacks the ACL scope for this call.</summary>
    public class ForbiddenException : ShipLinkException
    {
        public ForbiddenException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Forbidden, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 404: unknown order, queue or store code.</summary>
    public class NotFoundException : ShipLinkException
    {
        public NotFoundException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.NotFound, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 409: the order's state conflicts with the request.</summary>
    public class ConflictException : ShipLinkException
    {
        public ConflictException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Conflict, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 429 after every retry, or a Retry-After longer than allowed.</summary>
    public class RateLimitedException : ShipLinkException
    {
        public RateLimitedException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.RateLimited, message, httpStatus, body, attempts) { }
    }

    /// <summary>HTTP 5xx after every retry.</summary>
    public class ServerErrorException : ShipLinkException
    {
        public ServerErrorException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.ServerError, message, httpStatus, body, attempts) { }
    }

    /// <summary>The connection failed or broke (after every retry allowed).</summary>
    public class NetworkException : ShipLinkException
    {
        public NetworkException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Network, message, httpStatus, body, attempts) { }
    }

    /// <summary>A connect or request deadline passed (named so it does not hide System.TimeoutException).</summary>
    public class ShipLinkTimeoutException : ShipLinkException
    {
        public ShipLinkTimeoutException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Timeout, message, httpStatus, body, attempts) { }
    }

    /// <summary>The TLS handshake or certificate check failed.</summary>
    public class TlsException : ShipLinkException
    {
        public TlsException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Tls, message, httpStatus, body, attempts) { }
    }

    /// <summary>The response was not the JSON the API documents, or was larger than allowed.</summary>
    public class DecodeException : ShipLinkException
    {
        public DecodeException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Decode, message, httpStatus, body, attempts) { }
    }

    /// <summary>allocate/invoice: the request may or may not have applied. Look at the order
    /// (poll its queue) before sending it again.</summary>
    public class OutcomeUnknownException : ShipLinkException
    {
        public OutcomeUnknownException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.OutcomeUnknown, message, httpStatus, body, attempts) { }
    }

    /// <summary>A webhook delivery failed verification; answer it with 401 and drop it.</summary>
    public abstract class SignatureException : ShipLinkException
    {
        protected SignatureException(ShipLinkStatus status, string message) : base(status, message) { }
    }

    /// <summary>The signature does not match the body (wrong secret, or the body was altered).</summary>
    public class SignatureMismatchException : SignatureException
    {
        public SignatureMismatchException(string message) : base(ShipLinkStatus.SignatureMismatch, message) { }
    }

    /// <summary>The signed timestamp is outside the tolerance window (a replay, or a skewed clock).</summary>
    public class SignatureExpiredException : SignatureException
    {
        public SignatureExpiredException(string message) : base(ShipLinkStatus.SignatureExpired, message) { }
    }

    /// <summary>The signature header cannot be parsed.</summary>
    public class SignatureMalformedException : SignatureException
    {
        public SignatureMalformedException(string message) : base(ShipLinkStatus.SignatureMalformed, message) { }
    }

    /// <summary>A bug inside shiplink, caught at the boundary; the host is unaffected.</summary>
    public class ShipLinkInternalException : ShipLinkException
    {
        public ShipLinkInternalException(string message, int? httpStatus = null, string body = null, int attempts = 0)
            : base(ShipLinkStatus.Internal, message, httpStatus, body, attempts) { }
    }
}
