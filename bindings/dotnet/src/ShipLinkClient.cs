using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace ShipLink
{
    /// <summary>A configured connection to one ShipperOne tenant. Thread-safe: share one instance
    /// across all threads. Dispose it when done (disposing twice is harmless; any call after
    /// Dispose throws <see cref="ObjectDisposedException"/>).</summary>
    public sealed class ShipLinkClient : IDisposable
    {
        /// <summary>The queue names accepted by <see cref="PollQueue"/> and <see cref="IterQueue"/>.</summary>
        public const string PendingAccept = "pending_accept";
        public const string PendingAllocation = "pending_allocation";
        public const string PendingShipment = "pending_shipment";
        public const string PendingInvoice = "pending_invoice";
        public const string Failed = "failed";

        private readonly ClientHandle handle;
        // Set by Dispose. The handle alone cannot say "disposed" while calls are in flight: it only
        // closes when the last one returns, and would keep admitting new calls until then.
        private int disposed;

        /// <summary>Creates a client. No network traffic happens here.</summary>
        /// <exception cref="InvalidArgumentException">a required key is missing or a value is refused.</exception>
        public ShipLinkClient(ShipLinkConfig config)
            : this(ConfigJson(config), "config")
        {
        }

        /// <summary>Creates a client from the configuration as JSON (the keys of the README's
        /// "Configuration" table), e.g. <c>{"base_url":"https://…","token":"…"}</c>.</summary>
        public ShipLinkClient(string configJson)
            : this(configJson, "configJson")
        {
        }

        private ShipLinkClient(string configJson, string paramName)
        {
            byte[] config = Utf8.ToNative(configJson, paramName);
            ClientHandle created;
            int status = NativeMethods.shiplink_client_new(config, out created);
            if (status != NativeMethods.Ok)
            {
                ShipLinkException error = Errors.FromLastError(status);
                created.Dispose(); // invalid (NULL): nothing to free
                throw error;
            }
            created.Track();
            handle = created;
        }

        /// <summary>The native library's version, e.g. "0.1.0".</summary>
        public static string Version
        {
            get { return Utf8.FromNative(NativeMethods.shiplink_version()); }
        }

        /// <summary>One page (1-based, 100 orders) of <paramref name="queue"/> as a JSON array; <c>[]</c>
        /// past the end. <paramref name="since"/> is null or <c>"yyyy-mm-dd hh:mm:ss"</c> (orders
        /// updated at or after it). To walk a whole queue while acting on it, use <see cref="IterQueue"/>.</summary>
        public string PollQueue(string queue, int page = 1, string since = null)
        {
            byte[] queueBytes = Utf8.ToNative(queue, "queue");
            byte[] sinceBytes = Utf8.ToNativeOrNull(since, "since");
            if (page < 0) throw new ArgumentOutOfRangeException("page", page, "pages are numbered from 1");
            return WithHandle(client =>
            {
                IntPtr json;
                int status = NativeMethods.shiplink_poll_queue(client, queueBytes, (uint)page, sinceBytes, out json);
                return Errors.TakeResult(status, json);
            });
        }

        /// <summary>Every order of <paramref name="queue"/> once, as one JSON object each, even while
        /// the caller acts on them. The walk starts (and a bad queue name or <paramref name="since"/>
        /// is reported) when enumeration starts; each enumeration is a fresh walk. An enumerator is
        /// used by one thread at a time; disposing it (foreach does) frees the native iterator.
        /// A failed step throws; calling MoveNext again retries it.</summary>
        public IEnumerable<string> IterQueue(string queue, string since = null)
        {
            byte[] queueBytes = Utf8.ToNative(queue, "queue");
            byte[] sinceBytes = Utf8.ToNativeOrNull(since, "since");
            ThrowIfDisposed();
            return new QueueWalk(this, queueBytes, sinceBytes);
        }

        /// <summary>Accepts or rejects items (qty 0 rejects):
        /// <c>{"order":{"order_id":"FO-1","items":[{"item_id":55501,"qty":2}]}}</c>. Returns the order's state.</summary>
        public string Accept(string requestJson)
        {
            return Act(NativeMethods.shiplink_accept, requestJson);
        }

        /// <summary>Rejects whole items: <c>{"order":{"order_id":"FO-1","items":[{"item_id":55502}]}}</c>.</summary>
        public string Reject(string requestJson)
        {
            return Act(NativeMethods.shiplink_reject, requestJson);
        }

        /// <summary>Confirms allocation: <c>{"order":{"order_id":"FO-1","items":[{"item_id":55501}]}}</c>.
        /// Never blindly re-sent; may return <c>{"order_id":…,"reconciled":true}</c> or throw
        /// <see cref="OutcomeUnknownException"/>.</summary>
        public string Allocate(string requestJson)
        {
            return Act(NativeMethods.shiplink_allocate, requestJson);
        }

        /// <summary>Reports a shipment: <c>{"shipment":{"order_id","items":[{"item_id","qty"}],
        /// "tracks":[{"carrier_code","title","track_number"}],"cod_amount","package_value"}}</c>.</summary>
        public string Ship(string requestJson)
        {
            return Act(NativeMethods.shiplink_ship, requestJson);
        }

        /// <summary>Invoices shipped items: <c>{"order":{"order_id","items":[{"item_id"}],"shipping_amount_incl_tax"}}</c>.
        /// Never blindly re-sent (see <see cref="Allocate"/>).</summary>
        public string Invoice(string requestJson)
        {
            return Act(NativeMethods.shiplink_invoice, requestJson);
        }

        /// <summary>Releases the native client. Safe to call more than once, and while other threads
        /// are mid-call (the release waits for them). Enumerators already started keep working.</summary>
        public void Dispose()
        {
            Interlocked.Exchange(ref disposed, 1);
            handle.Dispose();
        }

        internal ClientHandle Handle
        {
            get
            {
                ThrowIfDisposed();
                return handle;
            }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref disposed) != 0 || handle.IsClosed)
            {
                throw new ObjectDisposedException(typeof(ShipLinkClient).FullName);
            }
        }

        private string Act(NativeMethods.ActionFunction action, string requestJson)
        {
            byte[] request = Utf8.ToNative(requestJson, "requestJson");
            return WithHandle(client =>
            {
                IntPtr json;
                int status = action(client, request, out json);
                return Errors.TakeResult(status, json);
            });
        }

        /// <summary>Runs a native call holding a reference on the handle, so that a Dispose racing
        /// it on another thread frees the client only after the call's error detail has been read
        /// (shiplink_client_free, run on this thread, would clear it).</summary>
        private T WithHandle<T>(Func<ClientHandle, T> call)
        {
            ThrowIfDisposed();
            bool leased = false;
            try
            {
                handle.DangerousAddRef(ref leased); // ObjectDisposedException if Dispose just won
                return call(handle);
            }
            finally
            {
                if (leased) handle.DangerousRelease();
            }
        }

        private static string ConfigJson(ShipLinkConfig config)
        {
            if (config == null) throw new ArgumentNullException("config");
            return config.ToJson();
        }

        private sealed class QueueWalk : IEnumerable<string>
        {
            private readonly ShipLinkClient client;
            private readonly byte[] queue;
            private readonly byte[] since;

            internal QueueWalk(ShipLinkClient client, byte[] queue, byte[] since)
            {
                this.client = client;
                this.queue = queue;
                this.since = since;
            }

            public IEnumerator<string> GetEnumerator()
            {
                QueueIterHandle iter = client.WithHandle(handle =>
                {
                    QueueIterHandle created;
                    int status = NativeMethods.shiplink_queue_iter_new(handle, queue, since, out created);
                    if (status != NativeMethods.Ok)
                    {
                        ShipLinkException error = Errors.FromLastError(status);
                        created.Dispose(); // invalid (NULL): nothing to free
                        throw error;
                    }
                    created.Track();
                    return created;
                });
                return new QueueEnumerator(client, iter);
            }

            IEnumerator IEnumerable.GetEnumerator()
            {
                return GetEnumerator();
            }
        }

        private sealed class QueueEnumerator : IEnumerator<string>
        {
            private readonly object gate = new object();
            // Kept so the client object outlives the walk (the native iterator also holds its
            // own reference to the native client).
            private readonly ShipLinkClient client;
            private QueueIterHandle iter; // null once exhausted or disposed
            private string current;

            internal QueueEnumerator(ShipLinkClient client, QueueIterHandle iter)
            {
                this.client = client;
                this.iter = iter;
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
                lock (gate)
                {
                    if (iter == null) return false;
                    IntPtr order;
                    int status = NativeMethods.shiplink_queue_iter_next(iter, out order);
                    if (status == NativeMethods.Done)
                    {
                        current = null;
                        Release();
                        return false;
                    }
                    current = Errors.TakeResult(status, order);
                    return true;
                }
            }

            public void Reset()
            {
                throw new NotSupportedException("a queue walk cannot be restarted; call IterQueue again");
            }

            public void Dispose()
            {
                lock (gate)
                {
                    current = null;
                    Release();
                }
            }

            private void Release()
            {
                if (iter != null)
                {
                    iter.Dispose();
                    iter = null;
                    GC.KeepAlive(client); // reachable for as long as the walk was
                }
            }
        }
    }
}
