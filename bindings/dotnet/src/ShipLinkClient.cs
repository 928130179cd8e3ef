using System;
using System.Collections.Generic;

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

        private readonly NativeClient<ClientHandle> native;

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
            native = new NativeClient<ClientHandle>(created.Adopt(status), typeof(ShipLinkClient));
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
            return native.Json((ClientHandle client, out IntPtr json) =>
                NativeMethods.shiplink_poll_queue(client, queueBytes, (uint)page, sinceBytes, out json));
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
            native.ThrowIfDisposed();
            return new QueueWalk(native, this, queueBytes, sinceBytes);
        }

        /// <summary>Accepts or rejects items (qty 0 rejects):
        /// <c>{"order":{"order_id":"FO-1","items":[{"item_id":55501,"qty":2}]}}</c>. Returns the order's state.</summary>
        public string Accept(string requestJson)
        {
            return native.Json(NativeMethods.shiplink_accept, Request(requestJson));
        }

        /// <summary>Rejects whole items: <c>{"order":{"order_id":"FO-1","items":[{"item_id":55502}]}}</c>.</summary>
        public string Reject(string requestJson)
        {
            return native.Json(NativeMethods.shiplink_reject, Request(requestJson));
        }

        /// <summary>Confirms allocation: <c>{"order":{"order_id":"FO-1","items":[{"item_id":55501}]}}</c>.
        /// Never blindly re-sent; may return <c>{"order_id":…,"reconciled":true}</c> or throw
        /// <see cref="OutcomeUnknownException"/>.</summary>
        public string Allocate(string requestJson)
        {
            return native.Json(NativeMethods.shiplink_allocate, Request(requestJson));
        }

        /// <summary>Reports a shipment: <c>{"shipment":{"order_id","items":[{"item_id","qty"}],
        /// "tracks":[{"carrier_code","title","track_number"}],"cod_amount","package_value"}}</c>.</summary>
        public string Ship(string requestJson)
        {
            return native.Json(NativeMethods.shiplink_ship, Request(requestJson));
        }

        /// <summary>Invoices shipped items: <c>{"order":{"order_id","items":[{"item_id"}],"shipping_amount_incl_tax"}}</c>.
        /// Never blindly re-sent (see <see cref="Allocate"/>).</summary>
        public string Invoice(string requestJson)
        {
            return native.Json(NativeMethods.shiplink_invoice, Request(requestJson));
        }

        /// <summary>Releases the native client. Safe to call more than once, and while other threads
        /// are mid-call (the release waits for them). Enumerators already started keep working.</summary>
        public void Dispose()
        {
            native.Dispose();
        }

        internal ClientHandle Handle
        {
            get { return native.Handle; }
        }

        private static byte[] Request(string requestJson)
        {
            return Utf8.ToNative(requestJson, "requestJson");
        }

        private static string ConfigJson(ShipLinkConfig config)
        {
            if (config == null) throw new ArgumentNullException("config");
            return config.ToJson();
        }
    }
}
