// The one way the binding steps a native iterator, whichever API made it: queue walks
// (shiplink_queue_iter) and list walks (shiplink_list_iter) alike.
using System;

namespace ShipLink
{
    /// <summary>A native iterator's step: the next item as an owned JSON string, SHIPLINK_DONE at
    /// the end, or a failure after which the walk is where it was.</summary>
    internal delegate int WalkStep<THandle>(THandle iter, out IntPtr item);

    /// <summary>One native iterator, stepped one item at a time. Items are taken one by one, not a
    /// page at a time, so that the native walk's position (and so its checkpoint) is always just
    /// past the last item the host received. Every use is serialized, since a native iterator is
    /// used by one thread at a time.</summary>
    internal sealed class NativeWalk<THandle> where THandle : NativeHandle<THandle>
    {
        private readonly object gate = new object();
        private readonly WalkStep<THandle> step;
        // Kept reachable for as long as the walk is: the object that made it (its client).
        private readonly object owner;
        // Queue walks free the native iterator as soon as it is done; list walks keep it for
        // their checkpoint.
        private readonly bool freeAtEnd;
        // Named by ObjectDisposedException.
        private readonly string name;
        private THandle iter; // null once freed
        private bool finished;

        internal NativeWalk(THandle iter, WalkStep<THandle> step, object owner, bool freeAtEnd, string name)
        {
            this.iter = iter;
            this.step = step;
            this.owner = owner;
            this.freeAtEnd = freeAtEnd;
            this.name = name;
        }

        /// <summary>The next item; false at the end of the walk.</summary>
        /// <exception cref="ShipLinkException">the step failed; calling again retries it.</exception>
        /// <exception cref="ObjectDisposedException">the walk was freed before its end.</exception>
        internal bool TryNext(out string item)
        {
            lock (gate)
            {
                item = null;
                if (finished) return false;
                ThrowIfFreed();
                IntPtr json;
                int status = step(iter, out json);
                if (status == NativeMethods.Done)
                {
                    finished = true;
                    if (freeAtEnd) FreeLocked();
                    return false;
                }
                item = Errors.TakeResult(status, json);
                return true;
            }
        }

        /// <summary>Another call on the iterator (its checkpoint), serialized with the steps.</summary>
        internal string Json(JsonFunction<THandle> function)
        {
            lock (gate)
            {
                ThrowIfFreed();
                IntPtr json;
                int status = function(iter, out json);
                return Errors.TakeResult(status, json);
            }
        }

        internal void ThrowIfFreed()
        {
            if (iter == null) throw new ObjectDisposedException(name);
        }

        /// <summary>Frees the native iterator now. Safe to call more than once.</summary>
        internal void Free()
        {
            lock (gate) FreeLocked();
        }

        private void FreeLocked()
        {
            if (iter == null) return;
            iter.Dispose();
            iter = null;
            GC.KeepAlive(owner); // reachable for as long as the walk was
        }
    }
}
