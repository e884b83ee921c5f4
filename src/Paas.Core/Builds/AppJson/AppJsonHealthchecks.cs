using System.Text.Json;
using Paas.Core.Checks;
using Paas.Core.Formation;
using static Paas.Core.Builds.AppJson.AppJsonFields;

namespace Paas.Core.Builds.AppJson;

/// <summary>
/// app.json <c>healthchecks</c>: <c>{ "web": [ { "type": "startup", "path": "/health", ... } ] }</c>,
/// with Dokku's field names and defaults (docker-container-healthchecker). Every wrong value is a
/// problem naming its field; a check that mixes probes (a path and a command, say) is one too,
/// since which one was meant cannot be guessed.
/// </summary>
internal static class AppJsonHealthchecks
{
    public const int MaxChecksPerProcessType = 20;
    public const int MaxSeconds = 3600;
    public const int MaxAttempts = 100;
    private const int MaxText = 4096;
    private const int MaxPath = 2048;
    private const int MaxCommandArgs = 64;

    private const string Example = "[{ \"type\": \"startup\", \"path\": \"/health\" }]";

    public static Dictionary<string, IReadOnlyList<HealthCheck>> Read(JsonElement root, List<string> problems, List<string> warnings)
    {
        var result = new Dictionary<string, IReadOnlyList<HealthCheck>>(StringComparer.Ordinal);
        if (Object(root, "healthchecks", "healthchecks", problems) is not { } byType) return result;
        foreach (var property in byType.EnumerateObject())
        {
            var typePath = $"healthchecks.{property.Name}";
            if (!ProcessType.IsValid(property.Name))
            {
                problems.Add($"{typePath}: {ProcessType.Problem(property.Name)}");
                continue;
            }
            if (Array(byType, property.Name, typePath, Example, problems) is not { } list) continue;
            if (list.GetArrayLength() > MaxChecksPerProcessType)
            {
                problems.Add($"{typePath} has {list.GetArrayLength()} checks: at most {MaxChecksPerProcessType} per process type");
                continue;
            }
            var checks = new List<HealthCheck>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"{typePath}[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                    problems.Add($"{path} must be an object such as {{ \"path\": \"/health\" }}");
                else if (ReadCheck(item, path, problems, warnings) is { } check)
                    checks.Add(check);
            }
            result[property.Name] = checks;
        }
        return result;
    }

    private static HealthCheck? ReadCheck(JsonElement item, string path, List<string> problems, List<string> warnings)
    {
        var before = problems.Count;
        var type = ReadType(item, path, problems);
        var name = Text(item, "name", path, problems, singleLine: true);
        var requestPath = ReadPath(item, path, problems);
        var port = Int(item, "port", $"{path}.port", 1, 65535, null, problems);
        var scheme = ReadScheme(item, path, problems);
        var headers = ReadHeaders(item, path, problems);
        var content = Text(item, "content", path, problems, singleLine: false);
        var command = ReadCommand(item, path, problems);
        var listening = Bool(item, "listening", $"{path}.listening", problems) ?? false;
        var uptime = Int(item, "uptime", $"{path}.uptime", 0, MaxSeconds, "seconds", problems);
        // Dokku treats 0 (Go's zero value) as "the default" for these three.
        var attempts = Int(item, "attempts", $"{path}.attempts", 0, MaxAttempts, null, problems);
        var timeout = Int(item, "timeout", $"{path}.timeout", 0, MaxSeconds, "seconds", problems);
        var wait = Int(item, "wait", $"{path}.wait", 0, MaxSeconds, "seconds", problems);
        var initialDelay = Int(item, "initialDelay", $"{path}.initialDelay", 0, MaxSeconds, "seconds", problems);
        var warn = Bool(item, "warn", $"{path}.warn", problems) ?? false;
        if (item.TryGetProperty("onFailure", out var onFailure) && onFailure.ValueKind != JsonValueKind.Null)
            warnings.Add($"{path}.onFailure is ignored: Paas does not run host commands or call URLs when a check fails");

        var probes = new List<string>();
        if (command.Count > 0) probes.Add("a 'command' to run");
        if (requestPath is not null) probes.Add("an http 'path'");
        if (uptime > 0) probes.Add("an 'uptime'");
        if (listening) probes.Add("'listening': true");
        if (probes.Count > 1)
            problems.Add($"{path} has {string.Join(" and ", probes)}: a check probes one way only; split it into {probes.Count} checks");

        if (problems.Count > before) return null;
        return new HealthCheck
        {
            Type = type,
            Name = name,
            Path = requestPath,
            Port = port,
            Scheme = scheme,
            HttpHeaders = headers,
            Content = content,
            Command = command,
            Listening = listening,
            Uptime = TimeSpan.FromSeconds(uptime ?? 0),
            Attempts = attempts is null or 0 ? HealthCheck.DefaultAttempts : attempts.Value,
            Timeout = timeout is null or 0 ? HealthCheck.DefaultTimeout : TimeSpan.FromSeconds(timeout.Value),
            Wait = wait is null or 0 ? HealthCheck.DefaultWait : TimeSpan.FromSeconds(wait.Value),
            InitialDelay = TimeSpan.FromSeconds(initialDelay ?? 0),
            Warn = warn,
        };
    }

    private static HealthCheckType ReadType(JsonElement item, string path, List<string> problems) =>
        String(item, "type", $"{path}.type", problems) switch
        {
            null or "startup" => HealthCheckType.Startup,
            "liveness" => HealthCheckType.Liveness,
            "readiness" => HealthCheckType.Readiness,
            var other => Problem(problems, $"{path}.type '{other}' is unknown: use startup, liveness or readiness", HealthCheckType.Startup),
        };

    private static string? ReadPath(JsonElement item, string path, List<string> problems)
    {
        var value = String(item, "path", $"{path}.path", problems);
        if (value is null) return null;
        if (!value.StartsWith('/') || value.Length > MaxPath || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return Problem<string?>(problems, $"{path}.path must be a path on the container such as \"/health\" (starting with '/', no spaces, at most {MaxPath} characters), not \"{Short(value)}\"", null);
        return value;
    }

    private static string? ReadScheme(JsonElement item, string path, List<string> problems) =>
        String(item, "scheme", $"{path}.scheme", problems)?.ToLowerInvariant() switch
        {
            null => null,
            "http" => "http",
            "https" => "https",
            var other => Problem<string?>(problems, $"{path}.scheme '{Short(other)}' is unknown: use http or https", null),
        };

    private static List<HttpHeader> ReadHeaders(JsonElement item, string path, List<string> problems)
    {
        var headers = new List<HttpHeader>();
        var example = "[{ \"name\": \"X-Check\", \"value\": \"1\" }]";
        if (Array(item, "httpHeaders", $"{path}.httpHeaders", example, problems) is not { } list) return headers;
        var index = 0;
        foreach (var header in list.EnumerateArray())
        {
            var headerPath = $"{path}.httpHeaders[{index++}]";
            if (header.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{headerPath} must be an object such as {{ \"name\": \"X-Check\", \"value\": \"1\" }}");
                continue;
            }
            var name = String(header, "name", $"{headerPath}.name", problems);
            var value = String(header, "value", $"{headerPath}.value", problems) ?? "";
            if (name is null || name.Length == 0 || name.Length > 256 || !name.All(IsTokenChar))
                problems.Add($"{headerPath}.name must be an HTTP header name such as \"X-Check\" (letters, digits and !#$%&'*+-.^_`|~)");
            else if (value.Length > MaxText || value.Any(c => c is '\r' or '\n' or '\0'))
                problems.Add($"{headerPath}.value must be one line of at most {MaxText} characters");
            else
                headers.Add(new HttpHeader(name, value));
        }
        return headers;
    }

    private static List<string> ReadCommand(JsonElement item, string path, List<string> problems)
    {
        var example = "[\"/app/bin/ready\", \"--quiet\"]";
        if (Array(item, "command", $"{path}.command", example, problems) is not { } list) return [];
        var command = new List<string>();
        foreach (var arg in list.EnumerateArray())
        {
            if (arg.ValueKind != JsonValueKind.String || arg.GetString()!.Contains('\0'))
            {
                problems.Add($"{path}.command must be a list of strings such as {example}");
                return [];
            }
            command.Add(arg.GetString()!);
        }
        if (command.Count > MaxCommandArgs)
            return Problem(problems, $"{path}.command has {command.Count} arguments: at most {MaxCommandArgs}", new List<string>());
        if (command.Count > 0 && command[0].Length == 0)
            return Problem(problems, $"{path}.command must start with the program to run, such as {example}", new List<string>());
        return command;
    }

    private static string? Text(JsonElement item, string field, string path, List<string> problems, bool singleLine)
    {
        var value = String(item, field, $"{path}.{field}", problems);
        if (value is null) return null;
        if (value.Length > MaxText || (singleLine && value.Any(char.IsControl)))
            return Problem<string?>(problems, $"{path}.{field} must be {(singleLine ? "one line of " : "")}at most {MaxText} characters", null);
        return value;
    }

    /// <summary>RFC 9110 tchar.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static string Short(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static T Problem<T>(List<string> problems, string message, T fallback)
    {
        problems.Add(message);
        return fallback;
    }
}
