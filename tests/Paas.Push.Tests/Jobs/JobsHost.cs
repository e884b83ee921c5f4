using Paas.Testing;

namespace Paas.Push.Tests.Jobs;

/// <summary>
/// A paasd of its own whose app.json cron entries run every 2 s whatever their schedule
/// (PAAS_CRON_TEST_INTERVAL, tests only), so that a scheduled run shows within seconds.
/// </summary>
public sealed class JobsHost() : PushHost(PaasdFixture.WithSettings(new Dictionary<string, string?> { ["PAAS_CRON_TEST_INTERVAL"] = "2" }));

[CollectionDefinition(Name)]
public sealed class JobsCollection : ICollectionFixture<JobsHost>
{
    public const string Name = "jobs";
}
