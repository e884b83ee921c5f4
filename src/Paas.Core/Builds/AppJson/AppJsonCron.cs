using System.Text.Json;
using Paas.Core.Cron;
using static Paas.Core.Builds.AppJson.AppJsonFields;

namespace Paas.Core.Builds.AppJson;

/// <summary>app.json <c>cron</c>: <c>[{ "command": "bin/cleanup", "schedule": "@daily" }]</c>; other keys are ignored.</summary>
internal static class AppJsonCron
{
    public const int MaxEntries = 100;
    private const int MaxCommand = 4096;
    private const string Example = "[{ \"command\": \"bin/cleanup\", \"schedule\": \"@daily\" }]";

    public static List<AppJsonCronEntry> Read(JsonElement root, List<string> problems)
    {
        var entries = new List<AppJsonCronEntry>();
        if (Array(root, "cron", "cron", Example, problems) is not { } list) return entries;
        if (list.GetArrayLength() > MaxEntries)
        {
            problems.Add($"cron has {list.GetArrayLength()} entries: at most {MaxEntries}");
            return entries;
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"cron[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path} must be an object such as {{ \"command\": \"bin/cleanup\", \"schedule\": \"@daily\" }}");
                continue;
            }
            var before = problems.Count;
            var command = String(item, "command", $"{path}.command", problems);
            var scheduleText = String(item, "schedule", $"{path}.schedule", problems);
            if (problems.Count > before) continue;
            if (string.IsNullOrWhiteSpace(command) || command.Length > MaxCommand || command.Contains('\0'))
                problems.Add($"{path}.command must be the command to run, such as \"bin/cleanup\" (at most {MaxCommand} characters)");
            if (CronSchedule.TryParse(scheduleText, out var schedule) is { } problem)
                problems.Add($"{path}.schedule: {problem}");
            if (problems.Count == before)
                entries.Add(new AppJsonCronEntry(command!.Trim(), schedule!));
        }
        return entries;
    }
}
