// ShipperClient against the sandbox's Shipper API: orders end to end, safe cancels, the walk,
// and bad input refused by name with nothing sent.
using System;
using System.Linq;

namespace ShipLink.Tests
{
    public static class ShipperTests
    {
        private static ShipperClient Shipper(string extra = "")
        {
            return new ShipperClient("{\"base_url\":" + Requests.Quote(Sandbox.Url + "/api/v1") + ",\"token\":" +
                Requests.Quote(Sandbox.Token) + ",\"retry_base_ms\":10,\"retry_max_ms\":20" + extra + "}");
        }

        private static int RequestsSeen()
        {
            return J.Parse(Sandbox.Admin("GET", "/sandbox/shipper/requests"))["requests"].Count;
        }

        private static string Order(string uuid, string external)
        {
            return "{\"address\":{\"name\":\"Omar Ben Ali\",\"phone1\":\"28177188\",\"address1\":\"Rue 1\"," +
                "\"country\":\"TN\"},\"items\":[{\"id\":" + Requests.Quote(uuid) + "}],\"external_order_id\":" +
                Requests.Quote(external) + "}";
        }

        [Test]
        public static void ShipperOrdersEndToEnd()
        {
            Sandbox.Reset();
            using (ShipperClient client = Shipper())
            {
                Assert.Equal("TN", J.Parse(client.List("countries"))[0]["code"].Str, "countries");
                string uuid = J.Parse(client.List("products", "{\"per_page\":1}"))["data"][0]["uuid"].Str;
                Assert.Equal(uuid, J.Parse(client.GetProduct(uuid))["uuid"].Str, "product");
                string id = ((long)J.Parse(client.CreateOrder(Order(uuid, "NET-1")))["id"].Num).ToString();
                Assert.Equal("Pending", J.Parse(client.GetOrder(id))["status"].Str, "status");
                using (ListWalk walk = client.Iter("orders"))
                {
                    Assert.Equal(1, walk.Count(), "one order walked");
                }
                Assert.Equal(1.0, J.Parse(client.CancelOrder(id))["canceled_shipments"].Num, "canceled");
                Assert.Contains("\"already_canceled\":true", client.CancelOrder(id), "a repeat is success");

                string shipped = ((long)J.Parse(client.CreateOrder(Order(uuid, "NET-2")))["id"].Num).ToString();
                Sandbox.Admin("POST", "/sandbox/shipper/orders/" + shipped + "/status", "{\"status\":\"intransit\"}");
                var refused = Assert.Throws<BadRequestException>(() => client.CancelOrder(shipped), "shipped");
                Assert.Contains("No shipments available to cancel", refused.Body, "the server's body");
                Assert.Contains("total_by_status", client.Dashboard("delivery-stats"), "dashboard");
            }
        }

        [Test]
        public static void ShipperBadInputIsRefusedByNameAndNothingIsSent()
        {
            Sandbox.Reset();
            using (ShipperClient client = Shipper())
            {
                var cases = new Tuple<string, Action>[]
                {
                    Tuple.Create<string, Action>("order.address.phone1", () => client.CreateOrder(
                        "{\"address\":{\"name\":\"A\",\"address1\":\"x\",\"country\":\"TN\"},\"items\":[{\"id\":\"u\"}]}")),
                    Tuple.Create<string, Action>("order.items", () => client.CreateOrder(
                        "{\"address\":{\"name\":\"A\",\"phone1\":\"1\",\"address1\":\"x\",\"country\":\"TN\"},\"items\":[]}")),
                    Tuple.Create<string, Action>("query.start_date", () => client.List("orders", "{\"start_date\":\"2026-03-29+09:00\"}")),
                    Tuple.Create<string, Action>("query.sort_by", () => client.Dashboard("product-performance", "{\"sort_by\":\"x\"}")),
                    Tuple.Create<string, Action>("report", () => client.Dashboard("sales")),
                    Tuple.Create<string, Action>("subscription.url", () => client.CreateWebhook(
                        "{\"url\":\"http://shop.example/h\",\"events\":[\"order.status_changed\"]}")),
                    Tuple.Create<string, Action>("subscription.secret", () => client.CreateWebhook(
                        "{\"url\":\"https://shop.example/h\",\"events\":[\"order.status_changed\"],\"secret\":\"short\"}")),
                    Tuple.Create<string, Action>("order_id", () => client.GetOrder("12a")),
                    Tuple.Create<string, Action>("webhook_id", () => client.DeleteWebhook("1/2")),
                    Tuple.Create<string, Action>("orderJson", () => client.CreateOrder(null)),
                    Tuple.Create<string, Action>("query.page", () => client.Iter("orders", "{\"page\":2}")),
                };
                foreach (var c in cases)
                {
                    Exception e = null;
                    try { c.Item2(); } catch (Exception caught) { e = caught; }
                    Assert.True(e is InvalidArgumentException || e is ArgumentNullException,
                        c.Item1 + ": " + (e == null ? "nothing thrown" : e.GetType().Name + ": " + e.Message));
                    Assert.Contains(c.Item1, e.Message, "the field is named");
                }
                Assert.Equal(0, RequestsSeen(), "nothing reached the server");
            }
            Assert.Throws<InvalidArgumentException>(() => Shipper(",\"store_code\":\"all\"").Dispose(), "a ShipperOne key");
        }
    }
}
