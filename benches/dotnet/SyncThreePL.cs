// Syncs every shipment of a 3PL through the .NET binding and prints how many it got.
// usage: mono sync_threepl.exe BASE_URL TOKEN
using System;
using ShipLink;

static class SyncThreePL
{
    static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: sync_threepl.exe BASE_URL TOKEN");
            return 2;
        }
        long shipments = 0;
        using (var client = new ThreePLClient("{\"base_url\":\"" + args[0] + "\",\"token\":\"" + args[1] + "\"}"))
        using (ListWalk walk = client.Iter("shipments"))
        {
            foreach (string shipment in walk)
                shipments++;
            walk.Checkpoint();
        }
        Console.WriteLine(shipments);
        return 0;
    }
}
