using Paas.Dashboard.AppPages.Config;

namespace Paas.Dashboard.Tests.AppPages;

public sealed class ConfigDraftTests
{
    [Fact]
    public void ARemovedNewRow_ChangesNothing_AndADuplicateKeyIsAProblem()
    {
        var draft = ConfigDraft.From(new Dictionary<string, string> { ["A"] = "1" });
        var added = draft.Add();
        added.Key = "B";
        added.Removed = true;
        Assert.False(draft.HasChanges);

        var duplicate = draft.Add();
        duplicate.Key = "A";
        Assert.Equal(["config key 'A' is listed twice: keep one"], draft.Problems());
    }

    [Fact]
    public void TheRequest_SetsChangedAndNewValues_AndUnsetsRemovedKeys()
    {
        var draft = ConfigDraft.From(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2", ["C"] = "3" });
        draft.Rows[0].Value = "10";
        draft.Rows[1].Removed = true;
        var added = draft.Add();
        added.Key = "D";
        added.Value = "";

        var request = draft.ToRequest(noRestart: false);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "10", ["D"] = "" }, request.Set);
        Assert.Equal(["B"], request.Unset);
        Assert.False(request.NoRestart);
    }
}
