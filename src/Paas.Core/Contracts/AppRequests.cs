namespace Paas.Core.Contracts;

public sealed record CreateAppRequest(string Name);

public sealed record RenameAppRequest(string NewName);
