namespace Paas.Builds.Driver;

/// <summary>The build driver's exit codes (build-driver.sh), so a failure is told apart from the app's own exit 1.</summary>
internal static class DriverExitCodes
{
    public const int NoneDetected = 65;
    public const int FetchFailed = 66;
    public const int CompileFailed = 67;
    public const int ReleaseFailed = 68;
    public const int BadPlan = 69;
}
