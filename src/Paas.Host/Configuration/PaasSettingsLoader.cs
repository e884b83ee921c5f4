using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paas.Core.Config;
using Paas.Core.Domains;
using Paas.Core.Limits;

namespace Paas.Host.Configuration;

/// <summary>
/// Reads /etc/paas/paas.json (or the file named by PAAS_CONFIG), a flat object keyed by the
/// environment variable names, then lets the environment override it. Every problem is reported
/// with the setting's name and how to fix it.
/// </summary>
public static partial class PaasSettingsLoader
{
    public const string DefaultConfigFile = "/etc/paas/paas.json";

    public static PaasSettings Load(IDictionary environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var explicitFile = environment["PAAS_CONFIG"] as string;
        var file = string.IsNullOrEmpty(explicitFile) ? DefaultConfigFile : explicitFile;
        if (File.Exists(file))
            ReadFile(file, values);
        else if (!string.IsNullOrEmpty(explicitFile))
            throw new SettingsException($"PAAS_CONFIG names {file}, which does not exist");

        foreach (DictionaryEntry entry in environment)
            if (entry.Key is string key && key.StartsWith("PAAS_", StringComparison.Ordinal) && entry.Value is string value)
                values[key] = value;

        string Get(string key, string fallback) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;

        var database = Get("PAAS_DATABASE", "");
        if (database.Length == 0)
            throw new SettingsException($"PAAS_DATABASE is not set: give an Npgsql connection string in {DefaultConfigFile} or the environment, e.g. Host=127.0.0.1;Database=paas;Username=paas;Password=...");

        var root = Get("PAAS_ROOT", "/var/lib/paas");
        if (!Path.IsPathRooted(root))
            throw new SettingsException($"PAAS_ROOT '{root}' must be an absolute path");

        var socket = Get("PAAS_SOCKET", "/run/paas/paasd.sock");
        if (!Path.IsPathRooted(socket))
            throw new SettingsException($"PAAS_SOCKET '{socket}' must be an absolute path");

        var domain = Get("PAAS_DOMAIN", "paas.localhost");
        if (DomainName.Problem(domain) is { } domainProblem)
            throw new SettingsException($"PAAS_DOMAIN: {domainProblem}");

        var portText = Get("PAAS_HTTP_PORT", "80");
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var httpPort) || httpPort is < 1 or > 65535)
            throw new SettingsException($"PAAS_HTTP_PORT '{portText}' is not a port: use a number from 1 to 65535");

        var httpsText = Get("PAAS_HTTPS_PORT", "443");
        if (!int.TryParse(httpsText, NumberStyles.None, CultureInfo.InvariantCulture, out var httpsPort) || httpsPort is < 1 or > 65535)
            throw new SettingsException($"PAAS_HTTPS_PORT '{httpsText}' is not a port: use a number from 1 to 65535");

        var nat = Get("PAAS_OUTBOUND_NAT", "true");
        if (nat is not ("true" or "false"))
            throw new SettingsException($"PAAS_OUTBOUND_NAT '{nat}' must be true (containers reach the outside) or false");

        var buildpacks = Get("PAAS_BUILDPACKS", "/opt/paas/buildpacks");
        if (!Path.IsPathRooted(buildpacks))
            throw new SettingsException($"PAAS_BUILDPACKS '{buildpacks}' must be an absolute path");

        var defaultImageBytes = PaasSettings.DefaultImageMaxBytes.ToString(CultureInfo.InvariantCulture);
        return new PaasSettings(root, database, ParseUrls(Get("PAAS_API_URLS", "http://127.0.0.1:8080")), socket, DomainName.Normalize(domain), httpPort,
            Get("PAAS_SUBNET", "10.213.0.0/16"), nat == "true",
            ParseBytes("PAAS_IMAGE_MAX_LAYER_BYTES", Get("PAAS_IMAGE_MAX_LAYER_BYTES", defaultImageBytes)),
            ParseBytes("PAAS_IMAGE_MAX_BYTES", Get("PAAS_IMAGE_MAX_BYTES", defaultImageBytes)))
        {
            ReservedPorts = values.TryGetValue("PAAS_RESERVED_PORTS", out var reserved) ? ParsePorts(reserved) : null,
            HttpsPort = httpsPort,
            Bridge = Get("PAAS_BRIDGE", "paas0"),
            MaxConfigBytes = ParseSize("PAAS_MAX_CONFIG_BYTES", Get("PAAS_MAX_CONFIG_BYTES", "1m")),
            MaxInstancesPerType = ParseCount("PAAS_MAX_INSTANCES_PER_TYPE", Get("PAAS_MAX_INSTANCES_PER_TYPE", "100")),
            MaxInstances = ParseCount("PAAS_MAX_INSTANCES", Get("PAAS_MAX_INSTANCES", "500")),
            SocketGroup = ParseUserName("PAAS_SOCKET_GROUP", Get("PAAS_SOCKET_GROUP", "paas")),
            SshUser = ParseUserName("PAAS_SSH_USER", Get("PAAS_SSH_USER", "paas")),
            SshAuthorizedKeys = values.TryGetValue("PAAS_SSH_AUTHORIZED_KEYS", out var keys) && keys.Length > 0 ? ParseAbsolute("PAAS_SSH_AUTHORIZED_KEYS", keys) : null,
            BuildpacksDirectory = buildpacks,
            CliPath = ParseCommandPath("PAAS_CLI", Get("PAAS_CLI", Path.Combine(AppContext.BaseDirectory, "paas"))),
            CronTestInterval = values.TryGetValue("PAAS_CRON_TEST_INTERVAL", out var cron) && cron.Length > 0 ? ParseCronTestInterval(cron) : null,
            Metrics = new Engine.Metrics.MetricsSettings
            {
                Interval = TimeSpan.FromSeconds(ParseWhole("PAAS_METRICS_INTERVAL", Get("PAAS_METRICS_INTERVAL", "10"), 1, 3600, "seconds between samples, e.g. 10")),
                RawRetention = TimeSpan.FromMinutes(ParseWhole("PAAS_METRICS_RAW_MINUTES", Get("PAAS_METRICS_RAW_MINUTES", "60"), 1, 1440, "minutes raw samples are kept, e.g. 60")),
                Retention = TimeSpan.FromDays(ParseWhole("PAAS_METRICS_RETENTION_DAYS", Get("PAAS_METRICS_RETENTION_DAYS", "7"), 1, 366, "days minute rollups are kept, e.g. 7")),
            },
            SessionIdleTimeout = ParseHours("PAAS_SESSION_HOURS", Get("PAAS_SESSION_HOURS", "8")),
            SessionMaxLifetime = ParseHours("PAAS_SESSION_MAX_HOURS", Get("PAAS_SESSION_MAX_HOURS", "24")),
            DashboardRevalidationInterval = TimeSpan.FromSeconds(ParseWhole("PAAS_DASHBOARD_REVALIDATE_SECONDS", Get("PAAS_DASHBOARD_REVALIDATE_SECONDS", "30"), 1, 3600, "seconds between two checks of an open dashboard's login, e.g. 30")),
            ApiCertificate = values.TryGetValue("PAAS_API_CERT", out var cert) && cert.Length > 0 ? ParseAbsolute("PAAS_API_CERT", cert) : null,
            ApiCertificateKey = values.TryGetValue("PAAS_API_KEY", out var certKey) && certKey.Length > 0 ? ParseAbsolute("PAAS_API_KEY", certKey) : null,
        }.WithCheckedSocketForSsh().WithCheckedApiCertificate();
    }

    /// <summary>Paths that go into authorized_keys' forced command, which sshd hands to the SSH user's shell: plain characters only, so nothing needs quoting.</summary>
    internal static string ParseCommandPath(string name, string path)
    {
        if (!Path.IsPathRooted(path) || !SafePath().IsMatch(path))
            throw new SettingsException($"{name} '{path}' must be an absolute path of letters, digits and . _ + - / only: it is written into the SSH forced command");
        return path;
    }

    private static PaasSettings WithCheckedApiCertificate(this PaasSettings settings)
    {
        var https = settings.ApiUrls.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps);
        if (https is not null && (settings.ApiCertificate is null || settings.ApiCertificateKey is null))
            throw new SettingsException($"PAAS_API_URLS serves {https.GetLeftPart(UriPartial.Authority)}: set PAAS_API_CERT and PAAS_API_KEY to its PEM certificate and key files");
        if (https is null && settings.ApiCertificate is not null)
            throw new SettingsException("PAAS_API_CERT is set but PAAS_API_URLS has no https:// entry to serve it on, e.g. https://0.0.0.0:8443");
        return settings;
    }

    private static PaasSettings WithCheckedSocketForSsh(this PaasSettings settings)
    {
        ParseCommandPath("PAAS_SOCKET", settings.Socket);
        return settings;
    }

    private static string ParseAbsolute(string name, string path) =>
        Path.IsPathRooted(path) ? path : throw new SettingsException($"{name} '{path}' must be an absolute path");

    private static string ParseUserName(string setting, string name) =>
        UserName().IsMatch(name) ? name : throw new SettingsException($"{setting} '{name}' is not a user or group name: use lower-case letters, digits, '_' and '-', e.g. paas");

    [GeneratedRegex(@"^/[A-Za-z0-9._+/-]+\z")]
    private static partial Regex SafePath();

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}\z")]
    private static partial Regex UserName();

    /// <summary>A comma-separated list of ports; empty means no reserved ports besides paasd's own API ports.</summary>
    private static IReadOnlyList<int> ParsePorts(string text)
    {
        var ports = new List<int>();
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new SettingsException($"PAAS_RESERVED_PORTS entry '{part}' is not a port: give numbers from 1 to 65535 separated by commas, e.g. 22,5432,80,443");
            ports.Add(port);
        }
        return ports;
    }

    private static TimeSpan ParseCronTestInterval(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 59
            ? TimeSpan.FromSeconds(seconds)
            : throw new SettingsException($"PAAS_CRON_TEST_INTERVAL '{text}' must be seconds from 1 to 59 (for tests only; unset it on a real host)");

    private static TimeSpan ParseHours(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= 24 * 90
            ? TimeSpan.FromHours(hours)
            : throw new SettingsException($"{name} '{text}' is not a number of hours: give a whole number from 1 to 2160, e.g. 8");

    private static long ParseSize(string name, string text)
    {
        if (ResourceLimitParser.TryParseSize(text, out var bytes) is { } problem)
            throw new SettingsException($"{name} '{text}' {problem}");
        if (bytes < ConfigSize.MaxEntryBytes)
            throw new SettingsException($"{name} '{text}' is too small: give at least 128k, so that one variable of the largest size the kernel allows fits");
        return bytes;
    }

    private static int ParseCount(string name, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new SettingsException($"{name} '{text}' is not a count: give a whole number of containers from 1 up, e.g. 100");
        return count;
    }

    private static int ParseWhole(string name, string text, int min, int max, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"{name} '{text}' must be a whole number from {min} to {max}: {what}");

    private static long ParseBytes(string key, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new SettingsException($"{key} '{text}' is not a size: give a whole number of bytes, e.g. {PaasSettings.DefaultImageMaxBytes} (10 GiB)");

    private static IReadOnlyList<Uri> ParseUrls(string text)
    {
        var urls = new List<Uri>();
        foreach (var part in text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.IsDefaultPort && !part.EndsWith(uri.Scheme == "http" ? ":80" : ":443", StringComparison.Ordinal))
                throw new SettingsException($"PAAS_API_URLS entry '{part}' is invalid: use http://ADDRESS:PORT or https://ADDRESS:PORT, e.g. http://127.0.0.1:8080 (separate several with ';')");
            urls.Add(uri);
        }
        return urls;
    }

    private static void ReadFile(string file, Dictionary<string, string> values)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SettingsException($"{file} must hold a JSON object such as {{\"PAAS_DATABASE\": \"...\"}}");
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.Name.StartsWith("PAAS_", StringComparison.Ordinal))
                    throw new SettingsException($"{file}: unknown setting '{property.Name}': settings are named like the environment variables (PAAS_ROOT, PAAS_DATABASE, ...)");
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => throw new SettingsException($"{file}: setting '{property.Name}' must be a string or a number"),
                };
            }
        }
        catch (JsonException e)
        {
            throw new SettingsException($"{file} is not valid JSON: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SettingsException($"{file} cannot be read: run paasd as root or as a member of the 'paas' group");
        }
    }
}
