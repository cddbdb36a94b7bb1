using Microsoft.Extensions.Options;
using OmniErp.GraphQL;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Kernel.Money;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Host.Storefront;

/// <summary>Storefront settings (section <c>GraphQL</c>).</summary>
public sealed class StorefrontOptions
{
    /// <summary>Serve GraphiQL at /graphql to browsers (default: Development only).</summary>
    public bool? EnableGraphiQL { get; set; }

    /// <summary>Allow introspection and suggestions (default: off in Production).</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>Only accept trusted documents registered in <see cref="PersistedDocuments"/>.</summary>
    public bool RequirePersistedDocuments { get; set; }

    public Dictionary<string, string> PersistedDocuments { get; set; } = [];
    public int MaxDepth { get; set; } = 15;
    public int MaxCost { get; set; } = 20_000;
    public int MaxAliases { get; set; } = 30;
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Composes the storefront schema from every module and serves it at /graphql.</summary>
public static class StorefrontGraph
{
    /// <summary>The one composed schema: shared scalars, then each module's types, root fields and extensions.</summary>
    public static Schema Compose(IEnumerable<IModule> modules)
    {
        var builder = new SchemaBuilder();
        SharedTypes.Register(builder);
        foreach (var module in modules.OrderBy(m => m.Order)) module.AddGraphQL(builder);
        return builder.Build();
    }

    public static void MapStorefront(this WebApplication app)
    {
        var schema = app.Services.GetRequiredService<Schema>();
        var settings = app.Services.GetRequiredService<IOptions<StorefrontOptions>>().Value;
        app.MapGraphQL("/graphql", schema, o =>
        {
            o.EnableGraphiQL = settings.EnableGraphiQL ?? app.Environment.IsDevelopment();
            o.EnableIntrospection = settings.EnableIntrospection ?? !app.Environment.IsProduction();
            o.RequirePersistedDocuments = settings.RequirePersistedDocuments;
            foreach (var (id, document) in settings.PersistedDocuments) o.PersistedDocuments[id] = document;
            o.MaxDepth = settings.MaxDepth;
            o.MaxCost = settings.MaxCost;
            o.MaxAliases = settings.MaxAliases;
            o.ExecutionTimeout = settings.ExecutionTimeout;
            o.OnRequest = AuthenticateAsync;
            o.TranslateException = GraphQLErrors.Translate;
        }).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>Channel from <c>X-Channel-Key</c> (none: the public web channel; unknown: 401), customer from the bearer token.</summary>
    private static async ValueTask AuthenticateAsync(HttpContext http, RequestContext request)
    {
        var services = http.RequestServices;
        var channels = services.GetRequiredService<IChannelDirectory>();
        var key = http.Request.Headers["X-Channel-Key"].ToString();
        var channel = string.IsNullOrEmpty(key)
            ? await channels.FindAsync(Channel.Web, http.RequestAborted)
            : await channels.FindByApiKeyAsync(key, http.RequestAborted);
        if (channel is null)
        {
            request.Reject(StatusCodes.Status401Unauthorized, string.IsNullOrEmpty(key) ? "The public web channel is not configured." : "Unknown channel key.");
            return;
        }
        request.Items[StorefrontRequest.ChannelItem] = channel;
        if (http.User.Identity?.IsAuthenticated == true) request.Items[StorefrontRequest.StaffItem] = http.User;

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var authenticator = services.GetService<ICustomerAuthenticator>();
            var customer = authenticator is null ? null : await authenticator.AuthenticateAsync(authorization[7..].Trim(), http.RequestAborted);
            if (customer is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                request.Reject(StatusCodes.Status401Unauthorized, "The bearer token is invalid or expired.");
                return;
            }
            request.Items[StorefrontRequest.CustomerItem] = customer.Value;
        }
    }
}
