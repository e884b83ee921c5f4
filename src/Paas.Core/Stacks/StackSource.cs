namespace Paas.Core.Stacks;

/// <summary>How a stack's root filesystem is made.</summary>
public enum StackSource
{
    /// <summary>debootstrap --variant=minbase bookworm plus the buildpack runtimes, as one layer.</summary>
    Debootstrap,

    /// <summary>A tiny layer plus read-only binds of the host's /usr, /etc/ssl, ...</summary>
    Host,
}
