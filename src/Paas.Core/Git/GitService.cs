namespace Paas.Core.Git;

public enum GitService
{
    /// <summary>git push: the server side is git-receive-pack.</summary>
    ReceivePack,

    /// <summary>git clone/fetch: the server side is git-upload-pack.</summary>
    UploadPack,
}
