using System;

namespace ShipLink
{
    /// <summary>Owns a <c>shiplink_threepl_client*</c>; released with <c>shiplink_threepl_client_free</c>.</summary>
    internal sealed class ThreePLClientHandle : NativeHandle<ThreePLClientHandle>
    {
        private ThreePLClientHandle() { }

        protected override void Free(IntPtr pointer)
        {
            NativeMethods.shiplink_threepl_client_free(pointer);
        }
    }
}
