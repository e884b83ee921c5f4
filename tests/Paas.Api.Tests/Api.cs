using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Paas.Core.Contracts;

namespace Paas.Api.Tests;

/// <summary>Small helpers for calling the API and reading problem+json.</summary>
internal static class Api
{
    public static string UniqueApp(string prefix = "app") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, ApiJson.Options);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        client.PatchAsJsonAsync(path, body, ApiJson.Options);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Lenient))!;
    }

    /// <summary>Asserts a problem+json response with this status and returns its document.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";

    public static async Task CreateAppAsync(this HttpClient client, string name) =>
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(name))).StatusCode);
}
