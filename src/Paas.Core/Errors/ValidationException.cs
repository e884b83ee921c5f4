namespace Paas.Core.Errors;

/// <summary>Bad input. Carries every problem at once, keyed by the field it concerns (YARP ConfigValidator style).</summary>
public sealed class ValidationException : PaasException
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.SelectMany(e => e.Value)))
    {
        Errors = errors;
    }

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
