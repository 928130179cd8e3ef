// The ShipperOne entry points of the C ABI: the client, its queue walks and the five actions.
using System;
using System.Runtime.InteropServices;

namespace ShipLink
{
    internal static partial class NativeMethods
    {
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
    }
}
