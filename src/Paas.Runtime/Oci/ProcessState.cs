namespace Paas.Runtime.Oci;

/// <summary>What /proc says about a process we only know by pid (a monitor, a container's init).</summary>
public static class ProcessState
{
    /// <summary>Alive and not a zombie (a zombie has exited; only its parent has yet to reap it).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterComm = stat[(stat.LastIndexOf(')') + 2)..];
            return afterComm.Length > 0 && afterComm[0] != 'Z' && afterComm[0] != 'X';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }
}
