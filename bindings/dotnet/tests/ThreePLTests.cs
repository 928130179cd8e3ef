// ThreePLClient against the sandbox's blueprint API (/v1/): orders and their 409s, a sync
// resumed from its checkpoint, and bad input refused by name with nothing sent.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ShipLink.Tests
{
    public static class ThreePLTests
    {
        private static ThreePLClient Client()
        {
            return new ThreePLClient("{\"base_url\":\"" + Sandbox.Url + "/v1\",\"token\":\"" + Sandbox.Token +
                                     "\",\"retry_base_ms\":5,\"max_retries\":2}");
        }

        private static string Order(string reference, int quantity = 2)
        {
            return "{\"order_number\":\"SO-" + reference + "\",\"reference\":\"" + reference + "\",\"warehouse_id\":\"wh_syd_1\"," +
                   "\"ship_to\":{\"name\":\"Jane Doe\",\"address1\":\"1 Main St\",\"country\":\"AU\"}," +
                   "\"items\":[{\"sku\":\"GIZMO-1\",\"quantity\":" + quantity + ",\"unit_price\":\"5.00\"}]}";
        }

        private static long Requests()
        {
            J counts = J.Parse(Sandbox.Admin("GET", "/sandbox/stats"))["threepl"]["counts"];
            return counts.Has("requests") ? long.Parse(counts["requests"].Raw) : 0;
        }

        [Test]
        public static void OrdersAmendsCancelsAndTheirConflicts()
        {
            string reference = "NET-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using (ThreePLClient client = Client())
            {
                J created = J.Parse(client.CreateOrder(Order(reference)));
                string id = created["id"].Str;
                Assert.Equal(id, J.Parse(client.CreateOrder(Order(reference)))["id"].Str, "the same reference is the same order");
                J amended = J.Parse(client.AmendOrder(id, "{\"packing_note\":\"porch\"}", created["version"].Str));
                Assert.Equal("2", amended["version"].Str, "the version moved on");
                var stale = Assert.Throws<ConflictException>(
                    () => client.AmendOrder(id, "{\"packing_note\":\"again\"}", "1"), "a stale If-Match");
                Assert.Contains("version_conflict", stale.Body, "the server's error code");
                Assert.Equal("cancelled", J.Parse(client.CancelOrder(id))["status"].Str, "cancelled");
                Assert.Equal("cancelled", J.Parse(client.CancelOrder(id))["status"].Str, "cancelled twice");

                string shipped = J.Parse(client.CreateOrder(Order(reference + "-S")))["id"].Str;
                Sandbox.Admin("POST", "/sandbox/threepl/orders/" + shipped + "/ship", "{\"parcels\":2}");
                var late = Assert.Throws<ConflictException>(() => client.CancelOrder(shipped), "cancel after ship");
                Assert.Contains("already_shipped", late.Body, "the server's error code");
            }
        }

        [Test]
        public static void ASyncResumedFromItsCheckpointGetsOnlyWhatChanged()
        {
            using (ThreePLClient client = Client())
            {
                string checkpoint;
                var first = new List<string>();
                using (ListWalk walk = client.Iter("shipments"))
                {
                    foreach (string shipment in walk) first.Add(J.Parse(shipment)["id"].Str);
                    checkpoint = walk.Checkpoint();
                }
                Assert.Equal(first.Count, first.Distinct().Count(), "each shipment once");
                Sandbox.Admin("POST", "/sandbox/threepl/shipments", "{\"count\":3}");
                string query = "{\"checkpoint\":" + JsonObjectWriter.Quote(checkpoint) + "}";
                using (ListWalk walk = client.Iter("shipments", query))
                {
                    Assert.Equal(3, walk.Count(), "only the new shipments");
                }
                J warehouses = J.Parse(client.List("warehouses"))["data"];
                Assert.Equal(2, warehouses.Count, "two warehouses");
            }
        }

        [Test]
        public static void BadInputIsRefusedByNameAndNothingIsSent()
        {
            using (ThreePLClient client = Client())
            {
                long before = Requests();
                var cases = new List<KeyValuePair<Action, string>>
                {
                    Case(() => client.CreateOrder("{\"order_number\":\"S\",\"warehouse_id\":\"w\"}"), "order.reference"),
                    Case(() => client.CreateOrder("{\"order_number\":\"S\",\"reference\":\"R\",\"warehouse_id\":\"w\"}"), "order.ship_to"),
                    Case(() => client.CreateOrder(Order("R").Replace(",\"items\":[{\"sku\":\"GIZMO-1\",\"quantity\":2,\"unit_price\":\"5.00\"}]", "")), "order.items"),
                    Case(() => client.CreateOrder(Order("R", 0)), "order.items[0].quantity"),
                    Case(() => client.CreateOrder(Order("R", -3)), "order.items[0].quantity"),
                    Case(() => client.CreateOrder("{not json"), "order_json"),
                    Case(() => client.GetOrder("ord/1"), "order_id"),
                    Case(() => client.CancelOrder("ord?1"), "order_id"),
                    Case(() => client.List("parcels"), "resource"),
                    Case(() => client.Iter("shipments", "{\"checkpoint\":\"garbage\"}"), "checkpoint"),
                };
                foreach (var c in cases)
                {
                    var e = Assert.Throws<InvalidArgumentException>(c.Key, c.Value);
                    Assert.Contains(c.Value, e.Message, "names the field");
                }
                Assert.Throws<ArgumentNullException>(() => client.CreateOrder(null), "null is refused before the native call");
                Assert.Throws<ArgumentException>(() => client.GetOrder("\ud800"), "invalid UTF-16 too");
                Assert.Equal(before, Requests(), "the sandbox received nothing");
            }
            var config = Assert.Throws<InvalidArgumentException>(
                () => new ThreePLClient("{\"base_url\":\"http://127.0.0.1:1/v1\",\"token\":\"t\",\"store_code\":\"all\"}"),
                "a ShipperOne key");
            Assert.Contains("store_code", config.Message, "names the key");
        }

        private static KeyValuePair<Action, string> Case(Action action, string field)
        {
            return new KeyValuePair<Action, string>(action, field);
        }
    }
}
