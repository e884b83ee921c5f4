namespace Paas.Runtime.Oci;

/// <summary>
/// The container's first process, fully resolved (absolute cwd, numeric ids). With <see cref="Terminal"/>
/// the runtime gives it a pseudo-terminal (of <see cref="ConsoleSize"/>, when set) through conmon's console socket.
/// </summary>
public sealed record OciProcessPlan(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    uint Uid,
    uint Gid,
    IReadOnlyList<uint> AdditionalGids,
    bool Terminal = false,
    Paas.Core.Containers.TerminalSize? ConsoleSize = null);
