// The Shipper Open API entry points of the C ABI: the client, its lists and walks, orders,
// dashboard reports and webhooks.
using System;
using System.Runtime.InteropServices;

namespace ShipLink
{
    internal static partial class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_client_new(byte[] configJson, out ShipperClientHandle outClient);

        // Called only from ShipperClientHandle.ReleaseHandle.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void shiplink_shipper_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_list(
            ShipperClientHandle client, byte[] resource, byte[] queryJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_iter_new(
            ShipperClientHandle client, byte[] resource, byte[] queryJson, out ListIterHandle outIter);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_get_product(ShipperClientHandle client, byte[] uuid, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_get_order(ShipperClientHandle client, byte[] orderId, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_create_order(ShipperClientHandle client, byte[] orderJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_cancel_order(ShipperClientHandle client, byte[] orderId, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_dashboard(
            ShipperClientHandle client, byte[] report, byte[] queryJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_create_webhook(
            ShipperClientHandle client, byte[] subscriptionJson, out IntPtr outJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern int shiplink_shipper_delete_webhook(ShipperClientHandle client, byte[] webhookId, out IntPtr outJson);
    }
}
