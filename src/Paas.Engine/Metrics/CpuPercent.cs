namespace Paas.Engine.Metrics;

/// <summary>CPU use over an interval as a percentage of one core (a container busy on two cores is at 200).</summary>
public static class CpuPercent
{
    public static double Over(TimeSpan cpuUsed, TimeSpan wall) =>
        wall <= TimeSpan.Zero || cpuUsed < TimeSpan.Zero ? 0 : cpuUsed / wall * 100;
}
