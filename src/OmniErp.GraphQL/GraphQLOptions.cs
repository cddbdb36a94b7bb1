namespace OmniErp.GraphQL;

/// <summary>Public-API limits and features, with safe defaults.</summary>
public sealed class GraphQLOptions
{
    /// <summary>Maximum lexical tokens per document (parser aborts beyond).</summary>
    public int MaxTokens { get; set; } = 15_000;
    /// <summary>Maximum field nesting depth (fragments expanded). The standard introspection query needs about 13.</summary>
    public int MaxDepth { get; set; } = 15;
    /// <summary>Maximum estimated cost: per field its weight (default 1 for object/list fields, 0 for leaves) plus
    /// its children's cost multiplied by the list size (<c>first</c>/<c>last</c> argument, else <see cref="DefaultListSize"/>).</summary>
    public int MaxCost { get; set; } = 20_000;
    /// <summary>Assumed list size when a list field has no <c>first</c>/<c>last</c> argument.</summary>
    public int DefaultListSize { get; set; } = 10;
    /// <summary>Maximum aliased fields per document (alias batching attacks).</summary>
    public int MaxAliases { get; set; } = 30;
    /// <summary>Maximum root fields in the executed operation.</summary>
    public int MaxRootFields { get; set; } = 20;
    /// <summary>Validation stops after this many errors.</summary>
    public int MaxValidationErrors { get; set; } = 25;
    /// <summary>Maximum nesting of <c>fields</c>/<c>interfaces</c>/<c>possibleTypes</c>/<c>inputFields</c>/<c>ofType</c> list fields in introspection.</summary>
    public bool LimitIntrospectionDepth { get; set; } = true;
    /// <summary>Execution is cancelled after this time.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Allow <c>__schema</c> and <c>__type</c>. Turn off for a public production API.</summary>
    public bool EnableIntrospection { get; set; } = true;
    /// <summary>Add "Did you mean ...?" to validation messages. Defaults to following <see cref="EnableIntrospection"/>.</summary>
    public bool? EnableSuggestions { get; set; }
    /// <summary>Parsed and validated documents kept in memory (keyed by document text).</summary>
    public int DocumentCacheSize { get; set; } = 1_000;
    /// <summary>Trusted documents by id: the key is the lowercase hex SHA-256 of the document text (with or without a <c>sha256:</c> prefix).</summary>
    public IDictionary<string, string> PersistedDocuments { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Reject documents that are not in <see cref="PersistedDocuments"/>.</summary>
    public bool RequirePersistedDocuments { get; set; }
    /// <summary>The value root resolvers see as their parent.</summary>
    public object? RootValue { get; set; }
    /// <summary>
    /// Turns an exception a resolver threw (other than <see cref="GraphQLException"/>) into a user-facing error, or
    /// returns null to leave it an unexpected error. Lets the application map its own failure type in one place.
    /// </summary>
    public Func<Exception, GraphQLException?>? TranslateException { get; set; }

    // ---- HTTP transport ----

    /// <summary>Serve GraphiQL on GET with Accept: text/html. Off by default; enable in Development only.</summary>
    public bool EnableGraphiQL { get; set; }
    /// <summary>Maximum request body in bytes (413 beyond).</summary>
    public long MaxRequestBodySize { get; set; } = 1 << 20;
    /// <summary>
    /// Runs before each HTTP request is executed: authenticate, fill <see cref="RequestContext.Items"/>,
    /// or call <see cref="RequestContext.Reject"/> to answer with an HTTP status instead.
    /// </summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, RequestContext, ValueTask>? OnRequest { get; set; }

    internal bool SuggestionsEnabled => EnableSuggestions ?? EnableIntrospection;
}
