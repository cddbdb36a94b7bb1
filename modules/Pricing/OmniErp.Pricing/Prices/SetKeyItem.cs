using MediatR;
using Microsoft.EntityFrameworkCore;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Pricing.Data;
using OmniErp.Pricing.Engine;

namespace OmniErp.Pricing.Prices;

/// <summary>
/// Flags or unflags a SKU as a key item. Flagging is refused (rule KEY_ITEM_PARITY) while the SKU has a channel price
/// other than its base price, a channel-specific scheduled price still to come, or a SKU promotion for only some channels;
/// channel prices equal to the base price are removed.
/// </summary>
internal sealed record SetKeyItem(string Sku, bool KeyItem, string ChangedBy, string Source) : ICommand<bool>;

internal sealed class SetKeyItemHandler(PricingDbContext db, DbSession session, TimeProvider clock) : IRequestHandler<SetKeyItem, bool>
{
    public async Task<bool> Handle(SetKeyItem request, CancellationToken ct)
    {
        var sku = request.Sku.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        if (session.Dialect.IsPostgres) await session.ExecuteAsync("SELECT sku FROM pricing.base_prices WHERE sku = @sku FOR UPDATE", new { sku }, ct);
        var basePrice = await db.BasePrices.SingleOrDefaultAsync(b => b.Sku == sku, ct) ?? throw AppException.NotFound("Base price of SKU", sku);
        if (basePrice.KeyItem == request.KeyItem) return false;
        if (request.KeyItem)
        {
            var errors = new List<Error>();
            var overrides = await db.ChannelPrices.Where(c => c.Sku == sku).ToListAsync(ct);
            foreach (var o in overrides.Where(o => o.Price != basePrice.Price))
                errors.Add(ParityRules.CheckChannelPrice(sku, true, basePrice.Price, o.Channel, o.Price, ChannelPolicy.Parity(o.Channel), basePrice.Currency)!);
            var schedules = await session.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pricing.scheduled_prices WHERE sku = @sku AND channel IS NOT NULL AND (valid_to IS NULL OR valid_to > @now)", new { sku, now }, ct);
            if (schedules > 0) errors.Add(ParityRules.CheckChannelSpecific(sku, true, "scheduled price")!);
            var promotions = await session.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pricing.promotions WHERE target = 'Sku' AND target_code = @sku AND channels <> '' AND (valid_to IS NULL OR valid_to > @now)", new { sku, now }, ct);
            if (promotions > 0) errors.Add(ParityRules.CheckChannelSpecific(sku, true, "promotion")!);
            if (errors.Count > 0) throw AppException.Invalid(errors);
            db.ChannelPrices.RemoveRange(overrides);
        }
        basePrice.KeyItem = request.KeyItem;
        basePrice.UpdatedAt = now;
        basePrice.UpdatedBy = request.ChangedBy;
        db.PriceChanges.Add(PriceAudit.Value("KeyItem", sku, null, (!request.KeyItem).ToString(), request.KeyItem.ToString(), now, request.ChangedBy, request.Source));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
