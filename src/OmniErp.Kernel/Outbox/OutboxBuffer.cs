using System.Text.Json;
using OmniErp.Kernel.Data;

namespace OmniErp.Kernel.Outbox;

/// <summary>The request's outbox: events queued by handlers, written by the unit of work before it commits.</summary>
public sealed class OutboxBuffer(DbSession session, TimeProvider clock) : IOutbox
{
    private readonly List<IIntegrationEvent> _pending = [];

    public void Add(IIntegrationEvent @event) => _pending.Add(@event);

    public bool HasPending => _pending.Count > 0;

    /// <summary>Writes queued events into <c>kernel.outbox</c> on the session's open transaction.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        if (session.Transaction is null) throw new InvalidOperationException("Outbox events must be written inside a transaction.");
        var now = clock.GetUtcNow();
        // One multi-row INSERT per few hundred events (a 50,000-row catalog import publishes 50,000 events).
        await BulkInsert.RunAsync(session, "kernel.outbox", ["id", "type", "payload", "occurred_at", "attempts"],
            _pending.Select(e => new object?[] { Guid.NewGuid().ToString("N"), EventTypes.NameOf(e.GetType()), JsonSerializer.Serialize(e, e.GetType(), EventTypes.Json), now, 0 }),
            ct);
        _pending.Clear();
    }
}

/// <summary>Maps event types to stable names stored in the outbox, and back.</summary>
public static class EventTypes
{
    private static readonly Dictionary<string, Type> ByName = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public static void Register(IEnumerable<Type> types)
    {
        lock (Gate)
        {
            foreach (var t in types) ByName[NameOf(t)] = t;
        }
    }

    public static Type? Find(string name)
    {
        lock (Gate) return ByName.GetValueOrDefault(name);
    }
}
