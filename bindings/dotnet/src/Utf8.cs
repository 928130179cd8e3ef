// Strict UTF-8 in, lenient UTF-8 out.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace ShipLink
{
    internal static class Utf8
    {
        // Throws on a lone surrogate instead of sending U+FFFD.
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);
        // Replaces invalid bytes with U+FFFD (the library only returns valid UTF-8 anyway).
        private static readonly UTF8Encoding Lenient = new UTF8Encoding(false, false);

        /// <summary>A required string as NUL-terminated UTF-8.</summary>
        /// <exception cref="ArgumentNullException">s is null.</exception>
        /// <exception cref="ArgumentException">s holds a NUL or an unpaired surrogate.</exception>
        internal static byte[] ToNative(string s, string paramName)
        {
            if (s == null) throw new ArgumentNullException(paramName);
            return Encode(s, paramName);
        }

        /// <summary>An optional string: null stays null (a NULL pointer).</summary>
        internal static byte[] ToNativeOrNull(string s, string paramName)
        {
            return s == null ? null : Encode(s, paramName);
        }

        private static byte[] Encode(string s, string paramName)
        {
            int nul = s.IndexOf('\0');
            if (nul >= 0)
            {
                throw new ArgumentException(
                    "contains a NUL character at index " + nul + "; it cannot cross the C boundary", paramName);
            }
            int count;
            try
            {
                count = Strict.GetByteCount(s);
            }
            catch (EncoderFallbackException e)
            {
                // The value itself is never quoted: it may be a token or a secret.
                throw new ArgumentException(
                    "contains an unpaired surrogate at index " + e.Index + "; it is not valid UTF-16 and cannot be encoded as UTF-8",
                    paramName);
            }
            var bytes = new byte[count + 1];
            Strict.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        /// <summary>Decodes a NUL-terminated UTF-8 string without taking ownership. IntPtr.Zero gives null.</summary>
        internal static string FromNative(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int length = 0;
            while (Marshal.ReadByte(p, length) != 0) length++;
            if (length == 0) return string.Empty;
            var bytes = new byte[length];
            Marshal.Copy(p, bytes, 0, length);
            return Lenient.GetString(bytes);
        }

        /// <summary>Decodes a string the caller owns, then frees it with shiplink_string_free.</summary>
        internal static string TakeNative(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            try
            {
                return FromNative(p);
            }
            finally
            {
                NativeMethods.shiplink_string_free(p);
            }
        }
    }
}
