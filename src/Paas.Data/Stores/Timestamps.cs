namespace Paas.Data.Stores;

/// <summary>Npgsql reads timestamptz as a UTC DateTime; the domain speaks DateTimeOffset.</summary>
internal static class Timestamps
{
    public static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static DateTimeOffset? ToOffset(DateTime? utc) => utc is { } value ? ToOffset(value) : null;
}
