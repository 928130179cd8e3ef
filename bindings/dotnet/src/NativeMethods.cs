// The C ABI (include/shiplink.h), declared once, as one partial class: this file holds what every
// API shares; each API's own entry points are in NativeMethods.<Api>.cs. Nothing else in the
// assembly calls native code. Strings go in as NUL-terminated UTF-8 byte arrays (Utf8.ToNative)
// and come out as IntPtr, decoded by Utf8.FromNative and released with shiplink_string_free.
using System;
using System.Runtime.InteropServices;

namespace ShipLink
{
    internal static partial class NativeMethods
    {
        // Resolved as libshiplink.so (Linux), libshiplink.dylib (macOS), shiplink.dll (Windows):
        // next to the assembly, on the loader's path, or through a mono <dllmap>.
        internal const string Library = "shiplink";

        // shiplink_status values the binding tests for; the full list is ShipLinkStatus.
        internal const int Ok = 0;
        internal const int Done = 1;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void LogCallback(int level, IntPtr message, IntPtr userData);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_string_free(IntPtr s);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_status_name(int status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_last_error();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_set_log_callback(int maxLevel, LogCallback callback, IntPtr userData);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_verify_signature(
            byte[] scheme, byte[] secret, byte[] signatureHeader, byte[] body, UIntPtr bodyLen,
            long nowUnix, uint toleranceSeconds);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_sign_webhook(
            byte[] scheme, byte[] secret, byte[] body, UIntPtr bodyLen, long timestamp, out IntPtr outHeader);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_parse_webhook(
            byte[] scheme, byte[] secret, byte[] header, byte[] body, UIntPtr bodyLen,
            long nowUnix, uint toleranceSeconds, out IntPtr outEventJson);

        // The list walk every list-walking API hands out (shiplink_*_iter_new).

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_list_iter_next(ListIterHandle iter, out IntPtr outItemJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_list_iter_next_batch(ListIterHandle iter, out IntPtr outItemsJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_list_iter_checkpoint(ListIterHandle iter, out IntPtr outCheckpoint);

        // Called only from ListIterHandle.ReleaseHandle.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_list_iter_free(IntPtr iter);
    }
}
