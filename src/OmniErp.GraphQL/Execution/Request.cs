using System.Buffers;
using System.Collections;
using System.Text.Json;
using OmniErp.GraphQL.Execution;
using OmniErp.GraphQL.Language;

namespace OmniErp.GraphQL;

/// <summary>A GraphQL request: document (or persisted document id), operation name, variables, extensions.</summary>
public sealed record GraphQLRequest
{
    public string? Query { get; init; }
    public string? OperationName { get; init; }
    /// <summary>Variables in JSON shape: null, bool, string, long/decimal/double, dictionaries and lists (or <c>JsonElement</c>s).</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
    /// <summary>Trusted document id (<c>sha256:&lt;hex&gt;</c> or bare hex).</summary>
    public string? DocumentId { get; init; }
}

/// <summary>Per-request state the host controls: services, items (caller's channel, customer, ...), rejection.</summary>
public sealed class RequestContext
{
    public IServiceProvider Services { get; set; } = EmptyServices.Instance;
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
    /// <summary>Set by the HTTP GET transport: mutations are refused.</summary>
    public bool QueriesOnly { get; set; }
    internal int? RejectStatus { get; private set; }
    internal string? RejectMessage { get; private set; }

    /// <summary>Answer the request with this HTTP status and a GraphQL error instead of executing it.</summary>
    public void Reject(int statusCode, string message)
    {
        RejectStatus = statusCode;
        RejectMessage = message;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}

/// <summary>Why a request failed before execution (maps to HTTP status codes).</summary>
public enum RequestFailure
{
    None, InvalidRequest, SyntaxError, ValidationFailed, VariablesInvalid, OperationNotFound,
    PersistedDocumentNotFound, PersistedDocumentRequired, LimitExceeded, MutationNotAllowed, Timeout,
}

/// <summary>The response of one request: <c>data</c> (absent for request errors), <c>errors</c>, <c>extensions</c>.</summary>
public sealed class ExecutionResult
{
    internal ExecutionResult(ResultObject? data, bool hasData, IReadOnlyList<GraphQLError> errors, RequestFailure failure = RequestFailure.None)
    {
        DataObject = data;
        HasData = hasData;
        Errors = errors;
        Failure = failure;
    }

    internal ResultObject? DataObject { get; }
    /// <summary>False for request errors: the response then has no <c>data</c> entry.</summary>
    public bool HasData { get; }
    public IReadOnlyList<GraphQLError> Errors { get; }
    public RequestFailure Failure { get; }
    public IDictionary<string, object?>? Extensions { get; set; }

    internal static ExecutionResult RequestError(RequestFailure failure, params GraphQLError[] errors) => new(null, false, errors, failure);

    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Errors.Count > 0)
        {
            w.WritePropertyName("errors");
            w.WriteStartArray();
            foreach (var e in Errors) WriteError(w, e);
            w.WriteEndArray();
        }
        if (HasData)
        {
            w.WritePropertyName("data");
            if (DataObject is null) w.WriteNullValue();
            else ResultWriter.WriteObject(w, DataObject);
        }
        if (Extensions is { Count: > 0 })
        {
            w.WritePropertyName("extensions");
            ResultWriter.WriteLeaf(w, Extensions);
        }
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, GraphQLError e)
    {
        w.WriteStartObject();
        w.WriteString("message", e.Message);
        if (e.Locations is { Count: > 0 })
        {
            w.WritePropertyName("locations");
            w.WriteStartArray();
            foreach (var l in e.Locations)
            {
                w.WriteStartObject();
                w.WriteNumber("line", l.Line);
                w.WriteNumber("column", l.Column);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (e.Path is not null)
        {
            w.WritePropertyName("path");
            w.WriteStartArray();
            foreach (var p in e.Path)
                if (p is int i) w.WriteNumberValue(i);
                else w.WriteStringValue(p.ToString());
            w.WriteEndArray();
        }
        if (e.Extensions is { Count: > 0 })
        {
            w.WritePropertyName("extensions");
            ResultWriter.WriteLeaf(w, e.Extensions);
        }
        w.WriteEndObject();
    }

    /// <summary>JSON writer settings for responses: non-ASCII text is written as UTF-8, not escaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The response as JSON text.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) WriteTo(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public override string ToString() => ToJson();
}

internal static class ResultWriter
{
    private static readonly JsonSerializerOptions Fallback = new(JsonSerializerDefaults.Web);

    public static void WriteObject(Utf8JsonWriter w, ResultObject o)
    {
        w.WriteStartObject();
        var fields = o.Fields;
        var values = o.Values;
        for (var i = 0; i < fields.Length; i++)
        {
            w.WritePropertyName(fields[i].EncodedName);
            WriteValue(w, values[i]);
        }
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); return;
            case ResultObject o: WriteObject(w, o); return;
            case ResultList l:
                w.WriteStartArray();
                foreach (var item in l.Items) WriteValue(w, item);
                w.WriteEndArray();
                return;
            default: WriteLeaf(w, v); return;
        }
    }

    public static void WriteLeaf(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); return;
            case string s: w.WriteStringValue(s); return;
            case int i: w.WriteNumberValue(i); return;
            case bool b: w.WriteBooleanValue(b); return;
            case double d: w.WriteNumberValue(d); return;
            case long l: w.WriteNumberValue(l); return;
            case decimal m: w.WriteNumberValue(m); return;
            case float f: w.WriteNumberValue(f); return;
            case DateTimeOffset dto: w.WriteStringValue(dto); return;
            case DateTime dt: w.WriteStringValue(dt); return;
            case Guid g: w.WriteStringValue(g); return;
            case JsonElement je: je.WriteTo(w); return;
            case IDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var (k, val) in map) { w.WritePropertyName(k); WriteLeaf(w, val); }
                w.WriteEndObject();
                return;
            case IEnumerable e when v is not IDictionary:
                w.WriteStartArray();
                foreach (var item in e) WriteLeaf(w, item);
                w.WriteEndArray();
                return;
            default:
                JsonSerializer.Serialize(w, v, v.GetType(), Fallback);
                return;
        }
    }
}
