// The log callback: lines arrive in the host's handler, never with the token; null stops them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ShipLink.Tests
{
    public static class LogTests
    {
        [Test]
        public static void LinesReachTheHandlerWithoutTheToken()
        {
            var lines = new List<string>();
            var levels = new HashSet<ShipLinkLogLevel>();
            try
            {
                ShipLinkLog.SetHandler((level, message) =>
                {
                    lock (lines)
                    {
                        lines.Add(message);
                        levels.Add(level);
                    }
                }, ShipLinkLogLevel.Debug);
                using (ShipLinkClient client = Sandbox.Client())
                {
                    client.PollQueue("pending_accept");
                    // From other threads too.
                    var threads = Enumerable.Range(0, 3).Select(_ => new Thread(() => client.PollQueue("failed"))).ToList();
                    threads.ForEach(t => t.Start());
                    threads.ForEach(t => t.Join());
                }
                lock (lines)
                {
                    Assert.True(lines.Count > 0, "lines arrive");
                    Assert.True(lines.All(l => l.IndexOf(Sandbox.Token, StringComparison.Ordinal) < 0), "the token never appears");
                    Assert.True(levels.All(l => l >= ShipLinkLogLevel.Error && l <= ShipLinkLogLevel.Debug), "levels 1-4");
                }
                // A throwing handler does not take the host down.
                ShipLinkLog.SetHandler((level, message) => { throw new InvalidOperationException("handler bug"); }, ShipLinkLogLevel.Debug);
                using (ShipLinkClient client = Sandbox.Client()) client.PollQueue("failed");
            }
            finally
            {
                ShipLinkLog.SetHandler(null);
            }
            int before = lines.Count;
            using (ShipLinkClient client = Sandbox.Client()) client.PollQueue("failed");
            Assert.Equal(before, lines.Count, "null stops logging");
        }
    }
}
