using System;
using System.Collections;
using System.Collections.Generic;

namespace ShipLink
{
    /// <summary>One walk over every item of a list, as JSON text, one object per item, each
    /// delivered once even while the list changes. It is a single walk: enumerating it again
    /// continues where the last enumeration stopped, and ends at once when the walk is over.
    /// <see cref="Checkpoint"/> says where it stands, so a later walk can resume from there; the
    /// walk therefore stays open after its end, until <see cref="Dispose"/> (or the finalizer)
    /// frees it. Any thread may use it; its calls take turns, as the native iterator requires.</summary>
    public sealed class ListWalk : IEnumerable<string>, IDisposable
    {
        private readonly NativeWalk<ListIterHandle> walk;

        /// <param name="iter">A live iterator, as <see cref="NativeHandle{TSelf}.Adopt"/> returns it.</param>
        /// <param name="owner">The client object that made it, kept reachable for as long as the walk.</param>
        internal ListWalk(ListIterHandle iter, object owner)
        {
            walk = new NativeWalk<ListIterHandle>(
                iter, NativeMethods.shiplink_list_iter_next, owner, false, typeof(ListWalk).FullName);
        }

        /// <summary>Continues the walk. A failed step throws; MoveNext again retries it. Disposing
        /// the enumerator (foreach does) leaves the walk open for <see cref="Checkpoint"/>.</summary>
        /// <exception cref="ObjectDisposedException">the walk is disposed.</exception>
        public IEnumerator<string> GetEnumerator()
        {
            walk.ThrowIfFreed();
            return new WalkEnumerator<ListIterHandle>(
                walk, false, "a list walk cannot be restarted; start a new one, from a checkpoint to resume");
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }

        /// <summary>An opaque string from which a later walk of the same list resumes, just past
        /// the last item received (pass it as the query's <c>"checkpoint"</c>). Store it with the
        /// host's own writes of the items received so far.</summary>
        /// <exception cref="InvalidArgumentException">this kind of list has no checkpoint (a
        /// page-numbered one).</exception>
        /// <exception cref="ObjectDisposedException">the walk is disposed.</exception>
        public string Checkpoint()
        {
            return walk.Json(NativeMethods.shiplink_list_iter_checkpoint);
        }

        /// <summary>Frees the native iterator. Safe to call more than once; an enumeration under way
        /// then throws <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            walk.Free();
        }
    }
}
