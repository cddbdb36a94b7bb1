using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.Carts;

/// <summary>
/// Marks carts with items idle past the configured time as abandoned and raises one <see cref="CartAbandoned"/> per
/// idle spell (the mark is a conditional UPDATE, so two instances never both raise it). Activity clears the mark.
/// </summary>
internal sealed record MarkAbandonedCarts : ICommand<int>;

internal sealed class MarkAbandonedCartsHandler(DbSession session, IOutbox outbox, IOptions<CustomersOptions> options, TimeProvider clock)
    : IRequestHandler<MarkAbandonedCarts, int>
{
    public async Task<int> Handle(MarkAbandonedCarts request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var idleSince = now - options.Value.Carts.AbandonAfter;
        var marked = (await session.QueryAsync<MarkedRow>(
            """
            UPDATE customers.carts SET abandoned_at = @now
            WHERE status = 'Active' AND abandoned_at IS NULL AND updated_at < @idleSince
              AND EXISTS (SELECT 1 FROM customers.cart_lines l WHERE l.cart_id = customers.carts.id)
            RETURNING id AS CartId, customer_id AS CustomerId, updated_at AS UpdatedAt
            """, new { now, idleSince }, cancellationToken)).ToList();

        foreach (var cart in marked)
        {
            var contact = await session.QuerySingleOrDefaultAsync<ContactRow>(
                "SELECT phone AS Phone, email AS Email FROM customers.customers WHERE id = @CustomerId", new { cart.CustomerId }, cancellationToken);
            var lines = (await session.QueryAsync<LineRow>(
                "SELECT sku AS Sku, quantity AS Quantity FROM customers.cart_lines WHERE cart_id = @CartId ORDER BY sku", new { cart.CartId }, cancellationToken))
                .Select(l => new CartLineInfo(l.Sku, l.Quantity)).ToList();
            outbox.Add(new CartAbandoned(cart.CustomerId, cart.CartId, contact?.Phone, contact?.Email, lines, cart.UpdatedAt));
        }
        return marked.Count;
    }

    private sealed class MarkedRow
    {
        public long CartId { get; init; }
        public long CustomerId { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class ContactRow
    {
        public string? Phone { get; init; }
        public string? Email { get; init; }
    }

    private sealed class LineRow
    {
        public string Sku { get; init; } = "";
        public int Quantity { get; init; }
    }
}

internal sealed record AbandonedCartRow(long CartId, long CustomerId, string CustomerName, string? Phone, string Channel, int Items, DateTimeOffset UpdatedAt, DateTimeOffset AbandonedAt);

/// <summary>The back-office list of abandoned carts, most recently abandoned first.</summary>
internal sealed record ListAbandonedCarts(int Limit = 200) : IQuery<IReadOnlyList<AbandonedCartRow>>;

internal sealed class ListAbandonedCartsHandler(DbSession session) : IRequestHandler<ListAbandonedCarts, IReadOnlyList<AbandonedCartRow>>
{
    public async Task<IReadOnlyList<AbandonedCartRow>> Handle(ListAbandonedCarts request, CancellationToken cancellationToken) =>
        (await session.QueryAsync<Row>(
            """
            SELECT k.id AS CartId, c.id AS CustomerId, c.name AS CustomerName, c.phone AS Phone, k.channel AS Channel,
                   (SELECT COALESCE(SUM(l.quantity), 0) FROM customers.cart_lines l WHERE l.cart_id = k.id) AS Items,
                   k.updated_at AS UpdatedAt, k.abandoned_at AS AbandonedAt
            FROM customers.carts k JOIN customers.customers c ON c.id = k.customer_id
            WHERE k.status = 'Active' AND k.abandoned_at IS NOT NULL
            ORDER BY k.abandoned_at DESC, k.id DESC
            LIMIT @Limit
            """, new { request.Limit }, cancellationToken))
        .Select(r => new AbandonedCartRow(r.CartId, r.CustomerId, r.CustomerName, r.Phone, r.Channel, r.Items, r.UpdatedAt, r.AbandonedAt)).ToList();

    private sealed class Row
    {
        public long CartId { get; init; }
        public long CustomerId { get; init; }
        public string CustomerName { get; init; } = "";
        public string? Phone { get; init; }
        public string Channel { get; init; } = "";
        public int Items { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset AbandonedAt { get; init; }
    }
}

internal sealed class AbandonedCartSweeper(IServiceScopeFactory scopes, IOptions<CustomersOptions> options, ILogger<AbandonedCartSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Carts.SweepInterval;
        if (interval <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MarkAbandonedCarts(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Abandoned-cart sweep failed; retrying at the next interval");
            }
        }
    }
}
