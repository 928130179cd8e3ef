using System;

namespace ShipLink
{
    /// <summary>Owns a <c>shiplink_shipper_client*</c>; released with <c>shiplink_shipper_client_free</c>.</summary>
    internal sealed class ShipperClientHandle : NativeHandle<ShipperClientHandle>
    {
        private ShipperClientHandle() { }

        protected override void Free(IntPtr pointer)
        {
            NativeMethods.shiplink_shipper_client_free(pointer);
        }
    }
}
