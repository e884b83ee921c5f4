namespace Paas.Core.Apps;

/// <summary>
/// An application. <see cref="CurrentRelease"/> is the latest release (null until the first);
/// <see cref="ServingRelease"/> the one whose containers take traffic, which a failed deploy or
/// `config:set --no-restart` leaves where it was. <see cref="Stopped"/> is `ps:stop`.
/// </summary>
public sealed record App(long Id, string Name, DateTimeOffset CreatedAt, bool Locked, int? CurrentRelease,
    int? ServingRelease = null, bool Stopped = false);
