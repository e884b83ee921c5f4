using Paas.Cli;
using Paas.Cli.Console;

var console = CliConsole.FromSystem();
try
{
    return await PaasCli.RunAsync(args, console, Environment.GetEnvironmentVariable);
}
finally
{
    await console.Out.FlushAsync();
}
