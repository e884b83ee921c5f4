using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Certs;

public sealed class CertsAddCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<FileInfo> _certificate = new("CRT") { Description = "PEM file of the certificate chain, leaf first" };
    private readonly Argument<FileInfo> _key = new("KEY") { Description = "PEM file of the certificate's private key (unencrypted)" };
    private readonly Option<bool> _redirect = new("--redirect-https") { Description = "Answer plain HTTP requests for the app with a redirect to HTTPS" };

    public CertsAddCommand(CliContext cli) : base(cli, "certs:add", "Serve an app over HTTPS with this certificate (SNI on the router's https port)")
    {
        Arguments.Add(_app);
        Arguments.Add(_certificate);
        Arguments.Add(_key);
        Options.Add(_redirect);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var certificate = await ReadAsync(parse.GetRequiredValue(_certificate), "certificate", ct);
        var key = await ReadAsync(parse.GetRequiredValue(_key), "key", ct);
        var view = await Api.PutAsync<AddCertificateRequest, CertificateView>(ApiRoutes.Certificate(app),
            new AddCertificateRequest(certificate, key, parse.GetValue(_redirect)), ct);
        Out.Step($"Added the certificate for {string.Join(", ", view.Names)} to {app} (valid until {view.NotAfter:yyyy-MM-dd})");
    }

    private static async Task<string> ReadAsync(FileInfo file, string what, CancellationToken ct)
    {
        if (!file.Exists) throw new CliException($"the {what} file {file.FullName} does not exist");
        if (file.Length > 64 * 1024) throw new CliException($"the {what} file {file.FullName} is larger than 64 KiB: give the PEM file");
        return await File.ReadAllTextAsync(file.FullName, ct);
    }
}
