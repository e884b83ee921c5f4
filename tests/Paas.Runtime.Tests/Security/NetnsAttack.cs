using Paas.Runtime.Tests.Network;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Attacks run from inside a container's netns as host root (<c>ip netns exec</c>): every
/// capability, including NET_RAW and NET_ADMIN, so the worst case a container could ever get.
/// </summary>
internal static class NetnsAttack
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Sends one hand-made TCP SYN on an AF_PACKET socket to <c>DST_MAC</c> (the gateway's, so the
    /// host routes it whatever the destination address) and waits for the answer on the same
    /// socket, which sees it even when the container's kernel drops it (127.0.0.1 is martian there).
    /// Prints "ANSWER flags=0x.." or "NOANSWER".
    /// </summary>
    private const string RawSynScript = """
        import random, select, socket, struct, sys, time
        ifname, dmac, src, dst, dport, wait = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
        def csum(b):
            if len(b) % 2: b += b"\0"
            s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
            while s >> 16: s = (s & 0xffff) + (s >> 16)
            return (~s) & 0xffff
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
        s.bind((ifname, 0x0800))
        smac = s.getsockname()[4]
        sport, seq = random.randint(20000, 60000), random.randint(0, 2**32 - 1)
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x02, 64240, 0, 0)
        pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), random.randint(0, 65535), 0x4000, 64, 6, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        s.send(bytes.fromhex(dmac.replace(":", "")) + smac + struct.pack("!H", 0x0800) + ip + tcp)
        deadline = time.time() + wait
        while True:
            left = deadline - time.time()
            if left <= 0 or not select.select([s], [], [], left)[0]: break
            iph = s.recv(65535)[14:]
            if len(iph) < 40 or iph[9] != 6: continue
            t = iph[(iph[0] & 0xf) * 4:]
            sp, dp = struct.unpack("!HH", t[:4])
            if socket.inet_ntoa(iph[12:16]) == dst and sp == dport and dp == sport:
                print("ANSWER flags=0x%02x" % t[13]); sys.exit(0)
        print("NOANSWER")
        """;

    /// <summary>Prints "CONNECTED" or "FAILED reason".</summary>
    private const string ConnectScript = """
        import socket, sys
        try:
            socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=float(sys.argv[3])).close()
            print("CONNECTED")
        except OSError as e:
            print("FAILED", type(e).__name__, e)
        """;

    public static async Task<string> RawSynAsync(string netns, string gatewayMac, string source, string destination, int port) =>
        await PythonAsync(netns, RawSynScript, "eth0", gatewayMac, source, destination, port.ToString(), "3");

    public static async Task<string> ConnectAsync(string netns, string destination, int port) =>
        await PythonAsync(netns, ConnectScript, destination, port.ToString(), "2");

    private static async Task<string> PythonAsync(string netns, string script, params string[] arguments)
    {
        Assert.True(File.Exists(Python), $"{Python} is needed to attack from inside the test netns (apt-get install python3)");
        var output = await HostTool.RunAsync("ip", ["netns", "exec", netns, Python, "-c", script, .. arguments]);
        Assert.True(output.ExitCode == 0, $"python in {netns} failed: {output.Stderr}");
        return output.Stdout.Trim();
    }
}
