// Failures: each status becomes its exception type, with the server's status, body and attempts.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ShipLink.Tests
{
    public static class ErrorTests
    {
        [Test]
        public static void PartialAcceptOnAStrictOrderIsABadRequestWithTheServersBody()
        {
            Sandbox.Reset();
            Sandbox.Create("[{\"items\":[{\"sku\":\"A\",\"qty_ordered\":1},{\"sku\":\"B\",\"qty_ordered\":1}]}]");
            using (ShipLinkClient client = Sandbox.Client())
            {
                J order = J.Parse(client.PollQueue("pending_accept"))[0];
                string request = "{\"order\":{\"order_id\":\"" + order["order_id"].Str + "\",\"items\":[{\"item_id\":" +
                                 order["items"][0]["item_id"].Raw + ",\"qty\":1}]}}";
                var e = Assert.Throws<BadRequestException>(() => client.Accept(request), "partial accept");
                Assert.Equal(ShipLinkStatus.BadRequest, e.Status, "status");
                Assert.Equal((int?)400, e.HttpStatus, "HTTP status");
                Assert.Equal(1, e.Attempts, "a 400 is not retried");
                Assert.Equal("partial_not_allowed", e.ServerCode, "server code");
                J body = J.Parse(e.Body);
                Assert.Equal("partial_not_allowed", body["code"].Str, "the body is the server's JSON");
                Assert.True(body["message"].Str.Length > 0, "with its message");
                Assert.True(e.Message.Length > 0, "a message");
                Assert.True(e is ShipLinkException, "a ShipLinkException");
                // Nothing changed on the server.
                Assert.Equal("pending_accept", Sandbox.Order(order["order_id"].Str)["status"].Str, "order untouched");
            }
        }

        [Test]
        public static void UnknownTokenIsUnauthorized()
        {
            using (ShipLinkClient client = Sandbox.Client("nobody-knows-this-token"))
            {
                var e = Assert.Throws<UnauthorizedException>(() => client.PollQueue("pending_accept"), "401");
                Assert.Equal((int?)401, e.HttpStatus, "HTTP status");
                Assert.Equal("unauthorized", J.Parse(e.Body)["code"].Str, "body");
                Assert.NotContains("nobody-knows-this-token", e.Message + e.Body, "the token is never echoed");
                Assert.Throws<UnauthorizedException>(() => client.IterQueue("pending_accept").ToList(), "the iterator too");
            }
        }

        [Test]
        public static void MissingScopeIsForbidden()
        {
            Sandbox.AddToken("dotnet-reader", "[\"Shipper_FulfillmentOrder::api_pending_accept\"]");
            Sandbox.Reset();
            Sandbox.Seed(1);
            using (ShipLinkClient client = Sandbox.Client("dotnet-reader"))
            {
                J order = J.Parse(client.PollQueue("pending_accept"))[0]; // in scope
                var e = Assert.Throws<ForbiddenException>(() => client.Accept(Requests.AcceptAll(order)), "403");
                Assert.Equal((int?)403, e.HttpStatus, "HTTP status");
                Assert.Equal("forbidden", e.ServerCode, "server code");
                Assert.Throws<ForbiddenException>(() => client.PollQueue("pending_invoice"), "another queue");
            }
        }

        [Test]
        public static void UnknownOrderIsNotFound()
        {
            using (ShipLinkClient client = Sandbox.Client())
            {
                var e = Assert.Throws<NotFoundException>(
                    () => client.Accept("{\"order\":{\"order_id\":\"FO-999999999\",\"items\":[{\"item_id\":55501,\"qty\":1}]}}"), "404");
                Assert.Equal((int?)404, e.HttpStatus, "HTTP status");
                Assert.Equal("order_not_found", e.ServerCode, "server code");
                Assert.Contains("FO-999999999", e.Body, "the body names the order");
                Assert.Throws<NotFoundException>(() => client.Invoice(
                    "{\"order\":{\"order_id\":\"FO-999999998\",\"items\":[{\"item_id\":1}],\"shipping_amount_incl_tax\":0}}"), "invoice");
            }
        }

        [Test]
        public static void UnknownStoreCodeIsNotFound()
        {
            using (var client = new ShipLinkClient(new ShipLinkConfig { BaseUrl = Sandbox.Url, Token = Sandbox.Token, StoreCode = "zz" }))
            {
                var e = Assert.Throws<NotFoundException>(() => client.PollQueue("pending_accept"), "404");
                Assert.Equal("store_not_found", e.ServerCode, "server code");
            }
        }

        [Test]
        public static void BadInputIsInvalidArgumentNamingTheField()
        {
            using (ShipLinkClient client = Sandbox.Client())
            {
                var cases = new[]
                {
                    new { Call = (Func<string, string>)client.Accept, Request = "{\"order\":", Field = "request_json" },
                    new { Call = (Func<string, string>)client.Accept, Request = "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":-2}]}}", Field = "order.items[0].qty" },
                    new { Call = (Func<string, string>)client.Reject, Request = "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":3}]}}", Field = "order.items[0].qty" },
                    new { Call = (Func<string, string>)client.Allocate, Request = "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":\"x\"}]}}", Field = "order.items[0].item_id" },
                    new { Call = (Func<string, string>)client.Ship, Request = "{\"shipment\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1,\"qty\":1}]}}", Field = "shipment.tracks" },
                    new { Call = (Func<string, string>)client.Invoice, Request = "{\"order\":{\"order_id\":\"FO-1\",\"items\":[{\"item_id\":1}],\"shipping_amount_incl_tax\":-1}}", Field = "order.shipping_amount_incl_tax" },
                };
                foreach (var c in cases)
                {
                    var e = Assert.Throws<InvalidArgumentException>(() => c.Call(c.Request), c.Request);
                    Assert.Contains(c.Field, e.Message, "the message names the field");
                    Assert.Equal(0, e.Attempts, "nothing was sent");
                    Assert.Equal((int?)null, e.HttpStatus, "no HTTP status");
                    Assert.True(e.Body == null, "no body");
                }
                Assert.Contains("unknown queue", Assert.Throws<InvalidArgumentException>(() => client.PollQueue("pending"), "queue").Message, "queue");
                Assert.Contains("since", Assert.Throws<InvalidArgumentException>(() => client.PollQueue("failed", 1, "yesterday"), "since").Message, "since");
                Assert.Contains("page", Assert.Throws<InvalidArgumentException>(() => client.PollQueue("failed", 0), "page 0").Message, "page");
                Assert.Throws<ArgumentOutOfRangeException>(() => client.PollQueue("failed", -1), "negative page");
                Assert.Throws<InvalidArgumentException>(() => client.IterQueue("nope").GetEnumerator(), "iterator queue");
                Assert.Throws<InvalidArgumentException>(() => client.IterQueue("failed", "2026-13-01 00:00:00").GetEnumerator(), "iterator since");
            }
        }

        [Test]
        public static void NullAndInvalidUtf16AreRefusedBeforeAnyNativeCall()
        {
            using (ShipLinkClient client = Sandbox.Client())
            {
                const string lone = "{\"order\":{\"order_id\":\"FO-\uD800\",\"items\":[{\"item_id\":1,\"qty\":1}]}}";
                var actions = new Func<string, string>[] { client.Accept, client.Reject, client.Allocate, client.Ship, client.Invoice };
                foreach (Func<string, string> action in actions)
                {
                    Assert.Equal("requestJson", Assert.Throws<ArgumentNullException>(() => action(null), "null").ParamName, "param");
                    var e = Assert.Throws<ArgumentException>(() => action(lone), "lone surrogate");
                    Assert.Equal("requestJson", e.ParamName, "param");
                    Assert.Contains("surrogate", e.Message, "says why");
                    Assert.Throws<ArgumentException>(() => action("{\"a\":\"\uDC00x\"}"), "lone low surrogate");
                    Assert.Throws<ArgumentException>(() => action("{\"a\":\"x\0y\"}"), "an embedded NUL");
                }
                Assert.Throws<ArgumentNullException>(() => client.PollQueue(null), "null queue");
                Assert.Throws<ArgumentException>(() => client.PollQueue("pending_accept\uD83D"), "queue");
                Assert.Throws<ArgumentException>(() => client.PollQueue("pending_accept", 1, "\uDFFF"), "since");
                Assert.Throws<ArgumentNullException>(() => client.IterQueue(null), "iterator queue (eagerly)");
                Assert.Throws<ArgumentException>(() => client.IterQueue("failed", "\uD800"), "iterator since (eagerly)");
                // A valid pair is fine.
                Assert.Equal("[]", client.PollQueue("failed"), "client still fine");
            }
            var secret = Assert.Throws<ArgumentException>(
                () => new ShipLinkClient(new ShipLinkConfig { BaseUrl = Sandbox.Url, Token = "tok\uD800en-secret" }), "token");
            Assert.NotContains("secret", secret.Message, "the value is never quoted");
            Assert.Throws<ArgumentNullException>(() => new ShipLinkClient((ShipLinkConfig)null), "null config");
            Assert.Throws<ArgumentNullException>(() => new ShipLinkClient((string)null), "null config JSON");
        }

        [Test]
        public static void NativeNullsAreInvalidArgument()
        {
            // What the binding never sends, straight through NativeMethods: the C ABI's own checks.
            IntPtr json;
            using (ShipLinkClient client = Sandbox.Client())
            {
                int status = NativeMethods.shiplink_accept(client.Handle, null, out json);
                var e = Assert.Throws<InvalidArgumentException>(() => Errors.TakeResult(status, json), "NULL request");
                Assert.Contains("request_json", e.Message, "names it");
                status = NativeMethods.shiplink_poll_queue(client.Handle, null, 1, null, out json);
                Assert.Contains("queue", Assert.Throws<InvalidArgumentException>(() => Errors.TakeResult(status, json), "NULL queue").Message, "names it");
            }
            ClientHandle none;
            int created = NativeMethods.shiplink_client_new(null, out none);
            Assert.True(none.IsInvalid, "no handle on failure");
            Assert.Contains("config_json", Assert.Throws<InvalidArgumentException>(() => Errors.Check(created), "NULL config").Message, "names it");
            Assert.True(NativeMethods.shiplink_last_error() != IntPtr.Zero, "detail kept until the next call");
            NativeMethods.shiplink_string_free(IntPtr.Zero); // NULL is a no-op
        }

        [Test]
        public static void ConfigurationErrors()
        {
            var e = Assert.Throws<InvalidArgumentException>(() => new ShipLinkClient(
                "{\"base_url\":\"https://x.example\",\"token\":\"t\",\"timeout\":5}"), "unknown key");
            Assert.Contains("timeout", e.Message, "names the key");
            Assert.Contains("base_url", Assert.Throws<InvalidArgumentException>(
                () => new ShipLinkClient(new ShipLinkConfig { Token = "t" }), "missing base_url").Message, "names it");
            Assert.Contains("token", Assert.Throws<InvalidArgumentException>(
                () => new ShipLinkClient(new ShipLinkConfig { BaseUrl = Sandbox.Url }), "missing token").Message, "names it");
            Assert.Contains("base_url", Assert.Throws<InvalidArgumentException>(
                () => new ShipLinkClient(new ShipLinkConfig { BaseUrl = "http://erp.example.com", Token = "t" }), "plain http").Message, "names it");
            Assert.Throws<InvalidArgumentException>(() => new ShipLinkClient("{not json"), "garbage");
            Assert.Throws<InvalidArgumentException>(() => new ShipLinkClient(
                new ShipLinkConfig { BaseUrl = Sandbox.Url, Token = "t", Timeout = TimeSpan.FromSeconds(-1) }), "negative timeout");
            // Every property maps to a key the library knows.
            var full = new ShipLinkConfig
            {
                BaseUrl = "http://erp.example.com", Token = "t\"q\\", StoreCode = "rs", Timeout = TimeSpan.FromSeconds(5),
                ConnectTimeout = TimeSpan.FromMilliseconds(1500.5), MaxRetries = 2, RetryBase = TimeSpan.FromMilliseconds(100),
                RetryMax = TimeSpan.FromSeconds(1), RetryAfterMax = TimeSpan.FromSeconds(10), MaxResponseBytes = 1 << 20,
                Proxy = "http://127.0.0.1:3128", UserAgent = "erp-addin/1.0 (ünï)", AllowInsecureHttp = true,
            };
            using (var client = new ShipLinkClient(full)) { }
            Assert.Contains("\"connect_timeout_ms\":1501", full.ToJson(), "rounded up");
        }

        [Test]
        public static void ConnectionRefusedIsNetwork()
        {
            int port;
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop(); // a free port nobody listens on
            using (var client = new ShipLinkClient(new ShipLinkConfig { BaseUrl = "http://127.0.0.1:" + port, Token = "t", MaxRetries = 1, RetryBase = TimeSpan.FromMilliseconds(1) }))
            {
                var e = Assert.Throws<NetworkException>(() => client.PollQueue("pending_accept"), "nobody listening");
                Assert.Equal((int?)null, e.HttpStatus, "no HTTP status");
                Assert.Equal(2, e.Attempts, "retried once");
            }
        }

        [Test]
        public static void SilentServerIsTimeout()
        {
            using (CannedServer server = CannedServer.Silent())
            using (var client = new ShipLinkClient(new ShipLinkConfig
            {
                BaseUrl = server.Url, Token = "t", Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0,
            }))
            {
                var e = Assert.Throws<ShipLinkTimeoutException>(() => client.PollQueue("pending_accept"), "no answer");
                Assert.Equal(ShipLinkStatus.Timeout, e.Status, "status");
                Assert.Equal(1, e.Attempts, "one attempt");
            }
        }

        [Test]
        public static void ServerErrorsAfterRetries()
        {
            using (var server = new CannedServer(503, "Service Unavailable", "{\"message\":\"down for maintenance\",\"code\":\"maintenance\"}"))
            using (var client = new ShipLinkClient(new ShipLinkConfig
            {
                BaseUrl = server.Url, Token = "t", MaxRetries = 2, RetryBase = TimeSpan.FromMilliseconds(1), RetryMax = TimeSpan.FromMilliseconds(2),
            }))
            {
                var e = Assert.Throws<ServerErrorException>(() => client.PollQueue("pending_accept"), "5xx");
                Assert.Equal((int?)503, e.HttpStatus, "HTTP status");
                Assert.Equal(3, e.Attempts, "first attempt + 2 retries");
                Assert.Equal(3, server.Requests, "three requests seen");
                Assert.Equal("maintenance", e.ServerCode, "server code");
                Assert.Equal("down for maintenance", J.Parse(e.Body)["message"].Str, "body");
            }
        }

        [Test]
        public static void TextBodiesAndOtherStatuses()
        {
            using (var server = new CannedServer(409, "Conflict", "plain text, not JSON"))
            using (var client = new ShipLinkClient(new ShipLinkConfig { BaseUrl = server.Url, Token = "t", MaxRetries = 0 }))
            {
                var e = Assert.Throws<ConflictException>(() => client.PollQueue("pending_accept"), "409");
                Assert.Equal("plain text, not JSON", e.Body, "a text body is kept as text");
                Assert.True(e.ServerCode == null, "no server code");
            }
            using (var server = new CannedServer(429, "Too Many Requests", "{\"message\":\"slow down\"}", "Retry-After: 3600\r\n"))
            using (var client = new ShipLinkClient(new ShipLinkConfig
            {
                BaseUrl = server.Url, Token = "t", MaxRetries = 3, RetryAfterMax = TimeSpan.FromSeconds(1),
            }))
            {
                var e = Assert.Throws<RateLimitedException>(() => client.PollQueue("pending_accept"), "429");
                Assert.Equal((int?)429, e.HttpStatus, "HTTP status");
                Assert.Equal(1, server.Requests, "a Retry-After beyond the limit is not waited out");
            }
            using (var server = new CannedServer(200, "OK", "<html>not the API</html>"))
            using (var client = new ShipLinkClient(new ShipLinkConfig { BaseUrl = server.Url, Token = "t", MaxRetries = 0 }))
            {
                Assert.Throws<DecodeException>(() => client.PollQueue("pending_accept"), "garbage 200");
            }
        }

        [Test]
        public static void MappingCoversEveryStatus()
        {
            var expected = new Dictionary<ShipLinkStatus, Type>
            {
                { ShipLinkStatus.InvalidArgument, typeof(InvalidArgumentException) },
                { ShipLinkStatus.BadRequest, typeof(BadRequestException) },
                { ShipLinkStatus.Unauthorized, typeof(UnauthorizedException) },
                { ShipLinkStatus.Forbidden, typeof(ForbiddenException) },
                { ShipLinkStatus.NotFound, typeof(NotFoundException) },
                { ShipLinkStatus.Conflict, typeof(ConflictException) },
                { ShipLinkStatus.RateLimited, typeof(RateLimitedException) },
                { ShipLinkStatus.ServerError, typeof(ServerErrorException) },
                { ShipLinkStatus.Network, typeof(NetworkException) },
                { ShipLinkStatus.Timeout, typeof(ShipLinkTimeoutException) },
                { ShipLinkStatus.Tls, typeof(TlsException) },
                { ShipLinkStatus.Decode, typeof(DecodeException) },
                { ShipLinkStatus.OutcomeUnknown, typeof(OutcomeUnknownException) },
                { ShipLinkStatus.SignatureMismatch, typeof(SignatureMismatchException) },
                { ShipLinkStatus.SignatureExpired, typeof(SignatureExpiredException) },
                { ShipLinkStatus.SignatureMalformed, typeof(SignatureMalformedException) },
                { ShipLinkStatus.Internal, typeof(ShipLinkInternalException) },
            };
            foreach (KeyValuePair<ShipLinkStatus, Type> pair in expected)
            {
                ShipLinkException e = Errors.Create(pair.Key, "m", 500, "{}", 2);
                Assert.Equal(pair.Value, e.GetType(), pair.Key.ToString());
                Assert.Equal(pair.Key, e.Status, "status of " + pair.Value.Name);
                // The enum matches the library's names: "BAD_REQUEST" for BadRequest.
                string name = Utf8.FromNative(NativeMethods.shiplink_status_name((int)pair.Key));
                Assert.Equal(name.Replace("_", ""), pair.Key.ToString().ToUpperInvariant(), "enum name");
            }
            Assert.Equal("UNKNOWN", Utf8.FromNative(NativeMethods.shiplink_status_name(19)), "no status 19 yet");
            ShipLinkException unknown = Errors.Create((ShipLinkStatus)99, "m", null, null, 0);
            Assert.Equal(typeof(ShipLinkException), unknown.GetType(), "a future status");
            // A message full of format items is text, never a format string.
            ShipLinkException braces = Errors.Create(ShipLinkStatus.BadRequest, "{0} {1:x} {", null, null, 0);
            Assert.Equal("{0} {1:x} {", braces.Message, "braces kept");
        }
    }
}
