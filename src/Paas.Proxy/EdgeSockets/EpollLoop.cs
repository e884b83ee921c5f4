using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Paas.Proxy.EdgeSockets;

/// <summary>
/// One thread waiting in epoll_wait for the <see cref="EdgeSocket"/>s registered with it (edge-triggered,
/// registered once for reading and writing), handing each readiness to its socket, which completes a
/// waiting receive or send right there (inline, as the router's other socket completions run).
/// Two loops per processor by default (<see cref="RouterSettings.EpollThreads"/>), sockets spread over
/// them in turn, as nginx spreads connections over its workers.
/// Process-wide and never stopped: background threads that hold nothing but their epoll instances.
/// </summary>
internal sealed class EpollLoop
{
    private const int MaxEvents = 256;
    private static readonly Lazy<EpollLoop[]> s_loops = new(
        () => Enumerable.Range(0, Count).Select(i => new EpollLoop(i)).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_next;
    [ThreadStatic] private static EpollLoop? t_current;

    private readonly int _epoll;
    private readonly Lock _slotsLock = new();
    // Registered sockets by slot; epoll's data is (generation << 32 | slot), so an event that was
    // already queued for a closed socket never reaches the socket that reuses its slot.
    private EdgeSocket?[] _slots = new EdgeSocket?[64];
    private uint[] _generations = new uint[64];
    private readonly Stack<int> _free = new();
    private int _used;

    private EpollLoop(int index)
    {
        Index = index;
        _epoll = EpollLibC.Create(EpollLibC.EpollCloexec);
        if (_epoll < 0) throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        new Thread(Run) { IsBackground = true, Name = $"paas-router epoll {index}" }.Start();
    }

    public int Index { get; }

    /// <summary>The loop whose thread this is, or null.</summary>
    public static EpollLoop? Current => t_current;

    /// <summary>
    /// The loop for a new socket: the one running this code (a backend connection opened for a client's
    /// request stays on its client's thread, as in an nginx worker), else each in turn.
    /// </summary>
    public static EpollLoop Next()
    {
        if (t_current is { } current) return current;
        var loops = s_loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref s_next) % (uint)loops.Length)];
    }

    /// <summary>How many loops there are (one per processor).</summary>
    public static int Count { get; private set; } = RouterSettings.DefaultEpollThreads;

    /// <summary>
    /// Sets how many loops there are (the router's settings do, at start). Process-wide: once the first
    /// socket started them, later settings (another router in the same test process) change nothing.
    /// </summary>
    public static void Configure(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!s_loops.IsValueCreated) Count = count;
    }

    /// <summary>Watches <paramref name="socket"/>'s descriptor until it is closed (closing removes it from epoll).</summary>
    public void Register(EdgeSocket socket, int fd)
    {
        int slot;
        uint generation;
        lock (_slotsLock)
        {
            if (!_free.TryPop(out slot))
            {
                if (_used == _slots.Length)
                {
                    Array.Resize(ref _slots, _slots.Length * 2);
                    Array.Resize(ref _generations, _generations.Length * 2);
                }
                slot = _used++;
            }
            generation = ++_generations[slot];
            Volatile.Write(ref _slots[slot], socket);
            socket.Slot = slot;
        }
        var evt = new byte[EpollLibC.EventSize];
        BinaryPrimitives.WriteUInt32LittleEndian(evt, EpollLibC.EpollIn | EpollLibC.EpollOut | EpollLibC.EpollRdHup | EpollLibC.EpollEt);
        BinaryPrimitives.WriteUInt64LittleEndian(evt.AsSpan(EpollLibC.DataOffset), (ulong)generation << 32 | (uint)slot);
        if (EpollLibC.Control(_epoll, EpollLibC.CtlAdd, fd, evt) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Unregister(socket);
            throw new IOException($"epoll_ctl(ADD) failed: errno {errno}");
        }
    }

    /// <summary>Before the descriptor is closed: events still queued for it are dropped.</summary>
    public void Unregister(EdgeSocket socket)
    {
        lock (_slotsLock)
        {
            if (socket.Slot < 0 || _slots[socket.Slot] != socket) return;
            _slots[socket.Slot] = null;
            _generations[socket.Slot]++;
            _free.Push(socket.Slot);
            socket.Slot = -1;
        }
    }

    private void Run()
    {
        t_current = this;
        var events = new byte[MaxEvents * EpollLibC.EventSize];
        while (true)
        {
            var count = EpollLibC.Wait(_epoll, events, MaxEvents, -1);
            if (count < 0)
            {
                if (Marshal.GetLastPInvokeError() == EpollLibC.Eintr) continue;
                Environment.FailFast($"paas-router: epoll_wait failed: errno {Marshal.GetLastPInvokeError()}");
            }
            for (var i = 0; i < count; i++)
            {
                var at = events.AsSpan(i * EpollLibC.EventSize, EpollLibC.EventSize);
                var flags = BinaryPrimitives.ReadUInt32LittleEndian(at);
                var data = BinaryPrimitives.ReadUInt64LittleEndian(at[EpollLibC.DataOffset..]);
                if (Find((int)(uint)data, (uint)(data >> 32)) is { } socket) socket.OnReady(flags);
            }
        }
    }

    private EdgeSocket? Find(int slot, uint generation)
    {
        lock (_slotsLock)
            return slot < _used && _generations[slot] == generation ? _slots[slot] : null;
    }
}
