namespace Paas.Core.Auth;

public enum Role
{
    /// <summary>Everything, including users and tokens of others.</summary>
    Admin,

    /// <summary>The apps they were granted.</summary>
    Developer,
}
