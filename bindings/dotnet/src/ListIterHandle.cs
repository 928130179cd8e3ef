using System;

namespace ShipLink
{
    /// <summary>Owns a <c>shiplink_list_iter*</c>, the walk every list-walking API hands out;
    /// released with <c>shiplink_list_iter_free</c>. The native iterator holds its own reference
    /// to the client that made it.</summary>
    internal sealed class ListIterHandle : NativeHandle<ListIterHandle>
    {
        private ListIterHandle() { }

        protected override void Free(IntPtr pointer)
        {
            NativeMethods.shiplink_list_iter_free(pointer);
        }
    }
}
