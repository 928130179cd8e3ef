using System;

namespace ShipLink
{
    /// <summary>A connection to one 3PL that implements the fulfillment API blueprint (spec 003).
    /// Bodies and answers are the spec's JSON text. Thread-safe: share one instance; every client
    /// of the same base URL and token in the process shares one rate-limit budget. Dispose it when
    /// done (twice is harmless; a call after Dispose throws <see cref="ObjectDisposedException"/>).</summary>
    public sealed class ThreePLClient : IDisposable
    {
        private readonly NativeClient<ThreePLClientHandle> native;

        /// <summary>Creates a client from its JSON configuration, e.g.
        /// <c>{"base_url":"https://api.your-3pl.com/v1","token":"…","sync_overlap_ms":60000}</c>
        /// (the shared keys of the README's configuration table, without store_code, plus
        /// sync_overlap_ms). No network traffic happens here.</summary>
        /// <exception cref="InvalidArgumentException">a required key is missing, or a key or value is refused.</exception>
        public ThreePLClient(string configJson)
        {
            byte[] config = Utf8.ToNative(configJson, "configJson");
            ThreePLClientHandle created;
            int status = NativeMethods.shiplink_threepl_client_new(config, out created);
            native = new NativeClient<ThreePLClientHandle>(created.Adopt(status), typeof(ThreePLClient));
        }

        /// <summary>Creates a fulfillment order once: its Idempotency-Key is
        /// <paramref name="idempotencyKey"/>, or when null one derived from the order's
        /// <c>reference</c>, the same in every retry and every run. Returns the order.</summary>
        public string CreateOrder(string orderJson, string idempotencyKey = null)
        {
            byte[] order = Utf8.ToNative(orderJson, "orderJson");
            byte[] key = Utf8.ToNativeOrNull(idempotencyKey, "idempotencyKey");
            return native.Json(NativeMethods.shiplink_threepl_create_order, order, key);
        }

        public string GetOrder(string orderId)
        {
            return native.Json(NativeMethods.shiplink_threepl_get_order, Utf8.ToNative(orderId, "orderId"));
        }

        /// <summary>Amends an order before pick (<c>items</c> replaces the lines). With
        /// <paramref name="ifMatch"/> (the version read) a concurrent change throws
        /// <see cref="ConflictException"/> whose Body holds <c>version_conflict</c>.</summary>
        public string AmendOrder(string orderId, string changesJson, string ifMatch = null)
        {
            byte[] id = Utf8.ToNative(orderId, "orderId");
            byte[] changes = Utf8.ToNative(changesJson, "changesJson");
            byte[] version = Utf8.ToNativeOrNull(ifMatch, "ifMatch");
            return native.Json(NativeMethods.shiplink_threepl_amend_order, id, changes, version);
        }

        /// <summary>Cancels before ship; repeating it is safe. After ship:
        /// <see cref="ConflictException"/> with <c>already_shipped</c> in its Body.</summary>
        public string CancelOrder(string orderId)
        {
            return native.Json(NativeMethods.shiplink_threepl_cancel_order, Utf8.ToNative(orderId, "orderId"));
        }

        /// <summary>Announces an inbound shipment (ASN), once.</summary>
        public string CreateInboundShipment(string asnJson, string idempotencyKey = null)
        {
            byte[] asn = Utf8.ToNative(asnJson, "asnJson");
            byte[] key = Utf8.ToNativeOrNull(idempotencyKey, "idempotencyKey");
            return native.Json(NativeMethods.shiplink_threepl_create_inbound_shipment, asn, key);
        }

        /// <summary>Authorises a return (RMA), once.</summary>
        public string CreateReturn(string rmaJson, string idempotencyKey = null)
        {
            byte[] rma = Utf8.ToNative(rmaJson, "rmaJson");
            byte[] key = Utf8.ToNativeOrNull(idempotencyKey, "idempotencyKey");
            return native.Json(NativeMethods.shiplink_threepl_create_return, rma, key);
        }

        /// <summary>Subscribes <c>{"url","events"}</c>; the answer holds the signing secret, shown once.</summary>
        public string CreateWebhook(string subscriptionJson)
        {
            return native.Json(NativeMethods.shiplink_threepl_create_webhook, Utf8.ToNative(subscriptionJson, "subscriptionJson"));
        }

        public string DeleteWebhook(string webhookId)
        {
            return native.Json(NativeMethods.shiplink_threepl_delete_webhook, Utf8.ToNative(webhookId, "webhookId"));
        }

        /// <summary>One page of <paramref name="resource"/> ("shipments", "inventory",
        /// "warehouses"…) as the server sent it. <paramref name="queryJson"/> is null or
        /// <c>{"updated_since","cursor","sku","warehouse_id",…}</c>.</summary>
        public string List(string resource, string queryJson = null)
        {
            byte[] name = Utf8.ToNative(resource, "resource");
            byte[] query = Utf8.ToNativeOrNull(queryJson, "queryJson");
            return native.Json(NativeMethods.shiplink_threepl_list, name, query);
        }

        /// <summary>Every item of <paramref name="resource"/>, one JSON object each. Polled
        /// resources walk as an incremental sync: pass <c>{"checkpoint": …}</c> (from an earlier
        /// walk's <see cref="ListWalk.Checkpoint"/>) and only versions not delivered then come.
        /// Dispose the walk when done.</summary>
        public ListWalk Iter(string resource, string queryJson = null)
        {
            byte[] name = Utf8.ToNative(resource, "resource");
            byte[] query = Utf8.ToNativeOrNull(queryJson, "queryJson");
            ListIterHandle iter = native.With(client =>
            {
                ListIterHandle made;
                int status = NativeMethods.shiplink_threepl_iter_new(client, name, query, out made);
                return made.Adopt(status);
            });
            return new ListWalk(iter, this);
        }

        /// <summary>Releases the native client. Safe to call more than once; walks already made keep working.</summary>
        public void Dispose()
        {
            native.Dispose();
        }
    }
}
