using Paas.Data.Jobs;
using Paas.Data.Migrations;

namespace Paas.Host;

/// <summary>Brings the state database, and Hangfire's schema in it, to the current version before anything else touches it.</summary>
public static class StateDatabase
{
    public static void Migrate(string connectionString)
    {
        var applied = MigrationRunner.Run(connectionString);
        foreach (var script in applied)
            Console.WriteLine($"paasd: applied migration {script}");
        JobStorageFactory.InstallSchema(connectionString);
    }
}
