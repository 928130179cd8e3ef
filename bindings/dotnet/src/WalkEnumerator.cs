using System;
using System.Collections;
using System.Collections.Generic;

namespace ShipLink
{
    /// <summary>Enumerates a <see cref="NativeWalk{THandle}"/>. Used by one thread at a time, as
    /// any enumerator. A failed step throws; MoveNext again retries it. After the end of the walk
    /// or Dispose, MoveNext returns false.</summary>
    internal sealed class WalkEnumerator<THandle> : IEnumerator<string> where THandle : NativeHandle<THandle>
    {
        private readonly NativeWalk<THandle> walk;
        // Whether disposing this enumerator frees the native iterator: yes when each enumeration is a
        // walk of its own, no when the walk outlives it (for its checkpoint).
        private readonly bool ownsWalk;
        // What Reset's exception tells the caller to do instead.
        private readonly string restart;
        private bool over;
        private string current;

        internal WalkEnumerator(NativeWalk<THandle> walk, bool ownsWalk, string restart)
        {
            this.walk = walk;
            this.ownsWalk = ownsWalk;
            this.restart = restart;
        }

        public string Current
        {
            get { return current; }
        }

        object IEnumerator.Current
        {
            get { return current; }
        }

        public bool MoveNext()
        {
            if (over) return false;
            string item;
            if (walk.TryNext(out item))
            {
                current = item;
                return true;
            }
            current = null;
            over = true;
            return false;
        }

        public void Reset()
        {
            throw new NotSupportedException(restart);
        }

        public void Dispose()
        {
            over = true;
            current = null;
            if (ownsWalk) walk.Free();
        }
    }
}
