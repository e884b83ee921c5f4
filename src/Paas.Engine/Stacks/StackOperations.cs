using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Engine.Operations;

namespace Paas.Engine.Stacks;

/// <summary>
/// stacks:create|list|default|delete. The stack files are artefacts of the runtime; which stack
/// is the default is configuration and lives in the settings table.
/// </summary>
public sealed class StackOperations(StateOperation op, IStackStore stacks)
{
    public const string DefaultStackSetting = "default-stack";

    public async Task<IReadOnlyList<StackView>> ListAsync(CancellationToken ct)
    {
        var defaultStack = await DefaultAsync(ct);
        return (await stacks.ListAsync(ct))
            .Select(s => new StackView(s.Name, s.Source.ToString().ToLowerInvariant(), s.ImageReference, s.CreatedAt, s.Name == defaultStack))
            .ToList();
    }

    public Task<string?> DefaultAsync(CancellationToken ct) =>
        op.ReadAsync(s => s.Settings.GetAsync(DefaultStackSetting, ct), ct);

    public async Task<StackView> CreateAsync(Actor actor, CreateStackRequest request, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "create stacks");
        var errors = new ValidationErrors();
        if (!StackName.IsValid(request.Name))
            errors.Add("name", $"stack name '{request.Name}' is invalid: use a lower-case letter, then up to 62 lower-case letters, digits or dashes");
        if (!Enum.TryParse<StackSource>(request.From, ignoreCase: true, out var source) || !Enum.IsDefined(source))
            errors.Add("from", $"stack source '{request.From}' is unknown: use 'debootstrap' (a Debian bookworm rootfs) or 'host' (read-only binds of this host's /usr)");
        errors.ThrowIfAny();

        Stack stack;
        try
        {
            stack = await stacks.CreateAsync(request.Name, source, ct);
        }
        catch (StackAlreadyExistsException)
        {
            throw new ConflictException($"stack '{request.Name}' already exists: see `paas stacks:list`");
        }
        catch (StackBuildException e)
        {
            throw new ValidationException("from", $"stack '{request.Name}' could not be built: {e.Message}");
        }

        var isDefault = await op.RunAsync(async s =>
        {
            // The first stack becomes the default, so a fresh install needs no extra step.
            var first = await s.Settings.GetAsync(DefaultStackSetting, ct) is null;
            if (first) await s.Settings.SetAsync(DefaultStackSetting, stack.Name, ct);
            await StateOperation.AuditAsync(s, actor, "stacks:create", null, ct, ("stack", stack.Name), ("from", request.From));
            return first;
        }, ct);
        return new StackView(stack.Name, request.From.ToLowerInvariant(), stack.ImageReference, stack.CreatedAt, isDefault);
    }

    public async Task SetDefaultAsync(Actor actor, string name, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "choose the default stack");
        if (!StackName.IsValid(name) || await stacks.FindAsync(name, ct) is null)
            throw new NotFoundException($"stack '{name}' does not exist: see `paas stacks:list`, or create it with `paas stacks:create {name} --from host`");
        await op.RunAsync(async s =>
        {
            await s.Settings.SetAsync(DefaultStackSetting, name, ct);
            await StateOperation.AuditAsync(s, actor, "stacks:default", null, ct, ("stack", name));
            return true;
        }, ct);
    }

    public async Task DeleteAsync(Actor actor, string name, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "delete stacks");
        if (await DefaultAsync(ct) == name)
            throw new ConflictException($"stack '{name}' is the default stack: choose another with `paas stacks:default NAME` first");
        try
        {
            if (!StackName.IsValid(name)) throw new StackNotFoundException(name);
            await stacks.DeleteAsync(name, ct);
        }
        catch (StackNotFoundException)
        {
            throw new NotFoundException($"stack '{name}' does not exist: see `paas stacks:list`");
        }
        catch (ImageInUseException e)
        {
            throw new ConflictException(e.Message);
        }
        await op.RunAsync(async s =>
        {
            await StateOperation.AuditAsync(s, actor, "stacks:delete", null, ct, ("stack", name));
            return true;
        }, ct);
    }
}
