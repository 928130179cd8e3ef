// One client shared by several threads; each thread's errors are its own.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ShipLink.Tests
{
    public static class ThreadTests
    {
        private static void RunThreads(int count, Action<int> body)
        {
            var errors = new List<Exception>();
            var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
            {
                try
                {
                    body(t);
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            if (errors.Count > 0) throw new AssertionException(errors.Count + " thread(s) failed; first: " + errors[0]);
        }

        [Test]
        public static void EightThreadsDriveOrdersThroughOneClient()
        {
            Sandbox.Reset();
            Sandbox.Seed(64);
            using (ShipLinkClient client = Sandbox.Client())
            {
                List<J> orders = client.IterQueue("pending_accept").Select(J.Parse).ToList();
                Assert.Equal(64, orders.Count, "read every order");
                RunThreads(8, t =>
                {
                    foreach (J order in orders.Where((o, i) => i % 8 == t))
                    {
                        client.Accept(Requests.AcceptAll(order));
                        client.PollQueue("pending_shipment");
                        client.Allocate(Requests.ItemsOnly(order));
                        J after = J.Parse(client.Ship(Requests.ShipAll(order)));
                        Assert.Equal("pending_invoice", after["status"].Str, "shipped");
                    }
                });
                Assert.Equal(64, client.IterQueue("pending_invoice").Count(), "all shipped");
                Assert.Equal("64", Sandbox.Stats()["shipments"].Raw, "no shipment recorded twice");
            }
        }

        [Test]
        public static void EachThreadSeesItsOwnError()
        {
            Sandbox.Reset();
            using (ShipLinkClient client = Sandbox.Client())
            {
                RunThreads(8, t =>
                {
                    for (int i = 0; i < 25; i++)
                    {
                        string id = "FO-9" + t.ToString("00") + i.ToString("000000");
                        var e = Assert.Throws<NotFoundException>(() => client.Accept(
                            "{\"order\":{\"order_id\":\"" + id + "\",\"items\":[{\"item_id\":1,\"qty\":1}]}}"), "404");
                        Assert.Contains(id, e.Body, "this thread's own error");
                        var bad = Assert.Throws<InvalidArgumentException>(() => client.Ship("{\"shipment\":{\"order_id\":\"" + id + "\"}}"), "local");
                        Assert.Equal(0, bad.Attempts, "this thread's own local error");
                        Assert.Equal("[]", client.PollQueue("failed"), "a success in between");
                    }
                });
            }
        }

        [Test]
        public static void ParallelWalksAndWebhooks()
        {
            Sandbox.Reset();
            Sandbox.Seed(150);
            using (ShipLinkClient client = Sandbox.Client())
            {
                RunThreads(6, t =>
                {
                    if (t % 2 == 0)
                    {
                        Assert.Equal(150, client.IterQueue("pending_accept").Distinct().Count(), "a full walk per thread");
                    }
                    else
                    {
                        var body = new byte[] { (byte)t, 0, 1, 2 };
                        for (int i = 0; i < 500; i++)
                        {
                            string header = Webhooks.Sign(Webhooks.Hex, "s" + t, body);
                            Webhooks.VerifySignature(Webhooks.Hex, "s" + t, header, body);
                            Assert.Throws<SignatureMismatchException>(
                                () => Webhooks.VerifySignature(Webhooks.Hex, "other", header, body), "mismatch");
                        }
                    }
                });
            }
        }

        [Test]
        public static void DisposeWhileOtherThreadsAreMidCall()
        {
            Sandbox.Reset();
            Sandbox.Seed(100);
            long before = ClientHandle.Live;
            for (int round = 0; round < 5; round++)
            {
                ShipLinkClient client = Sandbox.Client();
                int done = 0, disposed = 0;
                var started = new CountdownEvent(4);
                var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    started.Signal();
                    try
                    {
                        while (true)
                        {
                            client.PollQueue("pending_accept");
                            Interlocked.Increment(ref done);
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        Interlocked.Increment(ref disposed);
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                started.Wait();
                Thread.Sleep(30);
                client.Dispose();
                threads.ForEach(t => t.Join());
                Assert.Equal(4, disposed, "every thread stopped with ObjectDisposedException");
                Assert.True(done > 0, "calls went through before");
            }
            Assert.Equal(before, ClientHandle.Live, "every client freed once");
        }
    }
}
