using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;
using OmniErp.GraphQL.Types;
using OmniErp.GraphQL.Validation;

namespace OmniErp.GraphQL;

/// <summary>
/// Executes requests against a schema: persisted documents, document cache (parse + validate once), limits,
/// variable coercion, execution with timeout. Thread-safe; create one per schema.
/// </summary>
public sealed class GraphQLEngine
{
    private readonly ConcurrentDictionary<string, CachedDocument> _cache = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;

    public GraphQLEngine(Schema schema, GraphQLOptions? options = null, ILogger? logger = null)
    {
        Schema = schema;
        Options = options ?? new GraphQLOptions();
        _logger = logger;
    }

    public Schema Schema { get; }
    public GraphQLOptions Options { get; }

    /// <summary>Registers a trusted document and returns its id (<c>sha256:&lt;hex&gt;</c>).</summary>
    public string AddPersistedDocument(string document)
    {
        var hex = Sha256Hex(document);
        Options.PersistedDocuments[hex] = document;
        return "sha256:" + hex;
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, RequestContext? context = null, CancellationToken cancellationToken = default)
    {
        context ??= new RequestContext();
        var (query, failure) = ResolveDocumentText(request);
        if (failure is not null) return failure;

        var doc = GetOrPrepare(query!);
        if (doc.Failure is not null) return doc.Failure;

        // Operation selection (GetOperation).
        OperationDefinitionNode? op;
        if (request.OperationName is null)
        {
            if (doc.Operations.Count != 1)
                return ExecutionResult.RequestError(RequestFailure.OperationNotFound, GraphQLError.WithCode(
                    doc.Operations.Count == 0 ? "Must provide an operation." : "Must provide operation name if query contains multiple operations.", ErrorCodes.OperationNotFound));
            op = doc.Operations[0];
        }
        else
        {
            op = doc.Operations.FirstOrDefault(o => o.Name?.Value == request.OperationName);
            if (op is null)
                return ExecutionResult.RequestError(RequestFailure.OperationNotFound, GraphQLError.WithCode($"Unknown operation named \"{request.OperationName}\".", ErrorCodes.OperationNotFound));
        }
        if (context.QueriesOnly && op.Operation != OperationType.Query)
            return ExecutionResult.RequestError(RequestFailure.MutationNotAllowed,
                GraphQLError.WithCode($"Can only perform a {op.Operation.ToString().ToLowerInvariant()} operation from a POST request.", "METHOD_NOT_ALLOWED"));
        if (op.Operation == OperationType.Subscription)
            return ExecutionResult.RequestError(RequestFailure.InvalidRequest, GraphQLError.WithCode("Subscriptions are not supported over this transport.", "SUBSCRIPTIONS_NOT_SUPPORTED"));
        var rootType = Schema.RootType(op.Operation)!;

        // Variables (CoerceVariableValues).
        var variables = Variables.Coerce(Schema, op, request.Variables, out var varErrors);
        if (varErrors.Count > 0) return ExecutionResult.RequestError(RequestFailure.VariablesInvalid, [.. varErrors]);

        var opInfo = doc.GetOperationInfo(op, Schema);
        if (opInfo.RootFieldCount > Options.MaxRootFields)
            return Limit($"Operation has {opInfo.RootFieldCount} root fields, more than the limit of {Options.MaxRootFields}.");
        // Cost depends on variables only through first/last; operations without variables are costed once.
        var cost = op.VariableDefinitions.Count == 0
            ? opInfo.Cost ??= Limits.Cost(Schema, doc.Document, op, variables, Options.DefaultListSize, doc.Fragments)
            : Limits.Cost(Schema, doc.Document, op, variables, Options.DefaultListSize, doc.Fragments);
        if (cost > Options.MaxCost)
            return Limit($"Operation cost {cost} exceeds the limit of {Options.MaxCost}.");

        var planner = doc.HasVariableDirectives ? new Planner(Schema, doc.Fragments, variables) : doc.SharedPlanner;
        var rootPlans = doc.HasVariableDirectives
            ? planner.Collect(rootType, [op.SelectionSet])
            : opInfo.RootPlans ??= planner.Collect(rootType, [op.SelectionSet]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.ExecutionTimeout);
        var state = new ExecutionState(Schema, planner, context.Services, context.Items, timeout.Token) { Variables = variables, TranslateException = Options.TranslateException };
        try
        {
            var (data, errors) = await Executor.ExecuteAsync(state, rootType, rootPlans, Options.RootValue, op.Operation == OperationType.Mutation, _logger)
                .ConfigureAwait(false);
            return new ExecutionResult(data, true, errors);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = cancellationToken.IsCancellationRequested ? "Request was cancelled." : "Execution timed out.";
            return new ExecutionResult(null, true, [.. state.Errors, GraphQLError.WithCode(message, ErrorCodes.Timeout)], RequestFailure.Timeout);
        }
    }

    private static ExecutionResult Limit(string message) =>
        ExecutionResult.RequestError(RequestFailure.LimitExceeded, GraphQLError.WithCode(message, ErrorCodes.LimitExceeded));

    private (string? Query, ExecutionResult? Failure) ResolveDocumentText(GraphQLRequest request)
    {
        var id = request.DocumentId;
        if (id is null && request.Extensions is { } ext && ext.TryGetValue("persistedQuery", out var pqv)
            && pqv is IDictionary<string, object?> pq && pq.TryGetValue("sha256Hash", out var hv) && hv is string hash)
            id = hash;
        if (id is not null)
        {
            var hex = id.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? id[7..] : id;
            if (Options.PersistedDocuments.TryGetValue(hex, out var text)) return (text, null);
            if (request.Query is not null && !Options.RequirePersistedDocuments && Sha256Hex(request.Query) == hex.ToLowerInvariant())
                return (request.Query, null);
            return (null, ExecutionResult.RequestError(RequestFailure.PersistedDocumentNotFound,
                GraphQLError.WithCode("PersistedQueryNotFound", ErrorCodes.PersistedDocumentNotFound)));
        }
        if (Options.RequirePersistedDocuments)
            return (null, ExecutionResult.RequestError(RequestFailure.PersistedDocumentRequired,
                GraphQLError.WithCode("Only trusted documents are accepted: send a documentId.", ErrorCodes.PersistedDocumentRequired)));
        if (string.IsNullOrEmpty(request.Query))
            return (null, ExecutionResult.RequestError(RequestFailure.InvalidRequest, GraphQLError.WithCode("Missing query.", ErrorCodes.BadUserInput)));
        return (request.Query, null);
    }

    private CachedDocument GetOrPrepare(string query)
    {
        if (_cache.TryGetValue(query, out var cached)) return cached;
        var prepared = Prepare(query);
        if (_cache.Count >= Options.DocumentCacheSize)
        {
            // Bounded: drop an arbitrary tenth of the entries (cheap, no LRU bookkeeping on the hot path).
            foreach (var key in _cache.Keys.Take(Math.Max(1, Options.DocumentCacheSize / 10))) _cache.TryRemove(key, out _);
        }
        _cache[query] = prepared;
        return prepared;
    }

    internal int CachedDocumentCount => _cache.Count;

    private CachedDocument Prepare(string query)
    {
        DocumentNode document;
        try { document = Parser.Parse(query, Options.MaxTokens); }
        catch (GraphQLSyntaxException e)
        {
            return new CachedDocument(null!, ExecutionResult.RequestError(RequestFailure.SyntaxError,
                GraphQLError.WithCode(e.Message, ErrorCodes.SyntaxError, [e.Location])));
        }
        var errors = Validator.Validate(Schema, document, new ValidationSettings
        {
            MaxErrors = Options.MaxValidationErrors,
            Suggestions = Options.SuggestionsEnabled,
            Introspection = Options.EnableIntrospection,
            LimitIntrospectionDepth = Options.LimitIntrospectionDepth,
        });
        if (errors.Count > 0)
            return new CachedDocument(document, ExecutionResult.RequestError(RequestFailure.ValidationFailed,
                [.. errors.Select(e => GraphQLError.WithCode(e.Message, ErrorCodes.ValidationFailed, e.Locations))]));
        var depth = Limits.Depth(document);
        if (depth > Options.MaxDepth)
            return new CachedDocument(document, Limit($"Query depth {depth} exceeds the limit of {Options.MaxDepth}."));
        var aliases = Limits.AliasCount(document);
        if (aliases > Options.MaxAliases)
            return new CachedDocument(document, Limit($"Document has {aliases} aliases, more than the limit of {Options.MaxAliases}."));
        return new CachedDocument(document, null) { Schema = Schema };
    }
}

internal sealed class CachedDocument
{
    private readonly ConcurrentDictionary<OperationDefinitionNode, OperationInfo> _ops = new();

    public CachedDocument(DocumentNode document, ExecutionResult? failure)
    {
        Document = document;
        Failure = failure;
        if (failure is not null) return;
        Operations = document.Definitions.OfType<OperationDefinitionNode>().ToList();
        var frags = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var f in document.Definitions.OfType<FragmentDefinitionNode>()) frags.TryAdd(f.Name.Value, f);
        Fragments = frags;
        HasVariableDirectives = Limits.HasVariableDirectives(document);
    }

    public DocumentNode Document { get; }
    public ExecutionResult? Failure { get; }
    public IReadOnlyList<OperationDefinitionNode> Operations { get; } = [];
    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = new Dictionary<string, FragmentDefinitionNode>();
    public bool HasVariableDirectives { get; }
    public Schema? Schema { get; init; }

    private Planner? _planner;
    public Planner SharedPlanner => _planner ??= new Planner(Schema!, Fragments, null);

    public OperationInfo GetOperationInfo(OperationDefinitionNode op, Schema schema) =>
        _ops.GetOrAdd(op, o => new OperationInfo { RootFieldCount = Limits.RootFieldCount(schema, o, Fragments) });
}

internal sealed class OperationInfo
{
    public int RootFieldCount { get; init; }
    public long? Cost { get; set; }
    public FieldPlan[]? RootPlans { get; set; }
}
