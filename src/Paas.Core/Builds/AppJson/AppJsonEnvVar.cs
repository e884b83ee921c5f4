namespace Paas.Core.Builds.AppJson;

/// <summary>
/// One entry of app.json's <c>env</c> (Dokku's and Heroku's schema): a default <see cref="Value"/>,
/// or a <c>"secret"</c> generator, whether it is <see cref="Required"/> (true unless said otherwise),
/// and whether it is set again on every deploy (<see cref="Sync"/>) rather than only on the first.
/// </summary>
public sealed record AppJsonEnvVar(string Name, string? Value, bool Required, bool GeneratesSecret, bool Sync)
{
    /// <summary>A generator Paas does not run was given (the parse warned): its absence is not the app's fault, so never a failure.</summary>
    public bool GeneratorNotRun { get; init; }
}
