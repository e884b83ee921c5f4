using System.CommandLine;
using System.Globalization;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Cli.Ssh;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Ssh;

/// <summary>
/// <c>paas ssh-command KEYID</c>: what sshd runs, as the paas system user, for every login with a key paasd wrote
/// into authorized_keys. SSH_ORIGINAL_COMMAND (what the user asked for) is parsed, never given to a shell: a git
/// exchange goes to paasd over the socket (<see cref="SshGitClient"/>), any other command runs through this
/// CLI's own dispatcher. Either way paasd acts as the key's user, and refuses a key it does not know.
/// </summary>
public sealed class SshCommand : Command
{
    public const string OriginalCommandVariable = "SSH_ORIGINAL_COMMAND";

    private readonly CliContext _cli;
    private readonly Argument<string> _keyId = new("KEYID") { Description = "The SSH key's id, as paasd wrote it into authorized_keys" };
    private readonly Option<string> _socket = new("--socket") { Description = "paasd's unix socket (default: PAAS_SOCKET, else /run/paas/paasd.sock)", HelpName = "PATH" };

    public SshCommand(CliContext cli) : base("ssh-command", "Serve an SSH login (run by sshd from authorized_keys, not by hand)")
    {
        _cli = cli;
        Hidden = true;
        Arguments.Add(_keyId);
        Options.Add(_socket);
        SetAction(RunAsync);
    }

    private TextWriter Error => _cli.Console.Error;

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        try
        {
            var text = parse.GetRequiredValue(_keyId);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
                throw CliException.Usage($"KEYID '{text}' is not a key id");
            var socket = parse.GetValue(_socket);
            if (string.IsNullOrEmpty(socket)) socket = _cli.Environment("PAAS_SOCKET");
            if (string.IsNullOrEmpty(socket)) socket = PaasEndpoint.DefaultSocket;
            var endpoint = new PaasEndpoint(socket, null, null) { SshKeyId = keyId };
            var request = SshRequest.Parse(_cli.Environment(OriginalCommandVariable));

            // Asked first, so an unknown or removed key runs nothing, not even help.
            SshKeyView key;
            using (var api = new PaasApi(endpoint))
                key = await api.GetAsync<SshKeyView>(ApiRoutes.SshSessionKey, ct);

            return request switch
            {
                SshRequest.Git git => await new SshGitClient(endpoint, _cli.Console).RunAsync(git.Service, git.App, _cli.Environment("GIT_PROTOCOL"), ct),
                SshRequest.Command command => await PaasCli.RunForSshAsync([.. command.Arguments], _cli.Console, _cli.Environment, endpoint, ct),
                _ => await HelpAsync(key, endpoint, ct),
            };
        }
        catch (CliException e)
        {
            Error.ErrorLine(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    private async Task<int> HelpAsync(SshKeyView key, PaasEndpoint endpoint, CancellationToken ct)
    {
        var output = _cli.Console.Out;
        output.Header($"paas over SSH: you are {key.User} (key {key.Name})");
        output.Detail("Run a command:  ssh paas@HOST COMMAND [ARGS...]   e.g. ssh paas@HOST apps:list");
        output.Detail("Push an app:    git remote add paas paas@HOST:APP && git push paas main");
        output.Write("\n");
        return await PaasCli.RunForSshAsync(["--help"], _cli.Console, _cli.Environment, endpoint, ct);
    }
}
