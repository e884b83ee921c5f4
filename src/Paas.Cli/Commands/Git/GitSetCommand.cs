using System.CommandLine;
using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Git;

public sealed class GitSetCommand : PaasCommand
{
    private readonly Argument<string> _app = CommonSymbols.App();
    private readonly Argument<string> _key = new("KEY") { Description = "The setting: deploy-branch" };
    private readonly Argument<string?> _value = new("VALUE")
    {
        Description = "The new value; none unsets it (the deploy branch is then main, or master when the repo has no main)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public GitSetCommand(CliContext cli) : base(cli, "git:set", "Set or unset an app's git setting (deploy-branch)")
    {
        Arguments.Add(_app);
        Arguments.Add(_key);
        Arguments.Add(_value);
    }

    protected override async Task ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        var app = parse.GetRequiredValue(_app);
        var key = parse.GetRequiredValue(_key);
        var value = parse.GetValue(_value);
        var report = await Api.PutAsync<GitSettingRequest, GitReport>(ApiRoutes.GitSetting(app, key), new GitSettingRequest(value), ct);
        Out.Step(value is null
            ? $"Unset {key}; the deploy branch of {app} is {report.DeployBranch}"
            : $"Set {key} to {value} for {app}");
    }
}
