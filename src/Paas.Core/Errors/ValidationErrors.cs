namespace Paas.Core.Errors;

/// <summary>Collects problems so a request is rejected with all of them, not just the first.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public void AddIf(string field, string? message)
    {
        if (message is not null) Add(field, message);
    }

    public void ThrowIfAny()
    {
        if (Any)
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
