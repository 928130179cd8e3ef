// The ownership rules every native handle shares. The runtime guarantees ReleaseHandle runs
// exactly once (Dispose, or the finalizer as a fallback) and never while a P/Invoke is still
// using the handle: a Dispose racing a call on another thread defers the free until that call
// returns.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace ShipLink
{
    /// <summary>Owns one pointer the library handed over, NULL meaning none. A handle type only
    /// names its free function; the count of live handles is kept per handle type (the
    /// <typeparamref name="TSelf"/> parameter) so the leak tests can watch clients and iterators
    /// apart.</summary>
    internal abstract class NativeHandle<TSelf> : SafeHandle where TSelf : NativeHandle<TSelf>
    {
        // Handles of this type the native side has handed over and that are not yet freed.
        private static long live;

        /// <summary>Handles of this type currently owned by the process.</summary>
        internal static long Live { get { return Interlocked.Read(ref live); } }

        // Subclasses keep a private parameterless constructor: the marshaller creates the
        // instance for the out parameter of the function that makes the pointer.
        protected NativeHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        /// <summary>The handle a constructor function just filled in, when
        /// <paramref name="status"/> says it succeeded; otherwise the exception for its failure.
        /// Call it straight after that function, on the same thread: the failure's detail lives
        /// only until the next shiplink call.</summary>
        internal TSelf Adopt(int status)
        {
            if (status != NativeMethods.Ok)
            {
                ShipLinkException error = Errors.FromLastError(status);
                Dispose(); // invalid (NULL) by contract: nothing to free
                throw error;
            }
            if (!IsInvalid) Interlocked.Increment(ref live);
            return (TSelf)this;
        }

        /// <summary>The library's <c>_free</c> function for this type.</summary>
        protected abstract void Free(IntPtr pointer);

        protected sealed override bool ReleaseHandle()
        {
            Free(handle);
            Interlocked.Decrement(ref live);
            return true;
        }
    }
}
