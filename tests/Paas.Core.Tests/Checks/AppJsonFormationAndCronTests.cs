using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;

namespace Paas.Core.Tests.Checks;

public sealed class AppJsonFormationAndCronTests
{
    [Fact]
    public void Formation_AndCron_AreRead()
    {
        var app = AppJsonParser.Parse("""
            {
              "formation": { "web": { "quantity": 2, "max_parallel": 1, "size": "standard-1x" }, "worker": { "quantity": 0 } },
              "cron": [
                { "command": "bin/cleanup", "schedule": "@daily" },
                { "command": " bin/report --all ", "schedule": "*/15 9-17 * * MON-FRI", "concurrency_policy": "forbid" }
              ]
            }
            """);

        Assert.Equal(new AppJsonProcessFormation(2, 1), app.Formation["web"]);
        Assert.Equal(new AppJsonProcessFormation(0, null), app.Formation["worker"]);
        Assert.Equal(2, app.Cron.Count);
        Assert.Equal(("bin/cleanup", "@daily"), (app.Cron[0].Command, app.Cron[0].Schedule.Expression));
        Assert.Equal(("bin/report --all", "*/15 9-17 * * MON-FRI"), (app.Cron[1].Command, app.Cron[1].Schedule.Expression));
    }

    [Fact]
    public void NoFormationOrCron_IsEmpty()
    {
        var app = AppJsonParser.Parse("{}");

        Assert.Empty(app.Formation);
        Assert.Empty(app.Cron);
        Assert.Empty(app.Healthchecks);
    }

    [Theory]
    [InlineData("""{ "formation": [] }""", "formation must be an object")]
    [InlineData("""{ "formation": { "web": 2 } }""", "formation.web must be an object such as { \"quantity\": 1 }")]
    [InlineData("""{ "formation": { "web": { "quantity": -1 } } }""", "formation.web.quantity must be a whole number from 0 to 10000, not -1")]
    [InlineData("""{ "formation": { "web": { "max_parallel": 0 } } }""", "formation.web.max_parallel must be a whole number from 1 to 10000, not 0")]
    [InlineData("""{ "formation": { "WEB": { "quantity": 1 } } }""", "formation.WEB: process type 'WEB' is invalid")]
    [InlineData("""{ "cron": { "command": "x" } }""", "cron must be a list such as [{ \"command\": \"bin/cleanup\", \"schedule\": \"@daily\" }]")]
    [InlineData("""{ "cron": [ "bin/cleanup" ] }""", "cron[0] must be an object")]
    [InlineData("""{ "cron": [ { "schedule": "@daily" } ] }""", "cron[0].command must be the command to run")]
    [InlineData("""{ "cron": [ { "command": "x", "schedule": 5 } ] }""", "cron[0].schedule must be a string")]
    [InlineData("""{ "cron": [ { "command": "x" } ] }""", "cron[0].schedule: the schedule is empty")]
    [InlineData("""{ "cron": [ { "command": "x", "schedule": "@reboot" } ] }""", "cron[0].schedule: '@reboot' is not a schedule Paas knows")]
    [InlineData("""{ "cron": [ { "command": "x", "schedule": "61 * * * *" } ] }""", "cron[0].schedule: '61 * * * *': '61' is not a valid minute: use a number from 0 to 59")]
    [InlineData("""{ "cron": [ { "command": "x", "schedule": "* * * *" } ] }""", "cron[0].schedule: '* * * *' has 4 fields: a schedule has 5")]
    public void WrongValues_FailTheBuild_NamingTheField(string json, string expected)
    {
        var e = Assert.Throws<BuildFailedException>(() => AppJsonParser.Parse(json));

        Assert.Contains(expected, e.Message);
    }
}
