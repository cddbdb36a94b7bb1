using Microsoft.AspNetCore.Http;

namespace OmniErp.GraphQL;

/// <summary>Serves GraphiQL from assets embedded at build time (see README: works offline, no CDN).</summary>
internal static class GraphiQL
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["graphiql.min.js"] = ("OmniErp.GraphQL.GraphiQL.graphiql.min.js", "text/javascript; charset=utf-8"),
        ["graphiql.min.css"] = ("OmniErp.GraphQL.GraphiQL.graphiql.min.css", "text/css; charset=utf-8"),
        ["react.production.min.js"] = ("OmniErp.GraphQL.GraphiQL.react.production.min.js", "text/javascript; charset=utf-8"),
        ["react-dom.production.min.js"] = ("OmniErp.GraphQL.GraphiQL.react-dom.production.min.js", "text/javascript; charset=utf-8"),
    };

    public static bool AssetsEmbedded => typeof(GraphiQL).Assembly.GetManifestResourceInfo(Assets["graphiql.min.js"].Resource) is not null;

    public static async Task WritePageAsync(HttpContext http)
    {
        var basePath = (http.Request.PathBase + http.Request.Path).Value!.TrimEnd('/');
        http.Response.ContentType = "text/html; charset=utf-8";
        if (!AssetsEmbedded)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync("<!doctype html><title>GraphiQL</title><p>GraphiQL assets were not bundled into this build. Run <code>npm ci</code> in <code>src/OmniErp.GraphQL/graphiql</code> and rebuild.</p>").ConfigureAwait(false);
            return;
        }
        var endpoint = System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(basePath);
        await http.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>GraphiQL</title>
              <link rel="stylesheet" href="{{basePath}}/graphiql/graphiql.min.css">
              <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
            </head>
            <body>
              <div id="graphiql">Loading…</div>
              <script src="{{basePath}}/graphiql/react.production.min.js"></script>
              <script src="{{basePath}}/graphiql/react-dom.production.min.js"></script>
              <script src="{{basePath}}/graphiql/graphiql.min.js"></script>
              <script>
                const fetcher = GraphiQL.createFetcher({ url: "{{endpoint}}" });
                ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher }));
              </script>
            </body>
            </html>
            """).ConfigureAwait(false);
    }

    public static async Task WriteAssetAsync(HttpContext http, string asset)
    {
        if (!Assets.TryGetValue(asset, out var a) || typeof(GraphiQL).Assembly.GetManifestResourceStream(a.Resource) is not { } stream)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await using (stream)
        {
            http.Response.ContentType = a.ContentType;
            http.Response.Headers.CacheControl = "public, max-age=86400";
            await stream.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
    }
}
