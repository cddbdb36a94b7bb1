using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Quotes;

namespace OmniErp.Pricing.Promotions;

internal sealed record ListPromotions : IQuery<IReadOnlyList<PromotionListRow>>;

internal sealed record PromotionListRow(PriceBookLoader.PromotionRow Promotion, string Coupons);

internal sealed class ListPromotionsHandler(DbSession session) : IRequestHandler<ListPromotions, IReadOnlyList<PromotionListRow>>
{
    public async Task<IReadOnlyList<PromotionListRow>> Handle(ListPromotions request, CancellationToken ct)
    {
        var promotions = await session.QueryAsync<PriceBookLoader.PromotionRow>($"SELECT {PriceBookLoader.PromotionColumns} FROM pricing.promotions ORDER BY priority, code", ct: ct);
        var coupons = (await session.QueryAsync<(long PromotionId, string Code, long? Limit, long Used)>(
            "SELECT promotion_id, code, usage_limit, used_count FROM pricing.coupons ORDER BY code", ct: ct)).ToLookup(c => c.PromotionId);
        return promotions.Select(p => new PromotionListRow(p, string.Join(", ", coupons[p.Id].Select(c => $"{c.Code} ({c.Used}/{(c.Limit?.ToString() ?? "∞")})")))).ToList();
    }
}
