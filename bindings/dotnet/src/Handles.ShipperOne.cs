using System;

namespace ShipLink
{
    /// <summary>Owns a <c>shiplink_client*</c>; released with <c>shiplink_client_free</c>.</summary>
    internal sealed class ClientHandle : NativeHandle<ClientHandle>
    {
        private ClientHandle() { }

        protected override void Free(IntPtr pointer)
        {
            NativeMethods.shiplink_client_free(pointer);
        }
    }

    /// <summary>Owns a <c>shiplink_queue_iter*</c>; released with <c>shiplink_queue_iter_free</c>.
    /// The native iterator holds its own reference to the client.</summary>
    internal sealed class QueueIterHandle : NativeHandle<QueueIterHandle>
    {
        private QueueIterHandle() { }

        protected override void Free(IntPtr pointer)
        {
            NativeMethods.shiplink_queue_iter_free(pointer);
        }
    }
}
