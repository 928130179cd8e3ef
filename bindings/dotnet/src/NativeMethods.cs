// Every entry point of the C ABI (include/shiplink.h), declared once. Nothing else in the
// assembly calls native code. Strings go in as NUL-terminated UTF-8 byte arrays (Utf8.ToNative)
// and come out as IntPtr, decoded by Utf8.FromNative and released with shiplink_string_free.
using System;
using System.Runtime.InteropServices;

namespace ShipLink
{
    internal static class NativeMethods
    {
        // Resolved as libshiplink.so (Linux), libshiplink.dylib (macOS), shiplink.dll (Windows):
        // next to the assembly, on the loader's path, or through a mono <dllmap>.
        internal const string Library = "shiplink";

        // shiplink_status values the binding tests for; the full list is ShipLinkStatus.
        internal const int Ok = 0;
        internal const int Done = 1;

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void LogCallback(int level, IntPtr message, IntPtr userData);

        // The shape shared by the five actions, so ShipLinkClient can run them through one path.
        internal delegate int ActionFunction(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_string_free(IntPtr s);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_status_name(int status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr shiplink_last_error();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_client_new(byte[] configJson, out ClientHandle outClient);

        // Called only from ClientHandle.ReleaseHandle.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_poll_queue(
            ClientHandle client, byte[] queue, uint page, byte[] since, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_queue_iter_new(
            ClientHandle client, byte[] queue, byte[] since, out QueueIterHandle outIter);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_queue_iter_next(QueueIterHandle iter, out IntPtr outOrderJson);

        // Called only from QueueIterHandle.ReleaseHandle.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_queue_iter_free(IntPtr iter);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_accept(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_reject(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_allocate(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_ship(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_invoice(ClientHandle client, byte[] requestJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_verify_signature(
            byte[] scheme, byte[] secret, byte[] signatureHeader, byte[] body, UIntPtr bodyLen,
            long nowUnix, uint toleranceSeconds);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_sign_webhook(
            byte[] scheme, byte[] secret, byte[] body, UIntPtr bodyLen, long timestamp, out IntPtr outHeader);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_set_log_callback(int maxLevel, LogCallback callback, IntPtr userData);
    }
}
