using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>A paasd of its own on a PostgreSQL of its own, which its tests kill, stop and restart.</summary>
public sealed class ResilienceHost() : PushHost(PaasdFixture.WithPrivateDatabaseServer());
