using Paas.Core.Auth;
using Paas.Core.Errors;

namespace Paas.Engine.Operations;

public static class RequireAdmin
{
    /// <summary>Host-wide things (stacks, images) are the administrator's.</summary>
    public static void Check(Actor actor, string what)
    {
        if (!actor.IsAdmin)
            throw new ForbiddenException($"only administrators can {what}");
    }
}
