using System.Net;
using System.Net.Sockets;
using Ensemble.Client;

namespace Ensemble.Client.Tests;

public sealed class FreePortsTests
{
    [Fact]
    public void Ports_are_distinct_and_bindable()
    {
        var ports = FreePorts.Take(3);
        Assert.Equal(3, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
        listener.Stop();
    }
}
