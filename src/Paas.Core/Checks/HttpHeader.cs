namespace Paas.Core.Checks;

/// <summary>One request header of an HTTP check (app.json <c>httpHeaders[]</c>: <c>{"name": ..., "value": ...}</c>).</summary>
public sealed record HttpHeader(string Name, string Value);
