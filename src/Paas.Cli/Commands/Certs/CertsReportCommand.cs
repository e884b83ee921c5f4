using System.CommandLine;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Certs;

public sealed class CertsReportCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Option<string> _format = CommonSymbols.Format();

    public CertsReportCommand(CliContext cli) : base(cli, "certs:report", "Show an app's certificate: subject, names, expiry (never the key)")
    {
        Arguments.Add(_app);
        Options.Add(_format);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var json = await Api.GetJsonAsync(ApiRoutes.Certificate(app), ct);
        if (parse.IsJson(_format))
        {
            Out.Json(json);
            return;
        }
        var view = PaasApi.Read<CertificateView>(json);
        Out.Header($"{app} ssl information");
        Out.Fields(
        [
            ("Subject", view.Subject),
            ("Names", string.Join(" ", view.Names)),
            ("Expires", view.NotAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
            ("Redirect HTTP to HTTPS", view.RedirectHttps ? "true" : "false"),
        ]);
    }
}
