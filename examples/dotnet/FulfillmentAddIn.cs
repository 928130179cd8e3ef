// An ERP add-in in ShipperOne's fulfillment-partner role, on the ShipLink .NET binding:
// it accepts every pending order in full and ships every order that is ready, one parcel each.
// Orders are read and requests written with DataContractJsonSerializer (BCL only).
//
//   mcs -out:addin.exe -r:System.Runtime.Serialization.dll -r:System.Xml.dll \
//       examples/dotnet/FulfillmentAddIn.cs bindings/dotnet/src/*.cs
//   mono addin.exe BASE_URL TOKEN [--erp]
//
// Allocation belongs to the ERP role: between accept and ship, ShipperOne waits for it. With
// --erp this program also plays the ERP and allocates what it accepted, so one run takes the
// orders from pending_accept to pending_invoice (against shiplink-sandbox, for instance).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using ShipLink;

namespace FulfillmentExample
{
    // The parts of a queue entry this add-in needs; other fields are ignored.
    [DataContract]
    internal sealed class Order
    {
        [DataMember(Name = "order_id")] public string OrderId;
        [DataMember(Name = "status")] public string Status;
        [DataMember(Name = "items")] public List<Line> Items;
    }

    [DataContract]
    internal sealed class Line
    {
        [DataMember(Name = "item_id")] public long ItemId;
        [DataMember(Name = "qty", EmitDefaultValue = false)] public double? Qty;
    }

    [DataContract]
    internal sealed class Track
    {
        [DataMember(Name = "carrier_code")] public string CarrierCode;
        [DataMember(Name = "title")] public string Title;
        [DataMember(Name = "track_number")] public string TrackNumber;
    }

    // {"order":{"order_id","items":[…]}} for accept and allocate.
    [DataContract]
    internal sealed class OrderRequest
    {
        [DataMember(Name = "order")] public OrderBody Order;
    }

    [DataContract]
    internal sealed class OrderBody
    {
        [DataMember(Name = "order_id")] public string OrderId;
        [DataMember(Name = "items")] public List<Line> Items;
    }

    // {"shipment":{"order_id","items":[…],"tracks":[…]}} for ship.
    [DataContract]
    internal sealed class ShipmentRequest
    {
        [DataMember(Name = "shipment")] public Shipment Shipment;
    }

    [DataContract]
    internal sealed class Shipment
    {
        [DataMember(Name = "order_id")] public string OrderId;
        [DataMember(Name = "items")] public List<Line> Items;
        [DataMember(Name = "tracks")] public List<Track> Tracks;
    }

    internal static class Json
    {
        public static T Read<T>(string json)
        {
            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json)))
            {
                return (T)new DataContractJsonSerializer(typeof(T)).ReadObject(stream);
            }
        }

        public static string Write<T>(T value)
        {
            using (var stream = new MemoryStream())
            {
                new DataContractJsonSerializer(typeof(T)).WriteObject(stream, value);
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }

    internal sealed class FulfillmentAddIn
    {
        private readonly ShipLinkClient client;

        public FulfillmentAddIn(ShipLinkClient client)
        {
            this.client = client;
        }

        /// <summary>Walks a queue, doing <paramref name="act"/> on each order. An order the server
        /// refuses is reported and skipped; anything else (network, auth…) ends the cycle.</summary>
        private int Walk(string queue, string stage, Func<Order, string> act)
        {
            int done = 0;
            foreach (string json in client.IterQueue(queue))
            {
                Order order = Json.Read<Order>(json);
                try
                {
                    Order after = Json.Read<Order>(act(order));
                    Console.WriteLine("  {0,-9}{1} -> {2}", stage, order.OrderId, after.Status);
                    done++;
                }
                catch (ShipLinkException e) when (e is BadRequestException || e is NotFoundException || e is ConflictException)
                {
                    // Status, HTTP status and the server's JSON body, e.g. {"code":"partial_not_allowed",…}
                    Console.Error.WriteLine("  {0} {1} refused: {2} (HTTP {3}) {4}", stage, order.OrderId, e.Status, e.HttpStatus, e.Body);
                }
            }
            Console.WriteLine("{0}: {1} order(s)", stage, done);
            return done;
        }

        /// <summary>Accepts every line of every pending order in full (qty 0 would reject a line).</summary>
        public int AcceptPending()
        {
            return Walk(ShipLinkClient.PendingAccept, "accept", order => client.Accept(Json.Write(new OrderRequest
            {
                Order = new OrderBody { OrderId = order.OrderId, Items = order.Items },
            })));
        }

        /// <summary>The ERP's step, for a self-contained demo: confirms allocation of every line.</summary>
        public int AllocateAccepted()
        {
            return Walk(ShipLinkClient.PendingAllocation, "allocate", order => client.Allocate(Json.Write(new OrderRequest
            {
                Order = new OrderBody
                {
                    OrderId = order.OrderId,
                    Items = order.Items.Select(line => new Line { ItemId = line.ItemId }).ToList(),
                },
            })));
        }

        /// <summary>Ships every order ready for shipment: all its lines, one parcel with one track.</summary>
        public int ShipReady()
        {
            return Walk(ShipLinkClient.PendingShipment, "ship", order => client.Ship(Json.Write(new ShipmentRequest
            {
                Shipment = new Shipment
                {
                    OrderId = order.OrderId,
                    Items = order.Items,
                    Tracks = new List<Track>
                    {
                        new Track { CarrierCode = "dhl", Title = "DHL Express", TrackNumber = "JD" + order.OrderId.Substring(3) },
                    },
                },
            })));
        }
    }

    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: addin.exe BASE_URL TOKEN [--erp]");
                return 2;
            }
            bool erp = args.Contains("--erp");
            try
            {
                using (var client = new ShipLinkClient(new ShipLinkConfig
                {
                    BaseUrl = args[0],
                    Token = args[1],
                    StoreCode = "all",
                    Timeout = TimeSpan.FromSeconds(30),
                    MaxRetries = 3,
                }))
                {
                    Console.WriteLine("shiplink " + ShipLinkClient.Version);
                    var addIn = new FulfillmentAddIn(client);
                    addIn.AcceptPending();
                    if (erp) addIn.AllocateAccepted();
                    addIn.ShipReady();
                }
                return 0;
            }
            catch (ShipLinkException e)
            {
                Console.Error.WriteLine("shiplink: {0} (HTTP {1}, {2} attempt(s)): {3} {4}",
                                        e.Status, e.HttpStatus.HasValue ? e.HttpStatus.ToString() : "none", e.Attempts, e.Message, e.Body);
                return 1;
            }
        }
    }
}
