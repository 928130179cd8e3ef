using System;

namespace ShipLink
{
    /// <summary>A connection to the Shipper Open API with one API key: countries and divisions,
    /// products, orders (list, get, create, cancel), the dashboard reports and webhooks. JSON
    /// strings in and out, as the spec shows them. Every request is checked locally first (an
    /// <see cref="InvalidArgumentException"/> names the field, and nothing is sent); every call
    /// waits its turn in the key's rate limiter, shared by every client of the same key in the
    /// process. Thread-safe; dispose it when done.</summary>
    public sealed class ShipperClient : IDisposable
    {
        /// <summary>The production root; <c>base_url</c> includes the version prefix.</summary>
        public const string DefaultBaseUrl = "https://server.shipper.network/api/v1";

        private readonly NativeClient<ShipperClientHandle> native;

        /// <summary>Creates a client from its configuration as JSON:
        /// <c>{"token":"…","base_url":"https://server.shipper.network/api/v1"}</c> plus any shared
        /// transport key (<c>timeout_ms</c>, <c>max_retries</c>, …) and <c>rate_window_ms</c>. An
        /// unknown key throws <see cref="InvalidArgumentException"/> naming it. No network traffic
        /// happens here.</summary>
        public ShipperClient(string configJson)
        {
            byte[] config = Utf8.ToNative(configJson, "configJson");
            ShipperClientHandle created;
            int status = NativeMethods.shiplink_shipper_client_new(config, out created);
            native = new NativeClient<ShipperClientHandle>(created.Adopt(status), typeof(ShipperClient));
        }

        /// <summary>One page (or, for lists without pages, the whole list) of
        /// <paramref name="resource"/>: "countries", "divisions" (query {"country","level",
        /// "parent_id"}), "products", "orders", "webhooks" or "product-performance".
        /// <paramref name="queryJson"/> is null or an object of the list's filters.</summary>
        public string List(string resource, string queryJson = null)
        {
            return native.Json(NativeMethods.shiplink_shipper_list, Utf8.ToNative(resource, "resource"),
                Utf8.ToNativeOrNull(queryJson, "queryJson"));
        }

        /// <summary>Every item of <paramref name="resource"/>, each once, page after page (no
        /// "page" in the query). A walk over orders pins end_date to its start, so orders created
        /// meanwhile neither repeat nor hide older ones. Dispose the walk when done.</summary>
        public ListWalk Iter(string resource, string queryJson = null)
        {
            byte[] resourceBytes = Utf8.ToNative(resource, "resource");
            byte[] queryBytes = Utf8.ToNativeOrNull(queryJson, "queryJson");
            ListIterHandle iter = native.With(client =>
            {
                ListIterHandle made;
                int status = NativeMethods.shiplink_shipper_iter_new(client, resourceBytes, queryBytes, out made);
                return made.Adopt(status);
            });
            return new ListWalk(iter, this);
        }

        /// <summary>One product by UUID, with its variants and stock.</summary>
        public string GetProduct(string uuid)
        {
            return native.Json(NativeMethods.shiplink_shipper_get_product, Utf8.ToNative(uuid, "uuid"));
        }

        /// <summary>One order by id, with its shipments and tracking logs.</summary>
        public string GetOrder(string orderId)
        {
            return native.Json(NativeMethods.shiplink_shipper_get_order, Utf8.ToNative(orderId, "orderId"));
        }

        /// <summary>Creates an order; returns <c>{"id":…}</c>. Never sent twice: after a lost
        /// answer the order is looked up by its external_order_id (then <c>"reconciled":true</c>);
        /// when it cannot be found, or has none, <see cref="OutcomeUnknownException"/>: look for
        /// it before creating it again.</summary>
        public string CreateOrder(string orderJson)
        {
            return native.Json(NativeMethods.shiplink_shipper_create_order, Utf8.ToNative(orderJson, "orderJson"));
        }

        /// <summary>Cancels an order still in confirmation or preparation. Safe to repeat (an order
        /// already canceled answers <c>"already_canceled":true</c>); a shipped one throws
        /// <see cref="BadRequestException"/> with the server's body.</summary>
        public string CancelOrder(string orderId)
        {
            return native.Json(NativeMethods.shiplink_shipper_cancel_order, Utf8.ToNative(orderId, "orderId"));
        }

        /// <summary>A dashboard report: "overview", "delivery-stats", "confirmation-stats",
        /// "internal-confirmation-stats" or "product-performance".</summary>
        public string Dashboard(string report, string queryJson = null)
        {
            return native.Json(NativeMethods.shiplink_shipper_dashboard, Utf8.ToNative(report, "report"),
                Utf8.ToNativeOrNull(queryJson, "queryJson"));
        }

        /// <summary>Registers a webhook: <c>{"url":"https://…","events":[…],"secret":"16+ chars"}</c>.
        /// Verify deliveries with <see cref="Webhooks.VerifySignature"/> and the "hex" scheme.</summary>
        public string CreateWebhook(string subscriptionJson)
        {
            return native.Json(NativeMethods.shiplink_shipper_create_webhook,
                Utf8.ToNative(subscriptionJson, "subscriptionJson"));
        }

        /// <summary>The webhook registrations of this key.</summary>
        public string ListWebhooks()
        {
            return List("webhooks");
        }

        /// <summary>Removes a webhook registration.</summary>
        public string DeleteWebhook(string webhookId)
        {
            return native.Json(NativeMethods.shiplink_shipper_delete_webhook, Utf8.ToNative(webhookId, "webhookId"));
        }

        /// <summary>Releases the native client. Safe to call more than once; walks already made
        /// keep working.</summary>
        public void Dispose()
        {
            native.Dispose();
        }
    }
}
