// One SafeHandle per native handle type. The runtime guarantees ReleaseHandle runs exactly once
// (Dispose, or the finalizer as a fallback) and never while a P/Invoke is still using the handle:
// a Dispose racing a call on another thread defers the free until that call returns.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace ShipLink
{
    /// <summary>Owns a <c>shiplink_client*</c>; released with <c>shiplink_client_free</c>.</summary>
    internal sealed class ClientHandle : SafeHandle
    {
        // Live native clients owned by this process, for the leak tests.
        private static long live;

        internal static long Live { get { return Interlocked.Read(ref live); } }

        // Created by the marshaller for the out parameter of shiplink_client_new.
        private ClientHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        /// <summary>Counts a handle the native side has just handed over.</summary>
        internal void Track()
        {
            if (!IsInvalid) Interlocked.Increment(ref live);
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.shiplink_client_free(handle);
            Interlocked.Decrement(ref live);
            return true;
        }
    }

    /// <summary>Owns a <c>shiplink_queue_iter*</c>; released with <c>shiplink_queue_iter_free</c>.
    /// The native iterator holds its own reference to the client.</summary>
    internal sealed class QueueIterHandle : SafeHandle
    {
        private static long live;

        internal static long Live { get { return Interlocked.Read(ref live); } }

        private QueueIterHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        internal void Track()
        {
            if (!IsInvalid) Interlocked.Increment(ref live);
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.shiplink_queue_iter_free(handle);
            Interlocked.Decrement(ref live);
            return true;
        }
    }
}
