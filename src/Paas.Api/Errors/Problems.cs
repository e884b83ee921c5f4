using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Paas.Api;

/// <summary>Writes application/problem+json responses outside of endpoint results (auth, exceptions).</summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail,
        IDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        ProblemDetails problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
