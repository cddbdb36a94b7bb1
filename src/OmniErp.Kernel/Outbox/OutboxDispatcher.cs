using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniErp.Kernel.Data;

namespace OmniErp.Kernel.Outbox;

/// <summary>
/// Drains <c>kernel.outbox</c>: claims a batch with a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so
/// several instances never take the same row), delivers each event to every handler once (the inbox remembers
/// deliveries), and marks it processed. A crash after commit and before dispatch leaves the row unprocessed; its
/// lease lapses and any instance delivers it later.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, DbConnectionFactory connections, TimeProvider clock, ILogger<OutboxDispatcher> log)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    public const int MaxAttempts = 10;
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Delivers up to <paramref name="batchSize"/> events; returns how many were processed.</summary>
    public async Task<int> DispatchBatchAsync(int batchSize = 50, CancellationToken ct = default)
    {
        var claimed = await ClaimAsync(batchSize, ct);
        foreach (var row in claimed) await DeliverAsync(row, ct);
        return claimed.Count;
    }

    private async Task<List<OutboxRow>> ClaimAsync(int batchSize, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(ct);
        var now = clock.GetUtcNow();
        var rows = (await session.QueryAsync<OutboxRow>(
            $"""
            UPDATE kernel.outbox SET locked_by = @Instance, locked_until = @Until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM kernel.outbox
                WHERE processed_at IS NULL AND attempts < @MaxAttempts AND (locked_until IS NULL OR locked_until < @Now)
                ORDER BY occurred_at, id
                LIMIT @BatchSize{session.Dialect.ForUpdateSkipLocked})
            RETURNING id AS Id, type AS Type, payload AS Payload, attempts AS Attempts
            """,
            new { Instance = _instance, Until = now + Lease, Now = now, BatchSize = batchSize, MaxAttempts },
            ct)).ToList();
        await session.CommitAsync(ct);
        return rows;
    }

    private async Task DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        var type = EventTypes.Find(row.Type);
        if (type is null)
        {
            await MarkAsync(row.Id, $"Unknown event type {row.Type}", processed: true, ct);
            log.LogError("Outbox event {Id} has unknown type {Type}; marked processed with an error", row.Id, row.Type);
            return;
        }

        var @event = (INotification)JsonSerializer.Deserialize(row.Payload, type, EventTypes.Json)!;
        var handlerType = typeof(INotificationHandler<>).MakeGenericType(type);
        string? error = null;
        using (var probe = scopes.CreateScope())
        {
            var handlerCount = probe.ServiceProvider.GetServices(handlerType).Count();
            for (var i = 0; i < handlerCount; i++)
            {
                try
                {
                    await DeliverToHandlerAsync(row.Id, @event, handlerType, i, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    error = ex.Message;
                    log.LogError(ex, "Outbox event {Id} ({Type}) failed in handler #{Index}, attempt {Attempt}", row.Id, row.Type, i, row.Attempts);
                }
            }
        }

        // A failed handler leaves the event for a retry after the lease; handlers that succeeded are in the inbox and skip it.
        await MarkAsync(row.Id, error, processed: error is null, ct);
    }

    private async Task DeliverToHandlerAsync(string messageId, INotification @event, Type handlerType, int index, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices(handlerType).ElementAt(index)!;
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await session.BeginAsync(ct);
        var inserted = await session.ExecuteAsync(
            "INSERT INTO kernel.inbox (message_id, handler, processed_at) VALUES (@Id, @Handler, @Now) ON CONFLICT DO NOTHING",
            new { Id = messageId, Handler = handler.GetType().FullName, Now = clock.GetUtcNow() }, ct);
        if (inserted == 0)
        {
            await session.RollbackAsync();
            return;
        }

        await (Task)handlerType.GetMethod("Handle")!.Invoke(handler, [@event, ct])!;
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxBuffer>();
        await outbox.FlushAsync(ct);
        await session.CommitAsync(ct);
    }

    private async Task MarkAsync(string id, string? error, bool processed, CancellationToken ct)
    {
        await using var session = new DbSession(connections);
        // A failed event waits a little before the next attempt instead of spinning.
        var retryAt = processed ? (DateTimeOffset?)null : clock.GetUtcNow() + TimeSpan.FromSeconds(5);
        await session.ExecuteAsync(
            "UPDATE kernel.outbox SET processed_at = @ProcessedAt, last_error = @Error, locked_by = NULL, locked_until = @RetryAt WHERE id = @Id",
            new { Id = id, Error = error, ProcessedAt = processed ? clock.GetUtcNow() : (DateTimeOffset?)null, RetryAt = retryAt }, ct);
    }

    private sealed class OutboxRow
    {
        public string Id { get; init; } = "";
        public string Type { get; init; } = "";
        public string Payload { get; init; } = "";
        public long Attempts { get; init; }
    }
}
