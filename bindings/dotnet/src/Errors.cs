// The one place a failing status becomes an exception, with the detail the library recorded for
// it (shiplink_last_error). Every API's calls go through here, so a status added to the C ABI
// needs one line here and an exception type in Exceptions.cs.
using System;

namespace ShipLink
{
    /// <summary>The one place a status becomes an exception.</summary>
    internal static class Errors
    {
        /// <summary>Returns normally on Ok; otherwise throws the exception for this thread's last
        /// error. Call it straight after the native call, on the same thread, before any other
        /// shiplink call (the detail lives only until then).</summary>
        internal static void Check(int status)
        {
            if (status != NativeMethods.Ok) throw FromLastError(status);
        }

        /// <summary>The owned string a call returned, or the exception for its failure. The
        /// string is always freed, whatever happens.</summary>
        internal static string TakeResult(int status, IntPtr result)
        {
            if (status == NativeMethods.Ok) return Utf8.TakeNative(result);
            ShipLinkException error = FromLastError(status);
            Utf8.TakeNative(result); // NULL on failure by contract; freed should that ever change
            throw error;
        }

        internal static ShipLinkException FromLastError(int status)
        {
            // Read first: the detail is overwritten by the next shiplink call on this thread.
            string detailJson = Utf8.FromNative(NativeMethods.shiplink_last_error());
            ErrorDetail detail = ErrorDetail.Parse(detailJson);
            if (detail.Message == null)
            {
                // No detail (e.g. cleared by a handle freed on this thread in the meantime).
                detail.Message = Utf8.FromNative(NativeMethods.shiplink_status_name(status)) ?? ("status " + status);
            }
            ShipLinkException error = Create((ShipLinkStatus)status, detail.Message, detail.HttpStatus, detail.Body,
                                             detail.Attempts);
            error.ServerCode = detail.ServerCode;
            return error;
        }

        internal static ShipLinkException Create(ShipLinkStatus status, string message, int? httpStatus, string body,
                                                 int attempts)
        {
            switch (status)
            {
                case ShipLinkStatus.InvalidArgument: return new InvalidArgumentException(message, httpStatus, body, attempts);
                case ShipLinkStatus.BadRequest: return new BadRequestException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Unauthorized: return new UnauthorizedException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Forbidden: return new ForbiddenException(message, httpStatus, body, attempts);
                case ShipLinkStatus.NotFound: return new NotFoundException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Conflict: return new ConflictException(message, httpStatus, body, attempts);
                case ShipLinkStatus.RateLimited: return new RateLimitedException(message, httpStatus, body, attempts);
                case ShipLinkStatus.ServerError: return new ServerErrorException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Network: return new NetworkException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Timeout: return new ShipLinkTimeoutException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Tls: return new TlsException(message, httpStatus, body, attempts);
                case ShipLinkStatus.Decode: return new DecodeException(message, httpStatus, body, attempts);
                case ShipLinkStatus.OutcomeUnknown: return new OutcomeUnknownException(message, httpStatus, body, attempts);
                case ShipLinkStatus.SignatureMismatch: return new SignatureMismatchException(message);
                case ShipLinkStatus.SignatureExpired: return new SignatureExpiredException(message);
                case ShipLinkStatus.SignatureMalformed: return new SignatureMalformedException(message);
                case ShipLinkStatus.Internal: return new ShipLinkInternalException(message, httpStatus, body, attempts);
                default: return new ShipLinkException(status, message, httpStatus, body, attempts);
            }
        }
    }
}
