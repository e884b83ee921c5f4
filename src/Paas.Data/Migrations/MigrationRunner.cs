using DbUp;
using DbUp.Engine.Output;

namespace Paas.Data.Migrations;

/// <summary>Applies migrations/*.sql (embedded) once each, one transaction per script, in name order.</summary>
public static class MigrationRunner
{
    public static IReadOnlyList<string> Run(string connectionString, TextWriter? log = null)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly, name => name.StartsWith("migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new WriterLog(log ?? TextWriter.Null))
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new MigrationException(result.ErrorScript?.Name, result.Error);
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private sealed class WriterLog(TextWriter writer) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => writer.WriteLine(format, args);
        public void LogWarning(string format, params object[] args) => writer.WriteLine(format, args);
        public void LogError(string format, params object[] args) => writer.WriteLine(format, args);
        public void LogError(Exception ex, string format, params object[] args) => writer.WriteLine(format, args);
    }
}
