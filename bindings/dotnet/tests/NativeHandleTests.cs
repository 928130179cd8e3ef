// What every native handle type inherits: adopting a pointer, counting it, freeing it once.
using System;

namespace ShipLink.Tests
{
    public static class NativeHandleTests
    {
        [Test]
        public static void LiveCountsAreKeptPerHandleType()
        {
            long clients = ClientHandle.Live, queues = QueueIterHandle.Live, lists = ListIterHandle.Live;
            using (ShipLinkClient client = Sandbox.Client())
            {
                Assert.Equal(clients + 1, ClientHandle.Live, "a client");
                Assert.Equal(queues, QueueIterHandle.Live, "no queue walk");
                Assert.Equal(lists, ListIterHandle.Live, "no list walk");
            }
            Assert.Equal(clients, ClientHandle.Live, "freed");
        }

        [Test]
        public static void AFailedConstructorCallThrowsAndLeavesNothingToFree()
        {
            long clients = ClientHandle.Live;
            ClientHandle none;
            int status = NativeMethods.shiplink_client_new(Utf8.ToNative("{\"token\":\"t\"}", "config"), out none);
            var e = Assert.Throws<InvalidArgumentException>(() => none.Adopt(status), "no base_url");
            Assert.Contains("base_url", e.Message, "the library's detail");
            Assert.True(none.IsClosed, "the empty handle is disposed");
            Assert.Equal(clients, ClientHandle.Live, "not counted");
        }
    }
}
