// Every method of ShipLinkClient against the sandbox.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ShipLink.Tests
{
    public static class ApiTests
    {
        [Test]
        public static void VersionMatchesTheHeader()
        {
            Assert.Equal("0.1.0", ShipLinkClient.Version, "version");
        }

        [Test]
        public static void PollQueuePagesAndPastTheEnd()
        {
            Sandbox.Reset();
            Sandbox.Seed(130);
            using (ShipLinkClient client = Sandbox.Client())
            {
                J first = J.Parse(client.PollQueue("pending_accept"));
                Assert.Equal(100, first.Count, "page 1 holds 100 orders");
                Assert.Equal("FO-000000001", first[0]["order_id"].Str, "creation order");
                J second = J.Parse(client.PollQueue(ShipLinkClient.PendingAccept, 2));
                Assert.Equal(30, second.Count, "page 2 holds the rest");
                Assert.Equal("[]", client.PollQueue("pending_accept", 3), "past the end");
                Assert.Equal("[]", client.PollQueue("pending_allocation"), "an empty queue");
                Assert.Equal("[]", client.PollQueue("failed"), "the failed queue");
            }
        }

        [Test]
        public static void PollQueueSince()
        {
            Sandbox.Reset();
            Sandbox.Seed(3, ",\"updated_at\":\"2024-01-01 08:00:00\"");
            Sandbox.Seed(2, ",\"updated_at\":\"2024-06-01 08:00:00\"");
            using (ShipLinkClient client = Sandbox.Client())
            {
                Assert.Equal(5, J.Parse(client.PollQueue("pending_accept", 1, "2023-12-31 23:59:59")).Count, "all");
                J recent = J.Parse(client.PollQueue("pending_accept", since: "2024-06-01 08:00:00"));
                Assert.Equal(2, recent.Count, "at or after since");
                Assert.Equal("2024-06-01 08:00:00", recent[0]["updated_at"].Str, "updated_at");
                Assert.Equal("[]", client.PollQueue("pending_accept", 1, "2030-01-01 00:00:00"), "none that recent");
                Assert.Equal(2, client.IterQueue("pending_accept", "2024-05-01 00:00:00").Count(), "the iterator filters too");
            }
        }

        [Test]
        public static void IterQueueToExhaustion()
        {
            Sandbox.Reset();
            Sandbox.Seed(250);
            using (ShipLinkClient client = Sandbox.Client())
            {
                List<string> ids = client.IterQueue("pending_accept").Select(o => J.Parse(o)["order_id"].Str).ToList();
                Assert.Equal(250, ids.Count, "every order");
                Assert.Equal(250, ids.Distinct().Count(), "none twice");
                Assert.Equal(0, client.IterQueue("pending_shipment").Count(), "an empty queue");
                // Each enumeration is a fresh walk.
                IEnumerable<string> walk = client.IterQueue("pending_accept");
                Assert.Equal(250, walk.Count(), "first walk");
                Assert.Equal(250, walk.Count(), "second walk");
                // An exhausted enumerator keeps answering false.
                using (IEnumerator<string> e = client.IterQueue("pending_allocation").GetEnumerator())
                {
                    Assert.True(!e.MoveNext() && !e.MoveNext(), "stays exhausted");
                    Assert.True(e.Current == null, "no current after the end");
                }
            }
        }

        [Test]
        public static void IterQueueWhileActingYieldsEveryOrderOnce()
        {
            Sandbox.Reset();
            Sandbox.Seed(250);
            using (ShipLinkClient client = Sandbox.Client())
            {
                var seen = new List<string>();
                var accepted = new HashSet<string>();
                foreach (string json in client.IterQueue("pending_accept"))
                {
                    J order = J.Parse(json);
                    string id = order["order_id"].Str;
                    seen.Add(id);
                    if (seen.Count % 2 == 1)
                    {
                        client.Accept(Requests.AcceptAll(order));
                        accepted.Add(id);
                    }
                }
                Assert.Equal(250, seen.Count, "every order yielded");
                Assert.Equal(250, seen.Distinct().Count(), "none yielded twice");
                Assert.Equal(125, accepted.Count, "every other accepted");
                J stats = Sandbox.Stats();
                Assert.Equal("125", stats["queues"]["pending_allocation"].Raw, "accepted ones moved on");
                Assert.Equal("125", stats["queues"]["pending_accept"].Raw, "the others stayed");
            }
        }

        [Test]
        public static void FullLifecycle()
        {
            Sandbox.Reset();
            Sandbox.Seed(3);
            using (ShipLinkClient client = Sandbox.Client())
            {
                foreach (string json in client.IterQueue("pending_accept"))
                {
                    J after = J.Parse(client.Accept(Requests.AcceptAll(J.Parse(json))));
                    Assert.Equal("pending_allocation", after["status"].Str, "accepted");
                }
                foreach (string json in client.IterQueue("pending_allocation"))
                {
                    J after = J.Parse(client.Allocate(Requests.ItemsOnly(J.Parse(json))));
                    Assert.Equal("pending_shipment", after["status"].Str, "allocated");
                }
                foreach (string json in client.IterQueue("pending_shipment"))
                {
                    J order = J.Parse(json);
                    J after = J.Parse(client.Ship(Requests.ShipAll(order)));
                    Assert.Equal("pending_invoice", after["status"].Str, "shipped");
                    Assert.Equal("JD" + order["order_id"].Str.Substring(3),
                                 after["shipments"][0]["tracks"][0]["track_number"].Str, "the track");
                    // The same shipment again is not recorded twice.
                    J again = J.Parse(client.Ship(Requests.ShipAll(order)));
                    Assert.Equal(1, again["shipments"].Count, "one shipment");
                }
                foreach (string json in client.IterQueue("pending_invoice"))
                {
                    J after = J.Parse(client.Invoice(Requests.InvoiceAll(J.Parse(json))));
                    Assert.Equal("complete", after["status"].Str, "invoiced");
                }
                foreach (string queue in new[] { "pending_accept", "pending_allocation", "pending_shipment", "pending_invoice", "failed" })
                {
                    Assert.Equal("[]", client.PollQueue(queue), queue + " is empty");
                }
                J stats = Sandbox.Stats();
                Assert.Equal("3", stats["shipments"].Raw, "shipments");
                Assert.Equal("3", stats["invoices"].Raw, "invoices");
            }
        }

        [Test]
        public static void RejectAndPartialAcceptWithUnicode()
        {
            Sandbox.Reset();
            List<J> created = Sandbox.Create(
                "[{\"allow_partial\":true,\"customer\":{\"name\":\"Zoë Ünïcødé 東京 📦\",\"email\":\"zoe@example.rs\"}," +
                "\"items\":[{\"sku\":\"A\",\"qty_ordered\":2},{\"sku\":\"B\",\"qty_ordered\":1}]}]");
            string id = created[0]["order_id"].Str;
            using (ShipLinkClient client = Sandbox.Client())
            {
                J order = J.Parse(client.PollQueue("pending_accept"))[0];
                Assert.Equal("Zoë Ünïcødé 東京 📦", order["customer"]["name"].Str, "UTF-8 out, non-BMP included");
                string first = order["items"][0]["item_id"].Raw, second = order["items"][1]["item_id"].Raw;
                J after = J.Parse(client.Reject("{\"order\":{\"order_id\":\"" + id + "\",\"items\":[{\"item_id\":" + second + "}]}}"));
                Assert.Equal("partially_accepted", after["status"].Str, "one line rejected");
                after = J.Parse(client.Accept("{\"order\":{\"order_id\":\"" + id + "\",\"items\":[{\"item_id\":" + first + ",\"qty\":2}]}}"));
                Assert.Equal("pending_allocation", after["status"].Str, "the other accepted");
                Assert.Equal(1, after["rerouted_to"].Count, "the rejected line was rerouted");
                // Unicode in (a track title) reaches the server intact.
                client.Allocate("{\"order\":{\"order_id\":\"" + id + "\",\"items\":[{\"item_id\":" + first + "}]}}");
                after = J.Parse(client.Ship("{\"shipment\":{\"order_id\":\"" + id + "\",\"items\":[{\"item_id\":" + first +
                                            ",\"qty\":2}],\"tracks\":[{\"carrier_code\":\"pošta\",\"title\":\"Hrvatska pošta ✉\",\"track_number\":\"RR1\"}]}}"));
                Assert.Equal("Hrvatska pošta ✉", after["shipments"][0]["tracks"][0]["title"].Str, "UTF-8 in");
            }
        }
    }
}
