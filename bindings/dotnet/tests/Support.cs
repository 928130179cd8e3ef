// Test support: the sandbox's admin surface, a JSON view over the binding's own JSON reader,
// request builders, a canned-answer HTTP server for failures the sandbox does not produce, and
// process memory.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Xml;

namespace ShipLink.Tests
{
    /// <summary>A read-only view of a JSON value (through the binding's JsonXml).</summary>
    internal sealed class J
    {
        private readonly XmlElement e;

        private J(XmlElement e)
        {
            this.e = e;
        }

        public static J Parse(string json)
        {
            return new J(JsonXml.Load(json));
        }

        public string Type
        {
            get { return JsonXml.TypeOf(e); }
        }

        public bool Has(string key)
        {
            return JsonXml.Member(e, key) != null;
        }

        public J this[string key]
        {
            get
            {
                XmlElement member = JsonXml.Member(e, key);
                if (member == null) throw new AssertionException("no \"" + key + "\" in " + this);
                return new J(member);
            }
        }

        public J this[int index]
        {
            get { return Items[index]; }
        }

        public List<J> Items
        {
            get
            {
                if (Type != "array") throw new AssertionException("not an array: " + this);
                return e.ChildNodes.OfType<XmlElement>().Select(x => new J(x)).ToList();
            }
        }

        public int Count
        {
            get { return Items.Count; }
        }

        public string Str
        {
            get { return e.InnerText; }
        }

        /// <summary>A number as its JSON text, for building requests without float formatting.</summary>
        public string Raw
        {
            get { return e.InnerText; }
        }

        public double Num
        {
            get { return double.Parse(e.InnerText, CultureInfo.InvariantCulture); }
        }

        public override string ToString()
        {
            return JsonXml.ToJson(e);
        }
    }

    /// <summary>Request bodies as the README documents them, built from an order view.</summary>
    internal static class Requests
    {
        public static string Quote(string s)
        {
            return JsonObjectWriter.Quote(s);
        }

        private static string Lines(J order, bool withQty)
        {
            return "[" + string.Join(",", order["items"].Items.Select(i =>
                "{\"item_id\":" + i["item_id"].Raw + (withQty ? ",\"qty\":" + i["qty"].Raw : "") + "}")) + "]";
        }

        public static string AcceptAll(J order)
        {
            return "{\"order\":{\"order_id\":" + Quote(order["order_id"].Str) + ",\"items\":" + Lines(order, true) + "}}";
        }

        public static string ItemsOnly(J order)
        {
            return "{\"order\":{\"order_id\":" + Quote(order["order_id"].Str) + ",\"items\":" + Lines(order, false) + "}}";
        }

        public static string ShipAll(J order)
        {
            string id = order["order_id"].Str;
            return "{\"shipment\":{\"order_id\":" + Quote(id) + ",\"items\":" + Lines(order, true) +
                   ",\"tracks\":[{\"carrier_code\":\"dhl\",\"title\":\"DHL Express\",\"track_number\":" +
                   Quote("JD" + id.Substring(3)) + "}],\"cod_amount\":0,\"package_value\":10.5}}";
        }

        public static string InvoiceAll(J order)
        {
            return "{\"order\":{\"order_id\":" + Quote(order["order_id"].Str) + ",\"items\":" + Lines(order, false) +
                   ",\"shipping_amount_incl_tax\":" + order["shipping_amount_incl_tax"].Raw + "}}";
        }
    }

    internal static class Sandbox
    {
        public static readonly string Url = Env("SHIPLINK_SANDBOX_URL");
        public static readonly string Token = Env("SHIPLINK_SANDBOX_TOKEN");

        private static string Env(string name)
        {
            string value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                Console.Error.WriteLine(name + " is not set (scripts/test-dotnet sets it)");
                Environment.Exit(2);
            }
            return value;
        }

        public static ShipLinkClient Client(string token = null)
        {
            return new ShipLinkClient(new ShipLinkConfig
            {
                BaseUrl = Url,
                Token = token ?? Token,
                StoreCode = "all",
                Timeout = TimeSpan.FromSeconds(20),
                MaxRetries = 1,
            });
        }

        /// <summary>Calls the admin surface; throws unless the answer is 2xx.</summary>
        public static string Admin(string method, string path, string body = null)
        {
            var request = (HttpWebRequest)WebRequest.Create(Url + path);
            request.Method = method;
            request.Proxy = null;
            request.KeepAlive = false;
            if (body != null)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(body);
                request.ContentType = "application/json";
                request.ContentLength = bytes.Length;
                using (Stream stream = request.GetRequestStream()) stream.Write(bytes, 0, bytes.Length);
            }
            else if (method == "POST")
            {
                request.ContentLength = 0;
            }
            try
            {
                using (var response = (HttpWebResponse)request.GetResponse())
                using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
                {
                    return reader.ReadToEnd();
                }
            }
            catch (WebException e)
            {
                string text = "";
                if (e.Response != null)
                {
                    using (var reader = new StreamReader(e.Response.GetResponseStream(), Encoding.UTF8)) text = reader.ReadToEnd();
                }
                throw new AssertionException(method + " " + path + " failed: " + e.Message + " " + text);
            }
        }

        public static void Reset()
        {
            Admin("POST", "/sandbox/reset");
        }

        /// <summary>Adds <paramref name="count"/> generated orders; <paramref name="extra"/> is more
        /// members of the request (",\"min_items\":2").</summary>
        public static List<J> Seed(int count, string extra = "")
        {
            return J.Parse(Admin("POST", "/sandbox/orders", "{\"count\":" + count + extra + "}"))["orders"].Items;
        }

        public static List<J> Create(string ordersJson)
        {
            return J.Parse(Admin("POST", "/sandbox/orders", "{\"orders\":" + ordersJson + "}"))["orders"].Items;
        }

        public static J Order(string id)
        {
            return J.Parse(Admin("GET", "/sandbox/orders/" + id));
        }

        public static J Stats()
        {
            return J.Parse(Admin("GET", "/sandbox/stats"));
        }

        public static void AddToken(string token, string scopesJson)
        {
            Admin("POST", "/sandbox/tokens", "{\"token\":" + Requests.Quote(token) + ",\"scopes\":" + scopesJson + "}");
        }
    }

    /// <summary>An HTTP server on loopback that answers every request with one canned response
    /// (or never answers), for the failures the sandbox process does not produce.</summary>
    internal sealed class CannedServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly string response; // null: read the request, then never answer
        private readonly Thread thread;
        private readonly ManualResetEvent stopping = new ManualResetEvent(false);
        private readonly List<TcpClient> open = new List<TcpClient>();
        private int requests;

        public CannedServer(int status, string reason, string body, string extraHeaders = "")
        {
            byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
            response = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: " +
                       bodyBytes.Length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            thread = new Thread(Serve) { IsBackground = true };
            thread.Start();
        }

        private CannedServer()
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            thread = new Thread(Serve) { IsBackground = true };
            thread.Start();
        }

        /// <summary>Accepts connections and reads requests but never answers.</summary>
        public static CannedServer Silent()
        {
            return new CannedServer();
        }

        public string Url
        {
            get { return "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port; }
        }

        public int Requests
        {
            get { return Volatile.Read(ref requests); }
        }

        private void Serve()
        {
            while (!stopping.WaitOne(0))
            {
                TcpClient client;
                try
                {
                    client = listener.AcceptTcpClient();
                }
                catch (Exception)
                {
                    return; // stopped
                }
                lock (open) open.Add(client);
                try
                {
                    NetworkStream stream = client.GetStream();
                    ReadRequest(stream);
                    Interlocked.Increment(ref requests);
                    if (response == null) continue; // hold the connection open, silent
                    byte[] bytes = Encoding.UTF8.GetBytes(response);
                    stream.Write(bytes, 0, bytes.Length);
                    client.Close();
                }
                catch (Exception)
                {
                    client.Close();
                }
            }
        }

        private static void ReadRequest(NetworkStream stream)
        {
            var head = new StringBuilder();
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                int b = stream.ReadByte();
                if (b < 0) return;
                head.Append((char)b);
            }
            foreach (string line in head.ToString().Split('\n'))
            {
                if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
                {
                    int length = int.Parse(line.Substring(15).Trim(), CultureInfo.InvariantCulture);
                    var body = new byte[length];
                    int read = 0;
                    while (read < length)
                    {
                        int n = stream.Read(body, read, length - read);
                        if (n <= 0) return;
                        read += n;
                    }
                }
            }
        }

        public void Dispose()
        {
            stopping.Set();
            listener.Stop();
            lock (open) foreach (TcpClient client in open) client.Close();
        }
    }

    internal static class Memory
    {
        /// <summary>This process's resident set size in bytes (Linux /proc).</summary>
        public static long Rss()
        {
            string statm = File.ReadAllText("/proc/self/statm");
            return long.Parse(statm.Split(' ')[1], CultureInfo.InvariantCulture) * 4096;
        }

        public static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
