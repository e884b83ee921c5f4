namespace Paas.Core.Builds;

/// <summary>
/// Dokku's line prefixes, which users' eyes (and scripts) already know: a step, a section,
/// a detail line and an error.
/// </summary>
public static class BuildOutput
{
    public const string StepPrefix = "-----> ";
    public const string SectionPrefix = "=====> ";
    public const string DetailPrefix = "       ";
    public const string ErrorPrefix = " !     ";

    public static string Step(string text) => StepPrefix + text;

    public static string Section(string text) => SectionPrefix + text;

    public static string Detail(string text) => DetailPrefix + text;

    public static string Error(string text) => ErrorPrefix + text;
}
