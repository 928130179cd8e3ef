// Handle ownership: every native handle freed exactly once, nothing used after it is freed.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ShipLink.Tests
{
    public static class DisposalTests
    {
        [Test]
        public static void DisposeTwiceIsSafe()
        {
            long before = ClientHandle.Live;
            ShipLinkClient client = Sandbox.Client();
            Assert.Equal(before + 1, ClientHandle.Live, "one live client");
            client.Dispose();
            client.Dispose();
            ((IDisposable)client).Dispose();
            Assert.Equal(before, ClientHandle.Live, "freed exactly once");
        }

        [Test]
        public static void UseAfterDisposeThrowsObjectDisposed()
        {
            ShipLinkClient client = Sandbox.Client();
            client.Dispose();
            const string request = "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":1}]}}";
            var calls = new Dictionary<string, Action>
            {
                { "PollQueue", () => client.PollQueue("pending_accept") },
                { "IterQueue", () => client.IterQueue("pending_accept") },
                { "Accept", () => client.Accept(request) },
                { "Reject", () => client.Reject(request) },
                { "Allocate", () => client.Allocate(request) },
                { "Ship", () => client.Ship(request) },
                { "Invoice", () => client.Invoice(request) },
            };
            foreach (KeyValuePair<string, Action> call in calls)
            {
                Assert.Throws<ObjectDisposedException>(call.Value, call.Key);
            }
        }

        [Test]
        public static void AWalkStartedBeforeDisposeKeepsWorking()
        {
            Sandbox.Reset();
            Sandbox.Seed(120);
            long iters = QueueIterHandle.Live;
            ShipLinkClient client = Sandbox.Client();
            IEnumerable<string> walk = client.IterQueue("pending_accept");
            IEnumerator<string> e = walk.GetEnumerator();
            Assert.True(e.MoveNext(), "first order");
            client.Dispose();
            int n = 1;
            while (e.MoveNext()) n++;
            Assert.Equal(120, n, "the native iterator holds its own reference to the client");
            Assert.Equal(iters, QueueIterHandle.Live, "freed at the end of the walk");
            e.Dispose();
            e.Dispose();
            Assert.Throws<ObjectDisposedException>(() => walk.GetEnumerator(), "a new walk needs a live client");
        }

        [Test]
        public static void BreakingOutOfAWalkFreesTheIterator()
        {
            Sandbox.Reset();
            Sandbox.Seed(5);
            long before = QueueIterHandle.Live;
            using (ShipLinkClient client = Sandbox.Client())
            {
                foreach (string order in client.IterQueue("pending_accept"))
                {
                    Assert.Equal(before + 1, QueueIterHandle.Live, "one live iterator");
                    break;
                }
                Assert.Equal(before, QueueIterHandle.Live, "foreach disposed it");
                Assert.Equal("FO-000000001", J.Parse(client.IterQueue("pending_accept").First())["order_id"].Str, "First()");
                Assert.Equal(before, QueueIterHandle.Live, "LINQ disposed it");
                IEnumerator<string> e = client.IterQueue("pending_accept").GetEnumerator();
                e.MoveNext();
                e.Dispose();
                Assert.True(!e.MoveNext(), "a disposed enumerator is over");
                Assert.Throws<NotSupportedException>(() => e.Reset(), "no reset");
            }
        }

        [Test]
        public static void TwoThousandClientsComeAndGoWithoutGrowth()
        {
            long before = ClientHandle.Live;
            Func<int, int> cycle = count =>
            {
                for (int i = 0; i < count; i++)
                {
                    using (ShipLinkClient client = Sandbox.Client())
                    {
                        if (i % 10 == 0) Assert.Equal("[]", client.PollQueue("failed"), "usable");
                    }
                }
                return count;
            };
            // A client costs ~200 KiB of native memory: 2,000 leaked ones would add ~400 MiB.
            cycle(200); // warm up: allocator arenas, JIT, the sandbox's connections
            Memory.Collect();
            long rss = Memory.Rss();
            cycle(2000);
            Memory.Collect();
            long grown = Memory.Rss() - rss;
            Assert.Equal(before, ClientHandle.Live, "every client freed");
            Assert.True(grown < 8 << 20, "RSS grew by " + (grown >> 10) + " KiB over 2,000 cycles");
        }

        [Test]
        public static void FinalizersFreeWhatIsNotDisposed()
        {
            long clients = ClientHandle.Live, iters = QueueIterHandle.Live;
            // On a thread of its own: mono scans stacks conservatively, and a dead thread's stack
            // holds no stale references.
            var abandon = new System.Threading.Thread(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    ShipLinkClient client = Sandbox.Client();
                    client.IterQueue("failed").GetEnumerator();
                }
            });
            abandon.Start();
            abandon.Join();
            Assert.True(ClientHandle.Live > clients, "still alive before a collection");
            for (int i = 0; i < 10 && (ClientHandle.Live != clients || QueueIterHandle.Live != iters); i++) Memory.Collect();
            Assert.Equal(clients, ClientHandle.Live, "clients freed by their finalizers");
            Assert.Equal(iters, QueueIterHandle.Live, "iterators freed by their finalizers");
        }

        [Test]
        public static void ReturnedStringsAreFreed()
        {
            Sandbox.Reset();
            Sandbox.Seed(100);
            byte[] body = new byte[4096];
            using (ShipLinkClient client = Sandbox.Client())
            {
                Action<int> churn = rounds =>
                {
                    for (int i = 0; i < rounds * 500; i++) Webhooks.Sign(Webhooks.Timestamped, "whsec_test", body, 1782043452);
                    for (int i = 0; i < rounds; i++) client.PollQueue("pending_accept");
                    for (int i = 0; i < rounds / 10; i++) client.IterQueue("pending_accept").Count();
                };
                churn(20);
                Memory.Collect();
                long rss = Memory.Rss();
                // 100,000 headers of ~80 bytes, 200 pages and 20 walks of 100 orders (~100 KiB per page):
                // leaking either would add ~8 MiB or ~20 MiB.
                churn(200);
                Memory.Collect();
                long grown = Memory.Rss() - rss;
                Assert.True(grown < 4 << 20, "RSS grew by " + (grown >> 10) + " KiB");
            }
        }
    }
}
