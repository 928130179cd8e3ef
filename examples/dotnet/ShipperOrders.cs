// Pushes a day's orders from a shop's CSV export into Shipper, then reports their statuses and
// the delivery stats. Each row carries the shop's order number as external_order_id: when an
// answer is lost, shiplink finds the order by it instead of creating it twice; a row whose
// outcome stays unknown is reported, never re-sent.
//
//   mono ShipperOrders.exe orders.csv https://server.shipper.network/api/v1 "$SHIPPER_API_KEY"
//
// CSV columns: external_order_id,name,phone,address,division_1,country,sku,quantity,total_price
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using ShipLink;

internal static class ShipperOrders
{
    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: ShipperOrders.exe ORDERS.csv BASE_URL TOKEN");
            return 2;
        }
        string started = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        int failed = 0;
        string config = "{\"base_url\":" + Quote(args[1]) + ",\"token\":" + Quote(args[2]) + "}";
        using (var client = new ShipperClient(config))
        {
            var uuids = new Dictionary<string, string>();
            using (ListWalk products = client.Iter("products"))
            {
                foreach (string product in products)
                {
                    XmlElement p = Parse(product);
                    uuids[Text(p, "sku")] = Text(p, "uuid");
                }
            }

            string[] lines = File.ReadAllLines(args[0], Encoding.UTF8);
            for (int n = 1; n < lines.Length; n++)
            {
                string[] f = lines[n].Split(',');
                if (f.Length < 9) continue;
                string uuid;
                if (!uuids.TryGetValue(f[6], out uuid)) uuid = f[6];
                string order = "{\"address\":{\"name\":" + Quote(f[1]) + ",\"phone1\":" + Quote(f[2]) +
                    ",\"address1\":" + Quote(f[3]) + ",\"division_1\":" + Quote(f[4]) + ",\"country\":" + Quote(f[5]) +
                    "},\"items\":[{\"id\":" + Quote(uuid) + ",\"quantity\":" + f[7] + ",\"total_price\":" + f[8] +
                    "}],\"is_cod\":true,\"external_order_id\":" + Quote(f[0]) + "}";
                try
                {
                    XmlElement created = Parse(client.CreateOrder(order));
                    bool reconciled = created.SelectSingleNode("reconciled") != null;
                    Console.WriteLine("pushed " + f[0] + " as order " + Text(created, "id") +
                        (reconciled ? " (found after a lost answer)" : ""));
                }
                catch (OutcomeUnknownException e)
                {
                    failed++;
                    Console.Error.WriteLine("UNKNOWN " + f[0] + ": " + e.Message + " (check before pushing it again)");
                }
                catch (ShipLinkException e)
                {
                    failed++;
                    Console.Error.WriteLine("FAILED " + f[0] + ": " + e.Message + (e.Body != null ? " " + e.Body : ""));
                }
            }

            using (ListWalk orders = client.Iter("orders", "{\"start_date\":" + Quote(started) + "}"))
            {
                foreach (string order in orders)
                {
                    XmlElement o = Parse(order);
                    Console.WriteLine("order " + Text(o, "id") + " (" + Text(o, "external_order_id") + "): " + Text(o, "status"));
                }
            }
            XmlElement stats = Parse(client.Dashboard("delivery-stats", "{\"start_date\":" + Quote(started) + "}"));
            foreach (XmlElement line in stats.SelectNodes("total_by_status/item"))
            {
                Console.WriteLine("shipments " + Text(line, "status") + ": " + Text(line, "count"));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    // JSON through the BCL's JSON-as-XML reader: no package needed.
    private static XmlElement Parse(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        using (XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
        {
            var doc = new XmlDocument();
            doc.Load(reader);
            return doc.DocumentElement;
        }
    }

    private static string Text(XmlElement e, string name)
    {
        XmlNode node = e.SelectSingleNode(name);
        return node == null ? "" : node.InnerText;
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c < ' ') sb.AppendFormat(CultureInfo.InvariantCulture, "\\u{0:x4}", (int)c);
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
