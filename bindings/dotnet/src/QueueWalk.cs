using System.Collections;
using System.Collections.Generic;

namespace ShipLink
{
    /// <summary>What <see cref="ShipLinkClient.IterQueue"/> returns: each enumeration starts a
    /// fresh native walk of the queue, owned by its enumerator and freed at the walk's end or on
    /// Dispose.</summary>
    internal sealed class QueueWalk : IEnumerable<string>
    {
        private readonly NativeClient<ClientHandle> client;
        private readonly ShipLinkClient owner;
        private readonly byte[] queue;
        private readonly byte[] since;

        internal QueueWalk(NativeClient<ClientHandle> client, ShipLinkClient owner, byte[] queue, byte[] since)
        {
            this.client = client;
            this.owner = owner;
            this.queue = queue;
            this.since = since;
        }

        /// <exception cref="System.ObjectDisposedException">the client is disposed.</exception>
        /// <exception cref="InvalidArgumentException">an unknown queue or a malformed since.</exception>
        public IEnumerator<string> GetEnumerator()
        {
            QueueIterHandle iter = client.With(handle =>
            {
                QueueIterHandle created;
                int status = NativeMethods.shiplink_queue_iter_new(handle, queue, since, out created);
                return created.Adopt(status);
            });
            // The owner is kept reachable so the client object outlives the walk (the native
            // iterator also holds its own reference to the native client).
            var walk = new NativeWalk<QueueIterHandle>(
                iter, NativeMethods.shiplink_queue_iter_next, owner, true, typeof(ShipLinkClient).FullName);
            return new WalkEnumerator<QueueIterHandle>(walk, true, "a queue walk cannot be restarted; call IterQueue again");
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }
    }
}
