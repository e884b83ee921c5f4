using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Paas.Dashboard.Tests.Shared;

/// <summary>
/// Find and act in one step on the renderer's dispatcher. Live pages (the overview re-renders on state
/// notifications and usage samples) may re-render between a Find and a Click, and the click then names
/// an event handler that no longer exists (bUnit's UnknownEventHandlerIdException; one CI run).
/// </summary>
public static class RenderedActions
{
    public static Task ActOnAsync<T>(this IRenderedComponent<T> cut, string selector, Action<IElement> act) where T : IComponent =>
        cut.InvokeAsync(() => act(cut.Find(selector)));
}
