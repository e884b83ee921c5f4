using Microsoft.AspNetCore.Components;
using Paas.Core.State;
using Paas.Dashboard.Live;
using Paas.Engine.Apps;
using AppRecord = Paas.Core.Apps.App;

namespace Paas.Dashboard.Shared;

/// <summary>
/// A page about one app (<c>/apps/{App}/...</c>): finds the app as the actor may see it (a developer gets
/// "not found" for an app not granted, as from the API), loads the page's data, and reloads it when the
/// database announces a change to this app.
/// </summary>
public abstract class AppPageBase : DashboardComponent, IDisposable
{
    private IDisposable? _subscription;
    private ReloadCoalescer? _reloads;

    [Parameter] public string App { get; set; } = "";

    [Inject] protected AppOperations Apps { get; set; } = default!;
    [Inject] protected StateChangeFeed Changes { get; set; } = default!;

    protected AppRecord? AppRecord { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        AppRecord = await LoadAsync(async actor =>
            (await Apps.ListAsync(actor, CancellationToken.None)).FirstOrDefault(a => a.Name == App)
            ?? throw Core.Errors.NotFoundException.App(App));
        if (AppRecord is null) return;
        await ReloadAsync();
        _subscription ??= Changes.Subscribe(OnChange);
    }

    /// <summary>Reads the app's row again (its serving release moves with deploys and rollbacks).</summary>
    protected async Task RefreshAppAsync()
    {
        try
        {
            var actor = await CurrentActor.GetAsync();
            AppRecord = (await Apps.ListAsync(actor, CancellationToken.None)).FirstOrDefault(a => a.Name == App) ?? AppRecord;
        }
        catch (Core.Errors.PaasException)
        {
            // The page's own read says what is wrong; the row read before stays.
        }
    }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task ReloadAsync();

    private void OnChange(StateChange change)
    {
        if (AppRecord is null || (!change.IsResync && change.AppId != AppRecord.Id)) return;
        _reloads ??= new ReloadCoalescer(InvokeAsync, async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        });
        _reloads.Request();
    }

    /// <summary>Releases what a page holds beyond the feed's subscription (timers).</summary>
    protected virtual void OnDispose()
    {
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        OnDispose();
        GC.SuppressFinalize(this);
    }
}
