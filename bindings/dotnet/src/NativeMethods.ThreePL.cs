// The 3PL blueprint entry points of the C ABI (shiplink_threepl_*).
using System;
using System.Runtime.InteropServices;

namespace ShipLink
{
    internal static partial class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_client_new(byte[] configJson, out ThreePLClientHandle outClient);

        // Called only from ThreePLClientHandle.ReleaseHandle.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_threepl_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_create_order(
            ThreePLClientHandle client, byte[] orderJson, byte[] idempotencyKey, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_get_order(ThreePLClientHandle client, byte[] orderId, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_amend_order(
            ThreePLClientHandle client, byte[] orderId, byte[] changesJson, byte[] ifMatch, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_cancel_order(ThreePLClientHandle client, byte[] orderId, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_create_inbound_shipment(
            ThreePLClientHandle client, byte[] asnJson, byte[] idempotencyKey, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_create_return(
            ThreePLClientHandle client, byte[] rmaJson, byte[] idempotencyKey, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_create_webhook(
            ThreePLClientHandle client, byte[] subscriptionJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_delete_webhook(ThreePLClientHandle client, byte[] webhookId, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_list(
            ThreePLClientHandle client, byte[] resource, byte[] queryJson, out IntPtr outPageJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_threepl_iter_new(
            ThreePLClientHandle client, byte[] resource, byte[] queryJson, out ListIterHandle outIter);
    }
}
