namespace Paas.Core.Config;

/// <summary>Parses the <c>KEY=VALUE</c> words of <c>config:set</c>; the value is everything after the first '='.</summary>
public static class ConfigAssignment
{
    public static bool TryParse(string word, out string key, out string value)
    {
        var eq = word.IndexOf('=');
        if (eq <= 0)
        {
            key = value = "";
            return false;
        }
        key = word[..eq];
        value = word[(eq + 1)..];
        return true;
    }
}
