using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// A small web app for deploy tests, built by the Procfile buildpack (nothing to compile): a
/// threaded Python server on $PORT answering "version=V greeting=$GREETING dyno=$DYNO", whose
/// /health answers 500 when the version is listed in UNHEALTHY (a health check that fails), /ready and
/// /live answer 500 while /tmp/unready or /tmp/dead exist in the container (checks a test makes fail with `enter`).
/// </summary>
public static class VersionedApp
{
    private const string Server = """
        #!/usr/bin/env python3
        import os, signal, sys, http.server
        HERE = os.path.dirname(os.path.abspath(__file__))
        VERSION = open(os.path.join(HERE, '..', 'VERSION')).read().strip()
        UNHEALTHY = open(os.path.join(HERE, '..', 'UNHEALTHY')).read().split()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def do_GET(self):
                if self.path == '/health':
                    status, body = (500, 'sick') if VERSION in UNHEALTHY else (200, 'ok')
                elif self.path in ('/ready', '/live'):
                    flag = '/tmp/unready' if self.path == '/ready' else '/tmp/dead'
                    status, body = (500, 'no') if os.path.exists(flag) else (200, 'ok')
                else:
                    status = 200
                    body = 'version=%s greeting=%s dyno=%s' % (VERSION, os.environ.get('GREETING', ''), os.environ.get('DYNO', ''))
                data = (body + '\n').encode()
                self.send_response(status)
                self.send_header('Content-Type', 'text/plain')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
        Server(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
        """;

    /// <summary>A repo holding version <paramref name="version"/>, committed.</summary>
    public static async Task<GitWorkRepo> CreateAsync(int version, string? appJson = null, string? moreProcfile = null)
    {
        var work = await GitWorkRepo.CreateAsync();
        try
        {
            await work.WriteAsync("Procfile", "web: bin/web\n" + moreProcfile);
            await work.WriteAsync("bin/web", Server, executable: true);
            await work.WriteAsync("UNHEALTHY", "\n");
            await SetVersionAsync(work, version, appJson);
            return work;
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    /// <summary>Commits version <paramref name="version"/> (and app.json, when given).</summary>
    public static async Task SetVersionAsync(GitWorkRepo work, int version, string? appJson = null, bool unhealthy = false)
    {
        await work.WriteAsync("VERSION", version + "\n");
        if (unhealthy) await work.WriteAsync("UNHEALTHY", version + "\n");
        if (appJson is not null) await work.WriteAsync("app.json", appJson);
        await work.CommitAsync("v" + version);
    }

    /// <summary>app.json whose web check asks /health for "ok" (Dokku's field names), fast enough for tests.</summary>
    public const string HealthCheckedAppJson = """
        {
          "healthchecks": {
            "web": [
              { "type": "startup", "name": "health", "path": "/health", "content": "ok", "attempts": 2, "wait": 1, "timeout": 2 }
            ]
          }
        }
        """;
}
