using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OmniErp.GraphQL.Execution;

namespace OmniErp.GraphQL;

/// <summary>GraphQL over HTTP (graphql/graphql-over-http): POST application/json, GET for queries, optional GraphiQL.</summary>
public static class GraphQLEndpointExtensions
{
    /// <summary>Maps GET and POST <paramref name="pattern"/> to a GraphQL endpoint for <paramref name="schema"/>.</summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern, Schema schema, Action<GraphQLOptions>? configure = null)
    {
        var options = new GraphQLOptions();
        configure?.Invoke(options);
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("OmniErp.GraphQL");
        return endpoints.MapGraphQL(pattern, new GraphQLEngine(schema, options, logger));
    }

    /// <summary>Maps <paramref name="pattern"/> to an existing engine (share one engine between endpoints or tests).</summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern, GraphQLEngine engine)
    {
        var handler = new GraphQLHttpHandler(engine);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("/graphiql/{asset}", handler.ServeAssetAsync);
        return endpoints.Map(pattern, handler.HandleAsync);
    }
}

internal sealed class GraphQLHttpHandler(GraphQLEngine engine)
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";
    private readonly GraphQLOptions _options = engine.Options;

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var isGet = HttpMethods.IsGet(method);
        if (!isGet && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, POST";
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (isGet && _options.EnableGraphiQL && AcceptsHtml(http.Request) && string.IsNullOrEmpty(http.Request.Query["query"]))
        {
            await GraphiQL.WritePageAsync(http).ConfigureAwait(false);
            return;
        }
        var mediaType = Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            return;
        }

        GraphQLRequest request;
        try
        {
            var (parsed, status, message) = isGet ? ReadGet(http.Request) : await ReadPostAsync(http).ConfigureAwait(false);
            if (parsed is null)
            {
                await WriteRequestErrorAsync(http, status, message!, mediaType, jsonBody: status is 400 or 413 && mediaType == Json).ConfigureAwait(false);
                return;
            }
            request = parsed;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var context = new RequestContext { Services = http.RequestServices, QueriesOnly = isGet };
        if (_options.OnRequest is { } hook)
        {
            await hook(http, context).ConfigureAwait(false);
            if (context.RejectStatus is { } rejectStatus)
            {
                var body = ExecutionResult.RequestError(RequestFailure.InvalidRequest, GraphQLError.WithCode(context.RejectMessage ?? "Request rejected.", rejectStatus == 401 ? "UNAUTHENTICATED" : "FORBIDDEN"));
                await WriteAsync(http, body, rejectStatus, mediaType).ConfigureAwait(false);
                return;
            }
        }

        var result = await engine.ExecuteAsync(request, context, http.RequestAborted).ConfigureAwait(false);
        if (result.Failure == RequestFailure.MutationNotAllowed)
        {
            http.Response.Headers.Allow = "POST";
            await WriteAsync(http, result, StatusCodes.Status405MethodNotAllowed, mediaType).ConfigureAwait(false);
            return;
        }
        // Malformed parameters (no document at all) are 400 for every media type; document, validation and variable
        // failures are 400 under graphql-response+json and 200 under legacy application/json (GraphQL over HTTP).
        var statusCode = result.Failure == RequestFailure.InvalidRequest || (!result.HasData && mediaType == GraphQLResponseJson)
            ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(http, result, statusCode, mediaType).ConfigureAwait(false);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var list) && list.Any(m => m.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> NegotiationCache = new(StringComparer.Ordinal);

    /// <summary>graphql-response+json when asked for; application/json for legacy clients, */* and no Accept.</summary>
    internal static string? Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count != 1) return NegotiateUncached(accept);
        var key = accept[0]!;
        if (NegotiationCache.TryGetValue(key, out var cached)) return cached;
        var result = NegotiateUncached(accept);
        if (NegotiationCache.Count < 256 && key.Length < 512) NegotiationCache[key] = result;
        return result;
    }

    private static string? NegotiateUncached(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString())) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var list)) return Json;
        string? best = null;
        double bestQ = -1;
        foreach (var m in list.OrderByDescending(m => m.Quality ?? 1))
        {
            var q = m.Quality ?? 1;
            if (q <= 0) continue;
            var type = m.MediaType.Value?.ToLowerInvariant();
            string? candidate = type switch
            {
                GraphQLResponseJson => GraphQLResponseJson,
                Json => Json,
                "application/*" or "*/*" => Json,
                _ => null,
            };
            if (candidate is null) continue;
            if (q > bestQ || (q == bestQ && candidate == GraphQLResponseJson && best != GraphQLResponseJson)) { best = candidate; bestQ = q; }
        }
        return best;
    }

    private static (GraphQLRequest?, int, string?) ReadGet(HttpRequest r)
    {
        var q = r.Query;
        string? Param(string name) => q.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
        var query = Param("query");
        var documentId = Param("documentId");
        IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
        if (Param("variables") is { } vs)
        {
            if (!TryParseObject(vs, out variables)) return (null, 400, "The \"variables\" parameter must be a JSON object.");
        }
        if (Param("extensions") is { } es)
        {
            if (!TryParseObject(es, out extensions)) return (null, 400, "The \"extensions\" parameter must be a JSON object.");
        }
        return (new GraphQLRequest { Query = query, OperationName = Param("operationName"), Variables = variables, Extensions = extensions, DocumentId = documentId }, 200, null);
    }

    private static bool TryParseObject(string json, out IReadOnlyDictionary<string, object?>? value)
    {
        value = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Null) return true;
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            value = (Dictionary<string, object?>)ValueCoercion.FromJson(doc.RootElement)!;
            return true;
        }
        catch (JsonException) { return false; }
    }

    private async Task<(GraphQLRequest?, int, string?)> ReadPostAsync(HttpContext http)
    {
        var r = http.Request;
        if (string.IsNullOrEmpty(r.ContentType) || !MediaTypeHeaderValue.TryParse(r.ContentType, out var ct))
            return (null, StatusCodes.Status415UnsupportedMediaType, "Missing Content-Type: send application/json.");
        if (!ct.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
            return (null, StatusCodes.Status415UnsupportedMediaType, $"Unsupported Content-Type \"{ct.MediaType}\": send application/json.");
        if (r.ContentLength > _options.MaxRequestBodySize) return (null, StatusCodes.Status413PayloadTooLarge, "Request body too large.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = _options.MaxRequestBodySize;
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(r.Body, default, http.RequestAborted).ConfigureAwait(false); }
        catch (JsonException) { return (null, 400, "The request body is not valid JSON."); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, 400, "The request body must be a JSON object.");
            string? query = null, operationName = null, documentId = null;
            IReadOnlyDictionary<string, object?>? variables = null, extensions = null;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "query":
                        if (p.Value.ValueKind == JsonValueKind.String) query = p.Value.GetString();
                        else if (p.Value.ValueKind != JsonValueKind.Null) return (null, 400, "The \"query\" parameter must be a string.");
                        break;
                    case "operationName":
                        if (p.Value.ValueKind == JsonValueKind.String) operationName = p.Value.GetString();
                        else if (p.Value.ValueKind != JsonValueKind.Null) return (null, 400, "The \"operationName\" parameter must be a string.");
                        break;
                    case "documentId":
                        if (p.Value.ValueKind == JsonValueKind.String) documentId = p.Value.GetString();
                        else if (p.Value.ValueKind != JsonValueKind.Null) return (null, 400, "The \"documentId\" parameter must be a string.");
                        break;
                    case "variables":
                        if (p.Value.ValueKind == JsonValueKind.Object) variables = (Dictionary<string, object?>)ValueCoercion.FromJson(p.Value)!;
                        else if (p.Value.ValueKind != JsonValueKind.Null) return (null, 400, "The \"variables\" parameter must be an object.");
                        break;
                    case "extensions":
                        if (p.Value.ValueKind == JsonValueKind.Object) extensions = (Dictionary<string, object?>)ValueCoercion.FromJson(p.Value)!;
                        else if (p.Value.ValueKind != JsonValueKind.Null) return (null, 400, "The \"extensions\" parameter must be an object.");
                        break;
                }
            }
            return (new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions, DocumentId = documentId }, 200, null);
        }
    }

    private static Task WriteRequestErrorAsync(HttpContext http, int status, string message, string mediaType, bool jsonBody)
    {
        var result = ExecutionResult.RequestError(RequestFailure.InvalidRequest, GraphQLError.WithCode(message, ErrorCodes.BadUserInput));
        return WriteAsync(http, result, status, status is 400 ? mediaType : Json);
    }

    private static async Task WriteAsync(HttpContext http, ExecutionResult result, int status, string mediaType)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        using (var w = new Utf8JsonWriter(http.Response.BodyWriter, ExecutionResult.WriterOptions)) result.WriteTo(w);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public Task ServeAssetAsync(HttpContext http, string asset) => _options.EnableGraphiQL
        ? GraphiQL.WriteAssetAsync(http, asset)
        : Task.FromResult(http.Response.StatusCode = StatusCodes.Status404NotFound);
}
