using Paas.Cli;
using Paas.Cli.Console;

return await PaasCli.RunAsync(args, CliConsole.FromSystem(), Environment.GetEnvironmentVariable);
