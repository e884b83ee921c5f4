using System.Collections.Concurrent;
using System.Security.Cryptography;
using Paas.Core.Apps;
using Paas.Core.Auth;

namespace Paas.Engine.Git;

/// <summary>
/// The pushes under way, by a one-time random token that reaches the hook in its environment
/// (PAAS_PUSH_TOKEN). The hook's call back to paasd carries only that token: who pushed, and to
/// which app, never come from the hook. In memory: a push does not outlive the paasd serving it.
/// </summary>
public sealed class PushRegistry
{
    /// <summary>The environment variable git's hooks get the token in.</summary>
    public const string TokenVariable = "PAAS_PUSH_TOKEN";

    private readonly ConcurrentDictionary<string, Push> _pushes = new(StringComparer.Ordinal);

    /// <summary>Registers a push until the returned registration is disposed (when git has exited).</summary>
    public Registration Register(Actor actor, App app, CancellationToken aborted)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _pushes[token] = new Push(actor, app.Id, app.Name, aborted);
        return new Registration(this, token);
    }

    public Push? Find(string token) => _pushes.TryGetValue(token, out var push) ? push : null;

    public sealed class Registration(PushRegistry registry, string token) : IDisposable
    {
        public string Token => token;

        public void Dispose() => registry._pushes.TryRemove(token, out _);
    }
}
