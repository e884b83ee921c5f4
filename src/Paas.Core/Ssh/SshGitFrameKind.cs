namespace Paas.Core.Ssh;

/// <summary>The kinds of frame on an upgraded ssh-git connection (<see cref="SshGitWire"/>).</summary>
public enum SshGitFrameKind : byte
{
    Input = 1,
    InputEnd = 2,
    Output = 3,
    Error = 4,
    Exit = 5,
}
