namespace Paas.Data.Migrations;

public sealed class MigrationException(string? script, Exception? inner)
    : Exception($"migration {script ?? "(unknown)"} failed: {inner?.Message}", inner);
