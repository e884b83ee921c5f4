using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Paas.Runtime.Oci;

/// <summary>
/// Flattens <see cref="SeccompAllowList"/> into the plain OCI <c>linux.seccomp</c> object for a
/// process with the given capabilities (Docker's includes/excludes evaluated here, REFERENCE §2.3).
/// </summary>
public static class SeccompProfile
{
    private const int Eperm = 1;
    private const int Enosys = 38;

    public static JsonObject For(IReadOnlyCollection<string> capabilities)
    {
        var names = new List<string>(SeccompAllowList.Unconditional);
        foreach (var (cap, calls) in SeccompAllowList.ByCapability)
            if (capabilities.Contains(cap)) names.AddRange(calls);

        var rules = new JsonArray { Rule(names, "SCMP_ACT_ALLOW") };
        foreach (var family in SeccompAllowList.SocketFamilies)
            rules.Add(Rule(["socket"], "SCMP_ACT_ALLOW", Arg(0, family, 0, "SCMP_CMP_EQ")));
        foreach (var value in SeccompAllowList.PersonalityValues)
            rules.Add(Rule(["personality"], "SCMP_ACT_ALLOW", Arg(0, value, 0, "SCMP_CMP_EQ")));

        if (capabilities.Contains("CAP_SYS_ADMIN"))
        {
            rules.Add(Rule(SeccompAllowList.SysAdminOnly, "SCMP_ACT_ALLOW"));
        }
        else
        {
            // clone without namespace flags only; clone3 cannot be filtered by flags (they sit in a
            // struct), so it answers ENOSYS and glibc falls back to clone.
            rules.Add(Rule(["clone"], "SCMP_ACT_ALLOW", Arg(0, SeccompAllowList.CloneNamespaceFlags, 0, "SCMP_CMP_MASKED_EQ")));
            var clone3 = Rule(["clone3"], "SCMP_ACT_ERRNO");
            clone3["errnoRet"] = Enosys;
            rules.Add(clone3);
        }

        return new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ERRNO",
            ["defaultErrnoRet"] = Eperm,
            ["architectures"] = new JsonArray(NativeArchitecture()),
            ["syscalls"] = rules,
        };
    }

    /// <summary>
    /// Only the native ABI. Docker also lists x86 and x32, which triples the filter libseccomp
    /// compiles (runc create went from about 40 to 100+ ms here); syscalls of an unlisted ABI get
    /// the kill action, so 32-bit binaries cannot run in a container: less attack surface too.
    /// </summary>
    private static string NativeArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "SCMP_ARCH_X86_64",
        Architecture.Arm64 => "SCMP_ARCH_AARCH64",
        var other => throw new PlatformNotSupportedException($"no seccomp architecture mapping for {other}"),
    };

    private static JsonObject Rule(IEnumerable<string> names, string action, JsonObject? arg = null)
    {
        var rule = new JsonObject
        {
            ["names"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["action"] = action,
        };
        if (arg is not null) rule["args"] = new JsonArray(arg);
        return rule;
    }

    private static JsonObject Arg(int index, ulong value, ulong valueTwo, string op) => new()
    {
        ["index"] = index,
        ["value"] = value,
        ["valueTwo"] = valueTwo,
        ["op"] = op,
    };
}
