using System.Collections;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Paas.Runtime.Monitor.Native;

namespace Paas.Runtime.Monitor;

/// <summary>
/// Starts a program whose fds 3, 4, ... are sockets of ours, which <see cref="System.Diagnostics.Process"/>
/// cannot do. posix_spawn (vfork + exec in glibc) is safe in a multi-threaded process; our ends are
/// close-on-exec, so no other child started meanwhile inherits them. The caller reaps the child
/// with <see cref="WaitForExit"/>: .NET only reaps the children it started itself.
/// </summary>
internal static class ChildSpawner
{
    /// <summary>stdin is /dev/null; stdout and stderr go to <paramref name="outputFd"/>; extraFds[i] becomes fd 3+i.</summary>
    public static int Spawn(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, int outputFd, IReadOnlyList<int> extraFds)
    {
        var strings = new List<IntPtr>();
        var fileActions = Marshal.AllocHGlobal(SpawnLibC.OpaqueSize);
        var attr = Marshal.AllocHGlobal(SpawnLibC.OpaqueSize);
        var sigset = Marshal.AllocHGlobal(SpawnLibC.SigSetSize * 2);
        try
        {
            Check(SpawnLibC.FileActionsInit(fileActions), "posix_spawn_file_actions_init");
            Check(SpawnLibC.AttrInit(attr), "posix_spawnattr_init");
            try
            {
                Check(SpawnLibC.FileActionsAddOpen(fileActions, 0, "/dev/null", SpawnLibC.ORdOnly, 0), "addopen");
                Check(SpawnLibC.FileActionsAddDup2(fileActions, outputFd, 1), "adddup2");
                Check(SpawnLibC.FileActionsAddDup2(fileActions, outputFd, 2), "adddup2");
                for (var i = 0; i < extraFds.Count; i++)
                    Check(SpawnLibC.FileActionsAddDup2(fileActions, extraFds[i], 3 + i), "adddup2");

                // Like Process.Start: default signal handlers and nothing blocked in the child.
                var empty = sigset;
                var all = sigset + SpawnLibC.SigSetSize;
                SpawnLibC.SigEmptySet(empty);
                SpawnLibC.SigFillSet(all);
                Check(SpawnLibC.AttrSetSigMask(attr, empty), "posix_spawnattr_setsigmask");
                Check(SpawnLibC.AttrSetSigDefault(attr, all), "posix_spawnattr_setsigdefault");
                Check(SpawnLibC.AttrSetFlags(attr, SpawnLibC.PosixSpawnSetSigDef | SpawnLibC.PosixSpawnSetSigMask), "posix_spawnattr_setflags");

                var argv = NullTerminated(strings, args.Prepend(file));
                var envp = NullTerminated(strings, MergedEnvironment(env));
                var error = SpawnLibC.PosixSpawn(out var pid, file, fileActions, attr, argv, envp);
                if (error != 0)
                    throw new IOException($"cannot start {file}: {new Win32Exception(error).Message} (errno {error})");
                return pid;
            }
            finally
            {
                SpawnLibC.FileActionsDestroy(fileActions);
                SpawnLibC.AttrDestroy(attr);
            }
        }
        finally
        {
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
            Marshal.FreeHGlobal(fileActions);
            Marshal.FreeHGlobal(attr);
            Marshal.FreeHGlobal(sigset);
        }
    }

    /// <summary>Blocks until the child exits: its exit code, 128+signal, or null if it is not (or no longer) ours to reap.</summary>
    public static int? WaitForExit(int pid)
    {
        while (true)
        {
            if (SpawnLibC.WaitPid(pid, out var status, 0) == pid)
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            if (Marshal.GetLastPInvokeError() != SpawnLibC.Eintr) return null;
        }
    }

    private static IEnumerable<string> MergedEnvironment(IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            merged[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in overrides) merged[k] = v;
        return merged.Select(e => $"{e.Key}={e.Value}");
    }

    private static IntPtr[] NullTerminated(List<IntPtr> owned, IEnumerable<string> values)
    {
        var pointers = new List<IntPtr>();
        foreach (var v in values)
        {
            var p = Marshal.StringToCoTaskMemUTF8(v);
            owned.Add(p);
            pointers.Add(p);
        }
        pointers.Add(IntPtr.Zero);
        return pointers.ToArray();
    }

    private static void Check(int error, string call)
    {
        if (error != 0) throw new IOException($"{call} failed: {new Win32Exception(error).Message} (errno {error})");
    }
}
