// An ERP add-in's 3PL job: push orders, amend one, cancel one, then pull shipments and stock.
//
//   mono threepl-sync.exe BASE_URL TOKEN STATE_DIR
//
// BASE_URL is the 3PL's API root (https://api.your-3pl.com/v1; the sandbox's is
// http://127.0.0.1:PORT/v1). STATE_DIR stands in for the ERP's database: each walk's rows and
// its checkpoint are written together, so the next run picks up only what changed.
using System;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using ShipLink;

[DataContract]
internal sealed class Created
{
    [DataMember(Name = "id")] public string Id;
    [DataMember(Name = "status")] public string Status;
    [DataMember(Name = "version")] public string Version;
}

internal static class ThreePLSync
{
    private static T Read<T>(string json)
    {
        var serializer = new DataContractJsonSerializer(typeof(T));
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json))) return (T)serializer.ReadObject(stream);
    }

    private static string Order(int n)
    {
        return "{\"order_number\":\"SO-20042" + n + "\",\"reference\":\"NET-F-20042" + n + "\",\"warehouse_id\":\"wh_syd_1\"," +
               "\"ship_to\":{\"name\":\"Jane Doe\",\"address1\":\"123 Main St\",\"city\":\"Sydney\",\"country\":\"AU\"}," +
               "\"items\":[{\"sku\":\"SPROCKET-XL\",\"quantity\":" + n + ",\"unit_price\":\"12.50\",\"currency\":\"AUD\"}]}";
    }

    /// <summary>Walks one resource from its stored checkpoint; appends each row, then stores the
    /// new checkpoint (rows first: a crash in between repeats rows, never loses one).</summary>
    private static int Sync(ThreePLClient client, string dir, string resource)
    {
        string checkpointFile = Path.Combine(dir, resource + ".checkpoint");
        string query = File.Exists(checkpointFile)
            ? "{\"checkpoint\":" + Quote(File.ReadAllText(checkpointFile)) + "}"
            : null;
        int received = 0;
        using (ListWalk walk = client.Iter(resource, query))
        using (StreamWriter rows = File.AppendText(Path.Combine(dir, resource + ".jsonl")))
        {
            foreach (string row in walk)
            {
                rows.WriteLine(row);
                received++;
            }
            rows.Flush();
            File.WriteAllText(checkpointFile, walk.Checkpoint());
        }
        return received;
    }

    private static string Quote(string s)
    {
        return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: threepl-sync.exe BASE_URL TOKEN STATE_DIR");
            return 2;
        }
        Directory.CreateDirectory(args[2]);
        string config = "{\"base_url\":" + Quote(args[0]) + ",\"token\":" + Quote(args[1]) + "}";
        using (var client = new ThreePLClient(config))
        {
            var orders = new Created[3];
            for (int n = 1; n <= 3; n++) orders[n - 1] = Read<Created>(client.CreateOrder(Order(n)));
            Created first = Read<Created>(client.GetOrder(orders[0].Id));
            if (first.Status == "received" && first.Version == "1")
            {
                try
                {
                    client.AmendOrder(first.Id, "{\"packing_note\":\"Leave at reception\"}", first.Version);
                }
                catch (ConflictException e)
                {
                    Console.WriteLine("amend refused: " + e.Body);
                }
            }
            try
            {
                client.CancelOrder(orders[2].Id);
            }
            catch (ConflictException e)
            {
                Console.WriteLine("cancel refused: " + e.Body);
            }
            Console.WriteLine("orders: " + orders.Length + " pushed");
            Console.WriteLine("shipments: " + Sync(client, args[2], "shipments") + " new");
            Console.WriteLine("inventory: " + Sync(client, args[2], "inventory") + " new");
        }
        return 0;
    }
}
