using Paas.Data.Jobs;
using Paas.Data.Migrations;

namespace Paas.Host;

/// <summary>Brings the state database to the current schema before anything else touches it.</summary>
public static class StateDatabase
{
    public static void Migrate(string connectionString)
    {
        var applied = MigrationRunner.Run(connectionString);
        foreach (var script in applied)
            Console.WriteLine($"paasd: applied migration {script}");
    }

    /// <summary>`paasd migrate` also installs Hangfire's schema (paasd itself does that in the background, see Jobs/JobServices).</summary>
    public static void MigrateJobs(string connectionString) => JobStorageFactory.InstallSchema(connectionString);
}
