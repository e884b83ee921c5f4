namespace Paas.Git.Transport;

/// <summary>
/// The only hooks git runs for the apps' repos, passed as -c core.hooksPath at every spawn so a
/// repo can never carry its own. Root-owned, 0755. The script holds no app name, branch or other
/// input: it hands git's stdin to `paas hook pre-receive`, which finds the push by its token.
/// </summary>
public static class HookDirectory
{
    public const string PreReceive = "pre-receive";

    public const string PreReceiveScript =
        "#!/bin/sh\n" +
        "# Written by paasd at start; edits are overwritten. The push is identified by PAAS_PUSH_TOKEN.\n" +
        "exec \"$PAAS_CLI\" hook pre-receive\n";

    private const UnixFileMode Mode755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>(Re)writes the hooks; the script is replaced by a rename, so a running push never sees half of it.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory, Mode755);
        File.SetUnixFileMode(directory, Mode755);
        var path = Path.Combine(directory, PreReceive);
        var temp = path + ".new";
        File.WriteAllText(temp, PreReceiveScript);
        File.SetUnixFileMode(temp, Mode755);
        File.Move(temp, path, overwrite: true);
    }
}
