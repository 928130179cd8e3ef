// Drains one queue through the .NET binding and prints how many orders it saw.
// usage: mono drain.exe BASE_URL TOKEN STORE_CODE
using System;
using ShipLink;

static class Drain
{
    static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: drain.exe BASE_URL TOKEN STORE_CODE");
            return 2;
        }
        var config = new ShipLinkConfig { BaseUrl = args[0], Token = args[1], StoreCode = args[2] };
        long orders = 0;
        using (var client = new ShipLinkClient(config))
        {
            foreach (string order in client.IterQueue("pending_accept"))
                orders++;
        }
        Console.WriteLine(orders);
        return 0;
    }
}
