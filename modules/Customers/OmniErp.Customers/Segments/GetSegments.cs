using MediatR;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Segments;

/// <summary>RFM segments, CLV, and omnichannel against single-channel buyers, from every paid order the module has seen.</summary>
internal sealed record GetSegments : IQuery<SegmentReport>;

internal sealed class GetSegmentsHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<GetSegments, SegmentReport>
{
    public async Task<SegmentReport> Handle(GetSegments request, CancellationToken cancellationToken)
    {
        var facts = (await session.QueryAsync<Row>(
            """
            SELECT p.customer_id AS CustomerId, COUNT(*) AS Orders, SUM(p.amount - p.refunded) AS NetSpend,
                   MIN(p.paid_at) AS FirstPurchase, MAX(p.paid_at) AS LastPurchase, COUNT(DISTINCT p.channel) AS Channels
            FROM customers.purchases p
            WHERE p.currency = @Currency
            GROUP BY p.customer_id
            """, new { options.Value.Loyalty.Currency }, cancellationToken))
            .Select(r => new CustomerFacts(r.CustomerId, r.Orders, r.NetSpend, r.FirstPurchase, r.LastPurchase, r.Channels)).ToList();
        return Segmentation.Report(facts, clock.GetUtcNow());
    }

    private sealed class Row
    {
        public long CustomerId { get; init; }
        public int Orders { get; init; }
        public decimal NetSpend { get; init; }
        public DateTimeOffset FirstPurchase { get; init; }
        public DateTimeOffset LastPurchase { get; init; }
        public int Channels { get; init; }
    }
}
