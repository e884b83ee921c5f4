namespace Paas.Core.Contracts;

/// <summary>
/// `run APP CMD...`: a one-off container of the serving release. One argument runs through
/// <c>/bin/sh -c</c> (so <c>paas run APP 'rake db:migrate &amp;&amp; echo done'</c> works); several run as
/// they are. <see cref="Env"/> adds to the app's config for this run only; <see cref="TtlSeconds"/>
/// bounds it (default a day).
/// </summary>
public sealed record RunRequest(IReadOnlyList<string>? Command, IReadOnlyDictionary<string, string>? Env = null, int? TtlSeconds = null);

/// <summary>`enter APP DYNO CMD...`: a command in a running instance ("web.1"), with its environment.</summary>
public sealed record EnterRequest(string? Dyno, IReadOnlyList<string>? Command);

/// <summary>`checks:run APP [DYNO]`: every running instance, or the one named ("web.2").</summary>
public sealed record CheckRunRequest(string? Dyno);
